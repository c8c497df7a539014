"""case enquiry, case allegation add and case demographics end to end."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from conftest import NEW_CASE, snapshot

CASE = "SG-2026-0001"
ADULT = Path("cases") / CASE / "adult.yaml"


def _adult(book: Path) -> dict[str, Any]:
    data = yaml.safe_load((book / ADULT).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_an_enquiry_and_its_allegations_are_recorded_in_place(
    book: Path, cli: Callable[..., Any]
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    result = cli(
        "case", "enquiry", CASE, "--kind", "s42", "--decided-on", "2026-11-20",
        "--started-on", "2026-11-21", "--council", "Test Council", "--as-of", "2026-11-21",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"wrote {ADULT}" in result.output
    added = cli(
        "case", "allegation", "add", CASE, "--type", "financial", "--location", "own-home",
        "--source", "known",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    before = snapshot(book)
    concluded = cli(
        "case", "enquiry", CASE, "--concluded-on", "2026-12-10", "--capacity", "had",
        "--as-of", "2026-12-10",
    )  # fmt: skip
    # Concluded with the result not recorded: the rulebook refuses it, nothing written.
    assert concluded.exit_code == 3, concluded.output
    assert "error ACC010 allegation 1 of a concluded enquiry" in concluded.output
    assert snapshot(book) == before
    adult_path = book / "cases" / CASE / "adult.yaml"
    text = adult_path.read_text()
    adult_path.write_text(
        text.replace("  concluded_on: null", "  concluded_on: 2026-12-10").replace(
            "  capacity: null", "  capacity: had", 1
        )
    )
    adult = _adult(book)
    keys = list(adult)
    assert keys.index("others_at_risk") < keys.index("enquiry") < keys.index("closed")
    enquiry = adult["enquiry"]
    assert enquiry["kind"] == "s42"
    assert str(enquiry["started_on"]) == "2026-11-21"
    assert str(enquiry["concluded_on"]) == "2026-12-10"
    assert enquiry["capacity"] == "had"
    assert enquiry["allegations"] == [
        {"type": "financial", "location": "own-home", "source": "known", "action": None,
         "risk_outcome": None}
    ]  # fmt: skip
    # The same fact written by hand: validate reports the same code.
    checked = cli("validate", CASE, "--select", "ACC010", "--as-of", "2026-12-10")
    assert checked.exit_code == 1
    assert "adult.yaml:" in checked.output and "ACC010" in checked.output
    assert "action, risk_outcome" in checked.output


def test_an_allegation_needs_an_enquiry_and_nothing_changes(
    book: Path, cli: Callable[..., Any]
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    before = snapshot(book)
    result = cli(
        "case", "allegation", "add", CASE, "--type", "financial", "--location", "own-home",
        "--source", "known",
    )  # fmt: skip
    assert result.exit_code == 3
    assert "no enquiry" in result.output
    assert snapshot(book) == before


def test_values_outside_the_returns_lists_are_refused(book: Path, cli: Callable[..., Any]) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    assert cli("case", "enquiry", CASE, "--kind", "s42").exit_code == 0
    before = snapshot(book)
    result = cli(
        "case", "allegation", "add", CASE, "--type", "theft", "--location", "own-home",
        "--source", "known",
    )  # fmt: skip
    assert result.exit_code == 3
    assert "invalid value 'theft'" in result.output
    assert cli("case", "enquiry", CASE, "--kind", "s43").exit_code == 3
    assert cli("case", "demographics", CASE, "--gender", "m").exit_code == 3
    assert snapshot(book) == before


def test_without_a_terminal_a_new_enquiry_needs_its_kind(
    book: Path, cli: Callable[..., Any]
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    result = cli("case", "enquiry", CASE, "--started-on", "2026-11-21")
    assert result.exit_code == 2
    assert "missing --kind" in result.output


def test_at_a_terminal_the_allegation_is_asked_for(book: Path, cli: Callable[..., Any]) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    assert cli("case", "enquiry", CASE, "--kind", "other").exit_code == 0
    answers = "theft\nphysical\nown-home\nservice-provider\n\n\n"
    result = cli("case", "allegation", "add", CASE, input=answers,
                 env={"SAFECLI_INTERACTIVE": "1"})  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "invalid value 'theft'" in result.output
    allegation = _adult(book)["enquiry"]["allegations"][0]
    assert allegation["type"] == "physical" and allegation["source"] == "service-provider"


def test_demographics_are_recorded(book: Path, cli: Callable[..., Any]) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    result = cli(
        "case", "demographics", CASE, "--gender", "female", "--ethnicity", "asian",
        "--support-reason", "mental-health", "--autism", "--no-asperger",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert _adult(book)["demographics"] == {
        "gender": "female", "ethnicity": "asian", "support_reason": "mental-health",
        "autism": True, "asperger": False, "died_on": None,
    }  # fmt: skip
    keys = list(_adult(book))
    assert keys.index("demographics") < keys.index("closed")
    assert cli("validate", CASE, "--select", "INT").exit_code == 0
