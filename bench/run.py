"""Benchmark the overdue digest on a generated book (default 10,000 cases).

    .venv/bin/python bench/run.py [--cases 10000] [--runs 5] [--book PATH] [--json]

Generates the book once (or reuses it) in the temp folder, then prints the
median of --runs timings, all on the same files (the four files of every case,
which is what the digest reads):

- floor:     read the bytes of every file, nothing else;
- C parser:  libyaml's C loader (yaml.CSafeLoader) on every file;
- cold:      the digest with its cache removed (every file read, checked, parsed);
- warm:      the digest with its cache in place and nothing changed;

each both in-process (the library functions) and as the whole installed
`safecli overdue` command run as a subprocess (start-up included; its floor is
a Python subprocess that reads the bytes), then the ratios cold / C parser and
warm / floor. Not a test: numbers depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate
import yaml

from safecli.digest import cache as digestcache
from safecli.digest import items as digest
from safecli.digest import output as digestformat
from safecli.store import fastload
from safecli.store.book import find_book

AS_OF = date(2026, 12, 1)
FILES = ("adult", "agencies", "meetings", "actions")
FLOOR_SCRIPT = """
import os, sys
root = sys.argv[1]
for case in sorted(os.listdir(root)):
    for name in ("adult", "agencies", "meetings", "actions"):
        with open(os.path.join(root, case, name + ".yaml"), "rb") as handle:
            handle.read()
"""


def book_at(path: Path | None, cases: int, seed: int) -> Path:
    """The benchmark book: reused when complete, else generated."""
    root = path or Path(tempfile.gettempdir()) / f"safecli-bench-{cases}-{seed}"
    marker = root / "bench-complete"
    if marker.exists() and marker.read_text() == f"{cases} {seed}\n":
        return root
    print(f"generating {cases} cases in {root} ...", file=sys.stderr)
    generate.generate(root, cases, seed)
    marker.write_text(f"{cases} {seed}\n")
    # Let every file settle past the cache's racy window, as a real book's have.
    time.sleep(digestcache.RACY_NS / 1e9 + 0.2)
    return root


def median(runs: int, setup: Callable[[], None], work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        setup()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--book", type=Path, default=None)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    root = book_at(args.book, args.cases, args.seed)
    book = find_book(root)
    cases_dir = root / "cases"
    paths = [str(cases_dir / c / f"{name}.yaml") for c in book.case_ids() for name in FILES]
    size = sum(os.stat(p).st_size for p in paths)
    cache = digestcache.cache_path(book)
    safecli = Path(sys.executable).with_name("safecli")
    command = [
        str(safecli),
        "--book",
        str(root),
        "overdue",
        "--as-of",
        AS_OF.isoformat(),
        "--format",
        "json",
    ]

    def nothing() -> None:
        pass

    def no_cache() -> None:
        cache.unlink(missing_ok=True)
        fastload._memo.clear()

    def floor() -> None:
        for path in paths:
            with open(path, "rb") as handle:
                handle.read()

    def c_parser() -> None:
        for path in paths:
            with open(path, "rb") as handle:
                yaml.load(handle.read(), Loader=yaml.CSafeLoader)

    def library() -> str:
        current = find_book(root)
        reads = digestcache.collect(current, now_ns=time.time_ns())
        until = date(2026, 12, 8)
        items = digest.compute(reads, AS_OF, until, current.config.digest)
        view = digestformat.View(fmt="json", as_of=AS_OF, until=until)
        return digestformat.render(items, view)

    def run(cmd: list[str]) -> Callable[[], None]:
        return lambda: subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)

    runs = args.runs
    figures: dict[str, float] = {}
    figures["floor"] = median(runs, nothing, floor)
    figures["c_parser"] = median(runs, nothing, c_parser)
    figures["cold"] = median(runs, no_cache, library)
    library()  # leave a cache in place (and trusted) for the warm runs
    figures["warm"] = median(runs, nothing, library)
    figures["floor_subprocess"] = median(
        runs, nothing, run([sys.executable, "-c", FLOOR_SCRIPT, str(cases_dir)])
    )
    figures["cold_command"] = median(runs, no_cache, run(command))
    library()
    figures["warm_command"] = median(runs, nothing, run(command))
    figures["startup_command"] = median(runs, nothing, run([str(safecli), "--version"]))
    figures["cold_over_c_parser"] = figures["cold"] / figures["c_parser"]
    figures["warm_over_floor"] = figures["warm"] / figures["floor"]
    figures["cold_command_over_c_parser"] = figures["cold_command"] / figures["c_parser"]
    figures["warm_command_over_floor_subprocess"] = (
        figures["warm_command"] / figures["floor_subprocess"]
    )
    items = json.loads(library())["counts"]["total"]

    if args.json:
        print(
            json.dumps(
                {
                    "cases": len(book.case_ids()),
                    "files": len(paths),
                    "bytes": size,
                    "items": items,
                    "runs": runs,
                    **figures,
                },
                indent=2,
            )
        )
        return 0
    print(
        f"{len(book.case_ids())} cases, {len(paths)} files, {size / 1e6:.1f} MB, "
        f"{items} digest items; median of {runs} runs; Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs"
    )
    rows = [
        ("floor: read the bytes", "floor", "floor_subprocess"),
        ("libyaml C parser (CSafeLoader)", "c_parser", None),
        ("digest cold (no cache)", "cold", "cold_command"),
        ("digest warm (cache, no change)", "warm", "warm_command"),
        ("safecli --version (start-up)", None, "startup_command"),
    ]
    print(f"{'':34}{'in-process':>12}{'command':>12}")
    for label, inner, outer in rows:
        cells = [f"{figures[k]:>11.3f}s" if k else f"{'':>12}" for k in (inner, outer)]
        print(f"{label:34}{cells[0]}{cells[1]}")
    print(
        f"cold / C parser: {figures['cold_over_c_parser']:.2f} in-process, "
        f"{figures['cold_command_over_c_parser']:.2f} as a command (target <= 1)"
    )
    print(
        f"warm / floor:    {figures['warm_over_floor']:.2f} in-process, "
        f"{figures['warm_command_over_floor_subprocess']:.2f} as a command against the "
        "floor as a subprocess (target <= 3)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
