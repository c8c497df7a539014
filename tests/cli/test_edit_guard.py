"""`safecli edit` goes through the rulebook: an edit that brings in an error is refused
with validate's findings (exit 3, the original untouched, the edit kept aside); at a
terminal it can be edited again, kept anyway or discarded; warnings it brings in are
printed."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import NEW_CASE, snapshot

CASE = "SG-2026-0001"

# An editor that makes the n-th replacement of `steps` on its n-th run (then none).
EDITOR = """\
import pathlib, sys
steps = {steps!r}
count = pathlib.Path({counter!r})
n = int(count.read_text()) if count.exists() else 0
count.write_text(str(n + 1))
if n < len(steps):
    p = pathlib.Path(sys.argv[1])
    old, new = steps[n]
    p.write_text(p.read_text().replace(old, new))
"""


def editor(tmp_path: Path, *steps: tuple[str, str]) -> dict[str, str]:
    script = tmp_path / "editor.py"
    script.write_text(EDITOR.format(steps=list(steps), counter=str(tmp_path / "runs")))
    return {"EDITOR": f"{sys.executable} {script}", "VISUAL": ""}


FUTURE = ("date_of_birth: null", "date_of_birth: 2030-01-01")


def test_an_edit_that_brings_in_an_error_is_refused_as_validate_reports_it(
    cli: Callable[..., Any], book: Path, tmp_path: Path
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    before = snapshot(book)
    result = cli("edit", CASE, "adult", "--as-of", "2026-11-20", env=editor(tmp_path, FUTURE))
    assert result.exit_code == 3, result.output
    assert (
        f"cases/{CASE}/adult.yaml:7:16: error INT005 date_of_birth is after the case was opened"
        in result.output
    )
    assert "nothing written: the change would break INT005" in result.output
    assert "not saved; your edit is kept at .safecli/rejected/" in result.output
    assert snapshot(book) == before
    kept = list((book / ".safecli" / "rejected").iterdir())
    assert len(kept) == 1 and "date_of_birth: 2030-01-01" in kept[0].read_text()
    # The same file written by hand: validate reports the same finding.
    adult = book / "cases" / CASE / "adult.yaml"
    adult.write_text(kept[0].read_text())
    shown = cli("validate", "--no-cache", "--as-of", "2026-11-20").output
    assert f"cases/{CASE}/adult.yaml:7:16: error INT005" in shown


def test_an_edit_prints_the_warnings_it_brings_in(
    cli: Callable[..., Any], book: Path, tmp_path: Path
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    notes = ("  notes: null", "  notes: Letters in 18pt please.")
    result = cli("edit", CASE, "adult", "--as-of", "2026-11-20", env=editor(tmp_path, notes))
    assert result.exit_code == 0, result.output
    assert "warning EMP004 the communication notes ask for large print" in result.output
    assert "EMP001" not in result.output  # there before the edit
    assert "Letters in 18pt" in (book / "cases" / CASE / "adult.yaml").read_text()


def test_an_error_already_there_does_not_block_an_edit_of_something_else(
    cli: Callable[..., Any], book: Path, tmp_path: Path
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    adult = book / "cases" / CASE / "adult.yaml"
    adult.write_text(adult.read_text().replace(*FUTURE))
    risk = ("risk_level: high", "risk_level: medium")
    result = cli("edit", CASE, "adult", "--as-of", "2026-11-20", env=editor(tmp_path, risk))
    assert result.exit_code == 0, result.output
    assert "risk_level: medium" in adult.read_text()


def _at_terminal(tmp_path: Path, *steps: tuple[str, str]) -> dict[str, str]:
    return {**editor(tmp_path, *steps), "SAFECLI_INTERACTIVE": "1"}


def test_at_a_terminal_a_refused_edit_can_be_discarded(
    cli: Callable[..., Any], book: Path, tmp_path: Path
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    before = snapshot(book)
    env = _at_terminal(tmp_path, FUTURE)
    result = cli("edit", CASE, "adult", "--as-of", "2026-11-20", env=env, input="d\n")
    assert result.exit_code == 0, result.output
    assert "error INT005" in result.output
    assert "Edit it again, keep it with these errors, or discard it? [e/k/d]" in result.output
    assert "nothing changed" in result.output
    assert snapshot(book) == before


def test_at_a_terminal_a_refused_edit_can_be_kept_anyway(
    cli: Callable[..., Any], book: Path, tmp_path: Path
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    env = _at_terminal(tmp_path, FUTURE)
    result = cli("edit", CASE, "adult", "--as-of", "2026-11-20", env=env, input="keep\n")
    assert result.exit_code == 0, result.output
    assert f"wrote cases/{CASE}/adult.yaml" in result.output
    assert "date_of_birth: 2030-01-01" in (book / "cases" / CASE / "adult.yaml").read_text()


def test_at_a_terminal_a_refused_edit_can_be_edited_again(
    cli: Callable[..., Any], book: Path, tmp_path: Path
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    fixed = ("date_of_birth: 2030-01-01", "date_of_birth: 1941-03-14")
    env = _at_terminal(tmp_path, FUTURE, fixed)
    result = cli("edit", CASE, "adult", "--as-of", "2026-11-20", env=env, input="x\ne\n")
    assert result.exit_code == 0, result.output
    assert "answer e (edit again), k (keep) or d (discard)" in result.output
    assert result.output.count("error INT005") == 1
    assert "date_of_birth: 1941-03-14" in (book / "cases" / CASE / "adult.yaml").read_text()
    assert (tmp_path / "runs").read_text() == "2"


def test_a_file_that_does_not_parse_is_never_offered_to_keep(
    cli: Callable[..., Any], book: Path, tmp_path: Path
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    before = snapshot(book)
    env = _at_terminal(tmp_path, ("status: open", "status: [open"))
    result = cli("edit", CASE, "adult", env=env, input="n\n")
    assert result.exit_code == 3, result.output
    assert "[e/k/d]" not in result.output
    assert "The edit is not valid. Edit it again?" in result.output
    assert snapshot(book) == before
