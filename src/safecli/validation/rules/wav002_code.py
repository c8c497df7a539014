"""WAV002 waiver code: a waiver names standards that exist and can be waived.

A waiver comment names one or more rule codes (`EMP002`, `PAR001, ACC004`). A
code that is not a rule, or an integrity code (INT…: a broken file, id or
reference is fixed, not waived), is reported, and the waiver does nothing for it.

Why: Accountability. A waiver that cannot apply hides nothing but misleads the
reader into thinking a decision was taken.

Passes:

    # actions.yaml
    - id: A1                      # safecli: waive ACC003 -- due date set at next week's review

Fails:

    # actions.yaml
    - id: A1                      # safecli: waive INT003 -- will add the agency later
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli.validation.rules import waivers
from safecli.validation.rules.base import KINDS, WARNING, CaseView, Finding, Rule


def check(view: CaseView) -> Iterator[Finding]:
    for kind in KINDS:
        text = view.texts.get(kind)
        for waiver in waivers.scan(text) if text else ():
            if not waiver.codes:
                yield view.file_finding(
                    RULE,
                    kind,
                    "waiver names no rule code: write '# safecli: waive CODE -- reason'",
                    waiver.line,
                    waiver.column,
                )
            for code in waiver.codes:
                if code not in view.context.waivable:
                    what = (
                        "integrity findings cannot be waived; fix the file"
                        if code.startswith(("INT", "WAV"))
                        else "no rule has this code (see safecli rules)"
                    )
                    yield view.file_finding(
                        RULE, kind, f"cannot waive {code}: {what}", waiver.line, waiver.column
                    )


RULE = Rule(
    code="WAV002",
    severity=WARNING,
    principle="accountability",
    summary="a waiver names existing standards (integrity cannot be waived)",
    check=check,
    doc=__doc__ or "",
)
