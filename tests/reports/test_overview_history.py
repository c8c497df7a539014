"""`safecli report --history`: the weekly trend from a scripted git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from digest_book import action, adult, make_book, meeting, write_case
from gitbook import git, isolate
from overview_book import parse
from typer.testing import CliRunner

from safecli.cli.main import app
from safecli.reports.overview.history import CACHE_NAME, weekly
from safecli.store.book import find_book
from safecli.store.config import DigestSettings

pytestmark = pytest.mark.slow

C1, C2 = "SG-2026-0001", "SG-2026-0002"


@pytest.fixture(autouse=True)
def _git_env(monkeypatch: pytest.MonkeyPatch) -> None:
    isolate(monkeypatch)


def commit(root: Path, when: str, message: str) -> None:
    git(root, "add", "-A")
    env = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    done = subprocess.run(
        ["git", "commit", "-q", "-m", message],
        cwd=root,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Five weeks of a book's life, one commit at a time (each concern raised 2026-11-01)."""
    root = make_book(tmp_path / "book")
    (root / ".gitignore").write_text(".safecli/\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Ann Tester")
    git(root, "config", "user.email", "ann@example.org")
    git(root, "config", "commit.gpgsign", "false")
    commit(root, "2026-10-30T09:00:00+00:00", "new book")
    write_case(root, C1, adult_text=adult(C1, opened="2026-11-01"))
    commit(root, "2026-11-02T09:00:00+00:00", "case 1 opened")
    write_case(
        root,
        C1,
        adult_text=adult(C1, opened="2026-11-01"),
        meetings=[meeting("M1", when="2026-11-10T10:00", held_on="2026-11-10")],
        actions=[action("A1", "2026-11-12")],
    )
    commit(root, "2026-11-10T12:00:00+00:00", "case 1 strategy meeting")
    write_case(root, C2, adult_text=adult(C2, opened="2026-11-16"))
    commit(root, "2026-11-16T12:00:00+00:00", "case 2 opened")
    write_case(
        root,
        C2,
        adult_text=adult(C2, opened="2026-11-16"),
        meetings=[meeting("M1", when="2026-11-20T10:00", held_on="2026-11-20")],
    )
    commit(root, "2026-11-21T12:00:00+00:00", "case 2 strategy meeting")
    write_case(
        root,
        C1,
        adult_text=adult(C1, opened="2026-11-01", status="closed"),
        meetings=[meeting("M1", when="2026-11-10T10:00", held_on="2026-11-10")],
        actions=[action("A1", "2026-11-12", status="done")],
    )
    commit(root, "2026-11-26T12:00:00+00:00", "case 1 closed")
    return root


EXPECTED = [
    ("2026-11-01", 0, 0, None),
    ("2026-11-08", 1, 0, None),
    ("2026-11-15", 1, 1, 9),
    ("2026-11-22", 2, 1, 14),
    ("2026-11-29", 1, 0, 14),
]


def series(root: Path, *, use_cache: bool = True) -> list[tuple[str, object, object, object]]:
    from datetime import date

    book = find_book(root)
    weeks = weekly(book, 5, date(2026, 11, 29), DigestSettings(), use_cache=use_cache)
    return [(w.end.isoformat(), w.open_cases, w.overdue_actions, w.median_days) for w in weeks]


def test_weekly_series_from_the_committed_files(repo: Path) -> None:
    shutil.rmtree(repo / "cases" / C2)  # the work tree is not what is read
    assert series(repo) == EXPECTED
    assert (repo / ".safecli" / CACHE_NAME).is_file()
    assert series(repo) == EXPECTED  # warm, from the cache
    assert series(repo, use_cache=False) == EXPECTED


def test_a_week_before_the_first_commit_has_no_figures(repo: Path) -> None:
    from datetime import date

    weeks = weekly(find_book(repo), 8, date(2026, 11, 29), DigestSettings())
    assert [w.commit for w in weeks[:3]] == [None, None, None]
    assert weeks[3].open_cases == 0


def test_an_unreadable_version_is_counted_not_fatal(repo: Path) -> None:
    (repo / "cases" / C2 / "meetings.yaml").write_text("- [broken\n", encoding="utf-8")
    commit(repo, "2026-11-27T12:00:00+00:00", "broken")
    from datetime import date

    last = weekly(find_book(repo), 1, date(2026, 11, 29), DigestSettings())[-1]
    assert last.unreadable == 1 and last.open_cases == 0


def test_the_report_shows_the_trend_as_a_table_and_charts(repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = CliRunner().invoke(
        app,
        ["--book", str(repo), "report", "--out", str(site), "--as-of", "2026-11-29"]
        + ["--history", "5w"],
    )
    assert result.exit_code == 0, result.output
    index = parse(site / "index.html")
    trend = next(t for t in index.iter("table") if "week ending" in "".join(t.itertext()))
    rows = [["".join(c.itertext()).strip() for c in row] for row in trend.iter("tr")][1:]
    assert [(r[0], r[2], r[3], r[4]) for r in rows] == [
        (end, str(o), str(a), "" if m is None else str(m)) for end, o, a, m in EXPECTED
    ]
    assert sum(1 for _ in index.iter("{http://www.w3.org/2000/svg}polyline")) >= 3


def test_a_site_git_would_commit_is_warned_about(repo: Path) -> None:
    result = CliRunner().invoke(
        app, ["--book", str(repo), "report", "--out", str(repo / "site"), "--as-of", "2026-11-29"]
    )
    assert result.exit_code == 0
    assert "not ignored" in result.output
    quiet = CliRunner().invoke(app, ["--book", str(repo), "report", "--as-of", "2026-11-29"])
    assert quiet.exit_code == 0 and "not ignored" not in quiet.output
