"""`init --upgrade --case-id-format F`: an existing book's case id format, set by a command
and refused, with validate's INT002 findings, when a case's id would not follow it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import NEW_CASE, SPEC, snapshot
from typer.testing import CliRunner

from safecli.casework.cases import new_case
from safecli.cli.main import app
from safecli.errors import InvalidInput
from safecli.store.book import find_book


def _upgrade(root: Path, form: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["init", str(root), "--upgrade", "--case-id-format", form])


def test_a_fresh_book_takes_a_new_format_and_case_new_numbers_by_it(book: Path) -> None:
    result = _upgrade(book, "ASC-{number:05d}")
    assert result.exit_code == 0, result.output
    assert f"wrote {book / 'safecli.yaml'}" in result.output
    assert 'case_id_format: "ASC-{number:05d}"\n' in (book / "safecli.yaml").read_text()
    made = CliRunner().invoke(app, ["--book", str(book), *NEW_CASE])
    assert made.exit_code == 0, made.output
    assert (book / "cases" / "ASC-00001" / "adult.yaml").is_file()


def test_a_format_the_cases_do_not_follow_is_refused_with_validates_findings(
    book: Path,
) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["--book", str(book), *NEW_CASE]).exit_code == 0
    before = snapshot(book)
    refused = _upgrade(book, "ASC-{number:05d}")
    assert refused.exit_code == 3
    assert snapshot(book) == before  # safecli.yaml byte for byte
    # What validate would print under that format, line for line.
    config = book / "safecli.yaml"
    kept = config.read_bytes()
    config.write_text(config.read_text().replace('"SG-{year}-{number:04d}"', '"ASC-{number:05d}"'))
    validated = runner.invoke(
        app, ["--book", str(book), "validate", "--no-cache", "--select", "INT002"]
    )
    config.write_bytes(kept)
    finding = validated.output.splitlines()[0]
    assert finding.startswith("cases/SG-2026-0001/adult.yaml:1:1: error INT002 ")
    assert finding in refused.output
    assert "nothing written" in refused.output


def test_a_hand_added_comment_survives(book: Path) -> None:
    config = book / "safecli.yaml"
    text = config.read_text().replace(
        "timezone: Europe/London\n", "timezone: Europe/London  # our office's hours\n"
    )
    hand = "# kept by the team: ask Sam before changing\n" + text
    config.write_text(hand)
    result = _upgrade(book, "{year}-{number:03d}")
    assert result.exit_code == 0, result.output
    # Only the value changed: every comment, the format's own included, is kept.
    assert config.read_text() == hand.replace(
        'case_id_format: "SG-{year}-{number:04d}"', 'case_id_format: "{year}-{number:03d}"'
    )
    assert config.stat().st_mode & 0o777 == 0o600
    assert CliRunner().invoke(app, ["--book", str(book), "validate"]).exit_code == 0


def test_a_bad_format_is_refused_and_nothing_is_written(book: Path) -> None:
    before = snapshot(book)
    result = _upgrade(book, "{name}-{number}")
    assert result.exit_code == 3
    assert "case_id_format: a field is {year} or {number}" in result.output
    assert snapshot(book) == before


def test_a_case_new_that_read_the_old_format_makes_no_case(book: Path) -> None:
    """A `case new` that read safecli.yaml before the format changed finds the change
    once it holds the lock that chooses ids, and writes nothing."""
    stale = find_book(book)
    assert _upgrade(book, "ASC-{number:05d}").exit_code == 0
    before = snapshot(book)
    with pytest.raises(InvalidInput, match="case id format changed while this command ran"):
        new_case(stale, SPEC, today=date(2026, 11, 20))
    assert snapshot(book) == before
