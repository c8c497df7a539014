"""The meetings library: rules of the policy pack, minutes checks, the form, carry-forward."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from meeting_book import CASE, WELSH, make_book, meeting, snapshot

from safecli import shape
from safecli.casework import meetings
from safecli.casework.meetings import Invitation, NewMeeting
from safecli.casework.minutes import record_minutes
from safecli.casework.minutes_form import form
from safecli.casework.minutes_form_reader import read_form
from safecli.casework.minutes_parts import Capacity, Minutes, Review
from safecli.dates import parse_datetime
from safecli.errors import InvalidInput, RuleViolation
from safecli.model import Person
from safecli.policy.pack import book_policy
from safecli.store import roundtrip
from safecli.store.book import Book, find_book, load_case
from safecli.validation.guard import Rulebook

TZ_DAY = date(2026, 11, 2)
HELEN = Person("asc", "Helen Forsyth")
SAM = Person("asc", "Sam Patel")
LEE = Person("police", "DC Lee Jones")


def guarded(root: Path) -> Book:
    """The book as a writing command sees it: every change checked by the rulebook."""
    found = find_book(root)
    return replace(found, guard=Rulebook(found, date(2026, 12, 31)))


@pytest.fixture
def book(tmp_path: Path) -> Book:
    return guarded(make_book(tmp_path))


def when(book: Book, text: str) -> datetime:
    return parse_datetime(text, TZ_DAY, book.config.tz)


def spec(
    book: Book, type_id: str = "s42-strategy", at: str = "2026-11-03 10:00", **changes: object
) -> NewMeeting:
    values: dict[str, object] = {
        "type_id": type_id,
        "format": "meeting",
        "mode": "telephone",
        "when": when(book, at),
        "purpose": "Plan",
        "chair": HELEN,
        "adult_invited": True,
        "invitees": (Invitation(LEE, "Investigating"),),
    }
    values.update(changes)
    return NewMeeting(**values)  # type: ignore[arg-type]


def new(book: Book, case: str = CASE, **changes: object) -> str:
    created = meetings.new_meeting(book, case, spec(book, **changes), policy=book_policy(book))
    return created.meeting_id


def held(
    book: Book, meeting_id: str, case: str = CASE, day: date = date(2026, 11, 20), **changes: object
) -> None:
    values: dict[str, object] = {
        "held_on": day,
        "attendees": (HELEN,),
        "review": Review(date(2026, 12, 20)),
    }
    values.update(changes)
    record_minutes(
        book,
        case,
        meeting_id,
        Minutes(**values),  # type: ignore[arg-type]
        today=day,
    )


def add_action(book: Book, meeting_id: str, status: str = "open") -> str:
    from safecli.casework.actions import NewAction, add_action, cancel_action, mark_done

    _, action_id = add_action(book, CASE, NewAction(meeting_id, "Do it", SAM, date(2026, 12, 1)))
    if status == "done":
        mark_done(book, CASE, action_id, on=date(2026, 11, 25))
    if status == "cancelled":
        cancel_action(book, CASE, action_id, reason="Not needed", on=date(2026, 11, 25))
    return action_id


def test_jurisdiction_is_the_adults_or_the_books(book: Book) -> None:
    assert meetings.jurisdiction_of(book, load_case(book, CASE).adult) == "england"
    assert meetings.jurisdiction_of(book, load_case(book, WELSH).adult) == "wales"


def test_invitees_are_unique_and_the_adult_decided(book: Book) -> None:
    with pytest.raises(InvalidInput, match="invited twice: police:DC Lee Jones"):
        new(book, invitees=(Invitation(LEE, "a"), Invitation(LEE, "b")))
    with pytest.raises(InvalidInput, match="either invite the adult or record why"):
        new(book, adult_invited=False)
    with pytest.raises(InvalidInput, match="either invite the adult or record why"):
        new(book, adult_not_invited_reason="x")


def test_invitation_parse() -> None:
    assert Invitation.parse("police:DC Lee Jones:Theft: and fraud") == Invitation(
        LEE, "Theft: and fraud"
    )
    with pytest.raises(InvalidInput, match="every invitee needs a reason"):
        Invitation.parse("police:DC Lee Jones:  ")


def test_a_refused_rule_leaves_every_file_as_it_was(book: Book) -> None:
    before = snapshot(book.root)
    with pytest.raises(RuleViolation, match="INT004 .* England: .*; use s42-strategy"):
        new(book, type_id="s126-strategy")
    with pytest.raises(
        RuleViolation,
        match="ACC001 chair: M1 .* must be chaired by local-authority; the chair is from police",
    ):
        new(book, chair=LEE)
    assert snapshot(book.root) == before


def test_carried_forward_lists_open_actions_of_earlier_meetings(book: Book) -> None:
    first = new(book, at="2026-11-03 10:00")
    later = new(book, at="2026-12-10 10:00")
    # Entered after M2 but held before it: it counts as earlier than M2.
    between = new(book, at="2026-11-20 10:00")
    a_open = add_action(book, first)
    done = add_action(book, first, "done")  # done on 2026-11-25
    add_action(book, first, "cancelled")
    b_open = add_action(book, between)
    c_open = add_action(book, later)
    case = load_case(book, CASE)
    assert [a["id"] for a in meetings.carried_forward(case, first)] == []
    assert [a["id"] for a in meetings.carried_forward(case, between)] == [a_open]
    assert [a["id"] for a in meetings.carried_forward(case, later)] == [a_open, b_open]
    assert c_open not in [a["id"] for a in meetings.carried_forward(case, later)]
    # Once held, a meeting keeps listing what was open on its day, even if done since.
    held(book, between, day=date(2026, 11, 20))
    case = load_case(book, CASE)
    assert [a["id"] for a in meetings.carried_forward(case, between)] == [a_open, done]
    assert [a["id"] for a in meetings.carried_forward(case, later)] == [a_open, b_open]
    with pytest.raises(InvalidInput, match="no meeting 'M9'"):
        meetings.carried_forward(case, "M9")


def test_invite_and_cancel_only_planned_meetings(book: Book) -> None:
    first = new(book)
    held(book, first)
    with pytest.raises(InvalidInput, match="M1 is held; only a planned meeting can take more"):
        meetings.invite(book, CASE, first, SAM, "Social worker")
    with pytest.raises(InvalidInput, match="M1 is held; only a planned meeting can be cancel"):
        meetings.cancel(book, CASE, first, "No longer needed")


def test_sharing_needs_minutes_and_skips_repeats(book: Book) -> None:
    first = new(book)
    with pytest.raises(InvalidInput, match="M1 has no minutes yet"):
        meetings.share(book, CASE, first, ["police"], on=date(2026, 11, 4))
    held(book, first, day=date(2026, 11, 3))
    meetings.share(book, CASE, first, ["police", "police", "gp"], on=date(2026, 11, 4))
    case = meetings.share(book, CASE, first, ["police"], on=date(2026, 11, 4))
    assert case.written == []
    meetings.share(book, CASE, first, ["police"], on=date(2026, 11, 9))
    shared = meeting(book.root, first)["minutes"]["shared"]
    assert [(s["agency"], str(s["shared_on"])) for s in shared] == [
        ("police", "2026-11-04"),
        ("gp", "2026-11-04"),
        ("police", "2026-11-09"),
    ]


# --- the rules minutes must meet ---------------------------------------------------------


def test_self_neglect_needs_a_review_date(book: Book) -> None:
    mid = new(book, type_id="self-neglect")
    before = snapshot(book.root)
    with pytest.raises(RuleViolation, match="PRO003"):
        held(book, mid, review=Review(not_required="Plan is working"))
    assert snapshot(book.root) == before
    held(book, mid)
    assert meeting(book.root, mid)["status"] == "held"


def test_s126_minutes_may_come_before_the_feedback_to_the_adult(book: Book) -> None:
    mid = new(book, WELSH, type_id="s126-strategy", chair=SAM, invitees=())
    held(book, mid, WELSH, attendees=(SAM,))
    assert isinstance(book.guard, Rulebook)
    owed = [f for f in book.guard.warnings if f.code == "EMP003"]
    assert [f.message.split(" is not recorded yet")[0] for f in owed] == [
        "M1: how and by whom the adult hears what was agreed"
    ]
    assert "in Wales it is required" in owed[0].message


def test_best_interests_needs_the_capacity_assessment(book: Book) -> None:
    menon = Person("health", "Dr Ravi Menon")
    mid = new(book, type_id="best-interests", decision_maker=menon)
    with pytest.raises(RuleViolation, match="PRT003"):
        held(book, mid)
    with pytest.raises(RuleViolation, match="PRT003"):
        held(book, mid, capacity=Capacity("Where to live", date(2026, 11, 5), menon, "lacks"))
    held(
        book,
        mid,
        capacity=Capacity(
            "Where to live", date(2026, 11, 5), menon, "lacks", "Six weeks in a care home"
        ),
    )
    assert meeting(book.root, mid)["minutes"]["capacity"] == {
        "decision": "Where to live",
        "assessed_on": date(2026, 11, 5),
        "assessed_by": {"agency": "health", "name": "Dr Ravi Menon"},
        "outcome": "lacks",
        "best_interests_decision": "Six weeks in a care home",
    }


def test_best_interests_is_for_sixteen_and_over(tmp_path: Path) -> None:
    book = guarded(make_book(tmp_path, dob="2011-01-01"))
    before = snapshot(book.root)
    with pytest.raises(RuleViolation, match="PRT003 M1: the person is under 16"):
        new(book, type_id="best-interests", decision_maker=Person("health", "Dr Ravi Menon"))
    assert snapshot(book.root) == before


# --- the $EDITOR form -----------------------------------------------------------------------


def test_the_blank_form_reads_back_as_minimal_minutes(book: Book) -> None:
    mid = new(book)
    case = load_case(book, CASE)
    mt = book_policy(book).get("s42-strategy")
    text = form(case, mid, mt, date(2026, 11, 3))
    assert "# This type must record: risks, others_at_risk, wishes, decisions." in text
    assert "capacity: null" in text
    minutes = read_form(Path("form.yaml"), text, today=date(2026, 11, 3))
    assert minutes == Minutes(held_on=date(2026, 11, 3), attendees=(HELEN,))


def test_the_best_interests_form_asks_for_capacity(book: Book) -> None:
    mid = new(book, type_id="best-interests", decision_maker=Person("health", "Dr Ravi Menon"))
    mt = book_policy(book).get("best-interests")
    text = form(load_case(book, CASE), mid, mt, date(2026, 11, 3))
    assert "capacity:\n  decision: null\n" in text


def test_the_form_asks_for_every_declared_field_of_the_minutes(book: Book) -> None:
    mid = new(book, type_id="best-interests", decision_maker=Person("health", "Dr Ravi Menon"))
    mt = book_policy(book).get("best-interests")
    text = form(load_case(book, CASE), mid, mt, date(2026, 11, 3))
    data = roundtrip.parse(Path("form.yaml"), text, dict)
    later = {"shared", "feedback.given_on"}  # written by meeting share / meeting feedback
    assert tuple(data) == tuple(key for key in shape.MINUTES.keys if key not in later)
    for key, declared in shape.MINUTES.fields.items():
        if isinstance(declared, shape.Record):
            asked = tuple(sub for sub in declared.keys if f"{key}.{sub}" not in later)
            assert tuple(data[key]) == asked, key
    assert tuple(data["risks"][0]) == shape.RISK.keys


def test_the_form_refuses_a_field_written_later_with_the_command_to_use(book: Book) -> None:
    mid = new(book)
    mt = book_policy(book).get("s42-strategy")
    text = form(load_case(book, CASE), mid, mt, date(2026, 11, 3))
    text = text.replace("  due: null\n", "  due: null\n  given_on: 2026-11-04\n")
    expected = "feedback.given_on: unknown field; known: how, by, due .record it with: safecli"
    with pytest.raises(InvalidInput, match=expected):
        read_form(Path("form.yaml"), text, today=date(2026, 11, 3))


@pytest.mark.parametrize(
    ("change", "message", "line"),
    [
        ("held_on: 2026-11-03", "held_on: not a date: 'someday'", "held_on: someday"),
        (
            "  - {agency: asc, name: Helen Forsyth}",
            "attendees: invalid person 'Helen'",
            "  - Helen",
        ),
        ("decisions: []", "unknown field 'shared'", "decisions: []\nshared: []"),
        ("  reviewed: false", "reviewed: expected true or false", "  reviewed: maybe"),
        ("decisions: []", "decisions: each item is one line of text", "decisions: [{a: b}]"),
        ("  - risk: null", "risks.level: unknown field", "  - risk: Harm\n    level: high"),
    ],
)
def test_form_problems_point_at_their_line(
    book: Book, change: str, message: str, line: str
) -> None:
    mid = new(book)
    mt = book_policy(book).get("s42-strategy")
    text = form(load_case(book, CASE), mid, mt, date(2026, 11, 3))
    assert change in text
    edited = text.replace(change, line, 1)
    with pytest.raises(InvalidInput, match=message) as caught:
        read_form(Path("form.yaml"), edited, today=date(2026, 11, 3))
    assert caught.value.line is not None


def test_form_accepts_people_as_text_and_dates_as_words(book: Book) -> None:
    mid = new(book)
    mt = book_policy(book).get("s42-strategy")
    text = form(load_case(book, CASE), mid, mt, date(2026, 11, 3))
    text = text.replace("  - {agency: asc, name: Helen Forsyth}", "  - asc:Helen Forsyth")
    text = text.replace("review:\n  date: null", "review:\n  date: +4w")
    text = text.replace(
        "  - risk: null\n    in_place: null\n    barriers: null\n    actions: []",
        "  - risk: Harm\n    actions: A1, A2",
    )
    minutes = read_form(Path("form.yaml"), text, today=date(2026, 11, 3))
    assert minutes.attendees == (HELEN,)
    assert minutes.review.date == date(2026, 12, 1)
    assert minutes.risks[0].actions == ("A1", "A2")
