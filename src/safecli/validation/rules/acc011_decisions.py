"""ACC011 decisions: the minutes of a held meeting record what it decided.

- The minutes of a held meeting whose type must record decisions (the policy
  pack's `must_record` has `decisions`: s42 meetings, s126 strategy,
  professionals meetings, best interests, CPA and JAG) have at least one
  decision (`minutes.decisions`). This case's part of a meeting recorded in
  another case is checked in the case where the meeting was recorded.

Why: Accountability (multi-agency S42 strategy guidance: the record shows what
was agreed and by whom; safeguarding adults reviews repeatedly find meetings
whose minutes do not say what was decided, so no one can be held to it).

Passes:

    # meetings.yaml (minutes of a held meeting)
      decisions:
        - A section 42 enquiry will be made, led by Adult Social Care

Fails:

    # meetings.yaml (minutes of a held meeting)
      decisions: []
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli.raw import filled, items
from safecli.validation.rules.base import WARNING, CaseView, Finding, Rule, record_id
from safecli.validation.rules.records import convened_held


def check(view: CaseView) -> Iterator[Finding]:
    for index, meeting, minutes in convened_held(view):
        mt = view.meeting_type(meeting)
        if mt is None or "decisions" not in mt.must_record:
            continue
        if not any(filled(decision) for decision in items(minutes.get("decisions"))):
            yield view.finding(
                RULE,
                "meetings",
                (index, "minutes", "decisions"),
                f"the minutes of {record_id(meeting)} ({mt.id}) record no decision "
                "(minutes.decisions)",
            )


RULE = Rule(
    code="ACC011",
    severity=WARNING,
    principle="accountability",
    summary="the minutes of a held meeting record its decisions",
    check=check,
    doc=__doc__ or "",
)
