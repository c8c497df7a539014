"""INT004 choices: every value from a fixed list is one of that list.

The lists: case status, jurisdiction, engagement, risk level, abuse type (the
Welsh procedures add five, valid only for a case in Wales), capacity outcome,
outcomes achieved, agency kind, meeting type (the book's policy pack: `safecli
meeting types`; a type of the other jurisdiction, such as s42-strategy in a case
in Wales, is reported with the type to use instead), meeting format, mode and
status, invitee response, action status. A near miss gets a "did you mean".

Why: integrity. Every other check, and every digest, reads these words; a
misspelt status is a meeting that silently drops out of the plan.

Passes:

    # actions.yaml
    - id: A1
      status: done

Fails:

    # actions.yaml
    - id: A1
      status: finished            # open, done or cancelled
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli.validation.rules.base import ERROR, CaseView, Finding, Rule
from safecli.validation.rules.records import shape_problems


def check(view: CaseView) -> Iterator[Finding]:
    for kind, problem in shape_problems(view, "choice"):
        yield view.finding(RULE, kind, problem.keys, problem.message, at_value=True)


RULE = Rule(
    code="INT004",
    severity=ERROR,
    principle="integrity",
    summary="values from a fixed list (statuses, kinds, types…) are valid",
    check=check,
    doc=__doc__ or "",
)
