"""The minutes form opened in $EDITOR by `meeting record --edit`: its text.

The form is YAML with a comment on every field: the fields, their order, their
nesting and which are lists follow the declared shape of the minutes
(`shape.MINUTES`, less what later commands record); the words above each are
WORDING's. `casework.minutes_form_reader` reads the edited form back.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from safecli import raw, shape
from safecli.casework.form_reader import FORM_KEYS, form_keys
from safecli.casework.meetings import carried_forward, find_meeting
from safecli.casework.minutes_form_adults import adults_form
from safecli.casework.people import names
from safecli.model import Person
from safecli.policy.pack import MeetingType
from safecli.store.book import Case

STAYED_AWAY = ("declined", "deputy", "written-update")
PLAIN_NAME = re.compile(r"[A-Za-z][A-Za-z .'-]*[A-Za-z.]")

# What the form says above each part of the minutes, by its declared key (None: the
# comment above covers it). The keys, their order, the nesting and which parts are
# lists come from the declared shape (`shape.MINUTES`), so a new field needs its words here.
WORDING: dict[str, str | None] = {
    "held_on": "The date the meeting took place.",
    "attendees": "Who attended, who sent apologies, who sent a written update instead; each\n"
    "person as {agency: HANDLE, name: NAME}.",
    "apologies": None,
    "written_updates": None,
    "engage_lead": "The ONE agency (its handle) best placed to engage the adult.",
    "wishes": "The adult's views and wishes (in their words where possible), and how they\n"
    "were found out: a visit, through the advocate, at the meeting.",
    "risks": "The risk assessment: for each risk, what is already in place, the barriers\n"
    "to removing it, and the ids of the actions that deal with it (actions added\n"
    "later can be linked with: safecli action add ... --risk N).",
    "others_at_risk": "Every meeting reviews the risk to other adults and to children: what "
    "was found,\nand whether anyone is at risk (true/false). When someone is, referral_made "
    "is\nthe date of the referral (children's social care, or the other adult's case).",
    "decisions": "One item per decision, e.g.  - Proceed to an s42 enquiry led by adult "
    "social care",
    "disagreements": "Disagreements between agencies, e.g.\n"
    "  - raised_by: {agency: police, name: DC Lee Jones}\n"
    "    about: Whether to interview the son now\n"
    "    outcome: Agreed to wait for the bank\n"
    "    escalated: false",
    "review": "A review date, or why no review is needed.",
    "feedback": "How the adult hears what was agreed, who tells them (a person) and by when.",
    "capacity": "The capacity assessment (outcome: has or lacks) and the best interests decision.",
}
# A part only some meeting types record (their must_record): for the others the form
# leaves it null, with these words.
ONLY_SOME = {"capacity": "Best-interests meetings only: the capacity assessment."}
# The lists that show one blank item to fill in (the others start empty).
ONE_BLANK = ("risks",)
# Blanks other than null, by their place in the minutes.
BLANKS: dict[tuple[str, ...], str] = {("others_at_risk", "reviewed"): "false"}


def _body(mt: MeetingType, filled: Mapping[str, str]) -> str:
    """The form's fields: each declared key the form asks for, with its words above it."""
    lines: list[str] = []
    for key in FORM_KEYS:
        left_null = key in ONLY_SOME and key not in mt.must_record
        words = ONLY_SOME[key] if left_null else WORDING[key]
        lines += [f"# {line}" for line in words.split("\n")] if words else []
        if key in filled:
            lines.append(filled[key])
        elif left_null:
            lines.append(f"{key}: null")
        else:
            lines += _blank(key, shape.MINUTES.fields[key], (key,))
    return "\n".join(lines) + "\n"


def _blank(key: str, declared: shape.Shape, where: tuple[str, ...], indent: str = "") -> list[str]:
    """A declared field as the blank form shows it: a record's keys one level in, a list
    empty (or with one blank item, ONE_BLANK), any other value null (or its BLANKS)."""
    if isinstance(declared, shape.Record):
        inner = [
            line
            for sub in form_keys(declared, *where)
            for line in _blank(sub, declared.fields[sub], (*where, sub), indent + "  ")
        ]
        return [f"{indent}{key}:", *inner]
    if isinstance(declared, shape.ListOf):
        item = declared.item
        if key not in ONE_BLANK or not isinstance(item, shape.Record):
            return [f"{indent}{key}: []"]
        first, *rest = (
            line for sub in item.keys for line in _blank(sub, item.fields[sub], (*where, sub))
        )
        return [f"{indent}{key}:", f"{indent}  - {first}", *(f"{indent}    {r}" for r in rest)]
    return [f"{indent}{key}: {BLANKS.get(where, 'null')}"]


def form(
    case: Case,
    meeting_id: str,
    mt: MeetingType,
    held_on: date,
    adults: Sequence[tuple[Case, str]] = (),
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
    filled = {
        "held_on": f"held_on: {held_on.isoformat()}",
        "attendees": _list("attendees", attendees),
        "apologies": _list("apologies", who(STAYED_AWAY)),
        "written_updates": _list("written_updates", who(("written-update",))),
    }
    return header + _body(mt, filled) + adults_form(adults)


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
