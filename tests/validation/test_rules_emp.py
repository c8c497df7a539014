"""Empowerment rules (EMP001-EMP004): tables, policy awareness, England vs Wales."""

from __future__ import annotations

from pathlib import Path

import pytest
from rules_table import AGENCIES, CONFIG, Row, case_files, check_row, findings, make_book

NO_OUTCOMES = ("  outcomes:\n    - I want to stay at home.\n", "  outcomes: []\n")
NO_FEEDBACK = (
    (
        "    feedback:\n      how: Home visit\n      by: {agency: asc, name: Sam Patel}\n"
        "      due: 2026-11-12\n"
    ),
    "    feedback: null\n",
)
NOT_INVITED = ("    invited: true\n", "    invited: false\n")
ADVOCACY = (
    AGENCIES + "- handle: advocacy\n  name: Advocacy Hub\n  kind: advocacy\n"
    "  people:\n    - name: Bethan Rowe\n"
)
ADVOCATE_INVITED = (
    "      responded_on: 2026-11-06\n",
    (
        "      responded_on: 2026-11-06\n"
        "    - person: {agency: advocacy, name: Bethan Rowe}\n"
        "      reason: Her advocate\n"
    ),
)


def _closed(closure: str) -> dict[str, list[tuple[str, str]]]:
    """adult.yaml edits closing the case with this closure (the lines after `closure:`)."""
    return {
        "adult": [
            ("status: open", "status: closed"),
            ("closed: null\n", f"closed: 2026-11-30\nclosure:{closure}"),
        ]
    }


CLOSURE = "reason: Risk reduced"

EMP001 = [
    Row("clean", []),
    Row("no desired outcomes in adult.yaml", [("EMP001", 21, 1)], edits={"adult": [NO_OUTCOMES]}),
    Row(
        "why they could not be asked",
        [],
        edits={
            "adult": [
                NO_OUTCOMES,
                ("not_asked_reason: null", "not_asked_reason: Unconscious in hospital"),
            ]
        },
    ),
    Row(
        "minutes without the adult's views",
        [("EMP001", 33, 7)],
        edits={"meetings": [("views: Wants to stay at home.", "views: null")]},
    ),
    Row(
        "no wishes mapping in the minutes",
        [("EMP001", 24, 3)],
        edits={
            "meetings": [
                (
                    (
                        "    wishes:\n      views: Wants to stay at home.\n"
                        "      obtained_by: Home visit\n"
                    ),
                    "",
                )
            ]
        },
    ),
    Row(
        "a type that does not record wishes (professionals)",
        [],
        edits={
            "meetings": [
                ("type: s42-strategy", "type: professionals"),
                ("views: Wants to stay at home.", "views: null"),
            ]
        },
    ),
    Row(
        "closed with the outcomes met",
        [],
        edits=_closed(
            f"\n  {CLOSURE}\n  outcomes_asked: true\n  not_asked_reason: null\n"
            "  outcomes_expressed: true\n  outcomes_achieved: partially\n"
        ),
    ),
    Row(
        "closed, asked, expressing none",
        [],
        edits=_closed(
            f"\n  {CLOSURE}\n  outcomes_asked: true\n  outcomes_expressed: false\n"
            "  outcomes_achieved: null\n"
        ),
    ),
    Row(
        "closed, not asked, and why",
        [],
        edits=_closed(
            f"\n  {CLOSURE}\n  outcomes_asked: false\n  not_asked_reason: Moved abroad\n"
        ),
    ),
    Row("closed with no closure", [("EMP001", 32, 1)], edits=_closed(" null\n")),
    Row(
        "closed, not saying whether asked",
        [("EMP001", 34, 3)],
        edits=_closed(f"\n  {CLOSURE}\n  outcomes_asked: null\n"),
    ),
    Row(
        "closed, not asked, not why",
        [("EMP001", 35, 3)],
        edits=_closed(
            f"\n  {CLOSURE}\n  outcomes_asked: false\n  not_asked_reason: null\n"
            "  outcomes_expressed: null\n  outcomes_achieved: null\n"
        ),
    ),
    Row(
        "closed, asked, not saying whether expressed",
        [("EMP001", 35, 3)],
        edits=_closed(f"\n  {CLOSURE}\n  outcomes_asked: true\n  outcomes_expressed: null\n"),
    ),
    Row(
        "closed, expressed, not saying whether met",
        [("EMP001", 32, 1)],
        edits=_closed(f"\n  {CLOSURE}\n  outcomes_asked: true\n  outcomes_expressed: true\n"),
    ),
    Row(
        "an open case needs no closure",
        [],
        edits={"adult": [("closed: null\n", "closed: null\nclosure: null\n")]},
    ),
]

EMP002 = [
    Row("clean", []),
    Row("not invited, no reason", [("EMP002", 13, 3)], edits={"meetings": [NOT_INVITED]}),
    Row(
        "not invited, with the reason",
        [],
        edits={
            "meetings": [
                NOT_INVITED,
                ("not_invited_reason: null", "not_invited_reason: Asked not to be invited"),
            ]
        },
    ),
    Row(
        "no adult mapping at all",
        [("EMP002", 1, 3)],
        edits={"meetings": [("  adult:\n    invited: true\n    not_invited_reason: null\n", "")]},
    ),
    Row(
        "cancelled meetings are not checked",
        [],
        edits={
            "meetings": [
                NOT_INVITED,
                ("status: held", "status: cancelled"),
                ("  minutes:\n", "  minutes: null\n  old_minutes:\n"),
            ]
        },
    ),
    Row(
        "the adult is not usually invited to MAPPA",
        [],
        edits={"meetings": [NOT_INVITED, ("type: s42-strategy", "type: mappa")]},
    ),
    Row(
        "self-neglect: the adult wherever possible",
        [("EMP002", 13, 3)],
        edits={"meetings": [NOT_INVITED, ("type: s42-strategy", "type: self-neglect")]},
    ),
]

EMP003 = [
    Row("clean", []),
    Row("no feedback", [("EMP003", 51, 5)], edits={"meetings": [NO_FEEDBACK]}),
    Row(
        "feedback without who gives it",
        [("EMP003", 51, 5)],
        edits={"meetings": [("by: {agency: asc, name: Sam Patel}", "by: null")]},
    ),
    Row(
        "not checked for MAPPA",
        [],
        edits={"meetings": [NO_FEEDBACK, ("type: s42-strategy", "type: mappa")]},
    ),
]

EMP004 = [
    Row("clean", []),
    Row(
        "advocate needed, none invited",
        [("EMP004", 18, 3)],
        files={"agencies": ADVOCACY},
        edits={"adult": [("needs_advocate: false", "needs_advocate: true")]},
    ),
    Row(
        "advocate needed and invited",
        [],
        files={"agencies": ADVOCACY},
        edits={
            "adult": [("needs_advocate: false", "needs_advocate: true")],
            "meetings": [ADVOCATE_INVITED],
        },
    ),
    Row(
        "the named advocate is invited from another agency",
        [],
        edits={"adult": [("advocate: null", "advocate: DC Lee Jones")]},
    ),
    Row(
        "interpreter needed, nothing recorded",
        [("EMP004", 13, 3)],
        edits={"adult": [("interpreter: null", "interpreter: Polish")]},
    ),
    Row(
        "interpreter recorded as arranged",
        [],
        edits={
            "adult": [("interpreter: null", "interpreter: Polish")],
            "meetings": [
                (
                    "    not_invited_reason: null\n",
                    "    not_invited_reason: null\n    interpreter_arranged: true\n",
                )
            ],
        },
    ),
    Row(
        "interpreter recorded as not arranged",
        [("EMP004", 13, 3)],
        edits={
            "adult": [("interpreter: null", "interpreter: Polish")],
            "meetings": [
                (
                    "    not_invited_reason: null\n",
                    "    not_invited_reason: null\n    interpreter_arranged: false\n",
                )
            ],
        },
    ),
    Row(
        "free text saying an interpreter is booked is not read",
        [("EMP004", 13, 3)],
        edits={
            "adult": [("interpreter: null", "interpreter: Polish")],
            "meetings": [
                (
                    "Agree immediate protection.",
                    "Agree immediate protection (Polish interpreter booked).",
                )
            ],
        },
    ),
    Row(
        "not checked when the adult is not invited",
        [],
        edits={"adult": [("interpreter: null", "interpreter: Polish")], "meetings": [NOT_INVITED]},
    ),
    Row(
        "not checked for an MDT (no advocate or interpreter in its invite policy)",
        [],
        edits={
            "adult": [("interpreter: null", "interpreter: Polish")],
            "meetings": [("type: s42-strategy", "type: mdt")],
        },
    ),
    Row(
        "notes ask for large print, no point size recorded",
        [("EMP004", 13, 3)],
        edits={"adult": [("notes: null", "notes: Letters in 18pt please.")]},
    ),
    Row(
        "notes ask for large print and the size is recorded",
        [],
        edits={
            "adult": [
                ("notes: null", "notes: Send letters in large print."),
                ("easy_read: false", "easy_read: false\n  large_print: 18"),
            ]
        },
    ),
    Row(
        "notes ask for easy read and Welsh, neither recorded",
        [("EMP004", 13, 3), ("EMP004", 13, 3)],
        edits={"adult": [("notes: null", "notes: Easy read, in Welsh.")]},
    ),
    Row(
        "notes ask for Welsh and Welsh is the recorded language",
        [],
        edits={
            "adult": [
                ("notes: null", "notes: Prefers Welsh (Cymraeg)."),
                ("language: English", "language: Cymraeg"),
            ]
        },
    ),
]


def _ids(rows: list[Row]) -> list[str]:
    return [row.name for row in rows]


@pytest.mark.parametrize("row", EMP001, ids=_ids(EMP001))
def test_emp001_wishes(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "EMP001", row)


@pytest.mark.parametrize("row", EMP002, ids=_ids(EMP002))
def test_emp002_invited(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "EMP002", row)


@pytest.mark.parametrize("row", EMP003, ids=_ids(EMP003))
def test_emp003_feedback(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "EMP003", row)


@pytest.mark.parametrize("row", EMP004, ids=_ids(EMP004))
def test_emp004_communication(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "EMP004", row)


@pytest.mark.parametrize(
    ("adult_jurisdiction", "book", "closed", "severity"),
    [
        ("null", "england", False, "warning"),
        ("null", "england", True, "warning"),
        ("wales", "england", False, "warning"),
        ("wales", "england", True, "error"),
        ("null", "wales", False, "warning"),
        ("null", "wales", True, "error"),
        ("england", "wales", True, "warning"),
    ],
)
def test_emp003_is_an_error_in_wales_once_the_case_is_closed(
    tmp_path: Path, adult_jurisdiction: str, book: str, closed: bool, severity: str
) -> None:
    # Wales requires a way of feeding back but no day for it: minutes come first,
    # the feedback after; a case closed without it can no longer give it.
    edits = {"meetings": [NO_FEEDBACK], **(_closed(" null\n") if closed else {})}
    row = Row("feedback", [], edits=edits)
    files = case_files(row)
    files["adult"] = files["adult"].replace(
        "jurisdiction: null", f"jurisdiction: {adult_jurisdiction}"
    )
    root = make_book(tmp_path / "book", files, CONFIG.replace("england", book))
    found = [(f.code, f.severity) for f in findings(root, row.as_of) if f.code == "EMP003"]
    assert found == [("EMP003", severity)]


@pytest.mark.parametrize(("closed", "severity"), [(False, "warning"), (True, "error")])
def test_emp003_is_an_error_where_the_pack_requires_feedback(
    tmp_path: Path, closed: bool, severity: str
) -> None:
    edits = {
        "meetings": [NO_FEEDBACK, ("type: s42-strategy", "type: s126-strategy")],
        **(_closed(f"\n  {CLOSURE}\n  outcomes_asked: false\n  not_asked_reason: Died\n")
           if closed else {}),
    }  # fmt: skip
    row = Row("s126", [], edits=edits)
    root = make_book(tmp_path / "book", case_files(row))
    found = [f for f in findings(root, row.as_of) if f.code.startswith("EMP")]
    assert [(f.code, f.severity, f.line) for f in found] == [("EMP003", severity, 51)]
    message = found[0].message
    assert ("the case is closed" in message) is closed
