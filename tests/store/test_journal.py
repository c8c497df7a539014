"""The journal of a multi-file write: the next command taking the lock finishes it;
doctor reports and cleans what an interrupted write left."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import NEW_CASE
from typer.testing import CliRunner

from safecli.cli.main import app
from safecli.store import atomic

CASE = "SG-2026-0001"


def run(book: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["--book", str(book), *args])


def interrupted(book: Path) -> Path:
    """A case whose write of two files stopped after the journal, before any rename."""
    assert run(book, *NEW_CASE).exit_code == 0
    folder = book / "cases" / CASE
    adult = (folder / "adult.yaml").read_text().replace("risk_level: high", "risk_level: low")
    actions = "[]\n# reviewed\n"
    (folder / ".adult.yaml.k1.tmp").write_text(adult)
    (folder / ".actions.yaml.k2.tmp").write_text(actions)
    renames = [[".adult.yaml.k1.tmp", "adult.yaml"], [".actions.yaml.k2.tmp", "actions.yaml"]]
    (folder / atomic.JOURNAL).write_text(json.dumps({"renames": renames}))
    return folder


def test_the_next_locked_command_rolls_the_journal_forward(book: Path) -> None:
    folder = interrupted(book)
    result = run(book, "doctor")
    assert result.exit_code == 1
    assert "fail  interrupted writes: cases/SG-2026-0001/.actions.yaml.k2.tmp" in result.output
    assert "safecli doctor --clean" in result.output
    written = run(book, "agency", "add", CASE, "gp", "--name", "GP", "--kind", "gp")
    assert written.exit_code == 0, written.output
    assert "risk_level: low" in (folder / "adult.yaml").read_text()
    assert (folder / "actions.yaml").read_text() == "[]\n# reviewed\n"
    assert atomic.leftovers(folder) == []


def test_doctor_clean_finishes_the_write_and_removes_litter(book: Path) -> None:
    folder = interrupted(book)
    (folder / ".agencies.yaml.zz.tmp").write_text("- handle: x\n")
    (book / "cases" / ".new-SG-2026-0002.ab.tmp").mkdir()
    result = run(book, "doctor", "--clean")
    assert "removed cases/SG-2026-0001/.agencies.yaml.zz.tmp" in result.output
    assert "removed cases/.new-SG-2026-0002.ab.tmp" in result.output
    assert "ok    interrupted writes" in result.output
    assert "risk_level: low" in (folder / "adult.yaml").read_text()
    listed = run(book, "case", "list")
    assert listed.exit_code == 0 and "SG-2026-0002" not in listed.output


def test_several_files_are_written_with_no_journal_left(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    atomic.write_all({a: "x: 1\n", b: "y: 2\n"})
    assert (a.read_text(), b.read_text()) == ("x: 1\n", "y: 2\n")
    assert atomic.leftovers(tmp_path) == []
    assert oct(a.stat().st_mode & 0o777) == "0o600"


def _two_folders(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "SG-1", tmp_path / "SG-2"
    for folder in (first, second):
        folder.mkdir()
        (folder / "meetings.yaml").write_text("[]\n")
    return first, second


def test_files_of_several_folders_are_written_together(tmp_path: Path) -> None:
    first, second = _two_folders(tmp_path)
    atomic.write_all({first / "meetings.yaml": "- a\n", second / "meetings.yaml": "- b\n"})
    assert (first / "meetings.yaml").read_text() == "- a\n"
    assert (second / "meetings.yaml").read_text() == "- b\n"
    assert atomic.leftovers(first) == atomic.leftovers(second) == []


def test_a_committed_set_is_finished_from_any_of_its_folders(tmp_path: Path) -> None:
    first, second = _two_folders(tmp_path)
    (first / ".meetings.yaml.k1.tmp").write_text("- a\n")
    (second / ".meetings.yaml.k2.tmp").write_text("- b\n")
    (second / f"{atomic.PENDING}SG-1").write_text(json.dumps({"journal": "SG-1"}))
    journal = {
        "renames": [[".meetings.yaml.k1.tmp", "meetings.yaml"]],
        "others": {"SG-2": [[".meetings.yaml.k2.tmp", "meetings.yaml"]]},
    }
    (first / atomic.JOURNAL).write_text(json.dumps(journal))
    assert atomic.recover(second)
    assert (first / "meetings.yaml").read_text() == "- a\n"
    assert (second / "meetings.yaml").read_text() == "- b\n"
    assert atomic.leftovers(second) == []
    assert atomic.recover(first)
    assert atomic.leftovers(first) == []


def test_a_set_killed_before_its_journal_stays_old(tmp_path: Path) -> None:
    _, second = _two_folders(tmp_path)
    (second / ".meetings.yaml.k2.tmp").write_text("- b\n")
    (second / f"{atomic.PENDING}SG-1").write_text(json.dumps({"journal": "SG-1"}))
    assert atomic.recover(second)
    assert (second / "meetings.yaml").read_text() == "[]\n"
    assert atomic.leftovers(second) == [second / ".meetings.yaml.k2.tmp"]


def test_a_marker_naming_a_folder_outside_the_book_is_refused(tmp_path: Path) -> None:
    import pytest

    from safecli.errors import FileFormatError

    _, second = _two_folders(tmp_path)
    (second / f"{atomic.PENDING}..").write_text("{}")
    with pytest.raises(FileFormatError):
        atomic.recover(second)


def test_temp_files_and_half_made_folders_are_never_read_as_cases(example_book: Path) -> None:
    cases = example_book / "cases"
    (cases / CASE / ".adult.yaml.zz.tmp").write_text("name: [unclosed\n")
    half = cases / ".new-SG-2026-0009.ab.tmp"
    half.mkdir()
    (half / "adult.yaml").write_text("case_id: SG-2026-0009\nrisk_level: [\n")
    for args in (
        ["case", "list"],
        ["validate"],
        ["overdue", "--as-of", "2026-12-01"],
        ["case", "show", CASE],
    ):
        result = run(example_book, *args)
        assert result.exit_code == 0, (args, result.output)
        assert "0009" not in result.output and ".tmp" not in result.output, args
