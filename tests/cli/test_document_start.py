"""A leading `---` (what yamllint asks for) is read by every command and kept by every write."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from safecli.cli.main import app
from safecli.errors import FileFormatError
from safecli.store import roundtrip

CASE = "SG-2026-0001"
KINDS = ("adult", "agencies", "meetings", "actions")


def _with_document_start(root: Path) -> None:
    for kind in KINDS:
        path = root / "cases" / CASE / f"{kind}.yaml"
        path.write_text("---\n" + path.read_text(encoding="utf-8"), encoding="utf-8")


def _run(root: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["--book", str(root), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_every_command_reads_and_keeps_a_leading_document_start(example_book: Path) -> None:
    _with_document_start(example_book)
    before = {
        k: (example_book / "cases" / CASE / f"{k}.yaml").read_text(encoding="utf-8") for k in KINDS
    }
    assert CASE in _run(example_book, "case", "show", CASE)
    _run(example_book, "meeting", "show", CASE, "M1")
    _run(example_book, "action", "done", CASE, "A6", "--on", "2026-11-30", "--as-of", "2026-12-01")
    _run(
        example_book, "meeting", "share", CASE, "M1", "--with", "advocacy", "--as-of", "2026-12-01"
    )
    _run(example_book, "agency", "list", CASE)
    _run(example_book, "case", "list")
    after = {
        k: (example_book / "cases" / CASE / f"{k}.yaml").read_text(encoding="utf-8") for k in KINDS
    }
    for kind in KINDS:
        assert after[kind].startswith("---\n"), kind
    assert after["actions"] != before["actions"]
    assert after["meetings"] != before["meetings"]
    assert after["adult"] == before["adult"]
    # only the lines that had to change changed: the head is not a change
    changed = [
        line for line in after["actions"].splitlines() if line not in before["actions"].splitlines()
    ]
    assert changed and all("2026-11-30" in line or "done" in line for line in changed)


def test_the_head_keeps_its_comments_and_positions_stay_true(tmp_path: Path) -> None:
    path = tmp_path / "actions.yaml"
    text = "# actions of the case\n--- # yamllint wants this\n- id: A1\n  status: open\n"
    data = roundtrip.parse(path, text, list)
    assert data.lc.item(0)[0] == 2  # 0-based line of `- id: A1`
    data[0]["status"] = "done"
    assert roundtrip.changed_text(path, data, text, list) == text.replace("open", "done")
    assert roundtrip.changed_text(path, roundtrip.parse(path, text, list), text, list) is None


def test_an_error_after_the_head_names_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "adult.yaml"
    with pytest.raises(FileFormatError) as caught:
        roundtrip.parse(path, "---\ncase: X\nname: a: b\n", dict)
    assert "adult.yaml:3:8:" in str(caught.value)
