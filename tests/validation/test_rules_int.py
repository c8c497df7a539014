"""Integrity rules (INT001-INT009): one table per rule, exact (code, line, column)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rules_table import (
    ACTIONS,
    ADULT,
    AGENCIES,
    CLEAN,
    CONFIG,
    HELD,
    Row,
    check_row,
    findings,
    make_book,
)

INT001 = [
    Row("clean", []),
    Row(
        "duplicate key",
        [("INT001", 7, 3)],
        edits={"actions": [("  status: open\n", "  status: open\n  status: done\n")]},
    ),
    Row("missing file", [("INT001", 1, 1)], files={"agencies": None}),
    Row("empty file", [("INT001", 1, 1)], files={"actions": ""}),
    Row("crlf", [("INT001", 1, 19)], files={"adult": ADULT.replace("\n", "\r\n")}),
    Row("mapping where a list is expected", [("INT001", 1, 1)], files={"meetings": "id: M1\n"}),
    Row("unclosed flow list", [("INT001", 3, 1)], files={"actions": "- id: A1\n  moves: [\n"}),
    Row("anchor", [("INT001", 6, 11)], edits={"actions": [("status: open", "status: &s open")]}),
    Row(
        "not utf-8",
        [("INT001", 3, 9)],
        files={"actions": b"- id: A1\n  status: open\n  note: \xe9\n"},
    ),
    Row(
        "a list used as a key",
        [("INT001", 2, 5)],
        files={"actions": "- id: A1\n  ? [a, b]\n  : complex key\n"},
    ),
    Row(
        "conflict markers are INT007's",
        [],
        files={"actions": "<<<<<<< HEAD\n- id: A1\n=======\n- id: A2\n>>>>>>> other\n"},
    ),
    Row(
        "impossible dates are INT005's",
        [],
        edits={"actions": [("due: 2026-11-14", "due: 2026-02-30")]},
    ),
]

INT002 = [
    Row("clean", []),
    Row(
        "case id differs from the folder",
        [("INT002", 1, 7)],
        edits={"adult": [("case: SG-2026-0001", "case: SG-2026-0009")]},
    ),
    Row("no case id", [("INT002", 1, 1)], edits={"adult": [("case: SG-2026-0001\n", "")]}),
    Row(
        "malformed action id",
        [("INT002", 1, 7)],
        files={"actions": ACTIONS.replace("id: A1", "id: a-1")},
    ),
    Row("action id used twice", [("INT002", 11, 7)], files={"actions": ACTIONS + ACTIONS}),
    Row(
        "meeting without id",
        [("INT002", 1, 3)],
        files={"meetings": HELD.replace("- id: M1\n  type", "- type")},
    ),
    Row(
        "agency handle used twice",
        [("INT002", 17, 11)],
        files={"agencies": AGENCIES + "- handle: asc\n  name: Other\n  kind: other\n"},
    ),
    Row(
        "handle with capitals",
        [("INT002", 17, 11)],
        files={"agencies": AGENCIES + "- handle: Fire\n  name: Fire\n  kind: fire\n"},
    ),
    Row(
        "person listed twice in an agency",
        [("INT002", 6, 13)],
        edits={"agencies": [("    - name: Jo Chair\n", "    - name: Sam Patel\n")]},
    ),
]

INT003 = [
    Row("clean", []),
    Row(
        "unknown agency of a person",
        [("INT003", 4, 18)],
        edits={"actions": [("lead: {agency: asc", "lead: {agency: acs")]},
    ),
    Row(
        "unknown person of an agency",
        [("INT003", 9, 30)],
        edits={
            "meetings": [
                ("chair: {agency: asc, name: Jo Chair}", "chair: {agency: asc, name: Jo Chare}")
            ]
        },
    ),
    Row(
        "unknown lead agency",
        [("INT003", 19, 14)],
        edits={"adult": [("lead_agency: asc", "lead_agency: council")]},
    ),
    Row(
        "engage lead and shared agency",
        [("INT003", 31, 18), ("INT003", 58, 18)],
        edits={
            "meetings": [
                ("engage_lead: asc", "engage_lead: gp"),
                ("{agency: police, shared_on", "{agency: pol, shared_on"),
            ]
        },
    ),
    Row(
        "action of an unknown meeting",
        [("INT003", 2, 12)],
        edits={"actions": [("meeting: M1", "meeting: M7")]},
    ),
    Row(
        "risk naming an unknown action",
        [("INT003", 39, 23)],
        edits={"meetings": [("actions: [A1]", "actions: [A1, A2]")]},
    ),
    Row(
        "subject case not in the book",
        [("INT003", 16, 14)],
        edits={"meetings": [("subjects: []", "subjects: [SG-2026-0099]")]},
    ),
    Row(
        "a case is not its own subject",
        [("INT003", 16, 14)],
        edits={"meetings": [("subjects: []", "subjects: [SG-2026-0001]")]},
    ),
    Row(
        "people of an unreadable agencies.yaml are not checked",
        [],
        files={"agencies": "- handle: asc\n  handle: asc\n"},
    ),
]

INT004 = [
    Row("clean", []),
    Row(
        "a person's language is cy or en",
        [("INT004", 6, 17)],
        files={
            "agencies": AGENCIES.replace(
                "    - name: Sam Patel\n", "    - name: Sam Patel\n      language: Welsh\n", 1
            )
        },
    ),
    Row(
        "action status",
        [("INT004", 6, 11)],
        edits={"actions": [("status: open", "status: finished")]},
    ),
    Row(
        "meeting type not in the pack",
        [("INT004", 2, 9)],
        edits={"meetings": [("type: s42-strategy", "type: s42-stratgy")]},
    ),
    Row(
        "risk level and engagement",
        [("INT004", 18, 13)],
        edits={"adult": [("risk_level: medium", "risk_level: severe")]},
    ),
    Row(
        "agency kind",
        [("INT004", 3, 9)],
        edits={"agencies": [("kind: local-authority", "kind: council")]},
    ),
    Row(
        "invitee response",
        [("INT004", 21, 17)],
        edits={"meetings": [("response: accepted", "response: maybe")]},
    ),
    Row(
        "welsh abuse type in an english case",
        [("INT004", 33, 11)],
        files={"adult": ADULT + "concerns:\n  - type: trafficking\n    summary: x\n"},
    ),
    Row(
        "an s42 meeting in a welsh case",
        [("INT004", 2, 9)],
        files={"adult": ADULT.replace("jurisdiction: null", "jurisdiction: wales")},
    ),
    Row(
        "an s126 meeting in a welsh case",
        [],
        files={"adult": ADULT.replace("jurisdiction: null", "jurisdiction: wales")},
        edits={"meetings": [("type: s42-strategy", "type: s126-strategy")]},
    ),
    Row(
        "welsh abuse type in a welsh case",
        [],
        files={
            "adult": ADULT.replace("jurisdiction: null", "jurisdiction: wales")
            + "concerns:\n  - type: trafficking\n    summary: x\n"
        },
        edits={"meetings": [("type: s42-strategy", "type: s126-strategy")]},
    ),
]

MOVES = """moves:
    - from: 2026-11-14
      to: 2026-11-21
      reason: Bank needs a signed form
      moved_on: 2026-11-13
      lead_informed: true
      risk_reassessed: true
    - from: 2026-11-21
      to: 2026-11-28
      reason: Form lost in the post
      moved_on: 2026-11-20
      lead_informed: true
      risk_reassessed: true"""

INT005 = [
    Row("clean", []),
    Row(
        "impossible date",
        [("INT005", 5, 8)],
        edits={"actions": [("due: 2026-11-14", "due: 2026-02-30")]},
    ),
    Row(
        "text where a date is expected",
        [("INT005", 5, 8)],
        edits={"actions": [("due: 2026-11-14", "due: next week")]},
    ),
    Row(
        "meeting time without a time",
        [("INT005", 5, 9)],
        edits={"meetings": [("when: 2026-11-10T10:00", "when: 2026-11-10")]},
    ),
    Row(
        "meeting time in the clocks-forward gap",
        [("INT005", 5, 9)],
        edits={"meetings": [("when: 2026-11-10T10:00", "when: 2027-03-28T01:30")]},
    ),
    Row(
        "held before the case opened",
        [("INT005", 25, 14)],
        edits={"meetings": [("held_on: 2026-11-10", "held_on: 2026-11-01")]},
    ),
    Row("held in the future", [("INT005", 25, 14)], as_of=date(2026, 11, 9)),
    Row(
        "review before the meeting",
        [("INT005", 49, 13)],
        edits={"meetings": [("date: 2026-12-01", "date: 2026-11-09")]},
    ),
    Row(
        "minutes shared before the meeting",
        [("INT005", 57, 34)],
        edits={
            "meetings": [
                ("{agency: asc, shared_on: 2026-11-11}", "{agency: asc, shared_on: 2026-11-09}")
            ]
        },
    ),
    Row(
        "invitations after the meeting",
        [("INT005", 12, 15)],
        edits={"meetings": [("invited_on: 2026-11-05", "invited_on: 2026-11-11")]},
    ),
    Row(
        "done before the case opened, and in the future",
        [("INT005", 7, 12)],
        edits={
            "actions": [("status: open", "status: done"), ("done_on: null", "done_on: 2026-10-01")]
        },
    ),
    Row(
        "done in the future",
        [("INT005", 7, 12)],
        as_of=date(2026, 11, 20),
        edits={
            "actions": [("status: open", "status: done"), ("done_on: null", "done_on: 2026-11-21")]
        },
    ),
    Row(
        "moves that join up",
        [],
        edits={"actions": [("due: 2026-11-14", "due: 2026-11-28"), ("moves: []", MOVES)]},
    ),
    Row(
        "a move that does not start from the previous due date",
        [("INT005", 17, 13)],
        edits={
            "actions": [
                ("due: 2026-11-14", "due: 2026-11-28"),
                ("moves: []", MOVES),
                ("from: 2026-11-21", "from: 2026-11-20"),
            ]
        },
    ),
    Row(
        "the last move does not give the due date",
        [("INT005", 18, 11)],
        edits={"actions": [("due: 2026-11-14", "due: 2026-11-30"), ("moves: []", MOVES)]},
    ),
    Row(
        "born after the case opened",
        [("INT005", 6, 16)],
        edits={"adult": [("date_of_birth: 1950-01-01", "date_of_birth: 2026-11-03")]},
    ),
]

INT006 = [
    Row("clean", []),
    Row("misspelt key", [("INT006", 8, 3)], edits={"meetings": [("  purpose:", "  purpse:")]}),
    Row(
        "unknown key in the minutes",
        [("INT006", 26, 5)],
        edits={"meetings": [("    attendees:", "    attendes:")]},
    ),
    Row(
        "unknown key in a person",
        [("INT006", 4, 40)],
        edits={"actions": [("name: Sam Patel}", "name: Sam Patel, role: SW}")]},
    ),
    Row(
        "cancel_reason is a known meeting key",
        [],
        edits={"meetings": [("  status: held\n", "  status: held\n  cancel_reason: null\n")]},
    ),
]

INT007 = [
    Row("clean", []),
    Row(
        "conflict markers",
        [("INT007", 6, 1), ("INT007", 8, 1), ("INT007", 10, 1)],
        edits={
            "actions": [
                (
                    "  status: open\n",
                    (
                        "<<<<<<< HEAD\n  status: done\n=======\n"
                        "  status: cancelled\n>>>>>>> theirs\n"
                    ),
                )
            ]
        },
    ),
]

INT008 = [
    Row("clean", []),
    Row(
        "large print is a point size, not text",
        [("INT008", 13, 16)],
        edits={"adult": [("easy_read: false", "easy_read: false\n  large_print: big")]},
    ),
    Row(
        "large print too small to be large",
        [("INT008", 13, 16)],
        edits={"adult": [("easy_read: false", "easy_read: false\n  large_print: 9")]},
    ),
    Row(
        "large print 18pt",
        [],
        edits={"adult": [("easy_read: false", "easy_read: false\n  large_print: 18")]},
    ),
    Row(
        "flag that is not true or false",
        [("INT008", 14, 14)],
        edits={"meetings": [("invited: true", "invited: maybe")]},
    ),
    Row(
        "number where text is expected",
        [("INT008", 7, 8)],
        files={
            "adult": ADULT.replace(
                "date_of_birth: 1950-01-01\n", "date_of_birth: 1950-01-01\nphone: 01632960123\n"
            )
        },
    ),
    Row(
        "person written as text",
        [("INT008", 4, 9)],
        edits={"actions": [("lead: {agency: asc, name: Sam Patel}", "lead: asc:Sam Patel")]},
    ),
    Row(
        "list where a mapping is expected",
        [("INT008", 49, 7)],
        edits={
            "meetings": [
                (
                    "    review:\n      date: 2026-12-01\n      not_required: null\n",
                    "    review:\n      - 2026-12-01\n",
                )
            ]
        },
    ),
    Row("required key missing", [("INT008", 1, 3)], edits={"actions": [("  status: open\n", "")]}),
    Row(
        "null where a value is required",
        [("INT008", 11, 11)],
        edits={"meetings": [("status: held", "status: null")]},
    ),
]

INT009 = [
    Row("clean", []),
    Row(
        "held without minutes",
        [("INT009", 11, 11)],
        files={
            "meetings": HELD[: HELD.index("  minutes:")] + "  minutes: null\n",
            "actions": ACTIONS,
        },
    ),
    Row(
        "planned with minutes",
        [("INT009", 24, 3)],
        edits={"meetings": [("status: held", "status: planned")]},
    ),
    Row(
        "done without done_on",
        [("INT009", 7, 3)],
        edits={"actions": [("status: open", "status: done")]},
    ),
    Row(
        "open with done_on",
        [("INT009", 7, 3)],
        edits={"actions": [("done_on: null", "done_on: 2026-11-12")]},
    ),
    Row(
        "cancelled without a reason",
        [("INT009", 9, 3)],
        edits={"actions": [("status: open", "status: cancelled")]},
    ),
    Row(
        "closed case with an open action",
        [("INT009", 6, 11)],
        edits={
            "adult": [("status: open", "status: closed"), ("closed: null", "closed: 2026-11-30")]
        },
    ),
    Row(
        "closed case without a closed date",
        [("INT009", 6, 11), ("INT009", 31, 1)],
        edits={"adult": [("status: open", "status: closed")]},
    ),
]


def _ids(rows: list[Row]) -> list[str]:
    return [row.name for row in rows]


@pytest.mark.parametrize("row", INT001, ids=_ids(INT001))
def test_int001_parse(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "INT001", row)


@pytest.mark.parametrize("row", INT002, ids=_ids(INT002))
def test_int002_ids(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "INT002", row)


@pytest.mark.parametrize("row", INT003, ids=_ids(INT003))
def test_int003_references(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "INT003", row)


@pytest.mark.parametrize("row", INT004, ids=_ids(INT004))
def test_int004_choices(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "INT004", row)


@pytest.mark.parametrize("row", INT005, ids=_ids(INT005))
def test_int005_dates(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "INT005", row)


@pytest.mark.parametrize("row", INT006, ids=_ids(INT006))
def test_int006_unknown_keys(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "INT006", row)


@pytest.mark.parametrize("row", INT007, ids=_ids(INT007))
def test_int007_conflicts(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "INT007", row)


@pytest.mark.parametrize("row", INT008, ids=_ids(INT008))
def test_int008_types(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "INT008", row)


@pytest.mark.parametrize("row", INT009, ids=_ids(INT009))
def test_int009_states(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "INT009", row)


def test_int002_folder_name_must_be_a_case_id(tmp_path: Path) -> None:
    files = {**CLEAN, "adult": ADULT.replace("SG-2026-0001", "Ann Example")}
    root = make_book(tmp_path / "book", files, case_id="Ann Example")
    got = [
        (f.code, f.line, f.column, f.path)
        for f in findings(root, date(2026, 12, 1), case_id="Ann Example")
        if f.code == "INT002"
    ]
    assert got == [("INT002", 1, 1, "cases/Ann Example/adult.yaml")]


@pytest.mark.parametrize(
    ("case_id", "setting", "expected"),
    [
        ("SG-2026-0001", None, []),
        ("SG-2026-10000", None, []),
        ("SG-2026-ann", None, [("INT002", 1, 1)]),
        ("SG-26-0001", None, [("INT002", 1, 1)]),
        ("ASC-00042", "ASC-{number:05d}", []),
        ("SG-2026-0001", "ASC-{number:05d}", [("INT002", 1, 1)]),
    ],
)
def test_int002_case_ids_follow_the_books_case_id_format(
    tmp_path: Path, case_id: str, setting: str | None, expected: list[tuple[str, int, int]]
) -> None:
    config = CONFIG + (f'case_id_format: "{setting}"\n' if setting else "")
    files = {**CLEAN, "adult": ADULT.replace("SG-2026-0001", case_id)}
    root = make_book(tmp_path / "book", files, config, case_id=case_id)
    found = [f for f in findings(root, date(2026, 12, 1), case_id=case_id) if f.code == "INT002"]
    assert [(f.code, f.line, f.column) for f in found] == expected
    assert all("case_id_format in safecli.yaml" in f.message for f in found)
    assert all(case_id not in f.message for f in found)
