"""ACC001 chair: a meeting is chaired by an agency of the kind its type requires.

Where the policy pack limits who chairs a type (`chaired_by` is not `[any]`),
the meeting names a chair whose agency's kind is one of those: s42 strategy
meetings, conferences and reviews and s126 strategy discussions are chaired by
the local authority; MDTs by health, CPA reviews by mental health, MAPPA by
police or probation, JAGs by the local authority or police. Cancelled meetings
are not checked.

Severity: error.

Why: Accountability (multi-agency S42 strategy guidance: S42 strategy meetings
are always chaired by the local authority, which sets out their purpose; LLR
guide: who can set up each meeting).

Passes:

    # agencies.yaml: asc is kind local-authority
    # meetings.yaml
    - id: M1
      type: s42-strategy
      chair: {agency: asc, name: Sam Patel}
      status: planned

Fails:

    # agencies.yaml: police is kind police
    # meetings.yaml
    - id: M1
      type: s42-strategy
      chair: {agency: police, name: DC Lee Jones}
      status: planned
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli.policy.pack import ANY
from safecli.shape import AGENCY, shown
from safecli.validation.rules.base import ERROR, CaseView, Finding, Rule, record_id
from safecli.validation.rules.records import agency_kinds, convened, person


def check(view: CaseView) -> Iterator[Finding]:
    kinds = agency_kinds(view)
    for index, meeting in convened(view):
        mt = view.meeting_type(meeting)
        if mt is None or ANY in mt.chaired_by:
            continue
        allowed = " or ".join(mt.chaired_by)
        chair = person(meeting.get("chair"))
        if chair is None:
            yield view.finding(
                RULE,
                "meetings",
                (index, "chair"),
                f"chair: {record_id(meeting)} ({mt.id}) names no chair; it must be chaired by "
                f"{allowed}",
            )
            continue
        kind = kinds.get(chair.agency)
        if kind is not None and not mt.is_chaired_by(kind):
            yield view.finding(
                RULE,
                "meetings",
                (index, "chair"),
                f"chair: {record_id(meeting)} ({mt.id}) must be chaired by {allowed}; "
                f"the chair is from {shown(chair.agency, AGENCY, 'handle')} "
                f"(kind {shown(kind, AGENCY, 'kind')})",
            )


RULE = Rule(
    code="ACC001",
    severity=ERROR,
    principle="accountability",
    summary="meetings are chaired by the kind of agency their type requires (s42: LA)",
    check=check,
    doc=__doc__ or "",
)
