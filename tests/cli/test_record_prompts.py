"""At a terminal the record commands ask for what is missing: optional questions marked,
dates as ISO or DD/MM/YYYY, choices in any case with "did you mean", Ctrl-C exits 130
with nothing written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import NEW_CASE, snapshot

CASE = "SG-2026-0001"
AS_OF = ("--as-of", "2026-11-20")
TERMINAL = {"SAFECLI_INTERACTIVE": "1"}


def adult(book: Path) -> dict[str, Any]:
    data = yaml.safe_load((book / "cases" / CASE / "adult.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture
def opened(cli: Callable[..., Any], book: Path) -> Path:
    assert cli(*NEW_CASE).exit_code == 0
    return book


def answer(cli: Callable[..., Any], *args: str, lines: list[str]) -> Any:
    return cli(*args, *AS_OF, input="\n".join(lines) + "\n", env=TERMINAL)


def test_case_update_asks_each_fact_and_empty_keeps_it(
    cli: Callable[..., Any], opened: Path
) -> None:
    lines = ["MEDIUM", "not engagin", "not-engaging", "y", "", "", "", "", "Polish", "", "", ""]
    result = answer(cli, "case", "update", CASE, lines=[*lines, ""])
    assert result.exit_code == 0, result.output
    assert "Risk level (low, medium, high) [now high; empty keeps it] (optional)" in result.output
    assert "did you mean 'not-engaging'?" in result.output
    data = adult(opened)
    assert (data["risk_level"], data["engagement"]) == ("medium", "not-engaging")
    assert data["care_and_support"]["has_needs"] is True
    assert data["communication"]["interpreter"] == "Polish"
    assert data["lead_agency"] == "asc"


def test_case_update_asks_the_date_of_birth_as_case_new_takes_it(
    cli: Callable[..., Any], opened: Path
) -> None:
    keep = [""] * 11  # risk … jurisdiction: kept
    result = answer(cli, "case", "update", CASE, lines=[*keep, "14/03/1941"])
    assert result.exit_code == 0, result.output
    assert (
        "Date of birth (YYYY-MM-DD or DD/MM/YYYY) [not recorded; empty keeps it] (optional)"
        in result.output
    )
    assert str(adult(opened)["date_of_birth"]) == "1941-03-14"
    again = answer(cli, "case", "update", CASE, lines=[*keep, "31/02/1941", "1941-03-15"])
    assert again.exit_code == 0, again.output
    assert "[now 1941-03-14; empty keeps it]" in again.output
    assert "not a valid date: '31/02/1941'" in again.output  # asked again
    assert str(adult(opened)["date_of_birth"]) == "1941-03-15"


def test_concern_add_takes_a_uk_date_and_a_choice_in_any_case(
    cli: Callable[..., Any], opened: Path
) -> None:
    lines = ["Self-Neglect", "House cold", "14/11/2026", "", "own home", "asc:Sam Patel"]
    result = answer(cli, "case", "concern", "add", CASE, lines=lines)
    assert result.exit_code == 0, result.output
    assert "Raised on (YYYY-MM-DD or DD/MM/YYYY; empty: today) (optional)" in result.output
    concern = adult(opened)["concerns"][1]
    assert (concern["type"], str(concern["raised_on"]), concern["location"]) == (
        "self-neglect",
        "2026-11-14",
        "own home",
    )
    assert concern["source"] is None
    assert concern["raised_by"] == {"agency": "asc", "name": "Sam Patel"}


def test_event_add_asks_again_after_a_typo(cli: Callable[..., Any], opened: Path) -> None:
    lines = ["02/11/2026", "hospital-admision", "hospital-admission", "asc", ""]
    result = answer(cli, "case", "event", "add", CASE, lines=lines)
    assert result.exit_code == 0, result.output
    assert "did you mean 'hospital-admission'?" in result.output
    assert "A brief factual note of what happened (optional)" in result.output
    [event] = adult(opened)["events"]
    assert (str(event["happened_on"]), event["kind"], event["agency"]) == (
        "2026-11-02",
        "hospital-admission",
        "asc",
    )


def test_wishes_asked_with_outcomes_in_the_adults_words(
    cli: Callable[..., Any], opened: Path
) -> None:
    lines = ["yes", "15/11/2026", "Stay in my flat", "See my grandson", ""]
    result = answer(cli, "case", "wishes", CASE, lines=lines)
    assert result.exit_code == 0, result.output
    wishes = adult(opened)["wishes"]
    assert str(wishes["asked_on"]) == "2026-11-15"
    assert wishes["outcomes"] == ["Stay in my flat", "See my grandson"]


def test_wishes_not_asked_needs_the_reason(cli: Callable[..., Any], opened: Path) -> None:
    result = answer(cli, "case", "wishes", CASE, lines=["no", "In hospital, sedated"])
    assert result.exit_code == 0, result.output
    assert adult(opened)["wishes"]["not_asked_reason"] == "In hospital, sedated"


def test_capacity_add_asks_who_assessed_it(cli: Callable[..., Any], opened: Path) -> None:
    lines = ["Managing money", "LACKS", "16/11/2026", "asc:Sam Patel"]
    result = answer(cli, "case", "capacity", "add", CASE, lines=lines)
    assert result.exit_code == 0, result.output
    [assessment] = adult(opened)["capacity"]
    assert (assessment["outcome"], str(assessment["assessed_on"])) == ("lacks", "2026-11-16")
    assert assessment["by"] == {"agency": "asc", "name": "Sam Patel"}


def test_others_at_risk_asked(cli: Callable[..., Any], opened: Path) -> None:
    lines = ["yes", "no", "Grandson, 8, stays at weekends", "18/11/2026"]
    result = answer(cli, "case", "others-at-risk", CASE, lines=lines)
    assert result.exit_code == 0, result.output
    others = adult(opened)["others_at_risk"]
    assert (others["children"], others["adults"], str(others["referral_made"])) == (
        True,
        False,
        "2026-11-18",
    )


def test_feedback_asked_for_a_held_meeting(cli: Callable[..., Any], opened: Path) -> None:
    later = ("--as-of", "2026-11-26")
    called = cli(
        "meeting", "new", CASE, "--type", "s42-strategy", "--format", "discussion", "--mode",
        "telephone", "--when", "2026-11-25 10:00", "--purpose", "Plan", "--chair",
        "asc:Sam Patel", "--adult-invited", "--invited-on", "2026-11-21", *later,
    )  # fmt: skip
    assert called.exit_code == 0, called.output
    held = cli(
        "meeting", "record", CASE, "M1", "--held-on", "2026-11-25", "--attendee",
        "asc:Sam Patel", *later,
    )  # fmt: skip
    assert held.exit_code == 0, held.output
    lines = ["Home visit", "asc:Sam Patel", "27/11/2026", ""]
    result = cli(
        "meeting", "feedback", CASE, "M1", *later, input="\n".join(lines) + "\n", env=TERMINAL
    )
    assert result.exit_code == 0, result.output
    assert "By when (YYYY-MM-DD or DD/MM/YYYY) (optional)" in result.output
    meetings = yaml.safe_load((opened / "cases" / CASE / "meetings.yaml").read_text())
    feedback = meetings[0]["minutes"]["feedback"]
    assert (feedback["how"], str(feedback["due"]), feedback.get("given_on")) == (
        "Home visit",
        "2026-11-27",
        None,
    )


@pytest.mark.parametrize(
    "args",
    [
        ("case", "update", CASE),
        ("case", "concern", "add", CASE),
        ("case", "event", "add", CASE),
        ("case", "wishes", CASE),
        ("case", "capacity", "add", CASE),
        ("case", "others-at-risk", CASE),
    ],
    ids=lambda a: " ".join(a[:-1]),
)
def test_ctrl_c_at_a_prompt_exits_130_with_nothing_written(
    cli: Callable[..., Any], opened: Path, args: tuple[str, ...]
) -> None:
    before = snapshot(opened)
    result = cli(*args, *AS_OF, input="", env=TERMINAL)  # end of input: as Ctrl-C
    assert result.exit_code == 130, result.output
    assert snapshot(opened) == before
