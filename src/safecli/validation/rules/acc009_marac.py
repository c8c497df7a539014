"""ACC009 MARAC: an adult with care and support needs goes through safeguarding, not MARAC.

A meeting of type `marac` (not cancelled) for an adult recorded as having care
and support needs (adult.yaml `care_and_support.has_needs: true`) is reported:
use an s42 strategy meeting (England) or an s126 strategy discussion (Wales).

Why: Accountability (LLR guide, MARAC: adults with care and support needs
should be dealt with under adult safeguarding, not MARAC).

Passes:

    # adult.yaml: care_and_support: {has_needs: false, ...}
    # meetings.yaml
    - id: M1
      type: marac
      status: planned

Fails:

    # adult.yaml: care_and_support: {has_needs: true, ...}
    # meetings.yaml
    - id: M1
      type: marac
      status: planned
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli.raw import mapping
from safecli.validation.rules.base import WARNING, CaseView, Finding, Rule, record_id
from safecli.validation.rules.records import meetings

MARAC = "marac"


def check(view: CaseView) -> Iterator[Finding]:
    needs = mapping(view.mapping("adult").get("care_and_support")).get("has_needs")
    if needs is not True:
        return
    instead = "s126-strategy" if view.jurisdiction == "wales" else "s42-strategy"
    for index, meeting in meetings(view):
        if meeting.get("type") == MARAC:
            yield view.finding(
                RULE,
                "meetings",
                (index, "type"),
                f"{record_id(meeting)}: the "
                "adult has care and support needs, so this goes through adult "
                f"safeguarding ({instead}), not MARAC",
                at_value=True,
            )


RULE = Rule(
    code="ACC009",
    severity=WARNING,
    principle="accountability",
    summary="MARAC for an adult with care and support needs: use safeguarding instead",
    check=check,
    doc=__doc__ or "",
)
