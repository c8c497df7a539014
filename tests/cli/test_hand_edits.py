"""Hand edits that once ended in a traceback (issue 12, item 4), one test each: a
located message or a sensible refusal, no traceback, and nothing changed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import snapshot
from typer.testing import CliRunner

from safecli.cli.main import app

CASE = "SG-2026-0001"


def run(book: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["--book", str(book), *args])


def _calm(result) -> None:  # type: ignore[no-untyped-def]
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


def test_an_agency_that_is_a_bare_word_is_left_out_of_case_show(example_book: Path) -> None:
    agencies = example_book / "cases" / CASE / "agencies.yaml"
    agencies.write_text(agencies.read_text(encoding="utf-8") + "- asc\n", encoding="utf-8")
    before = snapshot(example_book)
    shown = run(example_book, "case", "show", CASE)
    _calm(shown)
    assert shown.exit_code == 0, shown.output
    assert "Helen Forsyth" in shown.output
    checked = run(example_book, "validate", CASE)
    assert f"cases/{CASE}/agencies.yaml:" in checked.output and "INT008" in checked.output
    assert snapshot(example_book) == before


def test_people_that_is_not_a_list_is_refused_at_its_place_by_action_add(
    example_book: Path,
) -> None:
    agencies = example_book / "cases" / CASE / "agencies.yaml"
    text = agencies.read_text(encoding="utf-8")
    head, _, rest = text.partition("  people:\n")
    _, _, others = rest.partition("\n- handle: police")
    agencies.write_text(f"{head}  people: .inf\n\n- handle: police{others}", encoding="utf-8")
    line = f"{head}  people: .inf".count("\n") + 1
    before = snapshot(example_book)
    added = run(
        example_book,
        *("action", "add", CASE, "--meeting", "M1", "--lead", "asc:Helen Forsyth"),
        *("--due", "2026-12-20", "--as-of", "2026-11-20", "Visit"),
    )
    _calm(added)
    assert added.exit_code == 3, added.output
    assert f"cases/{CASE}/agencies.yaml:{line}:3: people is not a list" in added.output
    assert snapshot(example_book) == before


def test_overdue_as_of_the_end_of_the_calendar_is_refused(example_book: Path) -> None:
    before = snapshot(example_book)
    result = run(example_book, "overdue", "--as-of", "9999-12-31")
    _calm(result)
    assert result.exit_code == 3, result.output
    assert "out of range: safecli takes dates from 1900 to 2199" in result.output
    assert snapshot(example_book) == before


def test_an_invitation_to_a_meeting_at_the_end_of_year_9999_is_refused_at_its_when(
    example_book: Path,
) -> None:
    meetings = example_book / "cases" / CASE / "meetings.yaml"
    text = meetings.read_text(encoding="utf-8")
    meetings.write_text(text.replace("2026-12-15T10:00", "9999-12-31T23:30"), encoding="utf-8")
    line = text[: text.index("2026-12-15T10:00")].count("\n") + 1
    before = snapshot(example_book)
    result = run(example_book, "render", "invitation", CASE, "M3", "--format", "ics")
    _calm(result)
    assert result.exit_code == 3, result.output
    assert f"cases/{CASE}/meetings.yaml:{line}:3: when is not a meeting time" in result.output
    assert "9999" not in result.output
    assert snapshot(example_book) == before


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        ("case: SG-2026-0099", "case 'SG-2026-0099' does not match the folder name"),
        ("# case id deleted", f"no case id: write case: {CASE}"),
    ],
)
def test_a_wrong_or_missing_case_id_is_refused_at_its_line_by_every_command(
    example_book: Path, edit: str, said: str
) -> None:
    adult = example_book / "cases" / CASE / "adult.yaml"
    text = adult.read_text(encoding="utf-8")
    assert f"\ncase: {CASE}\n" in text
    adult.write_text(text.replace(f"\ncase: {CASE}\n", f"\n{edit}\n"), encoding="utf-8")
    checked = run(example_book, "validate", CASE)
    where = re.search(rf"cases/{CASE}/adult\.yaml:\d+:\d+", checked.output)
    assert where and "INT002" in checked.output, checked.output
    before = snapshot(example_book)
    for args in (
        ["case", "show", CASE],
        ["meeting", "list", CASE],
        [
            *("action", "add", CASE, "--meeting", "M1", "--lead", "asc:Helen Forsyth"),
            *("--due", "2026-12-20", "Visit"),
        ],
        ["overdue", "--as-of", "2026-12-01"],
    ):
        result = run(example_book, *args)
        _calm(result)
        assert result.exit_code == 3, result.output
        assert f"{where.group()}: {said}" in result.output, (args, result.output)
    assert snapshot(example_book) == before
