"""Prevention and proportionality rules (PRE001, PRO001-PRO003)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rules_table import Row, case_files, check_row, findings, make_book

NO_REVIEW = (
    "      date: 2026-12-01\n      not_required: null\n",
    "      date: null\n      not_required: null\n",
)
NOT_REQUIRED = (
    "      date: 2026-12-01\n      not_required: null\n",
    "      date: null\n      not_required: Risk has gone; the enquiry closes\n",
)
SUBJECT = ("subjects: []", "subjects: [SG-2026-0002]")

PRE001 = [
    Row("clean", []),
    Row(
        "self-neglect without an engage lead",
        [("PRE001", 31, 5)],
        edits={
            "meetings": [
                ("type: s42-strategy", "type: self-neglect"),
                ("engage_lead: asc", "engage_lead: null"),
            ]
        },
    ),
    Row(
        "cuckooing without an engage lead",
        [("PRE001", 24, 3)],
        edits={
            "meetings": [("type: s42-strategy", "type: cuckooing"), ("    engage_lead: asc\n", "")]
        },
    ),
    Row(
        "an s42 meeting need not name one",
        [],
        edits={"meetings": [("engage_lead: asc", "engage_lead: null")]},
    ),
]

PRO001 = [
    Row("clean", []),
    Row(
        "invitee without a reason",
        [("PRO001", 20, 7)],
        edits={"meetings": [("reason: Investigating the theft", "reason: ''")]},
    ),
    Row(
        "invitee with no reason key",
        [("PRO001", 19, 7)],
        edits={"meetings": [("      reason: Investigating the theft\n", "")]},
    ),
]

PRO002 = [
    Row("clean", []),
    Row("several adults, one agenda", [("PRO002", 17, 3)], edits={"meetings": [SUBJECT]}),
    Row(
        "several adults, agenda in parts",
        [],
        edits={
            "meetings": [
                SUBJECT,
                (
                    "agenda: [Risks and actions]",
                    (
                        "agenda:\n    - adult: SG-2026-0001\n      items: [Risks]\n"
                        "    - adult: SG-2026-0002\n      items: [Risks]"
                    ),
                ),
            ]
        },
    ),
    Row(
        "several adults, items naming each case",
        [],
        edits={
            "meetings": [
                SUBJECT,
                ("agenda: [Risks and actions]", "agenda: [SG-2026-0001 risks, SG-2026-0002 risks]"),
            ]
        },
    ),
    Row(
        "one part missing",
        [("PRO002", 17, 3)],
        edits={
            "meetings": [
                SUBJECT,
                (
                    "agenda: [Risks and actions]",
                    "agenda:\n    - adult: SG-2026-0002\n      items: [Risks]",
                ),
            ]
        },
    ),
]

PRO003 = [
    Row("clean", []),
    Row("no review and no reason", [("PRO003", 48, 5)], edits={"meetings": [NO_REVIEW]}),
    Row(
        "no review mapping",
        [("PRO003", 24, 3)],
        edits={"meetings": [("    review:\n" + NO_REVIEW[0], "")]},
    ),
    Row("not required, with the reason", [], edits={"meetings": [NOT_REQUIRED]}),
    Row(
        "self-neglect: a review date is required",
        [("PRO003", 48, 5)],
        edits={"meetings": [NOT_REQUIRED, ("type: s42-strategy", "type: self-neglect")]},
    ),
    Row(
        "MARAC does not use follow-up reviews",
        [],
        edits={"meetings": [NO_REVIEW, ("type: s42-strategy", "type: marac")]},
    ),
]


def _ids(rows: list[Row]) -> list[str]:
    return [row.name for row in rows]


@pytest.mark.parametrize("row", PRE001, ids=_ids(PRE001))
def test_pre001_engage_lead(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "PRE001", row)


@pytest.mark.parametrize("row", PRO001, ids=_ids(PRO001))
def test_pro001_invitee_reason(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "PRO001", row)


@pytest.mark.parametrize("row", PRO002, ids=_ids(PRO002))
def test_pro002_agenda(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "PRO002", row)


@pytest.mark.parametrize("row", PRO003, ids=_ids(PRO003))
def test_pro003_review(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "PRO003", row)


@pytest.mark.parametrize(
    ("meeting_type", "expected"),
    [
        ("s42-strategy", [("warning", 48)]),
        ("self-neglect", [("error", 48)]),
        ("cuckooing", [("error", 48)]),
        ("marac", []),
    ],
)
def test_pro003_severity_follows_the_pack(
    tmp_path: Path, meeting_type: str, expected: list[tuple[str, int]]
) -> None:
    row = Row(
        meeting_type,
        [],
        edits={"meetings": [NO_REVIEW, ("type: s42-strategy", f"type: {meeting_type}")]},
    )
    root = make_book(tmp_path / "book", case_files(row))
    found = [(f.severity, f.line) for f in findings(root, row.as_of) if f.code == "PRO003"]
    assert found == expected


def test_pro003_follows_a_book_that_makes_reviews_required(tmp_path: Path) -> None:
    config = "jurisdiction: england\nmeeting_types:\n  professionals:\n    follow_up: required\n"
    row = Row(
        "professionals",
        [],
        edits={"meetings": [NOT_REQUIRED, ("type: s42-strategy", "type: professionals")]},
    )
    root = make_book(tmp_path / "book", case_files(row), config)
    found = [(f.code, f.severity) for f in findings(root, row.as_of) if f.code == "PRO003"]
    assert found == [("PRO003", "error")]
