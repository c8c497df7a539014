"""safecli stats wales: reports, enquiries, completion within 7 working days, categories."""

from __future__ import annotations

import json
from pathlib import Path

from returns_book import concern, enquiry, write_book
from typer.testing import CliRunner

from safecli.cli.main import app

CONFIG = "organisation: Cyngor Prawf\njurisdiction: wales\ntimezone: Europe/London\n"
CASES = {
    # Reported Mon 22 December 2025, completed Fri 2 January 2026: 6 working days
    # (23, 24, 29, 30, 31 December, 2 January; Christmas, Boxing Day, New Year's Day
    # are bank holidays), so within 7. Counting every weekday it would be 9.
    "W1": {
        "concerns": [concern("2025-12-22")],
        "enquiry": enquiry("s126", "2025-12-22", "2026-01-02"),
    },
    # Two reports; the enquiry started the day after the second; 9 working days: late.
    "W2": {
        "concerns": [concern("2025-05-01", "financial"), concern("2025-06-02", "neglect")],
        "enquiry": enquiry("s126", "2025-06-03", "2025-06-13"),
    },
    # A report that led to no enquiry.
    "W3": {
        "concerns": [concern("2025-09-01", "sexual-exploitation")],
        "enquiry": enquiry("none", None),
    },
    # An enquiry completed next year.
    "W4": {
        "concerns": [concern("2026-03-02", "fgm")],
        "enquiry": enquiry("s126", "2026-03-02", "2026-04-20"),
    },
    # A case in England: not in the Welsh measures.
    "E1": {"jurisdiction": "england", "concerns": [concern("2025-06-01")]},
}


def _run(root: Path, *args: str) -> object:
    return CliRunner().invoke(
        app, ["--book", str(root), "stats", "wales", "--year", "2025-26", *args]
    )


def test_the_welsh_measures_count_working_days(tmp_path: Path) -> None:
    root = write_book(tmp_path / "book", CASES, CONFIG)
    result = _run(root, "--format", "json")
    assert result.exit_code == 0, result.output
    tables = {t["table"]: t for t in json.loads(result.stdout)["tables"]}
    activity = {row["key"]: row["counts"]["count"] for row in tables["WG1"]["rows"]}
    assert activity == {"reports": 5, "adults": 4, "enquiries": 3, "completed": 2, "in-time": 1}
    assert tables["WG1"]["notes"] == ["Share completed within 7 working days: 50% (1 of 2)"]
    categories = {row["key"]: row["counts"]["reports"] for row in tables["WG2"]["rows"]}
    assert {k: v for k, v in categories.items() if v} == {
        "physical": 1, "financial": 1, "neglect": 1, "sexual-exploitation": 1, "fgm": 1,
    }  # fmt: skip
    explained = _run(root, "--explain", "WG1:in-time:count")
    assert explained.stdout.splitlines()[1:] == ["  W1"]


def test_the_timescale_is_the_books_setting(tmp_path: Path) -> None:
    config = CONFIG + "clocks:\n  wales: {enquiry_working_days: 9}\n"
    root = write_book(tmp_path / "book", CASES, config)
    result = _run(root)
    assert result.exit_code == 0, result.output
    assert "Share completed within 9 working days: 100% (2 of 2)" in result.stdout


def test_the_books_closure_days_stop_the_clock(tmp_path: Path) -> None:
    config = CONFIG + "closure_days: [2025-06-04, 2025-06-05]\n"
    root = write_book(tmp_path / "book", CASES, config)
    result = _run(root)
    assert "Share completed within 7 working days: 100% (2 of 2)" in result.stdout


def test_an_enquiry_with_no_start_cannot_be_counted(tmp_path: Path) -> None:
    broken = {
        **CASES,
        "W9": {"concerns": [concern("2025-05-01")], "enquiry": enquiry("s126", None)},
        "W10": {"concerns": [concern("2025-05-01", "neglect at Acacia Road")]},
    }
    root = write_book(tmp_path / "book", broken, CONFIG)
    result = _run(root)
    assert result.exit_code == 3
    assert "2 records cannot be counted in the Welsh measures for 2025-26" in result.stderr
    assert "W9: enquiry.started_on: not recorded" in result.stderr
    assert "W10: concerns[0].type is not a category of abuse" in result.stderr
    assert "Acacia" not in result.stderr
