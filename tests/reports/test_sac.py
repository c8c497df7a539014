"""safecli stats sac: every cell of the fixture book against a value counted by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from returns_book import CASES, allegation, enquiry, write_book
from typer.testing import CliRunner

from safecli.cli.main import app

# Each table as its rows (in the collection's order) of counts by column (in order).
# SG1 columns: concerns, s42 enquiries, other enquiries. SG2a/b: service provider,
# known, unknown, total. The others: one column.
EXPECTED: dict[str, list[list[int]]] = {
    # 18-64: C08, C09; 65-74: C02; 75-84: C01, C07, C13 (age at death);
    # 85-94: C04 (enquiry only), C06; 95+: C05.
    "SG1a": [[2, 0, 1], [1, 1, 0], [3, 2, 0], [1, 2, 0], [1, 1, 0]],
    # male: C02, C07, C08; female: C01, C05, C06, C09, C13; not known: C04.
    "SG1b": [[3, 2, 1], [5, 3, 0], [0, 1, 0]],
    # white C01 C09 C13; mixed C06; asian C02; black C05; other C08; refused C07; unknown C04.
    "SG1c": [[3, 1, 0], [1, 1, 0], [1, 1, 0], [1, 1, 0], [1, 0, 1], [1, 1, 0], [0, 1, 0]],
    # physical C01 C05; sensory C13; memory C06 C07; LD C09; MH C02; social C08; none;
    # not known C04.
    "SG1d": [
        [2, 2, 0],
        [1, 0, 0],
        [2, 2, 0],
        [1, 0, 0],
        [1, 1, 0],
        [1, 0, 1],
        [0, 0, 0],
        [0, 1, 0],
    ],
    "SG1e": [[2, 1, 0], [1, 1, 0]],
    # Concerns: C01 x2, C09 x2, C02 C05 C06 C07 C08 C13; s42: C01 C02 C04 C05 C06 C07.
    "SG1f": [[10, 6, 1]],
    # Concluded s42 in the year: C01, C04, C05, C06, C07 (C02 concludes next year).
    "SG2a": [
        [0, 0, 1, 1],  # physical: C01's two strangers count once
        [0, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 1, 0, 1],  # financial: C01
        [0, 0, 0, 0],
        [3, 0, 0, 3],  # organisational: the large-scale enquiry
        [1, 0, 0, 1],  # neglect: C05
        [0, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 1, 0, 1],  # self-neglect: C04
    ],
    "SG2b": [
        [0, 2, 1, 2],  # own home: C01 (known, unknown), C04 (known)
        [0, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 0, 0],
        [3, 0, 0, 3],  # care home (residential): C05 (twice, counted once), C06, C07
        [0, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 0, 0],
    ],
    "SG2c": [[1], [0], [3], [0], [0], [0], [1]],
    "SG2d": [[0], [1], [1]],  # C01: reduced and removed
    "SG2e": [[0], [3], [1]],  # C05 reduced and removed, C06, C07 reduced
    # lacked: C04 (supported), C05; had: C01; don't know: C06; not recorded: C07.
    "SG3a": [[2], [1], [1], [1], [1]],
    # asked+expressed C01 (partially); asked, none expressed C05; not asked C06;
    # don't know C07; not recorded (case not closed) C04.
    "SG4a": [[1], [1], [1], [1], [1], [0], [1], [0]],
}
YEAR = "2025-26"


def _run(root: Path, *args: str) -> object:
    return CliRunner().invoke(app, ["--book", str(root), "stats", "sac", "--year", YEAR, *args])


@pytest.fixture
def returns_book(tmp_path: Path) -> Path:
    return write_book(tmp_path / "book", CASES)


def test_every_cell_is_the_count_made_by_hand(returns_book: Path) -> None:
    result = _run(returns_book, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    got = {
        table["table"]: [list(row["counts"].values()) for row in table["rows"]]
        for table in data["tables"]
    }
    assert list(got) == list(EXPECTED)
    for code, rows in EXPECTED.items():
        assert got[code] == rows, code
    assert "left out 1 case(s)" in result.stderr and "C10" in result.stderr


def test_explain_lists_the_cases_behind_a_cell(returns_book: Path) -> None:
    result = _run(returns_book, "--explain", "SG1a:75-84:concerns")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "SG1a:75-84:concerns (75-84 / Safeguarding Concerns): 3",
        "  C01",
        "  C07",
        "  C13",
    ]
    concerns = _run(returns_book, "--explain", "SG1f:count:concerns")
    assert "  C01 (x2)" in concerns.stdout and "  C09 (x2)" in concerns.stdout
    wrong = _run(returns_book, "--explain", "SG2a:theft:known")
    assert wrong.exit_code == 3
    assert "SG2a:physical:service-provider" in wrong.output


def test_published_counts_are_rounded_and_small_ones_suppressed(returns_book: Path) -> None:
    result = _run(returns_book, "--publish", "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "table,row,column,count"
    assert "SG1f,Count,Safeguarding Concerns,10" in lines
    assert "SG1f,Count,Section 42 Enquiries,5" in lines
    assert "SG1f,Count,Other Enquiries,*" in lines
    assert "SG1b,Female,Safeguarding Concerns,5" in lines
    assert "SG1b,Male,Safeguarding Concerns,*" in lines


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_tables_are_printed_in_the_collections_order(returns_book: Path, fmt: str) -> None:
    result = _run(returns_book, "--format", fmt)
    assert result.exit_code == 0, result.output
    out = result.stdout
    positions = [out.index(f"{code}: ") for code in EXPECTED]
    assert positions == sorted(positions)
    assert (
        out.index("Own Home")
        < out.index("Care Home - Residential")
        < out.index("Hospital - Community")
    )


def test_uncountable_records_are_refused_naming_case_and_field(tmp_path: Path) -> None:
    broken = {
        **CASES,
        "C20": {
            "date_of_birth": "1950-01-01",
            "concerns": [concern_without_date()],
            "enquiry": enquiry("s42", None),
        },
        "C21": {
            "date_of_birth": "1950-01-01",
            "enquiry": enquiry(
                "s42",
                "2025-05-01",
                "2025-06-01",
                {**allegation("physical", "own-home", "known", "risk-action-taken", "x Acacia Rd")},
            ),
        },
        "C22": {"concerns": [{"type": "physical", "raised_on": "2025-05-01"}]},
    }
    root = write_book(tmp_path / "book", broken)
    result = _run(root)
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "4 records cannot be counted in the SAC 2025-26" in result.stderr
    assert "C20: concerns[0].raised_on: not recorded" in result.stderr
    assert "C20: enquiry.started_on: not recorded" in result.stderr
    assert "C21: enquiry.allegations[0].risk_outcome is not one of" in result.stderr
    assert "Acacia" not in result.stderr  # the finding names the field, not the text
    assert "C22: date_of_birth: not recorded" in result.stderr


def concern_without_date() -> dict[str, object]:
    return {"type": "physical", "summary": "Undated."}


def test_a_year_is_written_like_2025_26(returns_book: Path) -> None:
    result = CliRunner().invoke(
        app, ["--book", str(returns_book), "stats", "sac", "--year", "2025"]
    )
    assert result.exit_code == 3
    assert "2025-26" in result.output
