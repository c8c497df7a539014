"""ACC005 minutes shared: the minutes go to every agency that attended or was invited.

For every held meeting, each agency of an attendee or an invitee (whether or not
they came) appears in `minutes.shared` with the date the minutes were sent. The
minutes are due within the book's `digest.minutes_share_days` of the meeting
(safecli.yaml, default 5): until then a missing agency is not reported (this
depends on today: use `--as-of`), as the digest does.

Why: Accountability (multi-agency S42 strategy guidance: the meeting is logged
and shared with all attendees; Derby and Derbyshire guidance: every agency
involved receives a copy of the plan or minutes; East Sussex briefing: agencies
that could not attend learn what was decided and what they must do).

Passes:

    # meetings.yaml (a held meeting; police and gp invited)
      minutes:
        shared:
          - {agency: police, shared_on: 2026-11-11}
          - {agency: gp, shared_on: 2026-11-11}

Fails:

    # meetings.yaml (a held meeting; police and gp invited)
      minutes:
        shared:
          - {agency: police, shared_on: 2026-11-11}
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from safecli.raw import day, items, mapping
from safecli.shape import AGENCY, shown
from safecli.validation.rules.base import WARNING, CaseView, Finding, Rule, record_id
from safecli.validation.rules.records import convened_held, people, person


def check(view: CaseView) -> Iterator[Finding]:
    for index, meeting, minutes in convened_held(view):
        expected: dict[str, None] = {}
        for _, who in people(minutes.get("attendees")):
            expected[who.agency] = None
        for entry in items(meeting.get("invitees")):
            invitee = person(mapping(entry).get("person"))
            if invitee is not None:
                expected[invitee.agency] = None
        shared = {str(mapping(s).get("agency")) for s in items(minutes.get("shared"))}
        missing = [agency for agency in expected if agency not in shared]
        if not missing:
            continue
        days = view.context.config.digest.minutes_share_days
        held_on = day(minutes.get("held_on"))
        due = held_on + timedelta(days=days) if held_on else None
        if due is None or view.reached(due + timedelta(days=1)):
            by = f", due by {due}" if due else ""
            yield view.finding(
                RULE,
                "meetings",
                (index, "minutes", "shared"),
                f"{record_id(meeting)}: the minutes are not recorded as shared "
                f"with {', '.join(dict.fromkeys(shown(a, AGENCY, 'handle') for a in missing))} "
                f"(minutes.shared{by})",
            )


RULE = Rule(
    code="ACC005",
    severity=WARNING,
    principle="accountability",
    summary="minutes are shared with every agency that attended or was invited",
    check=check,
    doc=__doc__ or "",
)
