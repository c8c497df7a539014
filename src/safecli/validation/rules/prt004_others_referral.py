"""PRT004 others referred: children or other adults found at risk have a referral recorded.

- When adult.yaml records that children or other adults are at risk
  (`others_at_risk.children: true` or `adults: true`), it records the date the
  referral was made (`others_at_risk.referral_made`): to children's social care
  for a child, to the other adult's own safeguarding case for an adult.
- The minutes' review of others at risk is free text (PRT002): when it finds
  someone at risk, record it in adult.yaml with `safecli case others-at-risk
  --children` (or `--adults`) and the referral with `--referral-made`.

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

Fails:

    # adult.yaml
    others_at_risk:
      children: true
      adults: false
      notes: Grandson, 8, stays at weekends
      referral_made: null
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli.raw import mapping
from safecli.validation.rules.base import ERROR, CaseView, Finding, Rule


def check(view: CaseView) -> Iterator[Finding]:
    others = mapping(view.mapping("adult").get("others_at_risk"))
    referred = others.get("referral_made") is not None
    who = [w for w in ("children", "adults") if others.get(w) is True]
    if who and not referred:
        yield view.finding(
            RULE,
            "adult",
            ("others_at_risk", "referral_made"),
            f"others_at_risk: {' and '.join(who)} at risk are recorded, so the date of the "
            "referral must be recorded (others_at_risk.referral_made)",
        )


RULE = Rule(
    code="PRT004",
    severity=ERROR,
    principle="protection",
    summary="children or other adults at risk have a referral recorded",
    check=check,
    doc=__doc__ or "",
)
