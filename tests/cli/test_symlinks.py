"""Read commands refuse case files and templates that are symbolic links; doctor lists them."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from safecli.cli.main import app

CASE = "SG-2026-0001"


def run(book: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["--book", str(book), *args])


def test_a_case_file_linked_to_another_book_is_refused(example_book: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(example_book / "cases" / "SG-2026-0002", other)
    adult = example_book / "cases" / CASE / "adult.yaml"
    adult.unlink()
    adult.symlink_to(other / "adult.yaml")
    for args in (["case", "show", CASE], ["render", "plan", CASE]):
        result = run(example_book, *args)
        assert result.exit_code == 3, result.output
        assert f"cases/{CASE}/adult.yaml: file is a symbolic link" in result.output
    checked = run(example_book, "validate", CASE)
    assert checked.exit_code == 1, checked.output
    assert f"cases/{CASE}/adult.yaml:1:1: error INT001 file is a symbolic link" in checked.output
    assert "INT002" not in checked.output  # the linked adult's case id is never read
    digest = run(example_book, "overdue", "--as-of", "2026-12-01", "--show-names")
    assert "unreadable" in digest.output
    doctor = run(example_book, "doctor")
    assert f"fail  symbolic links: cases/{CASE}/adult.yaml" in doctor.output


def test_a_template_override_linked_to_a_case_file_is_refused(example_book: Path) -> None:
    own = example_book / "templates"
    own.mkdir()
    (own / "plan.txt.j2").symlink_to(example_book / "cases" / CASE / "adult.yaml")
    result = run(example_book, "render", "plan", CASE, "--format", "txt")
    assert result.exit_code == 3, result.output
    assert "template is a symbolic link" in result.output
    assert "Edith" not in result.output
    doctor = run(example_book, "doctor")
    assert "templates/plan.txt.j2" in doctor.output


def test_a_templates_folder_linked_outside_the_book_is_refused(
    example_book: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "plan.txt.j2").write_text("from elsewhere\n")
    (example_book / "templates").symlink_to(elsewhere)
    result = run(example_book, "render", "plan", CASE, "--format", "txt")
    assert result.exit_code == 3, result.output
    assert "templates: the book's templates folder is a symbolic link" in result.output
    assert "from elsewhere" not in result.output
    doctor = run(example_book, "doctor")
    assert "fail  symbolic links: templates" in doctor.output
