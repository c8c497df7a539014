"""ACC002 purpose: the purpose of every meeting is recorded.

Every meeting that is not cancelled has a `purpose`.

Why: Accountability (multi-agency S42 strategy guidance: the chair sets out the
purpose clearly; LLR guide: every multi-agency meeting needs clarity of purpose).

Passes:

    # meetings.yaml
    - id: M1
      type: professionals
      status: planned
      purpose: Agree who visits next week and how we share news.

Fails:

    # meetings.yaml
    - id: M1
      type: professionals
      status: planned
      purpose: null
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli.raw import filled
from safecli.validation.rules.base import WARNING, CaseView, Finding, Rule, record_id
from safecli.validation.rules.records import convened


def check(view: CaseView) -> Iterator[Finding]:
    for index, meeting in convened(view):
        if not filled(meeting.get("purpose")):
            yield view.finding(
                RULE,
                "meetings",
                (index, "purpose"),
                f"{record_id(meeting)}: the purpose of the meeting is not recorded",
            )


RULE = Rule(
    code="ACC002",
    severity=WARNING,
    principle="accountability",
    summary="the purpose of the meeting is recorded",
    check=check,
    doc=__doc__ or "",
)
