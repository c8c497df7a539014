"""WAV001 waiver reason: every waiver gives its reason.

A waiver comment (`# safecli: waive CODE -- reason`) must say, after `--`, why
the standard is not met for that record, and preferably who decided and when.
A waiver with no reason waives nothing: the finding it meant to waive is still
reported.

Why: Accountability. A waived standard is a decision about an adult at risk; it
has to be defensible, so the record says why it was taken.

Passes:

    # meetings.yaml
    # safecli: waive EMP002 -- she asked not to be invited; recorded by Sam Patel on 2026-11-03
    - id: M1

Fails:

    # meetings.yaml
    # safecli: waive EMP002
    - id: M1
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli.validation.rules import waivers
from safecli.validation.rules.base import KINDS, WARNING, CaseView, Finding, Rule


def check(view: CaseView) -> Iterator[Finding]:
    for kind in KINDS:
        text = view.texts.get(kind)
        for waiver in waivers.scan(text) if text else ():
            if waiver.codes and not waiver.reason:
                yield view.file_finding(
                    RULE,
                    kind,
                    f"waiver of {', '.join(waiver.codes)} has "
                    "no reason: write '-- why, who decided, when' after "
                    "the codes; until then nothing is waived",
                    waiver.line,
                    waiver.column,
                )


RULE = Rule(
    code="WAV001",
    severity=WARNING,
    principle="accountability",
    summary="every waiver comment gives its reason (a waiver without one waives nothing)",
    check=check,
    doc=__doc__ or "",
)
