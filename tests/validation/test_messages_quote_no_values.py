"""Findings and refusals go to CI logs: they name the field and never repeat a value
that is free text or not valid. A book seeded with distinctive markers in invalid
places: no marker reaches validate's output in any format, nor a writing command's
refusal, nor the store's refusals of unreadable files."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import NEW_CASE
from typer.testing import CliRunner

from safecli.cli.main import app

CASE = "SG-2026-0001"
OTHER = "SG-2026-0002"
# Each replacement puts a marker (ZQX and a number) where the value is invalid.
ADULT = {
    "risk_level: high": "risk_level: high - lives at ZQX01 Acacia Road",
    "engagement: null": "engagement: ZQX02 Edith refuses",
    "case: SG-2026-0001": "case: SG-2026-0001\nZQX03 notes about Edith: kept",
    "opened: 2026-11-20": "opened: ZQX04 last Tuesday",
    "lead_agency: asc": "lead_agency: ZQX05 Acacia Road surgery",
    "coordinator: {agency: asc, name: Sam Patel}": "coordinator: {agency: asc, name: ZQX06 Bob}",
    "  needs_advocate: false": "  needs_advocate: ZQX07 yes please",
    "status: open": "status: ZQX08 open-ish",
    "jurisdiction: null": "jurisdiction: ZQX09 Scotland",
}
MEETINGS = {
    "  when: 2026-11-21T10:00": "  when: ZQX10 after lunch",
    "  type: s42-strategy": "  type: ZQX11 chat",
    "  status: planned": "  status: ZQX12 maybe",
    "  subjects: []": "  subjects: [ZQX13 Her neighbour]",
    "  mode: virtual": "  mode: ZQX14 kitchen table",
    "- id: M1": "- id: ZQX21 M1",
}
ACTIONS = {
    "- id: A1": "- id: ZQX15 first",
    "  lead: {agency: asc, name: Sam Patel}": "  lead: {agency: asc, name: ZQX20 Bob}",
    "  status: open": "  status: ZQX16 nearly",
    "  due: 2026-12-01": "  due: 2026-02-30",
}
AGENCIES = {
    "  kind: local-authority": "  kind: ZQX17 council people",
}


def run(book: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["--book", str(book), *args])


def _seed(path: Path, replacements: dict[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def seeded(book: Path) -> Path:
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
            *("--due", "2026-12-01", "--as-of", "2026-11-21", "Visit"),
        ],
        [*NEW_CASE[:-1], "2026-11-21"],
    ):
        done = run(book, *args)
        assert done.exit_code == 0, done.output
    folder = book / "cases" / CASE
    _seed(folder / "adult.yaml", ADULT)
    _seed(folder / "meetings.yaml", MEETINGS)
    _seed(folder / "actions.yaml", ACTIONS)
    _seed(folder / "agencies.yaml", AGENCIES)
    # The other case cannot be read at all: a duplicate key whose values are personal.
    adult = book / "cases" / OTHER / "adult.yaml"
    adult.write_text(
        adult.read_text(encoding="utf-8") + "name: ZQX18 Edith\nphone: !ZQX19 '0777'\n",
        encoding="utf-8",
    )
    return book


@pytest.mark.parametrize("fmt", ["text", "github", "json", "gitlab"])
def test_validate_repeats_no_marker_in_any_format(seeded: Path, fmt: str) -> None:
    result = run(seeded, "validate", "--format", fmt, "--as-of", "2026-11-25")
    assert result.exit_code == 1, result.output
    assert "INT004" in result.output and "INT001" in result.output
    assert "ZQX" not in result.output


def test_the_findings_name_the_fields(seeded: Path) -> None:
    result = run(seeded, "validate", CASE, "--as-of", "2026-11-25")
    for field in ("risk_level is not one of", "engagement is not one of", "when should be"):
        assert field in result.output


def test_a_writing_commands_refusal_repeats_no_marker(seeded: Path) -> None:
    agencies = seeded / "cases" / CASE / "agencies.yaml"
    _seed(agencies, {"  kind: ZQX17 council people": "  kind: local-authority"})
    result = run(seeded, "case", "update", CASE, "--risk", "low", "--as-of", "2026-11-25")
    assert "ZQX" not in result.output
    other = run(seeded, "case", "show", OTHER)
    assert other.exit_code == 3 and "tags (!name) are not allowed" in other.output
    assert "ZQX" not in other.output


def test_an_empty_answer_names_its_flag(book: Path) -> None:
    result = run(book, *[("" if arg == "Ann Example" else arg) for arg in NEW_CASE])
    assert result.exit_code == 3, result.output
    assert "--name cannot be empty" in result.output


def test_int010_names_the_field_and_the_valid_value_only(tmp_path: Path) -> None:
    """A part that differs from the meeting it is a part of: the message names the field
    and the meeting's value when that is valid; a hand-edited value of either is never
    quoted, nor a hand-edited meeting id in convened_in."""
    from shared_book import OTHER as PART_CASE
    from shared_book import edit, shared_book

    book = shared_book(tmp_path, held=True)
    edit(book, PART_CASE, "status: held", "status: planned")
    edit(book, CASE, "when: 2026-11-03T10:00", 'when: "2026-11-03T10:00 ZQX30 Acacia Road"')
    check = ("validate", "--as-of", "2026-11-04", "--select", "INT010")
    result = run(book, *check)
    assert result.exit_code == 1, result.output
    assert "M1's status is not that of SG-2026-0001 M1, which it is a part of (status: held; " in (
        result.output
    )
    assert "M1's when is not that of SG-2026-0001 M1, which it is a part of (when: invalid; " in (
        result.output
    )
    assert "ZQX" not in result.output
    edit(book, PART_CASE, "meeting: M1}", "meeting: ZQX31 the one at Acacia Road}")
    result = run(book, *check)
    assert "is a part of (invalid id) of SG-2026-0001, which has no such meeting" in result.output
    assert "ZQX" not in result.output


def test_int003_does_not_suggest_a_persons_name(seeded: Path) -> None:
    """A lead who is not a person of the agency: the finding names the field and the
    agency, never the name given nor a near name of the agency's people."""
    _seed(seeded / "cases" / CASE / "adult.yaml", {"name: ZQX06 Bob}": "name: Sam Patell}"})
    result = run(seeded, "validate", CASE, "--as-of", "2026-11-25", "--select", "INT003")
    assert "coordinator: no person of this name in agency 'asc' (add them" in result.output
    assert "Patel" not in result.output


def test_an_invitees_hand_edited_agency_is_not_repeated(book: Path) -> None:
    for args in (
        NEW_CASE,
        [
            *("meeting", "new", CASE, "--type", "s42-strategy", "--format", "discussion"),
            *("--mode", "virtual", "--when", "2026-11-21 10:00", "--purpose", "Agree"),
            *("--chair", "asc:Sam Patel", "--adult-not-invited-reason", "Seen alone"),
            *("--as-of", "2026-11-20"),
        ],
    ):
        assert run(book, *args).exit_code == 0
    meetings = book / "cases" / CASE / "meetings.yaml"
    invitee = "  invitees:\n  - person: {agency: ZQX40 Acacia Road, name: Bob}\n    reason: null\n"
    _seed(meetings, {"  invitees: []\n": invitee})
    result = run(book, "validate", CASE, "--as-of", "2026-11-20", "--select", "PRO001")
    assert "no reason recorded for inviting invitee 1 (invalid)" in result.output
    assert "ZQX" not in result.output
