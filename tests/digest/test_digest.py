"""The digest's items at their day boundaries, across the clock changes, in the book's zone."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from digest_book import action, adult, make_book, meeting, write_case

from safecli.dates import today_in
from safecli.digest import items as digest
from safecli.digest.cache import collect
from safecli.digest.items import CaseRead, Item, compute, select
from safecli.store.book import find_book
from safecli.store.config import DigestSettings, RiskDays

LONDON = ZoneInfo("Europe/London")


def items_of(root: Path, today: date, within: int = 7) -> list[Item]:
    book = find_book(root)
    reads = collect(book, now_ns=time.time_ns(), use_cache=False)
    return compute(reads, today, today + timedelta(days=within), book.config.digest)


def brief(items: list[Item]) -> list[tuple[str, str, str | None, int | None]]:
    return [(i.kind, i.case, i.action or i.meeting, i.days_overdue) for i in items]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_book(tmp_path / "book")


# actions: due yesterday / today / tomorrow


def test_actions_at_the_day_boundary(root: Path) -> None:
    write_case(
        root,
        "C1",
        meetings=[meeting("M1", review="2027-01-01")],
        actions=[
            action("A1", "2026-11-30"),
            action("A2", "2026-12-01"),
            action("A3", "2026-12-02"),
            action("A4", "2026-12-08"),
            action("A5", "2026-12-09"),
            action("A6", "2026-11-01", status="done"),
            action("A7", "2026-11-01", status="cancelled"),
        ],
    )
    assert brief(items_of(root, date(2026, 12, 1))) == [
        ("action-overdue", "C1", "A1", 1),
        ("action-due-soon", "C1", "A2", 0),  # due today is not overdue
        ("action-due-soon", "C1", "A3", -1),
        ("action-due-soon", "C1", "A4", -7),  # the last day of --within 7d
    ]


def test_within_zero_days_lists_only_what_is_due_today(root: Path) -> None:
    write_case(
        root,
        "C1",
        meetings=[meeting("M1", review="2027-01-01")],
        actions=[
            action("A1", "2026-11-30"),
            action("A2", "2026-12-01"),
            action("A3", "2026-12-02"),
        ],
    )
    assert brief(items_of(root, date(2026, 12, 1), within=0)) == [
        ("action-overdue", "C1", "A1", 1),
        ("action-due-soon", "C1", "A2", 0),
    ]


def test_an_action_item_carries_its_meeting_type_lead_and_due(root: Path) -> None:
    write_case(
        root,
        "C1",
        meetings=[meeting("M1", mtype="self-neglect", review="2027-01-01")],
        actions=[action("A1", "2026-11-20", lead="gp")],
    )
    [item] = items_of(root, date(2026, 12, 1))
    assert item == Item(
        "action-overdue",
        "C1",
        risk="high",
        meeting="M1",
        meeting_type="self-neglect",
        action="A1",
        agency="gp",
        lead="Dr Amara Okafor",
        due=date(2026, 11, 20),
        days_overdue=11,
        detail="action A1 was due 11 days ago and is still open",
    )


# reviews


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        ("2026-11-30", [("review-passed", "C1", "M1", 1)]),
        ("2026-12-01", []),
        ("2026-12-02", []),
    ],
)
def test_review_date_at_the_day_boundary(
    root: Path, review: str, expected: list[tuple[str, str, str, int]]
) -> None:
    write_case(root, "C1", meetings=[meeting("M1", review=review)])
    assert brief(items_of(root, date(2026, 12, 1))) == expected


def test_a_later_held_meeting_answers_the_review(root: Path) -> None:
    write_case(
        root,
        "C1",
        meetings=[
            meeting("M1", review="2026-11-20"),
            meeting("M2", when="2026-11-21T10:00", held_on="2026-11-21", review="2027-01-10"),
        ],
    )
    assert brief(items_of(root, date(2026, 12, 1))) == []


def test_a_planned_review_meeting_does_not_answer_it(root: Path) -> None:
    write_case(
        root,
        "C1",
        meetings=[
            meeting("M1", review="2026-11-20"),
            meeting("M2", when="2026-11-20T10:00", status="planned"),
        ],
    )
    # M2's time passed with no minutes: that is an item of its own.
    item, unrecorded = items_of(root, date(2026, 12, 1))
    assert brief([unrecorded]) == [("minutes-not-recorded", "C1", "M2", 10)]
    assert (item.kind, item.meeting, item.due, item.days_overdue, item.agency, item.lead) == (
        "review-passed",
        "M1",
        date(2026, 11, 20),
        11,
        "asc",
        "Sam Patel",
    )


def test_the_latest_held_meeting_sets_the_review(root: Path) -> None:
    # M2 is later in time though earlier in the file.
    write_case(
        root,
        "C1",
        meetings=[
            meeting("M2", when="2026-11-25T10:00", held_on="2026-11-25", review="2026-11-28"),
            meeting("M1", when="2026-11-01T10:00", held_on="2026-11-01", review="2027-02-01"),
        ],
    )
    assert brief(items_of(root, date(2026, 12, 1))) == [("review-passed", "C1", "M2", 3)]


# minutes


@pytest.mark.parametrize(
    ("held_on", "expected"),
    [
        ("2026-11-25", [("minutes-not-shared", "C1", "M1", 1)]),  # 5 days ago + 1
        ("2026-11-26", []),  # exactly 5 days ago
        ("2026-11-27", []),
    ],
)
def test_minutes_share_days_at_the_boundary(
    root: Path, held_on: str, expected: list[tuple[str, str, str, int]]
) -> None:
    write_case(
        root,
        "C1",
        meetings=[
            meeting("M1", when=f"{held_on}T10:00", held_on=held_on, review="2027-01-01", shared=())
        ],
    )
    assert brief(items_of(root, date(2026, 12, 1))) == expected


def test_minutes_must_reach_every_attending_and_invited_agency(root: Path) -> None:
    write_case(
        root,
        "C1",
        meetings=[
            meeting("M1", review="2027-01-01", shared=("police",)),  # gp invited
            meeting("M2", review="2027-01-01", shared=("police", "gp")),  # the chair's asc
            meeting("M3", review="2027-01-01", shared=(), attendees=("asc",), invitees=()),
        ],
    )
    [item] = items_of(root, date(2026, 12, 1))
    assert (item.kind, item.meeting, item.missing, item.agency, item.lead, item.due) == (
        "minutes-not-shared",
        "M1",
        ("gp",),
        "asc",
        "Sam Patel",
        date(2026, 11, 15),
    )


# no meeting held


@pytest.mark.parametrize(
    ("opened", "expected"),
    [
        ("2026-11-20", [("no-meeting", "C1", None, 1)]),
        ("2026-11-21", []),
        ("2026-11-22", []),
    ],
)
def test_no_meeting_at_the_boundary(
    root: Path, opened: str, expected: list[tuple[str, str, None, int]]
) -> None:
    # counted from the concern raised (here, as on the day the case opened)
    write_case(root, "C1", adult_text=adult("C1", opened=opened, raised=opened))
    assert brief(items_of(root, date(2026, 12, 1))) == expected


def test_no_meeting_needs_an_open_case_with_a_concern(root: Path) -> None:
    write_case(root, "C1", adult_text=adult("C1", opened="2026-01-01", concerns=False))
    write_case(root, "C2", adult_text=adult("C2", opened="2026-01-01", status="closed"))
    write_case(
        root,
        "C3",
        adult_text=adult("C3", opened="2026-01-01", raised="2026-01-01"),
        meetings=[meeting("M1", status="planned", when="2026-12-20T10:00")],
    )
    write_case(
        root,
        "C4",
        adult_text=adult("C4", opened="2026-01-01"),
        meetings=[meeting("M1", review="2027-01-01")],
    )
    # C3's meeting is called, not held: it is shown as such, not as "no meeting".
    assert brief(items_of(root, date(2026, 12, 1))) == [("meeting-called", "C3", "M1", 324)]


def test_closed_cases_give_only_their_open_actions(root: Path) -> None:
    write_case(
        root,
        "C1",
        adult_text=adult("C1", status="closed"),
        meetings=[meeting("M1", review="2026-11-12", shared=())],
        actions=[action("A1", "2026-11-30")],
    )
    assert brief(items_of(root, date(2026, 12, 1))) == [("action-overdue", "C1", "A1", 1)]


# the clock changes (Europe/London: forward 29 March 2026, back 25 October 2026)


def test_day_counts_are_whole_days_across_the_spring_change(root: Path) -> None:
    # 01:30 on 29 March does not exist in London; the digest only needs its date.
    write_case(
        root,
        "C1",
        adult_text=adult("C1", opened="2026-03-01"),
        meetings=[
            meeting("M1", when="2026-03-29T01:30", held_on=None, review="2026-03-29", shared=())
        ],
        actions=[
            action("A1", "2026-03-28"),
            action("A2", "2026-03-29"),
            action("A3", "2026-03-30"),
        ],
    )
    assert brief(items_of(root, date(2026, 3, 29))) == [
        ("action-overdue", "C1", "A1", 1),
        ("action-due-soon", "C1", "A2", 0),
        ("action-due-soon", "C1", "A3", -1),
    ]
    assert brief(items_of(root, date(2026, 4, 4))) == [
        ("action-overdue", "C1", "A1", 7),
        ("action-overdue", "C1", "A2", 6),
        ("review-passed", "C1", "M1", 6),
        ("action-overdue", "C1", "A3", 5),
        ("minutes-not-shared", "C1", "M1", 1),  # held 29 March (from `when`) + 5 days
    ]


def test_day_counts_are_whole_days_across_the_autumn_change(root: Path) -> None:
    # 01:30 on 25 October happens twice in London.
    write_case(
        root,
        "C1",
        adult_text=adult("C1", opened="2026-10-01"),
        meetings=[
            meeting(
                "M1",
                when="2026-10-25T01:30",
                held_on=None,
                review="2026-10-25",
                shared=("police", "gp"),
            )
        ],
        actions=[
            action("A1", "2026-10-24"),
            action("A2", "2026-10-25"),
            action("A3", "2026-10-26"),
        ],
    )
    assert brief(items_of(root, date(2026, 10, 26))) == [
        ("action-overdue", "C1", "A1", 2),
        ("action-overdue", "C1", "A2", 1),
        ("review-passed", "C1", "M1", 1),
        ("action-due-soon", "C1", "A3", 0),
    ]


def test_today_is_the_books_date_not_utcs(root: Path) -> None:
    # 00:30 on 1 July in London (BST) is still 30 June in UTC.
    now = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    assert today_in(LONDON, now) == date(2026, 7, 1)
    assert now.date() == date(2026, 6, 30)
    write_case(
        root,
        "C1",
        meetings=[meeting("M1", review="2027-01-01")],
        actions=[action("A1", "2026-06-30")],
    )
    assert brief(items_of(root, today_in(LONDON, now))) == [("action-overdue", "C1", "A1", 1)]
    assert brief(items_of(root, now.date())) == [("action-due-soon", "C1", "A1", 0)]


def test_today_just_after_midnight_in_winter_is_the_same_day_in_utc() -> None:
    now = datetime(2026, 12, 1, 0, 30, tzinfo=LONDON)
    assert today_in(LONDON, now) == now.astimezone(UTC).date() == date(2026, 12, 1)


# unreadable cases, sorting, filters and groups


def test_an_unreadable_file_is_an_item_and_hides_nothing_else(root: Path) -> None:
    write_case(root, "C1", actions=[action("A1", "2026-11-30")])
    write_case(
        root,
        "C2",
        meetings=[meeting("M1", review="2027-01-01")],
        actions=[action("A1", "2026-11-20")],
    )
    (root / "cases" / "C1" / "actions.yaml").write_text("- id: A1\n  id: A2\n")
    items = items_of(root, date(2026, 12, 1))
    assert brief(items) == [("unreadable", "C1", None, None), ("action-overdue", "C2", "A1", 11)]
    assert (
        items[0].detail
        == "cases/C1/actions.yaml:2:3: duplicate key 'id' (a key may appear once in a record)"
    )


def test_a_case_id_that_does_not_match_its_folder_is_unreadable(root: Path) -> None:
    write_case(root, "C1", adult_text=adult("C9"))
    [item] = items_of(root, date(2026, 12, 1))
    assert item.kind == "unreadable"
    assert item.detail == "cases/C1/adult.yaml:2:7: case 'C9' does not match the folder name 'C1'"


def test_sorted_most_overdue_first_then_case_kind_and_natural_ids() -> None:
    def item(kind: str, case: str, days: int, action: str | None = None) -> Item:
        return Item(kind, case, action=action, days_overdue=days)

    items = [
        item("action-due-soon", "C1", -2, "A1"),
        item("action-overdue", "C2", 3, "A10"),
        item("action-overdue", "C2", 3, "A9"),
        item("review-passed", "C1", 3),
        item("action-overdue", "C1", 9, "A1"),
        Item("unreadable", "C3", detail="x"),
    ]
    assert [(i.case, i.kind, i.action) for i in digest.sort(items)] == [
        ("C3", "unreadable", None),
        ("C1", "action-overdue", "A1"),
        ("C1", "review-passed", None),
        ("C2", "action-overdue", "A9"),
        ("C2", "action-overdue", "A10"),
        ("C1", "action-due-soon", "A1"),
    ]


def test_agency_filter_gives_each_agency_what_it_needs_to_know(root: Path) -> None:
    write_case(
        root,
        "C1",
        meetings=[meeting("M1", review="2026-11-20", shared=("police",))],
        actions=[action("A1", "2026-11-30", lead="police"), action("A2", "2026-11-29", lead="asc")],
    )
    write_case(
        root,
        "C2",
        adult_text=adult("C2", opened="2026-01-01", raised="2026-01-01"),
        agencies="- handle: asc\n  name: ASC\n  kind: local-authority\n  people: []\n",
    )
    items = items_of(root, date(2026, 12, 1))
    seen = {agency: brief(select(items, agencies=[agency])) for agency in ("police", "gp", "asc")}
    assert seen["police"] == [("review-passed", "C1", "M1", 11), ("action-overdue", "C1", "A1", 1)]
    assert seen["gp"] == [("minutes-not-shared", "C1", "M1", 16), ("review-passed", "C1", "M1", 11)]
    assert seen["asc"] == [
        ("no-meeting", "C2", None, 324),
        ("minutes-not-shared", "C1", "M1", 16),
        ("review-passed", "C1", "M1", 11),
        ("action-overdue", "C1", "A2", 2),
    ]


def test_lead_risk_case_and_kind_filters(root: Path) -> None:
    write_case(
        root,
        "C1",
        meetings=[meeting("M1", review="2027-01-01")],
        actions=[action("A1", "2026-11-30", lead="police"), action("A2", "2026-11-29", lead="asc")],
    )
    write_case(
        root,
        "C2",
        adult_text=adult("C2", risk="low"),
        meetings=[meeting("M1", review="2027-01-01")],
        actions=[action("A1", "2026-11-30")],
    )
    items = items_of(root, date(2026, 12, 1))
    assert brief(select(items, leads=[("asc", "Sam Patel")])) == [("action-overdue", "C1", "A2", 2)]
    assert brief(select(items, risks=["low"])) == [("action-overdue", "C2", "A1", 1)]
    assert brief(select(items, cases=["C2"])) == [("action-overdue", "C2", "A1", 1)]
    assert brief(select(items, kinds=["action-due-soon"])) == []


def test_groups_are_sorted_by_key_with_the_ungrouped_last() -> None:
    items = [
        Item("action-overdue", "C2", agency="police", lead="DC Lee Jones", days_overdue=1),
        Item("unreadable", "C3"),
        Item("action-overdue", "C1", agency="asc", lead="Sam", days_overdue=5),
    ]
    assert [(k, [i.case for i in g]) for k, g in digest.grouped(items, "agency")] == [
        ("asc", ["C1"]),
        ("police", ["C2"]),
        ("-", ["C3"]),
    ]
    assert [k for k, _ in digest.grouped(items, "lead")] == ["asc:Sam", "police:DC Lee Jones", "-"]
    assert [k for k, _ in digest.grouped(items, "case")] == ["C1", "C2", "C3"]


def test_counts_list_every_kind() -> None:
    assert digest.counts([Item("no-meeting", "C1")]) == {
        "unreadable": 0,
        "action-overdue": 0,
        "action-due-soon": 0,
        "review-passed": 0,
        "minutes-not-recorded": 0,
        "minutes-not-shared": 0,
        "feedback-not-given": 0,
        "no-meeting": 1,
        "meeting-called": 0,
        "repeated-episodes": 0,
        "enquiry-overdue": 0,
        "plan-review-overdue": 0,
        "total": 1,
    }


def test_compute_takes_plain_candidates_without_files() -> None:
    facts = (
        "medium",
        ("asc",),
        (
            (
                "no-meeting",
                date(2026, 11, 1).toordinal(),
                None,
                None,
                None,
                "asc",
                "Sam",
                None,
                None,
            ),
            ("action", date(2026, 12, 9).toordinal(), "M1", "mdt", "A1", "gp", "Dr A", None, None),
            (
                "minutes",
                date(2026, 11, 26).toordinal(),
                "M1",
                "mdt",
                None,
                "asc",
                "Sam",
                ("gp",),
                None,
            ),
        ),
        None,
    )
    items = compute(
        [CaseRead("C1", facts)],
        date(2026, 12, 1),
        date(2026, 12, 8),
        DigestSettings(minutes_share_days=4, first_meeting_days=RiskDays(10, 10, 10)),
    )
    assert [(i.kind, i.due, i.days_overdue) for i in items] == [
        ("no-meeting", date(2026, 11, 11), 20),
        ("minutes-not-shared", date(2026, 11, 30), 1),
    ]
