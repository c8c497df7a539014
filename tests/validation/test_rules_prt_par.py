"""Protection and partnership rules (PRT001-PRT003, PAR001)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rules_table import HELD, Row, check_row

BEST_INTERESTS = [
    ("type: s42-strategy", "type: best-interests"),
    ("decision_maker: null", "decision_maker: {agency: health, name: Dr Ravi Menon}"),
    (
        "    capacity: null\n",
        (
            "    capacity:\n"
            "      decision: Where to live after discharge\n"
            "      assessed_on: 2026-11-05\n"
            "      assessed_by: {agency: health, name: Dr Ravi Menon}\n"
            "      outcome: lacks\n"
            "      best_interests_decision: Move to a care home for six weeks\n"
        ),
    ),
]
PLANNED = (
    (HELD[: HELD.index("  minutes:")] + "  minutes: null\n")
    .replace("status: held", "status: planned")
    .replace("when: 2026-11-10T10:00", "when: 2026-12-10T10:00")
)
NOT_SENT = ("invited_on: 2026-11-05", "invited_on: null")

PRT001 = [
    Row("clean", []),
    Row(
        "no risks",
        [("PRT001", 35, 5)],
        edits={
            "meetings": [
                (
                    (
                        "    risks:\n      - risk: Further financial abuse\n"
                        "        in_place: Bank notified\n        barriers: Son holds the card\n"
                        "        actions: [A1]\n"
                    ),
                    "    risks: []\n",
                )
            ]
        },
    ),
    Row(
        "a risk without barriers or actions",
        [("PRT001", 36, 9)],
        edits={
            "meetings": [
                ("barriers: Son holds the card", "barriers: null"),
                ("actions: [A1]", "actions: []"),
            ]
        },
    ),
    Row(
        "an MDT need not record risks",
        [],
        edits={
            "meetings": [
                ("type: s42-strategy", "type: mdt"),
                ("barriers: Son holds the card", "barriers: null"),
            ]
        },
    ),
]

PRT002 = [
    Row("clean", []),
    Row(
        "not reviewed",
        [("PRT002", 40, 5)],
        edits={"meetings": [("reviewed: true", "reviewed: false")]},
    ),
    Row(
        "reviewed, but nothing said about children",
        [("PRT002", 40, 5)],
        edits={"meetings": [("children: None found", "children: null")]},
    ),
    Row(
        "a professionals meeting need not review it",
        [],
        edits={
            "meetings": [
                ("type: s42-strategy", "type: professionals"),
                ("reviewed: true", "reviewed: false"),
            ]
        },
    ),
]

PRT005 = [
    Row("clean", []),
    Row(
        "under 18 when opened, no reason",
        [("PRT005", 6, 1)],
        edits={"adult": [("date_of_birth: 1950-01-01", "date_of_birth: 2011-01-01")]},
    ),
    Row(
        "under 18 when opened, with the reason",
        [],
        edits={
            "adult": [
                (
                    "date_of_birth: 1950-01-01",
                    "date_of_birth: 2011-01-01\ntransition_reason: Moving on from children's services",
                )
            ]
        },
    ),
    Row(
        "18 on the day it was opened",
        [],
        edits={"adult": [("date_of_birth: 1950-01-01", "date_of_birth: 2008-11-02")]},
    ),
]

PRT004 = [
    Row("clean", []),
    Row(
        "children at risk and no referral recorded",
        [("PRT004", 30, 3)],
        edits={"adult": [("  children: false", "  children: true")]},
    ),
    Row(
        "other adults at risk and no referral recorded",
        [("PRT004", 30, 3)],
        edits={"adult": [("  adults: false", "  adults: true")]},
    ),
    Row(
        "children at risk and the referral made",
        [],
        edits={
            "adult": [
                ("  children: false", "  children: true"),
                ("referral_made: null", "referral_made: 2026-11-04"),
            ]
        },
    ),
    Row(
        "the minutes found a child at risk and no referral is recorded",
        [("PRT004", 45, 7)],
        edits={
            "meetings": [
                ("      children: None found", "      children: Grandson stays at weekends"),
                (
                    "      referral_made: null",
                    "      children_at_risk: true\n      referral_made: null",
                ),
            ]
        },
    ),
    Row(
        "the minutes found another adult at risk, the key left out",
        [("PRT004", 40, 5)],
        edits={"meetings": [("      referral_made: null\n", "      adults_at_risk: true\n")]},
    ),
    Row(
        "the minutes found a child at risk and the minutes record the referral",
        [],
        edits={
            "meetings": [
                (
                    "      referral_made: null",
                    "      children_at_risk: true\n      referral_made: 2026-11-10",
                ),
            ]
        },
    ),
    Row(
        "the minutes found a child at risk and adult.yaml records the referral",
        [],
        edits={
            "meetings": [
                (
                    "      referral_made: null",
                    "      children_at_risk: true\n      referral_made: null",
                )
            ],
            "adult": [("referral_made: null", "referral_made: 2026-11-11")],
        },
    ),
    Row(
        "free text in the minutes is not read",
        [],
        edits={"meetings": [("      children: None found", "      children: Grandson, 8")]},
    ),
]

PRT003 = [
    Row("clean", []),
    Row("best interests, fully recorded", [], edits={"meetings": BEST_INTERESTS}),
    Row(
        "no decision maker",
        [("PRT003", 10, 3)],
        edits={
            "meetings": [
                *BEST_INTERESTS,
                ("decision_maker: {agency: health, name: Dr Ravi Menon}", "decision_maker: null"),
            ]
        },
    ),
    Row(
        "no capacity assessment",
        [("PRT003", 55, 5)],
        edits={
            "meetings": [
                ("type: s42-strategy", "type: best-interests"),
                ("decision_maker: null", "decision_maker: {agency: health, name: Dr Ravi Menon}"),
            ]
        },
    ),
    Row(
        "the person has capacity",
        [("PRT003", 59, 16)],
        edits={"meetings": [*BEST_INTERESTS, ("outcome: lacks", "outcome: has")]},
    ),
    Row(
        "assessment incomplete",
        [("PRT003", 55, 5)],
        edits={"meetings": [*BEST_INTERESTS, ("      assessed_on: 2026-11-05\n", "")]},
    ),
    Row(
        "assessed after the meeting",
        [("PRT003", 57, 20)],
        edits={
            "meetings": [*BEST_INTERESTS, ("assessed_on: 2026-11-05", "assessed_on: 2026-11-11")]
        },
    ),
    Row(
        "under 16",
        [("PRT003", 2, 9)],
        edits={
            "meetings": BEST_INTERESTS,
            "adult": [("date_of_birth: 1950-01-01", "date_of_birth: 2011-01-01")],
        },
    ),
    Row(
        "16 on the day",
        [],
        edits={
            "meetings": BEST_INTERESTS,
            "adult": [("date_of_birth: 1950-01-01", "date_of_birth: 2010-11-10")],
        },
    ),
    Row(
        "no date of birth",
        [("PRT003", 6, 1)],
        edits={
            "meetings": BEST_INTERESTS,
            "adult": [("date_of_birth: 1950-01-01", "date_of_birth: null")],
        },
    ),
]

PAR001 = [
    Row("clean", []),
    Row(
        "one day's notice for a medium risk",
        [("PAR001", 12, 15)],
        edits={"meetings": [("invited_on: 2026-11-05", "invited_on: 2026-11-09")]},
    ),
    Row(
        "one day's notice for a high risk",
        [],
        edits={
            "meetings": [("invited_on: 2026-11-05", "invited_on: 2026-11-09")],
            "adult": [("risk_level: medium", "risk_level: high")],
        },
    ),
    Row("held, invitations not recorded", [("PAR001", 12, 3)], edits={"meetings": [NOT_SENT]}),
    Row(
        "planned, not sent, time enough",
        [],
        as_of=date(2026, 12, 7),
        files={"meetings": PLANNED},
        edits={"meetings": [NOT_SENT]},
    ),
    Row(
        "planned, not sent, too late",
        [("PAR001", 12, 3)],
        as_of=date(2026, 12, 8),
        files={"meetings": PLANNED},
        edits={"meetings": [NOT_SENT]},
    ),
    Row(
        "no risk level: not checked",
        [],
        edits={
            "meetings": [("invited_on: 2026-11-05", "invited_on: 2026-11-09")],
            "adult": [("risk_level: medium", "risk_level: null")],
        },
    ),
    Row(
        "the book's own lead times",
        [("PAR001", 12, 15)],
        config="jurisdiction: england\nlead_times: {medium: 10}\n",
    ),
]


def _ids(rows: list[Row]) -> list[str]:
    return [row.name for row in rows]


@pytest.mark.parametrize("row", PRT001, ids=_ids(PRT001))
def test_prt001_risk_assessment(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "PRT001", row)


@pytest.mark.parametrize("row", PRT002, ids=_ids(PRT002))
def test_prt002_others_at_risk(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "PRT002", row)


@pytest.mark.parametrize("row", PRT005, ids=_ids(PRT005))
def test_prt005_adult_age(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "PRT005", row)


@pytest.mark.parametrize("row", PRT004, ids=_ids(PRT004))
def test_prt004_others_referral(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "PRT004", row)


@pytest.mark.parametrize("row", PRT003, ids=_ids(PRT003))
def test_prt003_capacity(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "PRT003", row)


@pytest.mark.parametrize("row", PAR001, ids=_ids(PAR001))
def test_par001_notice(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "PAR001", row)
