"""`case list`, `action list` and every table view, as ratios (issue 17), whole processes.

    python bench/list_bench.py [--book PATH | --cases N] [--runs 5] [--cold [--cold-runs 1]]
                               [--against OTHER/src] [--quick]

The book is a copy of --book (never written to), or a book of --cases cases made
by bench/generate.py --seed 1, in a temp folder; its files are left past the
caches' racy window before anything is timed. Each figure is the median of --runs
runs of the installed `safecli`, the runs of all figures interleaved (one of each
in turn), so that all feel the same load; the medians are of CPU time (user + sys
of the child), with wall time beside them. Printed against the goals:

- `case list` and `action list` (the whole book, table) <= 1.5x the warm digest
  (`overdue --format json`), all caches in place and nothing changed;
- each table view <= 1.2x its JSON view: the lists above, with names and
  descriptions (which read the files), as Markdown, one case's actions, meetings and
  agencies, `rules`, `meeting types`, `overdue`, `stats sac` and `stats wales`.

--quick leaves out the views that read every file whatever the cache holds (names,
descriptions, `stats`). With --cold the two lists are also timed with no cache
(`.safecli/` removed before each run), against the cold digest. With --against,
every command is also run from another version's source (the same Python, that
folder first on PYTHONPATH; e.g. a `git archive` of an earlier commit's src/) on a
twin of the book, interleaved, and its output compared byte for byte with the
installed one's; the ratios are printed for both.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bytecode import compile_package
from generate import generate

SAFECLI = str(Path(sys.executable).with_name("safecli"))
AS_OF = ["--as-of", "2026-12-01"]
LIST_GOAL = 1.5
TABLE_GOAL = 1.2
AGAINST = " [against]"
# The views that read every case's files, whatever the cache holds.
READ_ALL = ("case list --status all --show-names", "action list --show-descriptions", "stats")


@dataclass(frozen=True)
class Timing:
    """Median seconds of one command: CPU (user + sys of the child) and wall."""

    cpu: float
    wall: float


def views(case_id: str) -> dict[str, list[str]]:
    """Each table view and its JSON view (the JSON's name is the table's + " json")."""
    tables = {
        "case list": ["case", "list"],
        "case list -f markdown": ["case", "list"],
        "case list --status all --show-names": ["case", "list", "--status", "all", "--show-names"],
        "action list": ["action", "list"],
        "action list -f markdown": ["action", "list"],
        "action list --open": ["action", "list", "--open"],
        "action list --show-descriptions": ["action", "list", "--show-descriptions"],
        "action list CASE": ["action", "list", case_id],
        "meeting list CASE": ["meeting", "list", case_id],
        "agency list CASE": ["agency", "list", case_id],
        "overdue": ["overdue", *AS_OF],
        "stats sac": ["stats", "sac", "--year", "2025-26"],
        "stats wales": ["stats", "wales", "--year", "2025-26"],
        "rules": ["rules"],
        "meeting types": ["meeting", "types"],
    }
    both = {}
    for name, args in tables.items():
        both[name] = [*args, "-f", "markdown"] if name.endswith(" -f markdown") else args
        both[name + " json"] = [*args, "-f", "json"]
    return both


def run_once(args: list[str], pythonpath: str | None) -> tuple[float, float, bytes]:
    """(CPU seconds, wall seconds, stdout) of one whole process."""
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = pythonpath
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, done.stdout


def medians(
    runs: int, commands: dict[str, tuple[list[str], str | None]], book: Path, cold: bool = False
) -> dict[str, Timing]:
    """Median CPU and wall seconds of each command, run in turn `runs` times (with `cold`,
    the book's caches removed before each run)."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (args, pythonpath) in commands.items():
            if cold:
                shutil.rmtree(book / ".safecli", ignore_errors=True)
                shutil.rmtree(twin(book) / ".safecli", ignore_errors=True)
            cpu, wall, _ = run_once(args, pythonpath)
            times[name].append((cpu, wall))
    return {
        name: Timing(statistics.median(t[0] for t in got), statistics.median(t[1] for t in got))
        for name, got in times.items()
    }


def versions(
    commands: dict[str, list[str]], book: Path, against: str | None
) -> dict[str, tuple[list[str], str | None]]:
    """Each command on the book, and with --against the same from the other source on
    the book's twin (each version's caches are its own: a cache is keyed by the code)."""
    both: dict[str, tuple[list[str], str | None]] = {}
    for name, args in commands.items():
        both[name] = ([SAFECLI, "--book", str(book), *args], None)
        if against is not None:
            both[name + AGAINST] = ([SAFECLI, "--book", str(twin(book)), *args], against)
    return both


def twin(book: Path) -> Path:
    """The copy of the book the --against version runs on."""
    return book.with_name(book.name + "-against")


def fill_and_compare(commands: dict[str, tuple[list[str], str | None]]) -> list[str]:
    """Run every command once (filling the caches); the names whose output differs from
    the installed version's."""
    outputs = {name: run_once(args, pythonpath)[2] for name, (args, pythonpath) in commands.items()}
    return [
        name
        for name in commands
        if name.endswith(AGAINST) and outputs[name] != outputs[name.removesuffix(AGAINST)]
    ]


def ratio_line(label: str, top: Timing, bottom: Timing, goal: float) -> str:
    ratio = top.cpu / bottom.cpu
    verdict = "meets" if ratio <= goal else "misses"
    return f"  {label:58}{ratio:6.2f}x (wall {top.wall / bottom.wall:5.2f}x)  goal <= {goal}x: {verdict}"


def report(got: dict[str, Timing], table_names: list[str], suffix: str, cold: bool) -> None:
    """The ratios of one version (suffix "" for the installed one)."""
    warm = got["overdue json" + suffix]
    for name in ("case list", "action list"):
        print(ratio_line(f"{name} / warm digest", got[name + suffix], warm, LIST_GOAL))
    if cold:
        digest = got["cold digest" + suffix]
        for name in ("case list", "action list"):
            ratio = f"{name} cold / cold digest"
            print(ratio_line(ratio, got[f"cold {name}{suffix}"], digest, LIST_GOAL))
    for name in table_names:
        print(
            ratio_line(
                f"{name} / its JSON", got[name + suffix], got[name + " json" + suffix], TABLE_GOAL
            )
        )


def first_case(book: Path) -> str:
    """A case with meetings and actions (the generated book's third has both)."""
    ids = sorted(p.name for p in (book / "cases").iterdir() if p.is_dir())
    for case_id in ids[2:] + ids[:2]:
        if "- id: A" in (book / "cases" / case_id / "actions.yaml").read_text(encoding="utf-8"):
            return case_id
    return ids[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--book", help="A book to copy (it is never written to).")
    parser.add_argument("--cases", type=int, default=1675)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold", action="store_true", help="Also time the lists cold.")
    parser.add_argument("--cold-runs", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="No views that read every file.")
    parser.add_argument("--against", help="Another version's src folder to time alongside.")
    args = parser.parse_args()
    compile_package()
    against = None if args.against is None else str(Path(args.against).resolve())
    if against is not None:
        compileall.compile_dir(Path(against) / "safecli", quiet=1)
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    work = Path(tempfile.mkdtemp(prefix="safecli-list-bench-"))
    try:
        book = work / "book"
        if args.book:
            shutil.copytree(args.book, book, ignore=shutil.ignore_patterns(".safecli"))
            source = args.book
        else:
            generate(book, args.cases, 1)
            source = f"bench/generate.py --cases {args.cases} --seed 1"
        if against is not None:
            shutil.copytree(book, twin(book), ignore=shutil.ignore_patterns(".safecli"))
        time.sleep(2.2)  # past the caches' racy window, as a real book's files are
        cases = sum(1 for p in (book / "cases").iterdir() if p.is_dir())
        table_views = views(first_case(book))
        if args.quick:
            table_views = {k: v for k, v in table_views.items() if not k.startswith(READ_ALL)}
        commands = versions(table_views, book, against)
        differ = fill_and_compare(commands)
        got = medians(args.runs, commands, book)
        if args.cold:
            cold = {
                "cold digest": ["overdue", *AS_OF, "-f", "json"],
                "cold case list": ["case", "list"],
                "cold action list": ["action", "list"],
            }
            got.update(medians(args.cold_runs, versions(cold, book, against), book, cold=True))
        print(f"\n{cases} cases ({source}), medians of {args.runs} (cold: of {args.cold_runs}):")
        print(f"  {'':58}{'CPU s':>7} {'wall s':>7}")
        for name, timing in got.items():
            print(f"  {name:58}{timing.cpu:7.2f} {timing.wall:7.2f}")
        tables = [name for name in table_views if not name.endswith(" json")]
        print("\ninstalled:")
        report(got, tables, "", args.cold)
        if against is not None:
            print(f"\nagainst {against}:")
            report(got, tables, AGAINST, args.cold)
            print(f"\noutput differs from the installed one's: {', '.join(differ) or 'none'}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
