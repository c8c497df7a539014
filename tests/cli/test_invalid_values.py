"""An enumerated field (risk level, meeting type, status, time, id) that was hand-edited
into free text is printed as `invalid`, never as the text found: in the digest in every
format, the lists, case show and the report. validate names the field and where it is,
and does not repeat the text either."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import NEW_CASE
from typer.testing import CliRunner

from safecli.cli.main import app

CASE = "SG-2026-0001"
AS_OF = "2026-12-01"
MARKER = "Acacia"
# The commands that say on stderr which cases to validate when they print "invalid".
NOTED = ("case list", "case show", "action list", "meeting list", "agency list")


def run(book: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["--book", str(book), *args])


def _edit(path: Path, old: str, new: str, *, after: str = "") -> None:
    text = path.read_text(encoding="utf-8")
    start = text.index(after) if after else 0
    assert old in text[start:], old
    path.write_text(text[:start] + text[start:].replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def edited(book: Path) -> Path:
    """A case whose risk level, lead agency, meeting type and time, agency kind and one
    action's status and id were hand-edited to hold an address."""
    for args in (
        NEW_CASE,
        [
            *("meeting", "new", CASE, "--type", "s42-strategy", "--format", "discussion"),
            *("--mode", "virtual", "--when", "2026-11-21 10:00", "--purpose", "Agree"),
            *("--chair", "asc:Sam Patel", "--adult-not-invited-reason", "Seen alone"),
            *("--as-of", "2026-11-20"),
        ],
        [
            *("action", "add", CASE, "--meeting", "M1", "--lead", "asc:Sam Patel"),
            *("--due", "2026-11-25", "--as-of", "2026-11-21", "Visit"),
        ],
        [
            *("action", "add", CASE, "--meeting", "M1", "--lead", "asc:Sam Patel"),
            *("--due", "2026-11-26", "--as-of", "2026-11-21", "Call"),
        ],
    ):
        done = run(book, *args)
        assert done.exit_code == 0, done.output
    folder = book / "cases" / CASE
    _edit(folder / "adult.yaml", "risk_level: high", 'risk_level: "high - lives at 12 Acacia Road"')
    _edit(folder / "adult.yaml", "lead_agency: asc", 'lead_agency: "asc, Acacia Road office"')
    _edit(folder / "meetings.yaml", "type: s42-strategy", 'type: "s42-strategy at Acacia Road"')
    _edit(folder / "meetings.yaml", "when: 2026-11-21T10:00", 'when: "2026-11-21T10:00 Acacia"')
    _edit(folder / "agencies.yaml", "kind: local-authority", 'kind: "council, Acacia Road"')
    actions = folder / "actions.yaml"
    _edit(actions, "status: open", 'status: "open - Acacia Road key safe"', after="- id: A2")
    _edit(actions, "- id: A2", '- id: "A2 Acacia Road"')
    return book


@pytest.mark.parametrize(
    "args",
    [
        ("overdue", "--as-of", AS_OF),
        ("overdue", "--as-of", AS_OF, "--format", "json"),
        ("overdue", "--as-of", AS_OF, "--format", "csv"),
        ("overdue", "--as-of", AS_OF, "--format", "markdown"),
        ("overdue", "--as-of", AS_OF, "--no-cache"),
        ("case", "list"),
        ("case", "list", "--format", "json"),
        ("case", "list", "--show-names"),
        ("action", "list"),
        ("action", "list", CASE),
        ("meeting", "list", CASE),
        ("case", "show", CASE),
        ("agency", "list", CASE),
        ("meeting", "show", CASE, "M1"),
        ("chronology", CASE),
        ("chronology", CASE, "--format", "csv"),
        ("render", "plan", CASE, "--as-of", AS_OF),
    ],
    ids=" ".join,
)
def test_an_edited_value_is_shown_as_invalid(edited: Path, args: tuple[str, ...]) -> None:
    result = run(edited, *args)
    assert result.exit_code == 0, result.output
    assert MARKER not in result.output
    assert "invalid" in result.stdout
    if args[0] == "overdue" or " ".join(args[:2]) in NOTED:
        assert f"see: safecli validate {CASE}" in result.stderr  # where the finding is


def test_no_note_when_every_value_is_valid(edited: Path) -> None:
    other = [*NEW_CASE[:-1], "2026-11-21"]
    assert run(edited, *other).exit_code == 0
    result = run(edited, "case", "show", "SG-2026-0002")
    assert result.exit_code == 0 and "invalid" not in result.output
    assert "see: safecli validate" not in result.output


def test_the_cached_lists_and_digest_show_invalid_too(edited: Path) -> None:
    for _ in range(2):  # the second run answers from the caches
        for args in (("overdue", "--as-of", AS_OF), ("case", "list"), ("action", "list")):
            result = run(edited, *args)
            assert MARKER not in result.output and "invalid" in result.output, args


def test_the_report_shows_invalid(edited: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = run(edited, "report", "--out", str(site), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    pages = [p.read_text(encoding="utf-8") for p in site.rglob("*.html")]
    assert not [page for page in pages if MARKER in page]
    assert any("invalid" in page for page in pages)


def test_validate_reports_each_field_where_it_is_and_not_its_text(edited: Path) -> None:
    result = run(edited, "validate", CASE, "--as-of", AS_OF)
    assert result.exit_code == 1
    assert MARKER not in result.output
    folder = f"cases/{CASE}"
    for where in (
        f"{folder}/adult.yaml:25:13: error INT004 risk_level is not one of: low, medium, high",
        f"{folder}/meetings.yaml:2:9: error INT004 type is not one of:",
        f"{folder}/meetings.yaml:5:9: error INT005 when should be a time",
        f"{folder}/actions.yaml:12:7: error INT002",
        f"{folder}/actions.yaml:17:11: error INT004 status is not one of: open, done, cancelled",
    ):
        assert where in result.output, where


def test_a_document_of_an_unknown_type_is_refused_without_repeating_it(edited: Path) -> None:
    result = run(edited, "render", "invitation", CASE, "M1", "--as-of", AS_OF)
    assert result.exit_code == 3, result.output
    assert "unknown meeting type (not a type id); known: s42-strategy" in result.output
    assert MARKER not in result.output
