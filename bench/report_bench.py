"""Benchmark `safecli report` on a generated book (default 10,000 cases).

    .venv/bin/python bench/report_bench.py [--cases 10000] [--runs 3] [--json] [--no-history]

Uses the same generated book as `run.py` (made once in the temp folder), and
times the whole installed command in a subprocess, median of --runs:

- cold:      no cache in .safecli/ and no earlier report (every case file read,
             every page rendered and written);
- warm:      the caches and the earlier report in place, nothing changed (no case
             file read; every page's variables are the same, so it is linked);
- next day:  the same with --as-of one day later (no case file read; every page
             shows the new date, so every page is rendered and written again);
- history:   `--history 12w` on a git copy of the book with a commit a week for
             12 weeks (each changing 1% of the cases): cold (history cache
             removed) and warm.

and, for scale, the digest itself (`safecli overdue --format json`) warm. Not a
test: numbers depend on the machine and its load (`uptime` is printed).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import book_at

from safecli.digest import cache as digestcache

AS_OF = date(2026, 12, 1)
WEEKS = 12


def median(runs: int, setup: Callable[[], None], work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        setup()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def command(root: Path, out: Path, *args: str) -> Callable[[], None]:
    safecli = Path(sys.executable).with_name("safecli")
    argv = [str(safecli), "--book", str(root), "report", "--out", str(out), *args]
    return lambda: subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)


def git(root: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def history_book(root: Path, cases: int, seed: int) -> Path:
    """A git copy of the book: a first commit, then a commit a week changing 1% of the cases."""
    repo = Path(tempfile.gettempdir()) / f"safecli-bench-history-{cases}-{seed}"
    marker = repo / ".git" / "bench-complete"
    if marker.exists():
        return repo
    shutil.rmtree(repo, ignore_errors=True)
    print(f"making the git history in {repo} ...", file=sys.stderr)
    shutil.copytree(root, repo, ignore=shutil.ignore_patterns(".safecli", "bench-complete"))
    (repo / ".gitignore").write_text(".safecli/\n")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Bench")
    git(repo, "config", "user.email", "bench@example.org")
    start = AS_OF - timedelta(days=7 * WEEKS)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "book", when=f"{start.isoformat()}T12:00:00+00:00")
    ids = sorted(p.name for p in (repo / "cases").iterdir())
    step = max(len(ids) // 100, 1)
    for week in range(1, WEEKS + 1):
        for case_id in ids[week % step :: step][: max(len(ids) // 100, 1)]:
            path = repo / "cases" / case_id / "actions.yaml"
            text = path.read_text()
            path.write_text(text.replace("  status: open\n", "  status: done\n", 1))
        when = start + timedelta(days=7 * week)
        git(
            repo,
            "commit",
            "-q",
            "-a",
            "--allow-empty",
            "-m",
            f"week {week}",
            when=f"{when.isoformat()}T12:00:00",
        )
    marker.write_text("done\n")
    time.sleep(digestcache.RACY_NS / 1e9 + 0.2)
    return repo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--no-history", action="store_true", help="skip the git history")
    args = parser.parse_args(argv)

    root = book_at(None, args.cases, args.seed)
    out = Path(tempfile.gettempdir()) / f"safecli-bench-report-{args.cases}"
    as_of = ["--as-of", AS_OF.isoformat()]
    next_day = ["--as-of", (AS_OF + timedelta(days=1)).isoformat()]

    def nothing() -> None:
        pass

    def cold() -> None:
        shutil.rmtree(root / ".safecli", ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)

    def back_to_as_of() -> None:
        command(root, out, *as_of)()

    runs = args.runs
    figures: dict[str, float] = {}
    figures["cold"] = median(runs, cold, command(root, out, *as_of))
    command(root, out, *as_of)()
    figures["warm"] = median(runs, nothing, command(root, out, *as_of))
    figures["next_day"] = median(runs, back_to_as_of, command(root, out, *next_day))
    safecli = Path(sys.executable).with_name("safecli")
    overdue = [str(safecli), "--book", str(root), "overdue", "--format", "json", *as_of]
    subprocess.run(overdue, stdout=subprocess.DEVNULL, check=True)
    figures["digest_warm"] = median(
        runs, nothing, lambda: subprocess.run(overdue, stdout=subprocess.DEVNULL, check=True)
    )
    if not args.no_history:
        repo = history_book(root, args.cases, args.seed)
        hist_out = out.with_name(out.name + "-history")
        history = command(repo, hist_out, *as_of, "--history", f"{WEEKS}w")
        history()  # the report's own cache warm; only the history is timed cold

        def no_history_cache() -> None:
            (repo / ".safecli" / "history.cache").unlink(missing_ok=True)

        figures["history_cold"] = median(runs, no_history_cache, history)
        history()
        figures["history_warm"] = median(runs, nothing, history)
    load = os.getloadavg()
    if args.json:
        print(json.dumps({"cases": args.cases, "load": load, **figures}, indent=2))
        return 0
    print(f"safecli report on {args.cases} cases, median of {runs} (load {load[0]:.1f}):")
    for name, seconds in figures.items():
        print(f"  {name:14} {seconds:8.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
