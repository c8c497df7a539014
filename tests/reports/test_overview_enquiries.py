"""`safecli report`'s timeliness page: enquiries against their statutory clocks, by
jurisdiction, in working days, agreeing with the digest's `enquiry-overdue` items."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from digest_book import SECRETS, adult, make_book, write_case
from overview_book import AS_OF, link_count, parse, table_rows
from typer.testing import CliRunner

from safecli.cli.main import app

# England: 5 working days; Wales: the default 7. Monday 30 November is a closure day.
CLOCKS = """\
closure_days: [2026-11-30]
clocks:
  england: {enquiry_working_days: 5, plan_review_working_days: null}
"""
# case id → (jurisdiction, kind, started, concluded, case status)
ENQUIRIES = {
    "SG-2026-0101": (None, "s42", "2026-11-02", None, "open"),
    "SG-2026-0102": ("england", "s42", "2026-11-24", None, "open"),
    "SG-2026-0103": (None, "other", "2026-10-01", "2026-10-08", "open"),
    "SG-2026-0104": (None, "s42", "2026-10-01", "2026-10-09", "closed"),
    "SG-2026-0105": (None, "s42", None, None, "open"),
    "SG-2026-0106": (None, "s42", "2026-11-02", None, "closed"),
    "SG-2026-0107": (None, "none", None, None, "open"),
    "SG-2026-0201": ("wales", "s126", "2026-11-19", None, "open"),
    "SG-2026-0202": ("wales", "s126", "2026-11-10", None, "open"),
}


def _adult(case_id: str) -> str:
    where, kind, started, concluded, status = ENQUIRIES[case_id]
    text = adult(case_id, status=status, opened="2026-09-01")
    enquiry = (
        f"enquiry:\n  kind: {kind}\n  decided_on: null\n"
        f"  started_on: {started or 'null'}\n  concluded_on: {concluded or 'null'}\n"
        "  council: null\n  large_scale: null\n  capacity: null\n"
        "  capacity_support: null\n  allegations: []\n"
    )
    text = text.replace("jurisdiction: null", f"jurisdiction: {where or 'null'}")
    return text.replace("closed: null\n", enquiry + "closed: null\n")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = make_book(tmp_path / "book")
    with (root / "safecli.yaml").open("a", encoding="utf-8") as config:
        config.write(CLOCKS)
    for case_id in ENQUIRIES:
        write_case(root, case_id, adult_text=_adult(case_id))
    return root


def _report(root: Path, site: Path, as_of: str = AS_OF) -> None:
    result = CliRunner().invoke(
        app, ["--book", str(root), "report", "--out", str(site), "--as-of", as_of]
    )
    assert result.exit_code == 0, result.output


def _overdue_enquiries(root: Path, as_of: str) -> list[str]:
    result = CliRunner().invoke(
        app,
        ["--book", str(root), "overdue", "--format", "json", "--as-of", as_of],
    )
    assert result.exit_code in (0, 1), result.output
    items = json.loads(result.stdout)["items"]
    return sorted(i["case"] for i in items if i["kind"] == "enquiry-overdue")


def _clock_rows(site: Path) -> dict[str, list[str]]:
    rows = table_rows(parse(site / "timeliness.html"))
    return {r[0]: r[1:] for r in rows if r[0] in ("england", "wales")}


def test_counts_by_jurisdiction_in_working_days(root: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    _report(root, site)
    rows = _clock_rows(site)
    # timescale, enquiries, median to conclusion, concluded within/after, open within/past,
    # not measured
    assert rows["england"] == ["5", "6", "5.5", "1", "1", "1", "1", "2"]
    assert rows["wales"] == ["7", "2", "", "0", "0", "1", "1", "0"]
    page = parse(site / "timeliness.html")
    assert link_count(page, "lists/enquiry-england-open-over.html") == 1
    assert link_count(page, "lists/enquiry-wales-open-within.html") == 1

    def listed(slug: str) -> list[list[str]]:
        return table_rows(parse(site / "lists" / f"{slug}.html"))

    # 2 Nov + 5 working days: 9 Nov; to 1 Dec: 21 weekdays less the closure day
    assert listed("enquiry-england-open-over") == [
        ["SG-2026-0101", "s42", "2026-11-02", "", "20", "2026-11-09"]
    ]
    # 24 Nov: 25, 26, 27, (30 closed), 1, 2 Dec
    assert listed("enquiry-england-open-within") == [
        ["SG-2026-0102", "s42", "2026-11-24", "", "4", "2026-12-02"]
    ]
    assert listed("enquiry-england-concluded-within") == [
        ["SG-2026-0103", "other", "2026-10-01", "2026-10-08", "5", "2026-10-08"]
    ]
    assert listed("enquiry-england-concluded-over") == [
        ["SG-2026-0104", "s42", "2026-10-01", "2026-10-09", "6", "2026-10-08"]
    ]
    assert listed("enquiry-england-unmeasured") == [
        ["SG-2026-0105", "s42", "", "", "no start date"],
        ["SG-2026-0106", "s42", "2026-11-02", "", "case closed, no conclusion recorded"],
    ]
    # 19 Nov + 7 working days (the closure day skipped): 1 Dec, not yet past
    assert listed("enquiry-wales-open-within") == [
        ["SG-2026-0201", "s126", "2026-11-19", "", "7", "2026-12-01"]
    ]
    assert listed("enquiry-wales-open-over") == [
        ["SG-2026-0202", "s126", "2026-11-10", "", "14", "2026-11-19"]
    ]
    for page_path in (site / "lists").glob("enquiry-*.html"):
        html = page_path.read_text(encoding="utf-8")
        assert not [s for s in SECRETS if s in html], page_path


@pytest.mark.parametrize(
    "as_of", ["2026-11-09", "2026-11-10", "2026-11-19", "2026-11-20", "2026-11-28", "2026-12-02"]
)
def test_open_enquiries_past_their_timescale_equal_the_digest(
    root: Path, tmp_path: Path, as_of: str
) -> None:
    site = tmp_path / "site"
    _report(root, site, as_of)
    listed = sorted(
        row[0]
        for where in ("england", "wales")
        if (path := site / "lists" / f"enquiry-{where}-open-over.html").exists()
        for row in table_rows(parse(path))
    )
    assert listed == _overdue_enquiries(root, as_of)
    rows = _clock_rows(site)
    assert int(rows["england"][6]) + int(rows["wales"][6]) == len(listed)


def test_no_timescale_set_is_not_measured(tmp_path: Path) -> None:
    root = make_book(tmp_path / "book")
    case_id = "SG-2026-0101"
    write_case(root, case_id, adult_text=_adult(case_id))
    site = tmp_path / "site"
    _report(root, site)
    assert _clock_rows(site)["england"] == ["not set", "1", "", "0", "0", "0", "0", "1"]
    assert table_rows(parse(site / "lists" / "enquiry-england-unmeasured.html")) == [
        [case_id, "s42", "2026-11-02", "", "no timescale set"]
    ]
    assert _overdue_enquiries(root, AS_OF) == []


def test_a_conclusion_that_is_not_a_date_is_not_measured(root: Path, tmp_path: Path) -> None:
    case_id = "SG-2026-0101"
    text = _adult(case_id).replace("concluded_on: null", "concluded_on: next week")
    write_case(root, case_id, adult_text=text)
    site = tmp_path / "site"
    _report(root, site)
    unmeasured = table_rows(parse(site / "lists" / "enquiry-england-unmeasured.html"))
    assert [case_id, "s42", "2026-11-02", "", "conclusion not a date"] in unmeasured
    assert case_id not in _overdue_enquiries(root, AS_OF)


def test_warm_report_equals_cold(root: Path, tmp_path: Path) -> None:
    cold, warm = tmp_path / "cold", tmp_path / "warm"
    result = CliRunner().invoke(
        app, ["--book", str(root), "report", "--out", str(cold), "--as-of", AS_OF, "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    _report(root, warm)
    _report(root, warm)
    for page in ("timeliness.html", "lists/enquiry-england-open-over.html"):
        assert (warm / page).read_bytes() == (cold / page).read_bytes(), page
