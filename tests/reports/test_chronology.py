"""safecli chronology: goldens of the bundled cases, merged cases, an agency, gap rows."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import html5lib
import pytest
from typer.testing import CliRunner

from safecli import model
from safecli.cli.main import app
from safecli.reports.chronology_words import EVENT_KINDS

GOLDEN = Path(__file__).resolve().parent / "golden" / "chronology"
BUNDLED = ["SG-2026-0001", "SG-2026-0002", "SG-2026-0003", "SG-2026-0004", "SG-2026-0005"]
CASES: list[tuple[str, list[str]]] = [
    *[(f"{case}.md", [case]) for case in BUNDLED],
    ("SG-2026-0001.html", ["SG-2026-0001", "--format", "html"]),
    ("SG-2026-0001.csv", ["SG-2026-0001", "--format", "csv"]),
    ("SG-2026-0001.txt", ["SG-2026-0001", "--format", "txt"]),
    ("SG-2026-0001-police.md", ["SG-2026-0001", "--agency", "police"]),
    ("SG-2026-0001-gaps.txt", ["SG-2026-0001", "--gap-days", "7", "--format", "txt"]),
    ("SG-2026-0003+0004.md", ["SG-2026-0003", "SG-2026-0004"]),
    ("SG-2026-0002-shown.md", ["SG-2026-0002", "--show-names", "--show-text"]),
    # SG-2026-0002 is in Wales: Welsh first, then English, unless --lang chooses one.
    ("SG-2026-0002.csv", ["SG-2026-0002", "--format", "csv"]),
    ("SG-2026-0002.html", ["SG-2026-0002", "--format", "html"]),
    ("SG-2026-0002-en.txt", ["SG-2026-0002", "--lang", "en", "--format", "txt"]),
    ("SG-2026-0001-cy-gaps.md", ["SG-2026-0001", "--lang", "cy", "--gap-days", "7"]),
]


def run(book: Path, *args: str) -> object:
    return CliRunner().invoke(app, ["--book", str(book), "chronology", *args])


@pytest.mark.parametrize(("golden", "args"), CASES, ids=[name for name, _ in CASES])
def test_golden(example_book: Path, golden: str, args: list[str]) -> None:
    result = run(example_book, *args)
    assert result.exit_code == 0, result.output
    expected = GOLDEN / golden
    if os.environ.get("SAFECLI_UPDATE_GOLDEN") == "1":
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(result.stdout, encoding="utf-8")
    assert expected.is_file(), f"no golden file {expected}; run with SAFECLI_UPDATE_GOLDEN=1"
    assert result.stdout == expected.read_text(encoding="utf-8"), (
        f"{golden} differs from its golden file; if the change is intended, regenerate with "
        "SAFECLI_UPDATE_GOLDEN=1 and review the diff"
    )


def test_every_golden_file_is_checked() -> None:
    on_disk = {p.name for p in GOLDEN.iterdir() if p.is_file()}
    assert on_disk == {name for name, _ in CASES}


def test_redacted_by_default(example_book: Path) -> None:
    shown = run(example_book, "SG-2026-0001", "--show-names", "--show-text").stdout
    hidden = run(example_book, "SG-2026-0001").stdout
    for private in ("Daniel Osei", "Dr Tomasz Nowak", "pension", "Edith", "Liam"):
        assert private not in hidden
    assert "Dr Tomasz Nowak" in shown and "pension" in shown


def test_a_gap_is_stated_as_a_row(example_book: Path) -> None:
    out = run(example_book, "SG-2026-0001", "--gap-days", "7", "--format", "csv").stdout
    gaps = [line for line in out.splitlines() if "no contact recorded" in line]
    # 26 October to 4 November; 17 to 26 November (A5's cancellation on 20 October
    # and the missed visit on 24 October fill what was a gap from 14 to 22 October).
    assert [line.split(",")[0] for line in gaps] == ["2026-10-27", "2026-11-18"]
    assert "no contact recorded for 8 days (2026-10-27 to 2026-11-03)" in gaps[0]
    assert all(line.endswith(",none recorded") for line in gaps)
    none = run(example_book, "SG-2026-0001", "--gap-days", "0").stdout
    assert "no contact recorded" not in none


def test_an_agency_chronology_has_only_that_agency(example_book: Path) -> None:
    out = run(example_book, "SG-2026-0001", "--agency", "police", "--format", "csv").stdout
    rows = out.splitlines()[1:]
    assert rows and all(",police," in row or "no contact recorded" in row for row in rows)
    unknown = run(example_book, "SG-2026-0001", "--agency", "fire")
    assert unknown.exit_code == 2
    assert "no agency 'fire'" in unknown.output


def test_html_escapes_what_people_typed(example_book: Path) -> None:
    adult = example_book / "cases" / "SG-2026-0005" / "adult.yaml"
    text = adult.read_text(encoding="utf-8")
    adult.write_text(
        text.replace("source: ex-partner (Craig)", "source: <b>x</b>", 1), encoding="utf-8"
    )
    out = run(example_book, "SG-2026-0001", "--format", "html", "--show-text").stdout
    assert "<script" not in out
    meetings = example_book / "cases" / "SG-2026-0001" / "meetings.yaml"
    meetings.write_text(
        meetings.read_text(encoding="utf-8").replace(
            "    Agree what has to happen", "    <script>alert(1)</script> Agree what has to happen"
        ),
        encoding="utf-8",
    )
    escaped = run(example_book, "SG-2026-0001", "--format", "html", "--show-text").stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in escaped
    assert "<script>" not in escaped


def test_output_to_a_file_is_private(example_book: Path, tmp_path: Path) -> None:
    target = tmp_path / "chronology.html"
    result = run(example_book, "SG-2026-0001", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert target.stat().st_mode & 0o777 == 0o600


def test_an_unknown_case_is_refused(example_book: Path) -> None:
    result = run(example_book, "SG-2026-9999")
    assert result.exit_code == 3


def test_a_welsh_chronology_is_welsh_first_and_both_in_one_csv(example_book: Path) -> None:
    rows = list(csv.reader(io.StringIO(run(example_book, "SG-2026-0002", "-f", "csv").stdout)))
    assert rows[0] == [
        "Dyddiad / Date",
        "Asiantaeth / Agency",
        "Digwyddiad",
        "Event",
        "Camau a gymerwyd neu pam dim",
        "Action taken or why none",
    ]
    assert all(len(row) == len(rows[0]) for row in rows)
    opened = next(row for row in rows if row[3] == "case opened")
    assert opened[2] == "achos wedi'i agor" and opened[4] == "asiantaeth arweiniol evc"
    page = run(example_book, "SG-2026-0002", "-f", "html").stdout
    html5lib.HTMLParser(strict=True).parse(page)
    assert page.startswith('<!DOCTYPE html>\n<html lang="cy">')
    assert page.index('<section lang="cy">') < page.index('<section lang="en">')
    assert "<title>Cronoleg: SG-2026-0002 / Chronology: SG-2026-0002</title>" in page
    text = run(example_book, "SG-2026-0002", "-f", "txt").stdout
    assert text.index("Cronoleg: SG-2026-0002") < text.index("Chronology: SG-2026-0002")
    # An English case is English unless asked; a Welsh book makes it both.
    assert "Cronoleg" not in run(example_book, "SG-2026-0001").stdout
    config = example_book / "safecli.yaml"
    config.write_text(config.read_text().replace("jurisdiction: england", "jurisdiction: wales"))
    both = run(example_book, "SG-2026-0001").stdout
    assert both.index("# Cronoleg: SG-2026-0001") < both.index("# Chronology: SG-2026-0001")
    unknown = run(example_book, "SG-2026-0001", "--lang", "fr")
    assert unknown.exit_code == 3 and "unknown --lang 'fr'" in unknown.output


def test_every_event_kind_has_a_catalogue_phrase() -> None:
    assert set(EVENT_KINDS) == set(model.EVENT_KINDS)
