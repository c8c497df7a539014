"""The minutes form's part for a meeting about several adults: what was recorded for
each other adult, written to her part of the meeting in her own case (as
`meeting record`'s --engage-lead-of, --views-of, --risk-of, --others-of and
--feedback-of flags do)."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from safecli.casework.form_reader import FormReader, entries, risks_of
from safecli.casework.minutes import AdultMinutes
from safecli.casework.minutes_parts import Feedback, OthersAtRisk, Wishes, given
from safecli.casework.people import names
from safecli.model import Person
from safecli.store import roundtrip
from safecli.store.book import Case

KEY = "adults"
ENTRY = ("case", "engage_lead", "views", "risks", "others_at_risk", "feedback")
OTHERS = ("reviewed", "adults", "children")
FEEDBACK = ("how", "by", "due")

_HEAD = """\
# The other adults this meeting is about: for each, what was recorded for them. It
# is written to their part of the meeting, in their own case (risks name actions of
# that case; its people and agencies are its own). Leave what was not discussed.
adults:
"""
_ENTRY = """\
{people}  - case: {case}   # {label}
    engage_lead: null
    views: null
    risks:
      - risk: null
        in_place: null
        barriers: null
        actions: []
    others_at_risk:
      reviewed: false
      adults: null
      children: null
    feedback:
      how: null
      by: null
      due: null
"""


def adults_form(adults: Sequence[tuple[Case, str]]) -> str:
    """The form's section for the other adults, given (her case, how she is named); ""
    when the meeting is about one adult."""
    if not adults:
        return ""
    return (
        "\n"
        + _HEAD
        + "".join(
            _ENTRY.format(case=case.case_id, label=label, people=_people(case))
            for case, label in adults
        )
    )


def _people(case: Case) -> str:
    """The comment naming the agencies and people of her case."""
    found = [
        f"{agency.get('handle')} ({', '.join(names(agency)) or 'nobody listed'})"
        for agency in case.agencies
        if isinstance(agency, Mapping)
    ]
    lines = textwrap.wrap(
        f"People of {case.case_id}: {'; '.join(found) or 'no agencies yet'}.",
        width=84,
        initial_indent="  # ",
        subsequent_indent="  #   ",
    )
    return "".join(f"{line}\n" for line in lines)


def read_adults(path: Path, text: str, *, today: date) -> tuple[AdultMinutes, ...]:
    """What the edited form records for each other adult; a problem raises with its line."""
    data = roundtrip.parse(path, text, dict)
    r = FormReader(path, today)
    found = []
    for item in entries(r, data, KEY, ENTRY):
        case_id = r.text(item, "case")
        if case_id is None:
            raise r.fail(item, "case", f"{KEY}.case: name the other adult's case")
        others = r.mapping(item, "others_at_risk", OTHERS)
        feedback = r.mapping(item, "feedback", FEEDBACK)
        found.append(
            AdultMinutes(
                case_id,
                engage_lead=r.text(item, "engage_lead"),
                wishes=given(Wishes(r.text(item, "views"))),
                risks=tuple(risks_of(r, item)),
                others_at_risk=OthersAtRisk(
                    reviewed=r.flag(others, "reviewed"),
                    adults=r.text(others, "adults"),
                    children=r.text(others, "children"),
                ),
                feedback=_feedback(r, feedback),
            )
        )
    return tuple(a for a in found if _recorded(a))


def _feedback(r: FormReader, node: Mapping[str, Any] | None) -> Feedback[Person] | None:
    return given(Feedback(r.text(node, "how"), r.optional_person(node, "by"), r.day(node, "due")))


def _recorded(adult: AdultMinutes) -> bool:
    """Whether anything was recorded for her (an entry left as it was is not written)."""
    return bool(
        adult.engage_lead
        or adult.wishes
        or adult.risks
        or adult.others_at_risk.reviewed
        or adult.others_at_risk.adults
        or adult.others_at_risk.children
        or adult.feedback
    )
