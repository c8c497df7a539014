"""INT007 conflict markers: no file holds an unresolved git merge conflict.

A line starting with seven `<`, `=`, `>` or `|` is what git leaves behind when a
merge could not be finished. Every such line is reported, so all the places to
resolve are listed at once.

Why: integrity. Half-merged files hold two versions of the truth; the store
refuses to read or write them.

Passes:

    # actions.yaml
    - id: A1
      status: done

Fails:

    # actions.yaml
    - id: A1
    <<<<<<< HEAD
      status: done
    =======
      status: cancelled
    >>>>>>> theirs
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli.store.refusals import CONFLICT_MARKER
from safecli.validation.rules.base import ERROR, KINDS, CaseView, Finding, Rule


def check(view: CaseView) -> Iterator[Finding]:
    for kind in KINDS:
        text = view.texts.get(kind)
        if text is None or kind not in view.refusals:
            continue
        for match in CONFLICT_MARKER.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            yield view.file_finding(
                RULE,
                kind,
                f"git conflict marker {match.group(1)!r}: this file was not "
                "merged; keep the right version and delete the markers",
                line,
                1,
            )


RULE = Rule(
    code="INT007",
    severity=ERROR,
    principle="integrity",
    summary="no unresolved git conflict markers",
    check=check,
    doc=__doc__ or "",
)
