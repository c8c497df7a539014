"""EMP001 wishes: the adult's wishes and desired outcomes are recorded, or why they could not be.

- adult.yaml `wishes` has at least one desired outcome in the adult's words
  (`outcomes`), or `not_asked_reason` says why the adult could not be asked;
- the minutes of a held meeting whose type must record the adult's wishes (the
  policy pack's `must_record` has `wishes`: s42 meetings, s126 strategy,
  self-neglect, best interests, CPA) record their views (`minutes.wishes.views`),
  unless adult.yaml records why the adult could not be asked.

Why: Empowerment (multi-agency S42 strategy guidance; East Sussex learning
briefing: plans show what the person wants). The adult is asked what outcome
they want, and that answer shapes what happens.

Passes:

    # adult.yaml
    wishes:
      asked_on: 2026-11-03
      outcomes:
        - I want to stay in my flat.
      not_asked_reason: null

Fails:

    # adult.yaml
    wishes:
      asked_on: null
      outcomes: []
      not_asked_reason: null
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli.raw import filled, mapping
from safecli.validation.rules.base import WARNING, CaseView, Finding, Rule, record_id
from safecli.validation.rules.records import held


def check(view: CaseView) -> Iterator[Finding]:
    if view.data.get("adult") is None:
        return
    wishes = mapping(view.mapping("adult").get("wishes"))
    cannot_ask = filled(wishes.get("not_asked_reason"))
    if not filled(wishes.get("outcomes")) and not cannot_ask:
        yield view.finding(
            RULE,
            "adult",
            ("wishes",),
            "the adult's desired outcomes are not "
            "recorded (wishes.outcomes), nor why they could not be asked "
            "(wishes.not_asked_reason)",
        )
    if cannot_ask:
        return
    for index, meeting, minutes in held(view):
        mt = view.meeting_type(meeting)
        if mt is None or "wishes" not in mt.must_record:
            continue
        if not filled(mapping(minutes.get("wishes")).get("views")):
            yield view.finding(
                RULE,
                "meetings",
                (index, "minutes", "wishes", "views"),
                f"the minutes of {record_id(meeting)} ({mt.id}) do not record "
                "the adult's views (minutes.wishes.views)",
            )


RULE = Rule(
    code="EMP001",
    severity=WARNING,
    principle="empowerment",
    summary="the adult's wishes / desired outcomes are recorded (or why not asked)",
    check=check,
    doc=__doc__ or "",
)
