"""The minutes form opened in $EDITOR by `meeting record --edit`: write it, read it back.

The form is YAML with a comment on every field; `read_form` turns the edited text
into `Minutes`, refusing unknown keys, wrong types and bad dates with the line
and column. People, agencies and actions are then checked by `record_minutes`.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from safecli import raw, shape
from safecli.casework.form_reader import LATER, FormReader, entries, risks_of
from safecli.casework.meetings import carried_forward, find_meeting
from safecli.casework.minutes_form_adults import adults_form
from safecli.casework.minutes_parts import (
    Capacity,
    Disagreement,
    Feedback,
    Minutes,
    OthersAtRisk,
    Review,
    Wishes,
    given,
)
from safecli.casework.people import names
from safecli.errors import SafecliError
from safecli.model import Person
from safecli.policy.pack import MeetingType
from safecli.store import roundtrip
from safecli.store.book import Case


def form_keys(record: shape.Record, *where: str) -> tuple[str, ...]:
    """The keys of a part of the minutes (by its place) the form asks for: all but LATER."""
    return tuple(key for key in record.keys if (*where, key) not in LATER)


FORM_KEYS = form_keys(shape.MINUTES)
STAYED_AWAY = ("declined", "deputy", "written-update")
PLAIN_NAME = re.compile(r"[A-Za-z][A-Za-z .'-]*[A-Za-z.]")

_FORM = """\
# The date the meeting took place.
held_on: {held_on}
# Who attended, who sent apologies, who sent a written update instead; each
# person as {{agency: HANDLE, name: NAME}}.
{attendees}
{apologies}
{written_updates}
# The ONE agency (its handle) best placed to engage the adult.
engage_lead: null
# The adult's views and wishes (in their words where possible), and how they
# were found out: a visit, through the advocate, at the meeting.
wishes:
  views: null
  obtained_by: null
# The risk assessment: for each risk, what is already in place, the barriers
# to removing it, and the ids of the actions that deal with it (actions added
# later can be linked with: safecli action add ... --risk N).
risks:
  - risk: null
    in_place: null
    barriers: null
    actions: []
# Every meeting reviews the risk to other adults and to children: what was found,
# and whether anyone is at risk (true/false). When someone is, referral_made is
# the date of the referral (children's social care, or the other adult's case).
others_at_risk:
  reviewed: false
  adults: null
  adults_at_risk: null
  children: null
  children_at_risk: null
  referral_made: null
# One item per decision, e.g.  - Proceed to an s42 enquiry led by adult social care
decisions: []
# Disagreements between agencies, e.g.
#   - raised_by: {{agency: police, name: DC Lee Jones}}
#     about: Whether to interview the son now
#     outcome: Agreed to wait for the bank
#     escalated: false
disagreements: []
# A review date, or why no review is needed.
review:
  date: null
  not_required: null
# How the adult hears what was agreed, who tells them (a person) and by when.
feedback:
  how: null
  by: null
  due: null
{capacity}
"""
_CAPACITY = """\
# The capacity assessment (outcome: has or lacks) and the best interests decision.
capacity:
  decision: null
  assessed_on: null
  assessed_by: null
  outcome: null
  best_interests_decision: null"""


def form(
    case: Case,
    meeting_id: str,
    mt: MeetingType,
    held_on: date,
    adults: Sequence[tuple[str, str]] = (),
) -> str:
    """The minutes form for a planned meeting, pre-filled from its chair and responses;
    for a meeting about several adults, a section for each other adult (`adults`: her
    case and how she is named)."""
    meeting = find_meeting(case, meeting_id)
    invitees = [e for e in raw.items(meeting.get("invitees")) if isinstance(e, Mapping)]

    def who(responses: tuple[str, ...]) -> list[Person]:
        return [
            p
            for e in invitees
            if e.get("response") in responses
            and (p := Person.from_raw(e.get("person"))) is not None
        ]

    chair = Person.from_raw(meeting.get("chair"))
    attendees = ([chair] if chair else []) + [p for p in who(("accepted",)) if p != chair]
    header = _header(case, meeting_id, mt, meeting)
    return (
        header
        + _FORM.format(
            held_on=held_on.isoformat(),
            attendees=_list("attendees", attendees),
            apologies=_list("apologies", who(STAYED_AWAY)),
            written_updates=_list("written_updates", who(("written-update",))),
            capacity=_CAPACITY
            if "capacity" in mt.must_record
            else "# Best-interests meetings only: the capacity assessment.\ncapacity: null",
        )
        + adults_form(adults)
    )


def _list(key: str, people: list[Person]) -> str:
    if not people:
        return f"{key}: []"
    return "\n".join(
        [f"{key}:"] + [f"  - {{agency: {p.agency}, name: {_plain(p.name)}}}" for p in people]
    )


def _plain(name: str) -> str:
    """A name as it can stand in a flow mapping: quoted unless it is plain words."""
    if PLAIN_NAME.fullmatch(name) and name.lower() not in ("null", "true", "false"):
        return name
    return json.dumps(name, ensure_ascii=False)


def _header(case: Case, meeting_id: str, mt: MeetingType, meeting: Mapping[str, Any]) -> str:
    lines = [
        *textwrap.wrap(
            f"Minutes of {meeting_id} ({mt.id}: {mt.name}) in {case.case_id}, "
            f"planned for {meeting.get('when')}.",
            width=86,
        ),
        "Fill in what happened and save; lines starting with # are ignored. Dates are",
        "2026-11-10, today, +3d or fri. Nothing is saved if the form does not check out.",
    ]
    lines += textwrap.wrap(
        f"This type must record: {', '.join(mt.must_record) or 'nothing in particular'}"
        + (
            f"; a review date is required ({' '.join(str(mt.follow_up_notes).split())})"
            if mt.follow_up == "required"
            else ""
        )
        + ".",
        width=86,
    )
    lines.append("People of this case:")
    for agency in case.agencies:
        if isinstance(agency, Mapping):
            lines.append(
                f"  {agency.get('handle')} ({agency.get('kind')}): "
                f"{', '.join(names(agency)) or 'nobody listed'}"
            )
    carried = carried_forward(case, meeting_id)
    lines.append(
        "Actions still open from earlier meetings (review each one):"
        if carried
        else "No actions are open from earlier meetings."
    )
    for action in carried:
        lead = Person.from_raw(action.get("lead"))
        text = " ".join(str(action.get("description") or "").split())
        lines.extend(
            textwrap.wrap(
                f"{action.get('id')} ({action.get('meeting')}), due {action.get('due')}, "
                f"lead {lead}: {text}",
                width=84,
                initial_indent="  ",
                subsequent_indent="    ",
            )
        )
    return "".join(f"# {line}\n" for line in lines) + "\n"


def read_form(path: Path, text: str, *, today: date) -> Minutes[Person]:
    """Read the edited form into Minutes; any problem raises with its line and column."""
    data = roundtrip.parse(path, text, dict)
    r = FormReader(path, today)
    for key in data:
        if key not in FORM_KEYS and key != "adults":
            raise r.fail(
                data,
                key,
                f"unknown field {key!r}; known: {', '.join(FORM_KEYS)}"
                + (f" ({LATER[(key,)]})" if (key,) in LATER else ""),
            )
    held_on = r.day(data, "held_on")
    if held_on is None:
        raise r.fail(data, "held_on", "held_on: give the date the meeting took place")
    wishes = r.mapping(data, "wishes", shape.MINUTES_WISHES.keys)
    others = r.mapping(data, "others_at_risk", shape.MINUTES_OTHERS.keys)
    review = r.mapping(data, "review", shape.REVIEW.keys)
    feedback = r.mapping(data, "feedback", form_keys(shape.FEEDBACK, "feedback"))
    capacity = r.mapping(data, "capacity", shape.MINUTES_CAPACITY.keys)
    return Minutes(
        held_on=held_on,
        attendees=r.people(data, "attendees"),
        apologies=r.people(data, "apologies"),
        written_updates=r.people(data, "written_updates"),
        engage_lead=r.text(data, "engage_lead"),
        wishes=given(Wishes(r.text(wishes, "views"), r.text(wishes, "obtained_by"))),
        risks=tuple(risks_of(r, data)),
        others_at_risk=OthersAtRisk(
            reviewed=r.flag(others, "reviewed"),
            adults=r.text(others, "adults"),
            adults_at_risk=r.optional_flag(others, "adults_at_risk"),
            children=r.text(others, "children"),
            children_at_risk=r.optional_flag(others, "children_at_risk"),
            referral_made=r.day(others, "referral_made"),
        ),
        decisions=tuple(_texts(r, data, "decisions")),
        disagreements=tuple(_disagreements(r, data)),
        review=Review(r.day(review, "date"), r.text(review, "not_required")),
        feedback=given(
            Feedback(
                r.text(feedback, "how"), r.optional_person(feedback, "by"), r.day(feedback, "due")
            )
        ),
        capacity=None
        if capacity is None or all(v is None for v in capacity.values())
        else Capacity(
            decision=r.text(capacity, "decision"),
            assessed_on=r.day(capacity, "assessed_on"),
            assessed_by=r.optional_person(capacity, "assessed_by"),
            outcome=r.text(capacity, "outcome"),
            best_interests_decision=r.text(capacity, "best_interests_decision"),
        ),
    )


def _texts(r: FormReader, data: Any, key: str) -> list[str]:
    items = r.items(data, key)
    for item in items:
        if isinstance(item, (Mapping, list)):
            raise r.fail(data, key, f"{key}: each item is one line of text")
    return [str(item).strip() for item in items if item is not None and str(item).strip()]


def _disagreements(r: FormReader, data: Any) -> list[Disagreement[Person]]:
    found = []
    for item in entries(r, data, "disagreements", shape.DISAGREEMENT.keys):
        about = r.text(item, "about")
        if about is None:
            raise r.fail(item, "about", "about: say what the disagreement was about")
        found.append(
            Disagreement(
                r.person(item, "raised_by", item.get("raised_by")),
                about,
                r.text(item, "outcome"),
                r.flag(item, "escalated"),
            )
        )
    return found


Check = Callable[[Minutes[Person]], None]


def read_checked(path: Path, text: str, *, today: date, check: Check) -> Minutes[Person]:
    """Read the form and run `check` on it, so one loop handles every kind of problem."""
    minutes = read_form(path, text, today=today)
    try:
        check(minutes)
    except SafecliError as exc:
        if exc.path is None:
            exc.path = path
        raise
    return minutes
