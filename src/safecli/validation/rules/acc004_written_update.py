"""ACC004 written update: whoever cannot attend sends a written update beforehand, or a deputy.

For every meeting that is not cancelled, an invitee who declined, and for a held
meeting anyone who sent apologies, is covered by a written update
(`minutes.written_updates`, or the response `written-update`) or a deputy (the
response `deputy`).

Why: Accountability (multi-agency S42 strategy guidance: agencies prioritise
these meetings, and when they cannot attend send a written update to the lead
agency in advance; East Sussex briefing: an agency that cannot attend tries to
send someone else).

Passes:

    # meetings.yaml
      invitees:
        - person: {agency: gp, name: Dr Amara Okafor}
          reason: Knows her health
          response: written-update

Fails:

    # meetings.yaml
      invitees:
        - person: {agency: gp, name: Dr Amara Okafor}
          reason: Knows her health
          response: declined
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from safecli.model import Person
from safecli.raw import items, mapping
from safecli.shape import AGENCY, shown
from safecli.validation.rules.base import WARNING, CaseView, Finding, Rule, record_id
from safecli.validation.rules.records import convened, people, person

COVERED = ("deputy", "written-update")


def check(view: CaseView) -> Iterator[Finding]:
    for index, meeting in convened(view):
        minutes = mapping(meeting.get("minutes"))
        covered = {who for _, who in people(minutes.get("written_updates"))}
        reported: set[Person] = set()
        for number, entry in enumerate(items(meeting.get("invitees"))):
            entry = mapping(entry)
            who = person(entry.get("person"))
            if who is None:
                continue
            if entry.get("response") in COVERED:
                covered.add(who)
            elif entry.get("response") == "declined" and who not in covered:
                reported.add(who)
                yield _finding(view, (index, "invitees", number, "response"), meeting, who)
        if meeting.get("status") != "held":
            continue
        for number, who in people(minutes.get("apologies")):
            if who not in covered and who not in reported:
                yield _finding(view, (index, "minutes", "apologies", number), meeting, who)


def _finding(
    view: CaseView, keys: tuple[Any, ...], meeting: dict[str, Any], who: Person
) -> Finding:
    return view.finding(
        RULE,
        "meetings",
        keys,
        f"{record_id(meeting)}: someone from "
        f"{shown(who.agency, AGENCY, 'handle')} could not attend and sent neither a written update nor "
        "a deputy",
        at_value=True,
    )


RULE = Rule(
    code="ACC004",
    severity=WARNING,
    principle="accountability",
    summary="invitees who cannot attend send a written update beforehand, or a deputy",
    check=check,
    doc=__doc__ or "",
)
