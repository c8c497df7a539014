"""PRO001 invitee reason: every invitee has a recorded reason to be there.

Each invitee of a meeting that is not cancelled has a `reason`: why they need to
know, or what they can contribute.

Why: Proportionality (multi-agency S42 strategy guidance: limit invitations to
those who need to know and can contribute to the decisions and resources).

Passes:

    # meetings.yaml
      invitees:
        - person: {agency: police, name: DC Lee Jones}
          reason: Investigating the theft allegation
          response: invited

Fails:

    # meetings.yaml
      invitees:
        - person: {agency: police, name: DC Lee Jones}
          reason: null
          response: invited
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli.raw import filled, items
from safecli.shape import AGENCY, shown
from safecli.validation.rules.base import WARNING, CaseView, Finding, Rule, record_id
from safecli.validation.rules.records import convened, person


def check(view: CaseView) -> Iterator[Finding]:
    for index, meeting in convened(view):
        for number, entry in enumerate(items(meeting.get("invitees"))):
            if not isinstance(entry, dict) or filled(entry.get("reason")):
                continue
            who = person(entry.get("person"))
            agency = f" ({shown(who.agency, AGENCY, 'handle')})" if who else ""
            yield view.finding(
                RULE,
                "meetings",
                (index, "invitees", number, "reason"),
                f"{record_id(meeting)}: no reason recorded for inviting invitee "
                f"{number + 1}{agency} (need to know, can contribute)",
            )


RULE = Rule(
    code="PRO001",
    severity=WARNING,
    principle="proportionality",
    summary="every invitee has a recorded reason to be there",
    check=check,
    doc=__doc__ or "",
)
