"""PRT002 others at risk: held meetings review the risk to other adults and children.

- The minutes of a held meeting whose type must record it (the pack's
  `must_record` has `others_at_risk`: s42 meetings, s126 strategy, cuckooing)
  have `others_at_risk.reviewed: true`, with what was found for other adults
  (`adults`) and for children (`children`). Whether those found at risk were
  referred is PRT004's.

Why: Protection (Wales Safeguarding Procedures: every strategy discussion must
review the risk to other adults and children at risk and agree actions).

Passes:

    # meetings.yaml (minutes of a held meeting)
      others_at_risk:
        reviewed: true
        adults: No other adults in the household
        children: No children live at or visit the house
        referral_made: null

Fails:

    # meetings.yaml (minutes of a held meeting)
      others_at_risk:
        reviewed: false
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli.raw import filled, mapping
from safecli.validation.rules.base import WARNING, CaseView, Finding, Rule, record_id
from safecli.validation.rules.records import held


def check(view: CaseView) -> Iterator[Finding]:
    for index, meeting, minutes in held(view):
        mt = view.meeting_type(meeting)
        if mt is None or "others_at_risk" not in mt.must_record:
            continue
        review = mapping(minutes.get("others_at_risk"))
        keys = (index, "minutes", "others_at_risk")
        if review.get("reviewed") is not True:
            yield view.finding(
                RULE,
                "meetings",
                keys,
                f"{record_id(meeting)}: the risk to other "
                "adults and children was not reviewed (others_at_risk.reviewed)",
            )
            continue
        gaps = [who for who in ("adults", "children") if not filled(review.get(who))]
        if gaps:
            yield view.finding(
                RULE,
                "meetings",
                keys,
                f"{record_id(meeting)}: record what the review found for other {' and '.join(gaps)}",
            )


RULE = Rule(
    code="PRT002",
    severity=WARNING,
    principle="protection",
    summary="held meetings review risk to other adults and children",
    check=check,
    doc=__doc__ or "",
)
