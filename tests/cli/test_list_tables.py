"""The table views of the listing commands, byte for byte (golden files).

The goldens were first written by tabulate itself; the table writer
(`safecli.output.table`) must go on writing the same bytes. Regenerate after an
intended change with `SAFECLI_UPDATE_GOLDEN=1 pytest tests/cli/test_list_tables.py`
and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import generated_book
from typer.testing import CliRunner

from safecli.cli.main import app

GOLDEN = Path(__file__).resolve().parent / "golden_lists"
CASE = "SG-2026-0003"
VIEWS = {
    "case-list": ["case", "list", "--status", "all"],
    "case-list-names.md": ["case", "list", "--status", "all", "--show-names", "-f", "markdown"],
    "action-list": ["action", "list"],
    "action-list-open.md": ["action", "list", "--open", "-f", "markdown"],
    "action-list-descriptions": ["action", "list", "--show-descriptions"],
    "action-list-case": ["action", "list", CASE],
    "agency-list": ["agency", "list", CASE],
    "meeting-list.md": ["meeting", "list", CASE, "-f", "markdown"],
    "case-show": ["case", "show", CASE],
    "rules": ["rules"],
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_book(tmp_path_factory.mktemp("lists") / "book", 12, seed=1)


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_table_view(generated: Path, view: str) -> None:
    result = CliRunner().invoke(app, ["--book", str(generated), *VIEWS[view]])
    assert result.exit_code == 0, result.output
    expected = GOLDEN / f"{view}.txt"
    if os.environ.get("SAFECLI_UPDATE_GOLDEN") == "1":
        expected.write_text(result.stdout, encoding="utf-8")
    assert expected.is_file(), f"no golden file {expected}; run with SAFECLI_UPDATE_GOLDEN=1"
    assert result.stdout == expected.read_text(encoding="utf-8")
