"""ACC010 allegations: a concluded enquiry records what was alleged and what came of it.

An enquiry (adult.yaml `enquiry`, of kind s42, s126 or other) with a
`concluded_on` date has at least one allegation, and every allegation has all
five facts: `type`, `location`, `source`, `action` (action and result) and
`risk_outcome`. The values come from the statutory return's own lists (INT004
checks them).

Why: Accountability. The statutory return (England's Safeguarding Adults
Collection, the Welsh Government's adult safeguarding figures) counts concluded
enquiries by these facts; an enquiry without them cannot be counted, and the
record cannot show what the enquiry found or did.

Passes:

    # adult.yaml
    enquiry:
      kind: s42
      concluded_on: 2026-11-20
      allegations:
        - type: financial
          location: own-home
          source: known
          action: risk-action-taken
          risk_outcome: reduced

Fails:

    # adult.yaml
    enquiry:
      kind: s42
      concluded_on: 2026-11-20
      allegations:
        - type: financial
          location: own-home
          source: known
          action: null
          risk_outcome: null
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli import shape
from safecli.raw import day, filled, items, mapping
from safecli.validation.rules.base import ERROR, CaseView, Finding, Rule


def check(view: CaseView) -> Iterator[Finding]:
    enquiry = mapping(view.mapping("adult").get("enquiry"))
    if enquiry.get("kind") in (None, "none") or day(enquiry.get("concluded_on")) is None:
        return
    allegations = items(enquiry.get("allegations"))
    if not allegations:
        yield view.finding(
            RULE,
            "adult",
            ("enquiry", "concluded_on"),
            "the enquiry is concluded but records no allegation "
            "(add one: safecli case allegation add)",
        )
    for index, item in enumerate(allegations):
        missing = [key for key in shape.ALLEGATION.keys if not filled(mapping(item).get(key))]
        if missing:
            yield view.finding(
                RULE,
                "adult",
                ("enquiry", "allegations", index),
                f"allegation {index + 1} of a concluded enquiry does not record "
                + ", ".join(missing),
            )


RULE = Rule(
    code="ACC010",
    severity=ERROR,
    principle="accountability",
    summary="a concluded enquiry records its allegations in full",
    check=check,
    doc=__doc__ or "",
)
