"""EMP002 adult invited: the adult (or their representative) is invited, or the reason is recorded.

Every meeting that is not cancelled has `adult.invited: true`, or a
`not_invited_reason`. Meeting types whose policy says the adult is not usually
invited (`invite.adult: not-usual` in the pack: professionals, MARAC, MAPPA,
JAG) are not checked.

Why: Empowerment (multi-agency S42 strategy guidance). The adult and relevant
others are told a meeting is happening and invited to it; when they are not
invited, the reasons are recorded.

Passes:

    # meetings.yaml
    - id: M1
      type: s42-strategy
      status: planned
      adult:
        invited: false
        not_invited_reason: Called at an hour's notice; the social worker visits her today.

Fails:

    # meetings.yaml
    - id: M1
      type: s42-strategy
      status: planned
      adult:
        invited: false
        not_invited_reason: null
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli.raw import filled, mapping
from safecli.validation.rules.base import WARNING, CaseView, Finding, Rule, record_id
from safecli.validation.rules.records import meetings


def check(view: CaseView) -> Iterator[Finding]:
    for index, meeting in meetings(view):
        mt = view.meeting_type(meeting)
        if mt is None or mt.invite.adult == "not-usual":
            continue
        adult = mapping(meeting.get("adult"))
        if adult.get("invited") is True or filled(adult.get("not_invited_reason")):
            continue
        yield view.finding(
            RULE,
            "meetings",
            (index, "adult"),
            f"{record_id(meeting)}: the "
            "adult is not invited and no reason is recorded "
            "(adult.not_invited_reason)",
        )


RULE = Rule(
    code="EMP002",
    severity=WARNING,
    principle="empowerment",
    summary="the adult (or representative) is invited, or the reason is recorded",
    check=check,
    doc=__doc__ or "",
)
