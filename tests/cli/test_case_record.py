"""Every fact a standard reads is set by a command: case update, concern add, wishes,
capacity add, others-at-risk, meeting feedback; a change that breaks a rule is refused
with the rule's code, and validate reports the same code on the file edited by hand."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import NEW_CASE, snapshot

CASE = "SG-2026-0001"
AS_OF = ("--as-of", "2026-11-20")
LATER = ("--as-of", "2026-11-26")


def _adult(book: Path) -> dict[str, Any]:
    data = yaml.safe_load((book / "cases" / CASE / "adult.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_facts_about_the_adult_are_set_by_commands(cli: Callable[..., Any], book: Path) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    steps = [
        ("case", "update", CASE, "--engagement", "partial", "--care-needs", "--at-risk",
         "--unable-to-protect", "--interpreter", "Polish", "--representative",
         "Jo Example;daughter;0700 000000", *AS_OF),
        ("case", "concern", "add", CASE, "--type", "self-neglect", "--summary", "House cold",
         "--source", "none", "--location", "own home", "--raised-by", "asc:Sam Patel",
         "--raised-on", "14/11/2026", *AS_OF),
        ("case", "wishes", CASE, "--asked-on", "2026-11-15", "--outcome", "Stay at home", *AS_OF),
        ("case", "capacity", "add", CASE, "--decision", "Money", "--outcome", "has",
         "--assessed-on", "2026-11-16", "--by", "asc:Sam Patel", *AS_OF),
        ("case", "others-at-risk", CASE, "--no-children", "--no-adults", *AS_OF),
    ]  # fmt: skip
    for step in steps:
        result = cli(*step)
        assert result.exit_code == 0, (step, result.output)
    adult = _adult(book)
    assert adult["engagement"] == "partial"
    assert adult["care_and_support"] == {
        "has_needs": True,
        "at_risk": True,
        "unable_to_protect": True,
    }
    assert adult["communication"]["interpreter"] == "Polish"
    assert adult["representative"] == {
        "name": "Jo Example", "relationship": "daughter", "phone": "0700 000000"
    }  # fmt: skip
    assert [c["type"] for c in adult["concerns"]] == ["financial", "self-neglect"]
    assert str(adult["concerns"][1]["raised_on"]) == "2026-11-14"
    assert adult["concerns"][1]["raised_by"] == {"agency": "asc", "name": "Sam Patel"}
    assert adult["wishes"]["outcomes"] == ["Stay at home"]
    assert adult["capacity"][0]["outcome"] == "has"
    assert adult["others_at_risk"]["children"] is False
    checked = cli("validate", CASE, "--select", "EMP001,PRT004", *AS_OF)
    assert checked.exit_code == 0, checked.output


def test_an_unknown_person_is_refused_and_nothing_changes(
    cli: Callable[..., Any], book: Path
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    before = snapshot(book)
    result = cli("case", "update", CASE, "--coordinator", "asc:Nobody", *AS_OF)
    assert result.exit_code == 3
    assert "Nobody" in result.output
    assert snapshot(book) == before


# --- a table per rule: the command refused with the code; the hand edit reported ----------

RULE_TABLE = [
    (
        "PRT004",
        ("case", "others-at-risk", CASE, "--children", "--notes", "Grandson stays"),
        ("  children: null", "  children: true"),
        "error PRT004 others_at_risk: children at risk are recorded",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("code", "command", "edit", "message"), RULE_TABLE, ids=[r[0] for r in RULE_TABLE]
)
def test_the_command_is_refused_with_the_code_validate_reports(
    cli: Callable[..., Any],
    book: Path,
    code: str,
    command: tuple[str, ...],
    edit: tuple[str, str],
    message: str,
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    before = snapshot(book)
    refused = cli(*command, *AS_OF)
    assert refused.exit_code == 3, refused.output
    assert message in refused.output
    assert f"nothing written: the change would break {code}" in refused.output
    assert snapshot(book) == before
    path = book / "cases" / CASE / "adult.yaml"
    text = path.read_text()
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1]))
    checked = cli("validate", CASE, "--select", code, "--no-cache", *AS_OF)
    assert checked.exit_code == 1
    assert message in checked.output


def test_the_referral_made_lets_the_children_at_risk_be_recorded(
    cli: Callable[..., Any], book: Path
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    result = cli(
        "case", "others-at-risk", CASE, "--children", "--notes", "Grandson stays",
        "--referral-made", "2026-11-19", *AS_OF,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert str(_adult(book)["others_at_risk"]["referral_made"]) == "2026-11-19"


def test_feedback_to_the_adult_is_recorded_for_a_held_meeting(
    cli: Callable[..., Any], book: Path
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    called = cli(
        "meeting", "new", CASE, "--type", "s42-strategy", "--format", "discussion", "--mode",
        "telephone", "--when", "2026-11-25 10:00", "--purpose", "Plan", "--chair",
        "asc:Sam Patel", "--adult-invited", "--invited-on", "2026-11-21", *LATER,
    )  # fmt: skip
    assert called.exit_code == 0, called.output
    early = cli("meeting", "feedback", CASE, "M1", "--how", "Visit", *LATER)
    assert early.exit_code == 3
    assert "M1 has no minutes yet" in early.output
    held = cli(
        "meeting", "record", CASE, "M1", "--held-on", "2026-11-25", "--attendee",
        "asc:Sam Patel", *LATER,
    )  # fmt: skip
    assert held.exit_code == 0, held.output
    assert "warning EMP003" in held.output
    given = cli(
        "meeting", "feedback", CASE, "M1", "--how", "Home visit", "--by", "asc:Sam Patel",
        "--due", "2026-11-28", *LATER,
    )  # fmt: skip
    assert given.exit_code == 0, given.output
    checked = cli("validate", CASE, "--select", "EMP003", "--no-cache", *LATER)
    assert checked.exit_code == 0, checked.output
    owed = cli("overdue", "--as-of", "2026-11-29", "--kind", "feedback-not-given")
    assert "feedback to the adult after M1 was due on 2026-11-28 and is not" in owed.output
    told = cli(
        "meeting", "feedback", CASE, "M1", "--given-on", "2026-11-28", "--as-of", "2026-11-29"
    )
    assert told.exit_code == 0, told.output
    quiet = cli("overdue", "--as-of", "2026-11-29", "--kind", "feedback-not-given")
    assert "nothing due" in quiet.output
    shown = " ".join(cli("meeting", "show", CASE, "M1").stdout.split())
    assert "by asc:Sam Patel, due 2026-11-28; given on 2026-11-28" in shown


def _held_without_feedback(cli: Callable[..., Any], book: Path) -> Path:
    """A case whose M1 is held with no feedback recorded; its meetings.yaml."""
    assert cli(*NEW_CASE).exit_code == 0
    steps = [
        ("meeting", "new", CASE, "--type", "s42-strategy", "--format", "discussion", "--mode",
         "telephone", "--when", "2026-11-25 10:00", "--purpose", "Plan", "--chair",
         "asc:Sam Patel", "--adult-invited", "--invited-on", "2026-11-21", *LATER),
        ("meeting", "record", CASE, "M1", "--held-on", "2026-11-25", "--attendee",
         "asc:Sam Patel", *LATER),
    ]  # fmt: skip
    for step in steps:
        result = cli(*step)
        assert result.exit_code == 0, (step, result.output)
    return book / "cases" / CASE / "meetings.yaml"


def _minutes(path: Path) -> dict[str, Any]:
    minutes = yaml.safe_load(path.read_text(encoding="utf-8"))[0]["minutes"]
    assert isinstance(minutes, dict)
    return minutes


@pytest.mark.parametrize("part", ["feedback: null", "no feedback key"])
def test_feedback_is_added_to_minutes_that_have_none(
    cli: Callable[..., Any], book: Path, part: str
) -> None:
    path = _held_without_feedback(cli, book)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("    feedback:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("      "))
    lines[start:end] = ["    feedback: null\n"] if part == "feedback: null" else []
    path.write_text("".join(lines), encoding="utf-8")
    assert _minutes(path).get("feedback") is None
    assert ("feedback" in _minutes(path)) is (part == "feedback: null")
    given = cli(
        "meeting", "feedback", CASE, "M1", "--how", "Home visit", "--by", "asc:Sam Patel",
        "--given-on", "2026-11-26", *LATER,
    )  # fmt: skip
    assert given.exit_code == 0, given.output
    assert "recorded the feedback to the adult for M1" in given.output
    feedback = _minutes(path)["feedback"]
    assert list(feedback) == ["how", "by", "due", "given_on"]
    assert feedback["how"] == "Home visit"
    assert feedback["by"] == {"agency": "asc", "name": "Sam Patel"}
    assert str(feedback["given_on"]) == "2026-11-26"
    checked = cli("validate", CASE, "--select", "EMP003,INT", "--no-cache", *LATER)
    assert checked.exit_code == 0, checked.output


@pytest.mark.parametrize(
    ("given_on", "said"),
    [
        ("2026-11-24", "feedback given on 2026-11-24, before the meeting was held (2026-11-25)"),
        ("2026-11-27", "feedback given_on 2026-11-27 is in the future"),
    ],
)
def test_feedback_given_on_an_impossible_day_is_refused(
    cli: Callable[..., Any], book: Path, given_on: str, said: str
) -> None:
    _held_without_feedback(cli, book)
    before = snapshot(book)
    refused = cli("meeting", "feedback", CASE, "M1", "--given-on", given_on, *LATER)
    assert refused.exit_code == 3
    assert f"error INT005 {said}" in refused.output
    assert "nothing written: the change would break INT005" in refused.output
    assert snapshot(book) == before


def test_a_case_for_someone_under_18_needs_the_transition_reason(
    cli: Callable[..., Any], book: Path
) -> None:
    before = snapshot(book)
    refused = cli(*NEW_CASE, "--dob", "2011-05-01")
    assert refused.exit_code == 3
    assert "error PRT005 date_of_birth: the person was under 18" in refused.output
    assert snapshot(book) == before
    opened = cli(*NEW_CASE, "--dob", "2011-05-01", "--transition-reason", "Moving on at 16")
    assert opened.exit_code == 0, opened.output
    assert _adult(book)["transition_reason"] == "Moving on at 16"
