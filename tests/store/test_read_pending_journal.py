"""A read-only command that meets an interrupted write's journal finishes nothing (only
a command holding the case's lock may): it says the case has an unfinished write and
what finishes it, exits 3, and every file stays as it was; the next write finishes it."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import NEW_CASE, snapshot
from typer.testing import CliRunner

from safecli.cli.main import app
from safecli.store.atomic import JOURNAL

CASE = "SG-2026-0001"


def run(book: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["--book", str(book), *args])


def test_case_show_leaves_a_pending_journal_alone_and_says_so(book: Path) -> None:
    assert run(book, *NEW_CASE).exit_code == 0
    folder = book / "cases" / CASE
    adult = folder / "adult.yaml"
    pending = folder / ".adult.yaml.pending.tmp"
    pending.write_text(adult.read_text().replace("risk_level: high", "risk_level: low"))
    (folder / JOURNAL).write_text(json.dumps({"renames": [[pending.name, "adult.yaml"]]}))
    before = snapshot(book)
    shown = run(book, "case", "show", CASE)
    assert shown.exit_code == 3, shown.output
    assert "has an unfinished write" in shown.output and "doctor --clean" in shown.output
    assert snapshot(book) == before
    assert (folder / JOURNAL).exists() and pending.exists()
    updated = run(book, "case", "update", CASE, "--risk", "medium", "--as-of", "2026-11-21")
    assert updated.exit_code == 0, updated.output
    assert not (folder / JOURNAL).exists() and not pending.exists()
    assert "risk_level: medium" in adult.read_text()


def _journal(folder: Path) -> None:
    """Leave folder as a write interrupted after its journal leaves it."""
    pending = folder / ".adult.yaml.pending.tmp"
    pending.write_text((folder / "adult.yaml").read_text())
    (folder / JOURNAL).write_text(json.dumps({"renames": [[pending.name, "adult.yaml"]]}))


def test_validate_reports_an_unfinished_write_even_when_its_cache_said_all_was_well(
    book: Path,
) -> None:
    assert run(book, *NEW_CASE).exit_code == 0
    run(book, "validate", "--as-of", "2026-11-21")  # fills the cache
    _journal(book / "cases" / CASE)
    before = snapshot(book)
    checked = run(book, "validate", "--as-of", "2026-11-21")
    assert checked.exit_code != 0, checked.output
    assert f"cases/{CASE}/adult.yaml:1:1: error INT001" in checked.output
    assert "unfinished write" in checked.output
    assert snapshot(book) == before


def test_the_digest_and_case_list_name_an_unfinished_write_and_go_on(book: Path) -> None:
    assert run(book, *NEW_CASE).exit_code == 0
    folder = book / "cases" / CASE
    _journal(folder)
    for args in (("overdue", "--as-of", "2026-11-21"), ("case", "list"), ("action", "list")):
        shown = run(book, *args)
        assert "unfinished write" in shown.output, (args, shown.output)
        assert CASE in shown.output
    assert (folder / JOURNAL).exists()
