"""Digest items for the statutory clocks: an enquiry past its timescale, a protection plan
past its review interval, in working days per jurisdiction."""

from __future__ import annotations

import json
from pathlib import Path

from rules_table import CLEAN, CONFIG, make_book
from typer.testing import CliRunner

from safecli.cli.main import app

ENGLAND = CONFIG + "clocks:\n  england: {enquiry_working_days: 5, plan_review_working_days: 20}\n"
WALES = CONFIG.replace("jurisdiction: england", "jurisdiction: wales")
ENQUIRY = """enquiry:
  kind: s42
  decided_on: 2026-12-22
  started_on: 2026-12-22
  concluded_on: null
  council: null
  large_scale: null
  capacity: null
  capacity_support: null
  allegations: []
closed: null"""


def _items(root: Path, as_of: str, kind: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(
        app, ["--book", str(root), "overdue", "--as-of", as_of, "--kind", kind, "-f", "json"]
    )
    assert result.exit_code in (0, 1), result.output
    return list(json.loads(result.stdout)["items"])


def _book(tmp_path: Path, config: str, adult: str = CLEAN["adult"]) -> Path:
    return make_book(tmp_path / "book", {**CLEAN, "adult": adult}, config)


def test_an_enquiry_over_christmas_runs_out_after_the_bank_holidays(tmp_path: Path) -> None:
    root = _book(tmp_path, ENGLAND, CLEAN["adult"].replace("closed: null", ENQUIRY))
    # Five working days from Tue 22 December 2026: 23, 24, (25, 26, 28 bank holidays) 29,
    # 30, 31 December.
    assert _items(root, "2026-12-31", "enquiry-overdue") == []
    [item] = _items(root, "2027-01-04", "enquiry-overdue")
    assert item["due"] == "2026-12-31" and item["days_overdue"] == 4
    assert item["meeting_type"] == "s42" and item["agency"] == "asc"


def test_the_books_closure_days_extend_the_clock(tmp_path: Path) -> None:
    config = ENGLAND + "closure_days: [2026-12-29, 2026-12-30]\n"
    root = _book(tmp_path, config, CLEAN["adult"].replace("closed: null", ENQUIRY))
    # 23, 24, 31 December, (1 January) 4, 5 January.
    [item] = _items(root, "2027-01-06", "enquiry-overdue")
    assert item["due"] == "2027-01-05"


def test_england_has_no_clock_unless_the_book_sets_one(tmp_path: Path) -> None:
    root = _book(tmp_path, CONFIG, CLEAN["adult"].replace("closed: null", ENQUIRY))
    assert _items(root, "2027-03-01", "enquiry-overdue") == []
    assert _items(root, "2027-03-01", "plan-review-overdue") == []


def test_wales_counts_seven_working_days_by_default(tmp_path: Path) -> None:
    adult = CLEAN["adult"].replace("closed: null", ENQUIRY.replace("kind: s42", "kind: s126"))
    root = _book(tmp_path, WALES, adult)
    # 23, 24, 29, 30, 31 December, (1 January) 4, 5 January.
    [item] = _items(root, "2027-01-06", "enquiry-overdue")
    assert item["due"] == "2027-01-05"


def test_a_concluded_enquiry_has_no_clock(tmp_path: Path) -> None:
    done = ENQUIRY.replace("concluded_on: null", "concluded_on: 2026-12-23")
    root = _book(tmp_path, ENGLAND, CLEAN["adult"].replace("closed: null", done))
    assert _items(root, "2027-03-01", "enquiry-overdue") == []


def test_a_plan_not_reviewed_within_six_weeks_in_wales(tmp_path: Path) -> None:
    root = _book(tmp_path, WALES)
    # M1 was held on Tue 10 November 2026 and A1 is still open: 30 working days on is
    # Tue 22 December.
    assert _items(root, "2026-12-22", "plan-review-overdue") == []
    [item] = _items(root, "2026-12-23", "plan-review-overdue")
    assert item["due"] == "2026-12-22" and item["meeting"] == "M1"


def test_a_plan_with_no_open_action_has_no_review_clock(tmp_path: Path) -> None:
    actions = (
        CLEAN["actions"]
        .replace("status: open", "status: done")
        .replace("done_on: null", "done_on: 2026-11-14")
    )
    root = make_book(tmp_path / "book", {**CLEAN, "actions": actions}, WALES)
    assert _items(root, "2027-03-01", "plan-review-overdue") == []


def test_a_case_in_wales_keeps_its_own_clock_in_an_english_book(tmp_path: Path) -> None:
    adult = CLEAN["adult"].replace("jurisdiction: null", "jurisdiction: wales")
    root = _book(tmp_path, CONFIG, adult)
    [item] = _items(root, "2026-12-23", "plan-review-overdue")
    assert item["due"] == "2026-12-22"
