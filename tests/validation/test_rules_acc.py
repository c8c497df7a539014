"""Accountability rules (ACC001-ACC009)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rules_table import Row, check_row

POLICE_CHAIR = (
    "chair: {agency: asc, name: Jo Chair}",
    "chair: {agency: police, name: DC Lee Jones}",
)
HEALTH_CHAIR = (
    "chair: {agency: asc, name: Jo Chair}",
    "chair: {agency: health, name: Dr Ravi Menon}",
)
MOVE = """moves:
    - from: 2026-11-07
      to: 2026-11-14
      reason: Bank needs a signed form
      moved_on: 2026-11-06
      lead_informed: true
      risk_reassessed: true"""
DISAGREEMENT = """disagreements:
      - raised_by: {agency: police, name: DC Lee Jones}
        about: Whether to interview the son first
        outcome: Agreed to wait for the bank
        escalated: false"""

ACC001 = [
    Row("clean", []),
    Row(
        "s42 strategy chaired by the police", [("ACC001", 9, 3)], edits={"meetings": [POLICE_CHAIR]}
    ),
    Row(
        "s42 strategy with no chair",
        [("ACC001", 9, 3)],
        edits={"meetings": [("chair: {agency: asc, name: Jo Chair}", "chair: null")]},
    ),
    Row(
        "self-neglect may be chaired by any agency",
        [],
        edits={"meetings": [POLICE_CHAIR, ("type: s42-strategy", "type: self-neglect")]},
    ),
    Row(
        "an MDT chaired by the local authority",
        [("ACC001", 9, 3)],
        edits={"meetings": [("type: s42-strategy", "type: mdt")]},
    ),
    Row(
        "an MDT chaired by health",
        [],
        edits={"meetings": [HEALTH_CHAIR, ("type: s42-strategy", "type: mdt")]},
    ),
    Row(
        "cancelled meetings are not checked",
        [],
        edits={"meetings": [POLICE_CHAIR, ("status: held", "status: cancelled")]},
    ),
]

ACC002 = [
    Row("clean", []),
    Row(
        "no purpose",
        [("ACC002", 8, 3)],
        edits={"meetings": [("purpose: Agree immediate protection.", "purpose: null")]},
    ),
    Row(
        "no purpose key",
        [("ACC002", 1, 3)],
        edits={"meetings": [("  purpose: Agree immediate protection.\n", "")]},
    ),
]

ACC003 = [
    Row("clean", []),
    Row(
        "no lead",
        [("ACC003", 4, 3)],
        edits={"actions": [("lead: {agency: asc, name: Sam Patel}", "lead: null")]},
    ),
    Row(
        "a lead with no name",
        [("ACC003", 4, 3)],
        edits={"actions": [("lead: {agency: asc, name: Sam Patel}", "lead: {agency: asc}")]},
    ),
    Row(
        "no description and no due date",
        [("ACC003", 1, 3)],
        edits={
            "actions": [
                ("  description: Ask the bank to flag the account.\n", ""),
                ("due: 2026-11-14", "due: null"),
            ]
        },
    ),
]

ACC004 = [
    Row("clean", []),
    Row(
        "declined, no update",
        [("ACC004", 21, 17)],
        edits={"meetings": [("response: accepted", "response: declined")]},
    ),
    Row(
        "declined, with a written update",
        [],
        edits={
            "meetings": [
                ("response: accepted", "response: declined"),
                ("written_updates: []", "written_updates: [{agency: police, name: DC Lee Jones}]"),
            ]
        },
    ),
    Row(
        "apologies without an update",
        [("ACC004", 29, 17)],
        edits={
            "meetings": [("apologies: []", "apologies: [{agency: health, name: Dr Ravi Menon}]")]
        },
    ),
    Row(
        "apologies from an invitee who sent a deputy",
        [],
        edits={
            "meetings": [
                ("response: accepted", "response: deputy"),
                ("apologies: []", "apologies: [{agency: police, name: DC Lee Jones}]"),
            ]
        },
    ),
]

ACC005 = [
    Row("clean", []),
    Row(
        "not shared with an invited agency",
        [("ACC005", 56, 5)],
        edits={"meetings": [("      - {agency: police, shared_on: 2026-11-11}\n", "")]},
    ),
    Row(
        "not yet due (5 days after the meeting)",
        [],
        as_of=date(2026, 11, 15),
        edits={"meetings": [("      - {agency: police, shared_on: 2026-11-11}\n", "")]},
    ),
    Row(
        "due the day after",
        [("ACC005", 56, 5)],
        as_of=date(2026, 11, 16),
        edits={"meetings": [("      - {agency: police, shared_on: 2026-11-11}\n", "")]},
    ),
    Row(
        "an attendee's agency",
        [("ACC005", 57, 5)],
        edits={
            "meetings": [
                (
                    "      - {agency: police, name: DC Lee Jones}\n",
                    (
                        "      - {agency: police, name: DC Lee Jones}\n"
                        "      - {agency: health, name: Dr Ravi Menon}\n"
                    ),
                )
            ]
        },
    ),
]

ACC006 = [
    Row("clean", []),
    Row("a move with lead told and risk re-assessed", [], edits={"actions": [("moves: []", MOVE)]}),
    Row(
        "lead not told",
        [("ACC006", 11, 7)],
        edits={"actions": [("moves: []", MOVE), ("lead_informed: true", "lead_informed: false")]},
    ),
    Row(
        "no reason",
        [("ACC006", 11, 7)],
        edits={"actions": [("moves: []", MOVE), ("      reason: Bank needs a signed form\n", "")]},
    ),
]

ACC007 = [
    Row("clean", []),
    Row("a full disagreement", [], edits={"meetings": [("disagreements: []", DISAGREEMENT)]}),
    Row(
        "no outcome, escalation unknown",
        [("ACC007", 48, 9)],
        edits={
            "meetings": [
                ("disagreements: []", DISAGREEMENT),
                ("outcome: Agreed to wait for the bank", "outcome: null"),
                ("escalated: false", "escalated: null"),
            ]
        },
    ),
    Row(
        "cuckooing must record disagreements",
        [("ACC007", 47, 5)],
        edits={
            "meetings": [
                ("type: s42-strategy", "type: cuckooing"),
                ("disagreements: []", "disagreements: null"),
            ]
        },
    ),
    Row(
        "an s42 meeting need not list them",
        [],
        edits={"meetings": [("disagreements: []", "disagreements: null")]},
    ),
]

ACC008 = [
    Row("clean", []),
    Row(
        "best interests, chair is the decision maker",
        [("ACC008", 9, 3)],
        edits={
            "meetings": [
                HEALTH_CHAIR,
                ("type: s42-strategy", "type: best-interests"),
                ("decision_maker: null", "decision_maker: {agency: health, name: Dr Ravi Menon}"),
            ]
        },
    ),
    Row(
        "best interests, independent chair",
        [],
        edits={
            "meetings": [
                ("type: s42-strategy", "type: best-interests"),
                ("decision_maker: null", "decision_maker: {agency: health, name: Dr Ravi Menon}"),
            ]
        },
    ),
]

ACC009 = [
    Row("clean", []),
    Row(
        "MARAC for an adult with care and support needs",
        [("ACC009", 2, 9)],
        edits={"meetings": [("type: s42-strategy", "type: marac")]},
    ),
    Row(
        "MARAC without care and support needs",
        [],
        edits={
            "meetings": [("type: s42-strategy", "type: marac")],
            "adult": [("has_needs: true", "has_needs: false")],
        },
    ),
]


def _ids(rows: list[Row]) -> list[str]:
    return [row.name for row in rows]


@pytest.mark.parametrize("row", ACC001, ids=_ids(ACC001))
def test_acc001_chair(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "ACC001", row)


@pytest.mark.parametrize("row", ACC002, ids=_ids(ACC002))
def test_acc002_purpose(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "ACC002", row)


@pytest.mark.parametrize("row", ACC003, ids=_ids(ACC003))
def test_acc003_action(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "ACC003", row)


@pytest.mark.parametrize("row", ACC004, ids=_ids(ACC004))
def test_acc004_written_update(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "ACC004", row)


@pytest.mark.parametrize("row", ACC005, ids=_ids(ACC005))
def test_acc005_minutes_shared(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "ACC005", row)


@pytest.mark.parametrize("row", ACC006, ids=_ids(ACC006))
def test_acc006_moved_due(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "ACC006", row)


@pytest.mark.parametrize("row", ACC007, ids=_ids(ACC007))
def test_acc007_disagreements(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "ACC007", row)


@pytest.mark.parametrize("row", ACC008, ids=_ids(ACC008))
def test_acc008_chair_decision_maker(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "ACC008", row)


@pytest.mark.parametrize("row", ACC009, ids=_ids(ACC009))
def test_acc009_marac(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "ACC009", row)


NO_DECISION = ("decisions:\n      - Proceed to an enquiry.", "decisions: []")
ACC011 = [
    Row("clean", []),
    Row("held, no decision", [("ACC011", 45, 5)], edits={"meetings": [NO_DECISION]}),
    Row(
        "held, decisions left out",
        [("ACC011", 24, 3)],
        edits={"meetings": [("decisions:\n      - Proceed to an enquiry.\n    ", "")]},
    ),
    Row(
        "a blank decision is no decision",
        [("ACC011", 45, 5)],
        edits={"meetings": [("- Proceed to an enquiry.", "- ' '")]},
    ),
    Row(
        "a type that need not record decisions (MDT)",
        [],
        edits={"meetings": [NO_DECISION, ("type: s42-strategy", "type: mdt")]},
    ),
    Row(
        "a planned meeting has no minutes yet",
        [],
        edits={"meetings": [NO_DECISION, ("status: held", "status: planned")]},
    ),
]


@pytest.mark.parametrize("row", ACC011, ids=_ids(ACC011))
def test_acc011_decisions(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "ACC011", row)


ENQUIRY = """enquiry:
  kind: s42
  decided_on: 2026-11-03
  started_on: 2026-11-03
  concluded_on: 2026-11-20
  council: Test Council
  large_scale: null
  capacity: had
  capacity_support: null
  allegations:
    - type: financial
      location: own-home
      source: known
      action: risk-action-taken
      risk_outcome: reduced
closed: null"""
ACC010 = [
    Row("clean: no enquiry", []),
    Row("a concluded enquiry in full", [], edits={"adult": [("closed: null", ENQUIRY)]}),
    Row(
        "a concluded enquiry with no allegation",
        [("ACC010", 35, 3)],
        edits={
            "adult": [
                (
                    "closed: null",
                    ENQUIRY.split("    - type")[0].replace("allegations:", "allegations: []"),
                ),
            ]
        },
    ),
    Row(
        "an allegation without its result",
        [("ACC010", 41, 7)],
        edits={
            "adult": [
                ("closed: null", ENQUIRY.replace("risk_outcome: reduced", "risk_outcome: null"))
            ]
        },
    ),
    Row(
        "an open enquiry need not record results yet",
        [],
        edits={
            "adult": [
                (
                    "closed: null",
                    ENQUIRY.replace("concluded_on: 2026-11-20", "concluded_on: null").replace(
                        "action: risk-action-taken", "action: null"
                    ),
                )
            ]
        },
    ),
    Row(
        "no enquiry was made",
        [],
        edits={
            "adult": [
                (
                    "closed: null",
                    ENQUIRY.split("  allegations")[0].replace("kind: s42", "kind: none")
                    + "\nclosed: null",
                )
            ]
        },
    ),
]


@pytest.mark.parametrize("row", ACC010, ids=_ids(ACC010))
def test_acc010_allegations(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "ACC010", row)
