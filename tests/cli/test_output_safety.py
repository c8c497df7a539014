"""What commands print is safe to open: CSV cells never run as formulas, Markdown
never links, and nothing from a case file or the command line acts on a terminal."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from safecli.cli.main import app

CASE = "SG-2026-0001"
FORMULA = '=HYPERLINK("http://evil.example","x")'
PHISH = "[Reset](https://phish.example) ![t](https://t.example/p.png)"


def run(book: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["--book", str(book), *args])


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def hostile(example_book: Path) -> Path:
    """The example book with spreadsheet formulas and Markdown links typed into it."""
    folder = example_book / "cases" / CASE
    replace(folder / "adult.yaml", "name: Edith Marlow", f"name: '{FORMULA}'")
    replace(
        folder / "agencies.yaml",
        "name: Exampleshire County Council Adult Social Care",
        "name: '-2+3+cmd|'' /C calc''!A0'",
    )
    replace(folder / "actions.yaml", "Put a vulnerable-customer marker", FORMULA)
    for name in ("agencies", "actions", "meetings"):
        text = (folder / f"{name}.yaml").read_text(encoding="utf-8")
        (folder / f"{name}.yaml").write_text(
            text.replace("Gemma Lyle", f"'{PHISH}'"), encoding="utf-8"
        )
    return example_book


def cells(output: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(output, newline="")) for cell in row]


@pytest.mark.parametrize(
    "args",
    [
        ["case", "list", "--show-names", "--format", "csv"],
        ["action", "list", CASE, "--format", "csv"],
        ["agency", "list", CASE, "--format", "csv"],
        ["overdue", "--as-of", "2026-12-20", "--show-names", "--show-descriptions", "-f", "csv"],
    ],
)
def test_no_csv_cell_starts_a_formula(hostile: Path, args: list[str]) -> None:
    result = run(hostile, *args)
    assert result.exit_code == 0, result.output
    found = cells(result.output)
    assert any(cell.startswith("'") for cell in found), result.output
    for cell in found:
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
        assert not cell.startswith("-") or cell.lstrip("-").isdigit(), cell


@pytest.mark.parametrize(
    "args",
    [
        ["case", "list", "--excel"],
        ["action", "list", CASE, "--excel"],
        ["agency", "list", CASE, "--excel"],
        ["meeting", "list", CASE, "--excel"],
        ["overdue", "--as-of", "2026-12-20", "--excel"],
        ["meeting", "types", "--excel"],
        ["rules", "--excel"],
        ["stats", "sac", "--year", "2026-27", "--excel"],
        ["stats", "wales", "--year", "2026-27", "--excel"],
        ["chronology", CASE, "--excel"],
    ],
)
def test_excel_csv_has_a_byte_order_mark_and_crlf(hostile: Path, args: list[str]) -> None:
    result = run(hostile, *args)
    assert result.exit_code == 0, result.output
    output = result.stdout_bytes.decode("utf-8")
    assert output.startswith("\ufeff")
    lines = output.split("\n")
    assert len(lines) > 2 and lines[-1] == ""
    assert all(line.endswith("\r") for line in lines[:-1])


def test_markdown_digest_shows_a_link_and_an_image_as_text(hostile: Path) -> None:
    result = run(hostile, "overdue", "--as-of", "2026-12-20", "-f", "markdown")
    assert result.exit_code == 0, result.output
    assert r"\[Reset\](https://phish.example) \!\[t\](https://t.example/p.png)" in result.output
    assert "[Reset](" not in result.output and "![t]" not in result.output


def test_markdown_tables_of_listing_commands_escape_links(hostile: Path) -> None:
    result = run(hostile, "agency", "list", CASE, "-f", "markdown")
    assert result.exit_code == 0, result.output
    assert r"\[Reset\]" in result.output and "[Reset](" not in result.output


MARKED = PHISH + " *bold* _it_ ~~gone~~"


@pytest.fixture
def marked(example_book: Path) -> Path:
    """The example book with a link, an image and emphasis as the name of one person."""
    folder = example_book / "cases" / CASE
    replace(folder / "adult.yaml", "name: Edith Marlow", f"name: '{MARKED}'")
    for name in ("agencies", "actions", "meetings"):
        replace(folder / f"{name}.yaml", "Gemma Lyle", f"'{MARKED}'")
    return example_book


@pytest.mark.parametrize(
    "args",
    [
        ["case", "list", "--show-names", "-f", "markdown"],
        ["action", "list", CASE, "-f", "markdown"],
        ["agency", "list", CASE, "-f", "markdown"],
        ["overdue", "--as-of", "2026-12-20", "--show-names", "-f", "markdown"],
        ["chronology", CASE, "--show-names", "-f", "md"],
        ["render", "plan", CASE, "--as-of", "2026-12-01", "-f", "md"],
        ["render", "minutes", CASE, "M2", "-f", "md"],
        ["render", "invitation", CASE, "M3", "--to", "gp", "-f", "md"],
        ["render", "feedback", CASE, "M2", "-f", "md"],
    ],
)
def test_every_markdown_output_shows_links_images_and_emphasis_as_text(
    marked: Path, args: list[str]
) -> None:
    result = run(marked, *args)
    assert result.exit_code == 0, result.output
    shown = r"\[Reset\](https://phish.example) \!\[t\](https://t.example/p.png)"
    assert shown + r" \*bold\* \_it\_ \~\~gone\~\~" in result.stdout
    for live in ("[Reset](", "![t]", " *bold*", " _it_", " ~~gone~~"):
        assert live not in result.stdout, live
