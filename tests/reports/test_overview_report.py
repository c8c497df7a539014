"""`safecli report`: valid HTML5, the digest's numbers, need to know, redaction, safe writing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from digest_book import SECRETS, write_case
from overview_book import AS_OF, build, link_count, parse, table_rows, text
from typer.testing import CliRunner

from safecli.cli.main import app

SAFECLI = Path(sys.executable).with_name("safecli")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return build(tmp_path / "book")


def report(root: Path, out: Path, *args: str) -> None:
    result = CliRunner().invoke(
        app, ["--book", str(root), "report", "--out", str(out), "--as-of", AS_OF, *args]
    )
    assert result.exit_code == 0, result.output
    assert f"to {out}/" in result.output


def overdue_json(root: Path, *args: str) -> dict[str, object]:
    result = CliRunner().invoke(
        app, ["--book", str(root), "overdue", "--format", "json", "--as-of", AS_OF, *args]
    )
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.output)
    return data


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_is_valid_html5(root: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    report(root, site)
    found = pages(site)
    assert {p.relative_to(site).as_posix() for p in found} >= {
        "index.html",
        "timeliness.html",
        "personal.html",
        "cases/SG-2026-0001.html",
        "cases/SG-2026-0004.html",
        "agencies/police.html",
        "lists/action-overdue.html",
        "lists/open-high.html",
    }
    for page in found:
        parse(page)
        assert b"<script" not in page.read_bytes()


def test_numbers_equal_the_digest(root: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    report(root, site)
    digest = overdue_json(root)
    counts = digest["counts"]
    assert isinstance(counts, dict)
    assert counts["action-overdue"] == 3 and counts["action-due-soon"] == 1
    index = parse(site / "index.html")
    for kind in ("action-overdue", "action-due-soon", "review-passed", "minutes-not-shared"):
        assert link_count(index, f"lists/{kind}.html") == counts[kind], kind
        listed = parse(site / "lists" / f"{kind}.html")
        rows = [(r[0], r[2], r[4]) for r in table_rows(listed)]
        items = digest["items"]
        assert isinstance(items, list)
        expected = [
            (i["case"], i["meeting"] or "", i["action"] or "") for i in items if i["kind"] == kind
        ]
        assert rows == expected
    assert link_count(index, "lists/no-meeting.html") == counts["no-meeting"] == 1
    for agency in ("police", "gp", "asc"):
        by_agency = overdue_json(root, "--agency", agency, "--kind", "action-overdue")
        assert link_count(index, f"lists/action-overdue-by-{agency}.html") == len(
            by_agency["items"]  # type: ignore[arg-type]
        )


def test_book_page_counts_open_cases_and_meetings_ahead(root: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    report(root, site)
    index = parse(site / "index.html")
    assert link_count(index, "lists/open-high.html") == 2
    assert link_count(index, "lists/open-medium.html") == 1
    assert link_count(index, "lists/open-low.html") == 0
    assert link_count(index, "lists/open-age-0.html") == 3
    assert link_count(index, "lists/meetings-ahead.html") == 1
    ahead = table_rows(parse(site / "lists" / "meetings-ahead.html"))
    assert ahead == [["SG-2026-0001", "M2", "s42-review", "2026-12-08 10:00", "asc"]]
    links = [a.get("href") for a in parse(site / "lists" / "open-high.html").iter("a")]
    assert "../cases/SG-2026-0001.html" in links and "../cases/SG-2026-0003.html" in links


def test_timeliness_and_personal(root: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    report(root, site)
    rows = {r[0]: r for r in table_rows(parse(site / "timeliness.html"))[:3]}
    # called: invited 2026-11-07, raised 2026-11-01: 6 days; threshold 10 - 1 (high) = 9
    assert rows["high"][1:] == ["9", "2", "6", "2", "0", "0"]
    assert rows["medium"][1:] == ["7", "0", "", "0", "0", "1"]
    held = {r[0]: r for r in table_rows(parse(site / "timeliness.html"))[3:]}
    # held 2026-11-10 and 2026-11-20 (from `when`): 9 and 19 days after the concern
    assert held["high"][1:] == ["10", "2", "14", "1", "1", "0"]
    late = table_rows(parse(site / "lists" / "held-high-late.html"))
    assert late == [["SG-2026-0003", "high", "2026-11-01", "2026-11-20", "19"]]
    msp = {r[0]: r[1] for r in table_rows(parse(site / "personal.html"))}
    assert msp["cases closed"] == "1"
    assert msp["asked about outcomes"] == "1"
    assert msp["outcomes achieved: partially"] == "1"
    assert msp["outcomes achieved: fully"] == "0"


def test_agency_pages_hold_only_that_agencys_items(root: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    report(root, site)
    police = parse(site / "agencies" / "police.html")
    rows = table_rows(police)
    actions = [r for r in rows if len(r) == 9 and r[4]]
    assert [(r[0], r[4], r[5]) for r in actions] == [("SG-2026-0001", "A1", "police")]
    expected = overdue_json(root, "--agency", "police")["items"]
    assert isinstance(expected, list)
    item_rows = [r for r in rows if len(r) == 9]
    assert len(item_rows) == len(expected)
    gp = table_rows(parse(site / "agencies" / "gp.html"))
    assert all(r[5] != "police" for r in gp if len(r) == 9 and r[4])
    assert not [a for a in police.iter("a") if "cases/" in (a.get("href") or "")]


def test_case_page(root: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    report(root, site)
    page = parse(site / "cases" / "SG-2026-0001.html")
    assert text(page.find(".//h1")) == "Case SG-2026-0001"  # type: ignore[arg-type]
    rows = table_rows(page)
    assert ["risk level", "high"] in rows
    assert ["first meeting held", "2026-11-10"] in rows
    assert ["A3", "M1", "gp: Dr Amara Okafor", "2026-11-01", "done", ""] in rows
    assert ["M2", "s42-review", "planned", "2026-12-08 10:00", "asc", "gp"] in rows


def test_no_names_addresses_or_free_text_by_default(root: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    report(root, site)
    for page in pages(site):
        content = page.read_text(encoding="utf-8")
        for secret in SECRETS:
            if secret in ("Sam Patel",):
                continue
            assert secret not in content, (page, secret)
    for cache in (root / ".safecli").iterdir():
        data = cache.read_bytes()
        assert all(s.encode() not in data for s in SECRETS if s != "Sam Patel")


def test_show_names_puts_names_on_case_pages_only(root: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    report(root, site, "--show-names")
    case = (site / "cases" / "SG-2026-0001.html").read_text(encoding="utf-8")
    assert "Margaret Ellison (Peggy)" in case
    assert "Margaret" not in (site / "index.html").read_text(encoding="utf-8")
    assert "Alder Court" not in case


def test_everything_typed_is_escaped(root: Path, tmp_path: Path) -> None:
    evil = '<script>alert("x")</script>'
    folder = write_case(root, "SG-2026-0009")
    actions = folder / "actions.yaml"
    actions.write_text(
        "- id: A1\n  meeting: M1\n  description: x\n"
        f"  lead: {{agency: police, name: '{evil}'}}\n  due: 2026-11-01\n  status: open\n"
        "  done_on: null\n  note: null\n  cancel_reason: null\n  moves: []\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    report(root, site)
    for page in pages(site):
        parse(page)
        assert "<script" not in page.read_text(encoding="utf-8")
    assert "&lt;script&gt;" in (site / "lists" / "action-overdue.html").read_text()


def test_files_private_and_report_replaced_whole(root: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    report(root, site)
    (site / "cases" / "SG-2099-0001.html").write_text("stale", encoding="utf-8")
    report(root, site)
    assert not (site / "cases" / "SG-2099-0001.html").exists()
    assert os.stat(site).st_mode & 0o777 == 0o700
    assert {os.stat(p).st_mode & 0o777 for p in pages(site)} == {0o600}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_default_folder_is_inside_the_ignored_cache(root: Path) -> None:
    result = CliRunner().invoke(app, ["--book", str(root), "report", "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    assert (root / ".safecli" / "report" / "index.html").is_file()


def test_refuses_a_folder_it_did_not_write(root: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["--book", str(root), "report", "--out", str(mine), "--as-of", AS_OF]
    )
    assert result.exit_code == 3
    assert "did not write" in result.output
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("value", ["12", "0w", "3d", "lots"])
def test_bad_history_value(root: Path, tmp_path: Path, value: str) -> None:
    result = CliRunner().invoke(
        app, ["--book", str(root), "report", "--out", str(tmp_path / "s"), "--history", value]
    )
    assert result.exit_code == 3
    assert "--history" in result.output
    assert not (tmp_path / "s").exists()


def test_history_outside_git_is_a_clear_error(root: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["--book", str(root), "report", "--out", str(tmp_path / "s"), "--history", "4w"]
    )
    assert result.exit_code == 3
    assert "git repository" in result.output
    assert not (tmp_path / "s").exists()


def test_unreadable_case_is_listed_and_warned(root: Path, tmp_path: Path) -> None:
    (root / "cases" / "SG-2026-0002" / "actions.yaml").write_text("- [unclosed\n")
    site = tmp_path / "site"
    result = CliRunner().invoke(
        app, ["--book", str(root), "report", "--out", str(site), "--as-of", AS_OF]
    )
    assert result.exit_code == 3
    assert "could not be read" in result.output
    assert link_count(parse(site / "index.html"), "lists/unreadable.html") == 1
    parse(site / "cases" / "SG-2026-0002.html")


def test_installed_command_warm_equals_cold(root: Path, tmp_path: Path) -> None:
    for name in ("cold", "warm"):
        done = subprocess.run(
            [str(SAFECLI), "--book", str(root), "report", "--out", str(tmp_path / name)]
            + ["--as-of", AS_OF],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    for page in pages(tmp_path / "cold"):
        rel = page.relative_to(tmp_path / "cold")
        assert page.read_bytes() == (tmp_path / "warm" / rel).read_bytes()


def test_unchanged_pages_are_kept_changed_ones_rendered(root: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    args = ["--book", str(root), "report", "--out", str(site), "--as-of", AS_OF]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0 and "changed;" in first.output
    inode = os.stat(site / "cases" / "SG-2026-0003.html").st_ino
    again = CliRunner().invoke(app, args)
    assert "(0 changed;" in again.output
    adult_file = root / "cases" / "SG-2026-0002" / "adult.yaml"
    adult_file.write_text(adult_file.read_text().replace("risk_level: medium", "risk_level: low"))
    changed = CliRunner().invoke(app, args)
    assert changed.exit_code == 0
    assert "(0 changed;" not in changed.output
    assert os.stat(site / "cases" / "SG-2026-0003.html").st_ino == inode
    page = parse(site / "cases" / "SG-2026-0002.html")
    assert ["risk level", "low"] in table_rows(page)
    assert link_count(parse(site / "index.html"), "lists/open-low.html") == 1
