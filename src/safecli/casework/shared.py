"""Meetings about several adults: the meeting in the convening case, a part in each other's.

The meeting is recorded once, in the case that convened it; its `subjects` list
the other adults' cases. Each of those cases holds its part of the meeting: an
entry of its own meetings.yaml, with its own id, that names the meeting
(`convened_in: {case, meeting}`) and repeats its type, time and status, so that
case's own listings, plan and digest see the meeting. That adult's invitation,
actions, views, risks and feedback are recorded in her part. Every change to the
meeting is written to all the cases together, all or none (`edit_cases`), and
INT010 checks that the parts agree with the meeting.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from safecli import shape
from safecli.errors import InvalidInput, SafecliError
from safecli.model import next_id
from safecli.raw import items, mapping
from safecli.store.book import Book, Case, edit_cases, read_case

MIRRORED = ("type", "when", "status", "cancel_reason")
# What a part's minutes record about its adult (the rest is the meeting's).
PER_ADULT = ("wishes", "risks", "others_at_risk", "feedback", "capacity", "engage_lead")


def subjects_of(meeting: Mapping[str, Any], case_id: str) -> list[str]:
    """The other adults' cases a meeting is about (not its own case), in order."""
    return [
        s
        for s in dict.fromkeys(items(meeting.get("subjects")))
        if isinstance(s, str) and s != case_id
    ]


def convened_in(meeting: Mapping[str, Any]) -> tuple[str, str] | None:
    """(case, meeting id) of the meeting an entry is a part of; None for a meeting itself."""
    ref = mapping(meeting.get("convened_in"))
    case, meeting_id = ref.get("case"), ref.get("meeting")
    if isinstance(case, str) and isinstance(meeting_id, str):
        return case, meeting_id
    return None


def part_in(case: Case, convening: str, meeting_id: str) -> Any:
    """The entry of `case` that is its part of meeting `meeting_id` of `convening`, or None."""
    for entry in case.meetings:
        if isinstance(entry, Mapping) and convened_in(entry) == (convening, meeting_id):
            return entry
    return None


def add_part(
    case: Case, convening: str, meeting: Mapping[str, Any], not_invited: str | None = None
) -> Any:
    """Give `case` its part of a meeting of another case; its adult is invited as the
    meeting's adult is, unless `not_invited` gives why not. Return the new entry."""
    from safecli.store import roundtrip

    adult = dict(mapping(meeting.get("adult")))
    if not_invited:
        adult = {"invited": False, "not_invited_reason": not_invited}
    entry = roundtrip.record(
        shape.MEETING.keys,
        {
            "id": next_id("M", list(case.read("meetings"))),
            "type": meeting.get("type"),
            "when": meeting.get("when"),
            "status": meeting.get("status"),
            "adult": roundtrip.record(
                shape.MEETING_ADULT.keys,
                {
                    "invited": adult.get("invited"),
                    "not_invited_reason": adult.get("not_invited_reason"),
                },
            ),
            "convened_in": roundtrip.record(
                ("case", "meeting"), {"case": convening, "meeting": meeting.get("id")}, flow=True
            ),
            "minutes": None,
        },
    )
    case.add("meetings", entry)
    return entry


def mirror(case: Case, convening: str, meeting: Mapping[str, Any]) -> Any:
    """Bring `case`'s part of a meeting in step with it (adding the part if it has none):
    type, time, status, the day it was held and the review it set (one review for all
    the adults, which her own plan and digest then see); return the part."""
    from safecli.store import roundtrip

    part = part_in(case, convening, str(meeting.get("id")))
    if part is None:
        part = add_part(case, convening, meeting)
    for key in MIRRORED:
        if (key in meeting or key in part) and part.get(key) != meeting.get(key):
            roundtrip.put(part, shape.MEETING.keys, key, meeting.get(key))
    minutes = mapping(meeting.get("minutes"))
    held_on, review = minutes.get("held_on"), minutes.get("review")
    if meeting.get("status") == "held":
        if not isinstance(part.get("minutes"), Mapping):
            part["minutes"] = roundtrip.record(shape.MINUTES.keys, {"held_on": held_on})
        elif part["minutes"].get("held_on") != held_on:
            roundtrip.put(part["minutes"], shape.MINUTES.keys, "held_on", held_on)
        if isinstance(review, Mapping) and part["minutes"].get("review") != review:
            copied = roundtrip.record(shape.REVIEW.keys, dict(review))
            roundtrip.put(part["minutes"], shape.MINUTES.keys, "review", copied)
    return part


def meeting_of(book: Book, part: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The meeting a part belongs to, read from the convening case; None when the entry
    is not a part or its meeting cannot be found (INT010 says why)."""
    ref = convened_in(part)
    if ref is None or not _exists(book, ref[0]):
        return None
    try:
        meetings = read_case(book, ref[0]).meetings
    except SafecliError:
        return None
    return next((m for m in meetings if isinstance(m, Mapping) and m.get("id") == ref[1]), None)


@contextmanager
def edit_meeting(
    book: Book, case_id: str, meeting_id: str | None = None
) -> Iterator[tuple[Case, dict[str, Case]]]:
    """Edit a case whose meeting (`meeting_id`, or any, when None) may be about several
    adults: the subjects' cases are locked too (given by id beside the case), their parts
    are kept in step with the change, and everything is written together, all or none."""
    meetings = [m for m in read_case(book, case_id).meetings if isinstance(m, Mapping)]
    chosen = [m for m in meetings if meeting_id is None or m.get("id") == meeting_id]
    others = [s for m in chosen for s in other_cases(book, m, case_id)]
    with edit_cases(book, [case_id, *others]) as cases:
        case = cases[case_id]
        yield case, {other: cases[other] for other in cases if other != case_id}
        for meeting in case.read("meetings"):
            if not isinstance(meeting, Mapping):
                continue
            if meeting_id is not None and meeting.get("id") != meeting_id:
                continue
            for subject in subjects_of(meeting, case_id):
                if subject in cases:
                    mirror(cases[subject], case_id, meeting)


def resync(book: Book, case_id: str, meeting_id: str) -> tuple[Case, dict[str, Case]]:
    """Bring every other adult's part of a meeting about several adults in step with the
    meeting as its own case records it (after a hand edit or a merge left them apart):
    a missing part is added, a part's type, time, status and held date are rewritten;
    all the cases are checked and written together, all or none. Return the cases."""
    meeting = read_case(book, case_id).find("meetings", meeting_id)
    if not subjects_of(meeting, case_id):
        ref = convened_in(meeting)
        raise InvalidInput(
            f"{meeting_id} of {case_id} is its part of {ref[0]}'s {ref[1]}: bring the parts "
            f"in step from there: safecli meeting update {ref[0]} {ref[1]} --resync"
            if ref is not None
            else f"{meeting_id} of {case_id} is about one adult (no subjects): it has no "
            "parts in other cases to bring in step"
        )
    # edit_meeting mirrors the meeting into each other adult's part as it closes, and the
    # meeting itself is not changed: closing it is the whole resync.
    with edit_meeting(book, case_id, meeting_id) as (case, others):
        pass
    return case, others


def other_cases(book: Book, meeting: Mapping[str, Any], case_id: str) -> list[str]:
    """The other adults' cases of a meeting that the book has (INT003 reports the rest)."""
    return [s for s in subjects_of(meeting, case_id) if _exists(book, s)]


def _exists(book: Book, case_id: str) -> bool:
    """Whether a subject names a case of the book (INT003 reports one that does not)."""
    try:
        book.case_dir(case_id)
    except SafecliError:
        return False
    return True


def not_a_part(case: Case, meeting: Mapping[str, Any]) -> None:
    """Refuse to change what a meeting about several adults decides through one adult's
    part of it: that is done on the meeting, in the case that convened it."""
    ref = convened_in(meeting)
    if ref is not None:
        raise InvalidInput(
            f"{meeting.get('id')} of {case.case_id} is its part of {ref[0]}'s {ref[1]} (a "
            f"meeting about several adults): change the meeting there, in {ref[0]} {ref[1]}"
        )
