"""PRT004 others referred: children or other adults found at risk have a referral recorded.

- When adult.yaml records that children or other adults are at risk
  (`others_at_risk.children: true` or `adults: true`), it records the date the
  referral was made (`others_at_risk.referral_made`): to children's social care
  for a child, to the other adult's own safeguarding case for an adult.
- When a held meeting's minutes record that its review found children or other
  adults at risk (`others_at_risk.children_at_risk: true` or `adults_at_risk:
  true`, set by `safecli meeting record --children-at-risk`), the referral date is
  recorded in those minutes (`--referral-made`) or in adult.yaml (`safecli case
  others-at-risk --referral-made`). The free-text description of who was found is
  not read.

safecli does not run the children's process or the other adult's case: it
records that the referral went.

Severity: error.

Why: Protection (Wales Safeguarding Procedures: every strategy discussion
reviews the risk to other adults and children, and agrees who refers them).

Passes:

    # adult.yaml
    others_at_risk:
      children: true
      adults: false
      notes: Grandson, 8, stays at weekends
      referral_made: 2026-11-04

    # meetings.yaml, M1's minutes
    others_at_risk:
      reviewed: true
      children: Grandson, 8, stays at weekends
      children_at_risk: true
      referral_made: 2026-11-10

Fails:

    # adult.yaml
    others_at_risk:
      children: true
      adults: false
      notes: Grandson, 8, stays at weekends
      referral_made: null

    # meetings.yaml, M1's minutes (and none in adult.yaml)
    others_at_risk:
      reviewed: true
      children: Grandson, 8, stays at weekends
      children_at_risk: true
      referral_made: null
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from safecli.raw import mapping
from safecli.validation.rules.base import ERROR, CaseView, Finding, Rule, record_id
from safecli.validation.rules.records import held


def check(view: CaseView) -> Iterator[Finding]:
    others = mapping(view.mapping("adult").get("others_at_risk"))
    referred = others.get("referral_made") is not None
    who = _at_risk(others, "children", "adults")
    if who and not referred:
        yield view.finding(
            RULE,
            "adult",
            ("others_at_risk", "referral_made"),
            f"others_at_risk: {' and '.join(who)} at risk are recorded, so the date of the "
            "referral must be recorded (others_at_risk.referral_made)",
        )
    for index, meeting, minutes in held(view):
        review = mapping(minutes.get("others_at_risk"))
        found = _at_risk(review, "children_at_risk", "adults_at_risk")
        if not found or referred or review.get("referral_made") is not None:
            continue
        named = " and ".join(w.removesuffix("_at_risk") for w in found)
        yield view.finding(
            RULE,
            "meetings",
            (index, "minutes", "others_at_risk", "referral_made"),
            f"{record_id(meeting)}: the minutes record {named} at risk, so the date of the "
            "referral must be recorded (minutes others_at_risk.referral_made, or "
            "others_at_risk.referral_made in adult.yaml)",
        )


def _at_risk(record: dict[str, Any], *keys: str) -> list[str]:
    return [key for key in keys if record.get(key) is True]


RULE = Rule(
    code="PRT004",
    severity=ERROR,
    principle="protection",
    summary="children or other adults at risk have a referral recorded",
    check=check,
    doc=__doc__ or "",
)
