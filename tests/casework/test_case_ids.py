"""Case ids keep counting past a year's 9,999th case."""

from __future__ import annotations

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
