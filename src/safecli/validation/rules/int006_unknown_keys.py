"""INT006 unknown keys: every key is one safecli knows, with "did you mean" for near misses.

safecli keeps keys it does not know when it rewrites a file, so a typo such as
`purpse:` is never lost, but nothing reads it either: the purpose would look
unrecorded. Each unknown key is reported at the key, with the closest known key
of that record when there is one (`safecli schema` lists them all).

Why: integrity. A misspelt key is a record that silently is not there.

Passes:

    # meetings.yaml
    - id: M1
      type: professionals
      status: planned
      purpose: Agree who visits next week.

Fails:

    # meetings.yaml
    - id: M1
      type: professionals
      status: planned
      purpse: Agree who visits next week.     # did you mean 'purpose'?
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli.validation.rules.base import ERROR, CaseView, Finding, Rule
from safecli.validation.rules.records import shape_problems


def check(view: CaseView) -> Iterator[Finding]:
    for kind, problem in shape_problems(view, "unknown-key"):
        yield view.finding(RULE, kind, problem.keys, problem.message)


RULE = Rule(
    code="INT006",
    severity=ERROR,
    principle="integrity",
    summary="no unknown keys (with a suggestion for near misses)",
    check=check,
    doc=__doc__ or "",
)
