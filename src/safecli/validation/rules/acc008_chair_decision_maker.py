"""ACC008 chair not decision maker: in a best-interests meeting, the chair is not the decision maker.

For meeting types whose pack entry says so (`chair_not_decision_maker: true`:
best interests), the `chair` and the `decision_maker` are different people.
Cancelled meetings are not checked.

Why: Accountability (LLR guide, best interests meetings: best practice is that
the chair is not the decision maker, so the decision is tested by someone
independent of it).

Passes:

    # meetings.yaml
    - id: M1
      type: best-interests
      chair: {agency: asc, name: Sam Patel}
      decision_maker: {agency: health, name: Dr Ravi Menon}
      status: planned

Fails:

    # meetings.yaml
    - id: M1
      type: best-interests
      chair: {agency: health, name: Dr Ravi Menon}
      decision_maker: {agency: health, name: Dr Ravi Menon}
      status: planned
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli.validation.rules.base import WARNING, CaseView, Finding, Rule, record_id
from safecli.validation.rules.records import convened, person


def check(view: CaseView) -> Iterator[Finding]:
    for index, meeting in convened(view):
        mt = view.meeting_type(meeting)
        if mt is None or not mt.chair_not_decision_maker:
            continue
        chair = person(meeting.get("chair"))
        if chair is not None and chair == person(meeting.get("decision_maker")):
            yield view.finding(
                RULE,
                "meetings",
                (index, "chair"),
                f"{record_id(meeting)} "
                f"({mt.id}): the chair is also the decision maker; best practice "
                "is an independent chair",
            )


RULE = Rule(
    code="ACC008",
    severity=WARNING,
    principle="accountability",
    summary="best interests: the chair is not the decision maker",
    check=check,
    doc=__doc__ or "",
)
