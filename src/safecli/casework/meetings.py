"""Meetings of a case: call one, invite, record responses, share minutes, cancel, list.

The minutes of a held meeting are recorded by `safecli.casework.minutes`. Every person
written here is resolved against agencies.yaml first (`safecli.casework.people`), and the
standards are checked by the rulebook before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from safecli import raw, shape
from safecli.casework.people import agency_of, resolve
from safecli.casework.schedule import planned, raise_sequence
from safecli.casework.shared import add_part, convened_in, edit_meeting, meeting_of, not_a_part
from safecli.dates import format_when
from safecli.errors import InvalidInput
from safecli.model import MEETING_FORMATS, MEETING_MODES, RESPONSES, Person, check_choice, next_id
from safecli.policy.pack import Policy
from safecli.raw import mapping
from safecli.store.book import Book, Case, edit_case, edit_cases


def jurisdiction_of(book: Book, adult: Mapping[str, Any]) -> str:
    """A case's jurisdiction: adult.yaml's when set, else the book's."""
    own = adult.get("jurisdiction") if isinstance(adult, Mapping) else None
    return str(own) if own else book.config.jurisdiction


def find_meeting(case: Case, meeting_id: str) -> Any:
    """The meeting with this id; InvalidInput listing the case's meetings."""
    return case.find("meetings", meeting_id)


@dataclass(frozen=True)
class Invitation:
    """A person invited to a meeting, and why they need to be there."""

    person: Person
    reason: str

    @classmethod
    def parse(cls, text: str) -> Invitation:
        """Read `agency:Name:reason`, as typed after --invite."""
        agency, _, rest = text.partition(":")
        name, sep, reason = rest.partition(":")
        if not sep or not reason.strip():
            raise InvalidInput(
                f"invalid invitee {text!r}: write agency:Name:reason, e.g. "
                "'police:DC Lee Jones:investigating the theft' (every invitee needs a reason)"
            )
        return cls(Person.parse(f"{agency}:{name}"), reason.strip())


@dataclass(frozen=True)
class NewMeeting:
    """What `meeting new` records about a meeting being called."""

    type_id: str
    format: str
    mode: str
    when: datetime
    purpose: str
    chair: Person
    adult_invited: bool
    adult_not_invited_reason: str | None = None
    interpreter_arranged: bool | None = None
    where: str | None = None
    link: str | None = None
    decision_maker: Person | None = None
    invited_on: date | None = None
    agenda: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    subjects_not_invited: Mapping[str, str] = field(default_factory=dict)
    invitees: tuple[Invitation, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Created:
    """A meeting just written: the case and its id, and each subject's part (case → id)
    with the files written for them."""

    case: Case
    meeting_id: str
    parts: Mapping[str, str] = field(default_factory=dict)
    also_written: tuple[Path, ...] = ()


def new_meeting(book: Book, case_id: str, spec: NewMeeting, *, policy: Policy) -> Created:
    """Add a planned meeting to a case after checking its people (the standards are the
    rulebook's, checked as the case is saved)."""
    policy.get(spec.type_id)
    check_choice(spec.format, MEETING_FORMATS, "format")
    check_choice(spec.mode, MEETING_MODES, "mode")
    if not spec.purpose.strip():
        raise InvalidInput("the purpose of the meeting cannot be empty")
    if spec.mode == "in-person" and not spec.where:
        raise InvalidInput("an in-person meeting needs a place (--where)")
    if spec.adult_invited == bool(spec.adult_not_invited_reason):
        raise InvalidInput(
            "either invite the adult or record why they are not invited, not both or neither"
        )
    for subject in spec.subjects:
        book.case_dir(subject)
    others = [s for s in dict.fromkeys(spec.subjects) if s != case_id]
    with edit_cases(book, [case_id, *others]) as cases:
        case = cases[case_id]
        people = [spec.chair, *(i.person for i in spec.invitees)]
        if spec.decision_maker is not None:
            people.append(spec.decision_maker)
        for person in people:
            resolve(case, person)
        seen = [i.person for i in spec.invitees]
        doubled = sorted({str(p) for p in seen if seen.count(p) > 1})
        if doubled:
            raise InvalidInput(f"invited twice: {', '.join(doubled)}")
        meeting_id = next_id("M", list(case.read("meetings")))
        meeting = _meeting_record(meeting_id, spec)
        case.add("meetings", meeting)
        parts = {
            s: add_part(cases[s], case_id, meeting, spec.subjects_not_invited.get(s))["id"]
            for s in others
        }
    return Created(case, meeting_id, parts, tuple(p for s in others for p in cases[s].written))


def _person(person: Person | None) -> Any:
    from safecli.store import roundtrip

    return roundtrip.person(person.agency, person.name) if person is not None else None


def _invitee(invitation: Invitation) -> Any:
    from safecli.store import roundtrip

    return roundtrip.record(
        shape.INVITEE.keys,
        {
            "person": _person(invitation.person),
            "reason": invitation.reason,
            "response": "invited",
            "deputy": None,
            "responded_on": None,
        },
    )


def _meeting_record(meeting_id: str, spec: NewMeeting) -> Any:
    from safecli.store import roundtrip

    return roundtrip.record(
        shape.MEETING.keys,
        {
            "id": meeting_id,
            "type": spec.type_id,
            "format": spec.format,
            "mode": spec.mode,
            "when": format_when(spec.when),
            "where": spec.where,
            "link": spec.link,
            "purpose": spec.purpose,
            "chair": _person(spec.chair),
            "decision_maker": _person(spec.decision_maker),
            "status": "planned",
            "invited_on": spec.invited_on,
            "adult": roundtrip.record(
                shape.MEETING_ADULT.keys,
                {
                    "invited": spec.adult_invited,
                    "not_invited_reason": spec.adult_not_invited_reason,
                    **(
                        {"interpreter_arranged": spec.interpreter_arranged}
                        if spec.interpreter_arranged is not None
                        else {}
                    ),
                },
            ),
            "subjects": list(spec.subjects),
            "agenda": list(spec.agenda),
            "invitees": [_invitee(i) for i in spec.invitees],
            "minutes": None,
        },
    )


def _invitees(meeting: Any) -> Any:
    from safecli.store import roundtrip

    if meeting.get("invitees") is None:
        meeting["invitees"] = roundtrip.scalar([])
    return meeting["invitees"]


def invite(book: Book, case_id: str, meeting_id: str, person: Person, reason: str) -> Case:
    """Invite one more person to a planned meeting."""
    from safecli.store import roundtrip

    if not reason.strip():
        raise InvalidInput("give the reason for inviting them (need to know, can contribute)")
    with edit_case(book, case_id) as case:
        meeting = planned(case, meeting_id, "take more invitees")
        resolve(case, person)
        if _find_invitee(meeting, person) is not None:
            raise InvalidInput(f"{person} is already invited to {meeting_id}")
        roundtrip.append(_invitees(meeting), _invitee(Invitation(person, reason)))
    return case


def _find_invitee(meeting: Any, person: Person) -> Any:
    for entry in raw.items(meeting.get("invitees")):
        if isinstance(entry, Mapping) and Person.from_raw(entry.get("person")) == person:
            return entry
    return None


def respond(
    book: Book,
    case_id: str,
    meeting_id: str,
    person: Person,
    response: str,
    *,
    on: date,
    deputy: str | None = None,
) -> Case:
    """Record an invitee's answer: accepted, declined, deputy (with a name) or written-update."""
    check_choice(response, RESPONSES, "response")
    if (response == "deputy") != bool(deputy and deputy.strip()):
        raise InvalidInput("a deputy response names the deputy: deputy:Name")
    with edit_case(book, case_id) as case:
        meeting = find_meeting(case, meeting_id)
        if meeting.get("status") == "cancelled":
            raise InvalidInput(f"{meeting_id} is cancelled; responses are not recorded")
        entry = _find_invitee(meeting, person)
        if entry is None:
            invited = [
                str(Person.from_raw(e.get("person")))
                for e in raw.items(meeting.get("invitees"))
                if isinstance(e, Mapping)
            ]
            raise InvalidInput(
                f"{person} is not invited to {meeting_id} (invitees: "
                f"{', '.join(invited) or 'none'}); invite them first: safecli meeting invite "
                f"{case_id} {meeting_id} {person} --reason TEXT"
            )
        entry["response"] = response
        entry["deputy"] = deputy.strip() if deputy else None
        entry["responded_on"] = None if response == "invited" else on
    return case


def cancel(book: Book, case_id: str, meeting_id: str, reason: str) -> Case:
    """Cancel a planned meeting, keeping it (and its id) with the reason."""
    from safecli.store import roundtrip

    if not reason.strip():
        raise InvalidInput("give the reason the meeting is cancelled")
    with edit_meeting(book, case_id, meeting_id) as (case, _):
        meeting = planned(case, meeting_id, "be cancelled")
        meeting["status"] = "cancelled"
        if "cancel_reason" in meeting:
            meeting["cancel_reason"] = roundtrip.scalar(reason)
        else:
            meeting.insert(
                list(meeting).index("status") + 1, "cancel_reason", roundtrip.scalar(reason)
            )
        raise_sequence(meeting)  # calendars take the cancellation only with a higher one
    return case


def share(book: Book, case_id: str, meeting_id: str, agencies: Sequence[str], *, on: date) -> Case:
    """Record that a held meeting's minutes were sent to these agencies on a date."""
    from safecli.store import roundtrip

    if not agencies:
        raise InvalidInput("name at least one agency the minutes went to (--with HANDLE)")
    with edit_case(book, case_id) as case:
        meeting = find_meeting(case, meeting_id)
        not_a_part(case, meeting)
        minutes: Any = meeting.get("minutes")
        if meeting.get("status") != "held" or not isinstance(minutes, dict):
            raise InvalidInput(
                f"{meeting_id} has no minutes yet; record it first: "
                f"safecli meeting record {case_id} {meeting_id}"
            )
        if minutes.get("shared") is None:
            minutes["shared"] = roundtrip.scalar([])
        done = {
            (str(s.get("agency")), s.get("shared_on"))
            for s in minutes["shared"]
            if isinstance(s, Mapping)
        }
        for handle in dict.fromkeys(agencies):
            agency_of(case, handle)
            if (handle, on) not in done:
                roundtrip.append(
                    minutes["shared"],
                    roundtrip.record(
                        shape.SHARED.keys, {"agency": handle, "shared_on": on}, flow=True
                    ),
                )
    return case


def carried_forward(case: Case, meeting_id: str) -> list[Any]:
    """The actions of earlier meetings of the case that this meeting reviews.

    Earlier means a meeting whose `when` comes before this meeting's (meetings
    with the same or no time keep their order in meetings.yaml). An action counts
    while it is open; once this meeting is held, an action done on or after the
    day it was held counts too, so the meeting's record reads the same later.
    Returns the action mappings as stored in actions.yaml (to read), in file order; each has
    `id`, `meeting`, `description`, `lead` ({agency, name}), `due`, `status`,
    `done_on` and `moves`.
    """
    order = {
        str(m.get("id")): (str(m.get("when") or ""), index)
        for index, m in enumerate(case.read("meetings"))
        if isinstance(m, Mapping)
    }
    minutes = case.find("meetings", meeting_id, change=False).get("minutes")
    held_on = minutes.get("held_on") if isinstance(minutes, Mapping) else None
    here = order[meeting_id]
    earlier = {mid for mid, key in order.items() if key < here}
    return [
        a
        for a in case.read("actions")
        if isinstance(a, Mapping)
        and str(a.get("meeting")) in earlier
        and (
            a.get("status") == "open"
            or (
                a.get("status") == "done"
                and isinstance(held_on, date)
                and isinstance(a.get("done_on"), date)
                and a["done_on"] >= held_on
            )
        )
    ]


def meeting_rows(case: Case, book: Book | None = None) -> list[dict[str, Any]]:
    """One row per meeting, for `meeting list`; with the book, a part of a meeting about
    several adults shows that meeting's format, chair, invitees and sharing. An id, type,
    status, time, date or agency that is not a valid value is `invalid` (`shape.shown`)."""
    rows = []
    for entry in case.meetings:
        if not isinstance(entry, Mapping):
            continue
        ref = convened_in(entry)
        m = (meeting_of(book, entry) if book is not None else None) or entry
        minutes = mapping(m.get("minutes"))
        invitees = [e for e in raw.items(m.get("invitees")) if isinstance(e, Mapping)]
        rows.append(
            {
                "case": case.case_id,
                **{k: shape.shown(entry.get(k), shape.MEETING, k) for k in ("id", "type")},
                **{k: shape.shown(m.get(k), shape.MEETING, k) for k in ("format", "mode")},
                **{k: shape.shown(entry.get(k), shape.MEETING, k) for k in ("when", "status")},
                "chair": _chair(m.get("chair")),
                "invitees": len(invitees),
                "accepted": sum(1 for e in invitees if e.get("response") in ("accepted", "deputy")),
                "held_on": shape.shown(minutes.get("held_on"), shape.MINUTES, "held_on"),
                "shared_with": len(
                    {
                        s.get("agency")
                        for s in raw.items(minutes.get("shared"))
                        if isinstance(s, Mapping)
                    }
                ),
                "part_of": _part_of(ref),
            }
        )
    return rows


def _chair(stored: Any) -> str:
    person = Person.from_raw(stored)
    if person is None:
        return ""
    return f"{shape.shown(person.agency, shape.AGENCY, 'handle')}:{person.name}"


def _part_of(ref: tuple[str, str] | None) -> str:
    if ref is None:
        return ""
    case = shape.shown(ref[0], shape.CONVENED_IN, "case")
    return f"{case} {shape.shown(ref[1], shape.MEETING, 'id')}"
