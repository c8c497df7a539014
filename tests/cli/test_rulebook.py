"""One rulebook: a writing command is refused when its change brings in an error that
validate reports (same code, message and place; exit 3; nothing written), and prints the
warnings it brings in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import NEW_CASE, snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from safecli.cli.main import app

CASE = "SG-2026-0001"


def _validate(cli: Callable[..., Any]) -> str:
    return str(cli("validate", "--no-cache", "--as-of", "2026-11-20").output)


def test_a_date_of_birth_in_the_future_is_refused_as_validate_reports_it(
    cli: Callable[..., Any], book: Path
) -> None:
    before = snapshot(book)
    result = cli(*NEW_CASE, "--dob", "2030-01-01")
    assert result.exit_code == 3
    assert (
        f"cases/{CASE}/adult.yaml:7:16: error INT005 date_of_birth is after the case was opened"
        in result.output
    )
    assert "nothing written: the change would break INT005" in result.output
    assert snapshot(book) == before


def test_the_refusal_matches_validate_on_the_same_file_written_by_hand(
    cli: Callable[..., Any], book: Path
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    adult = book / "cases" / CASE / "adult.yaml"
    text = adult.read_text()
    adult.write_text(text.replace("date_of_birth: null", "date_of_birth: 2030-01-01"))
    shown = _validate(cli)
    found = next(line for line in shown.splitlines() if "INT005" in line)
    adult.write_text(text)
    refused = cli(*NEW_CASE, "--id", "SG-2026-0009", "--dob", "2030-01-01").output
    assert found.replace(CASE, "SG-2026-0009") in refused


def test_a_command_prints_the_warnings_its_change_brings_in(cli: Callable[..., Any]) -> None:
    result = cli(*NEW_CASE)
    assert result.exit_code == 0
    assert f"cases/{CASE}/adult.yaml" in result.output
    assert "warning EMP001" in result.output
    again = cli("agency", "add", CASE, "police", "--name", "Police", "--kind", "police")
    assert again.exit_code == 0, again.output
    assert "EMP001" not in again.output  # already there: not brought in by this change


def test_an_error_already_in_the_case_does_not_block_other_changes(
    cli: Callable[..., Any], book: Path
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    adult = book / "cases" / CASE / "adult.yaml"
    adult.write_text(adult.read_text().replace("date_of_birth: null", "date_of_birth: 2030-01-01"))
    result = cli("agency", "add", CASE, "police", "--name", "Police", "--kind", "police")
    assert result.exit_code == 0, result.output


def test_ctrl_c_at_a_prompt_exits_130_and_writes_nothing(book: Path) -> None:
    before = snapshot(book)
    runner = CliRunner(env={"SAFECLI_INTERACTIVE": "1"})
    result = runner.invoke(app, ["--book", str(book), "case", "new"], input="Ann Example\n")
    assert result.exit_code == 130
    assert "Aborted" not in result.output
    assert snapshot(book) == before


# --- any sequence of successful commands leaves no error-level finding -------------------

STEPS = [
    ("agency", "add", CASE, "police", "--name", "Police", "--kind", "police",
     "--person", "DC Lee Jones"),
    ("meeting", "new", CASE, "--type", "s42-strategy", "--format", "discussion", "--mode",
     "telephone", "--when", "2026-11-10 10:00", "--purpose", "Plan", "--chair",
     "asc:Sam Patel", "--adult-invited", "--invited-on", "2026-11-04"),
    ("meeting", "new", CASE, "--type", "s42-strategy", "--format", "discussion", "--mode",
     "telephone", "--when", "2026-11-10 10:00", "--purpose", "Plan", "--chair",
     "police:DC Lee Jones", "--adult-invited"),
    ("meeting", "new", CASE, "--type", "best-interests", "--format", "meeting", "--mode",
     "telephone", "--when", "2026-11-12 10:00", "--purpose", "Where to live", "--chair",
     "asc:Sam Patel", "--adult-invited"),
    ("meeting", "record", CASE, "M1", "--held-on", "2026-11-10", "--attendee",
     "asc:Sam Patel"),
    ("meeting", "record", CASE, "M2", "--held-on", "2026-11-12", "--attendee",
     "asc:Sam Patel"),
    ("action", "add", CASE, "--meeting", "M1", "--lead", "asc:Sam Patel", "--due",
     "2026-11-30", "Visit"),
    ("action", "done", CASE, "A1", "--on", "2026-11-19"),
    ("action", "done", CASE, "A1", "--on", "2026-12-19"),
    ("meeting", "share", CASE, "M1", "--with", "asc", "--on", "2026-11-11"),
    ("meeting", "cancel", CASE, "M2", "--reason", "Not needed"),
    ("case", "close", CASE, "--reason", "Safe", "--outcomes-asked", "--outcomes-expressed",
     "--achieved", "fully"),
]  # fmt: skip


@pytest.mark.slow
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(st.sampled_from(range(len(STEPS))), min_size=1, max_size=6))
def test_any_sequence_of_successful_commands_leaves_no_errors(
    tmp_path_factory: pytest.TempPathFactory, steps: list[int]
) -> None:
    root = tmp_path_factory.mktemp("book") / "book"
    runner = CliRunner()
    invoke = runner.invoke
    assert (
        invoke(
            app, ["init", str(root), "--organisation", "T", "--jurisdiction", "england"]
        ).exit_code
        == 0
    )
    assert invoke(app, ["--book", str(root), *NEW_CASE]).exit_code == 0
    for step in steps:
        result = invoke(app, ["--book", str(root), *STEPS[step], "--as-of", "2026-11-20"])
        assert result.exit_code in (0, 2, 3), result.output
        assert "Traceback" not in result.output
    shown = invoke(
        app, ["--book", str(root), "validate", "--no-cache", "--as-of", "2026-11-20"]
    ).output
    assert " error " not in shown, shown


def test_minutes_that_find_a_child_at_risk_need_the_referral(
    cli: Callable[..., Any], book: Path
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    called = cli("meeting", "new", CASE, "--type", "s42-strategy", "--format", "discussion",
                 "--mode", "telephone", "--when", "2026-11-24 10:00", "--purpose", "Plan",
                 "--chair", "asc:Sam Patel", "--adult-invited", "--as-of", "2026-11-20")  # fmt: skip
    assert called.exit_code == 0, called.output
    held = ("meeting", "record", CASE, "M1", "--held-on", "2026-11-24", "--attendee",
            "asc:Sam Patel", "--others-reviewed", "--children", "Grandson stays at weekends",
            "--adults", "None found", "--children-at-risk", "--as-of", "2026-11-25")  # fmt: skip
    before = snapshot(book)
    refused = cli(*held)
    assert refused.exit_code == 3
    assert refused.output.count(" error ") == 1, refused.output
    assert "error PRT004 M1: the minutes record children at risk" in refused.output
    assert "Grandson" not in refused.output
    assert snapshot(book) == before
    saved = cli(*held, "--referral-made", "2026-11-24")
    assert saved.exit_code == 0, saved.output
    assert "PRT004" not in _validate(cli)
