"""Case ids keep counting past a year's 9,999th case."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import NEW_CASE
from typer.testing import CliRunner

from safecli.casework.cases import next_case_id
from safecli.cli.main import app
from safecli.store.book import find_book


def test_the_ten_thousandth_case_and_the_next(book: Path) -> None:
    (book / "cases" / "SG-2026-9999").mkdir()
    assert next_case_id(find_book(book), 2026) == "SG-2026-10000"
    (book / "cases" / "SG-2026-10000").mkdir()
    assert next_case_id(find_book(book), 2026) == "SG-2026-10001"


def test_case_new_after_the_ten_thousandth(book: Path) -> None:
    (book / "cases" / "SG-2026-10000").mkdir()
    result = CliRunner().invoke(app, ["--book", str(book), *NEW_CASE])
    assert result.exit_code == 0, result.output
    assert "SG-2026-10001" in result.output


def test_case_new_makes_the_ten_thousandth_then_the_next_and_both_are_valid(book: Path) -> None:
    (book / "cases" / "SG-2026-9999").mkdir()
    runner = CliRunner()
    for made in ("SG-2026-10000", "SG-2026-10001"):
        result = runner.invoke(app, ["--book", str(book), *NEW_CASE])
        assert result.exit_code == 0, result.output
        assert f"opened case {made}" in result.output
    (book / "cases" / "SG-2026-9999").rmdir()
    for case in ("SG-2026-10000", "SG-2026-10001"):
        checked = runner.invoke(app, ["--book", str(book), "validate", case, "--format", "json"])
        assert json.loads(checked.stdout)["summary"]["errors"] == 0, checked.output
        shown = runner.invoke(app, ["--book", str(book), "case", "show", case])
        assert shown.exit_code == 0 and f"Case {case}" in shown.output
