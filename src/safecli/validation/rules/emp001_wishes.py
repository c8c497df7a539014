"""EMP001 wishes: the adult's wishes and desired outcomes are recorded, or why they could not be.

- adult.yaml `wishes` has at least one desired outcome in the adult's words
  (`outcomes`), or `not_asked_reason` says why the adult could not be asked;
- the minutes of a held meeting whose type must record the adult's wishes (the
  policy pack's `must_record` has `wishes`: s42 meetings, s126 strategy,
  self-neglect, best interests, CPA) record their views (`minutes.wishes.views`),
  unless adult.yaml records why the adult could not be asked;
- a closed case says, in its `closure` (written by `case close`), whether the
  adult was asked at the end what outcomes they wanted (`outcomes_asked`); if
  not, why they could not be (`not_asked_reason`); if asked, whether they
  expressed any (`outcomes_expressed`); and if they did, whether those outcomes
  were met (`outcomes_achieved`: fully, partially or not).

Why: Empowerment (multi-agency S42 strategy guidance; East Sussex learning
briefing: plans show what the person wants). The adult is asked what outcome
they want, and that answer shapes what happens; Making Safeguarding Personal
asks again at the end whether what they wanted was achieved.

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

    # adult.yaml of a closed case
    status: closed
    closure:
      reason: Risk reduced.
      outcomes_asked: false
      not_asked_reason: null      # not asked, and not why
      outcomes_expressed: null
      outcomes_achieved: null
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli.raw import filled, mapping
from safecli.validation.rules.base import WARNING, CaseView, Finding, Rule, record_id
from safecli.validation.rules.records import held


def check(view: CaseView) -> Iterator[Finding]:
    if view.data.get("adult") is None:
        return
    yield from _closure(view)
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


def _closure(view: CaseView) -> Iterator[Finding]:
    """A closed case's closure answers the Making Safeguarding Personal questions."""
    adult = view.mapping("adult")
    if adult.get("status") != "closed":
        return
    closure = mapping(adult.get("closure"))
    asked = closure.get("outcomes_asked")
    gap: tuple[str, str] | None = None
    if asked is not True and asked is not False:
        gap = ("outcomes_asked", "whether the adult was asked what outcomes they wanted")
    elif asked is False:
        if not filled(closure.get("not_asked_reason")):
            gap = ("not_asked_reason", "why the adult could not be asked about their outcomes")
    elif closure.get("outcomes_expressed") not in (True, False):
        gap = ("outcomes_expressed", "whether the adult expressed desired outcomes")
    elif closure.get("outcomes_expressed") and not filled(closure.get("outcomes_achieved")):
        gap = ("outcomes_achieved", "whether the adult's desired outcomes were met")
    if gap is not None:
        key, what = gap
        yield view.finding(
            RULE,
            "adult",
            ("closure", key),
            f"the case is closed and its closure does not record {what} (closure.{key})",
        )


RULE = Rule(
    code="EMP001",
    severity=WARNING,
    principle="empowerment",
    summary="the adult's wishes / desired outcomes are recorded (or why not asked); a closed case says whether they were met",
    check=check,
    doc=__doc__ or "",
)
