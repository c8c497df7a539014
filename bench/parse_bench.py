"""How fast each reader turns a book's case files into plain data, against the bytes floor.

    python bench/parse_bench.py [BOOK ...] [--repeats 3] [--against OTHER/src]

For each book (default: /tmp/safecli-bench-1675-1 and /tmp/safecli-bench-10000-1, made
by `bench/generate.py OUT --cases N --seed 1`; the books are only read) this times, in
one process and interleaved round by round (A, B, C, D, A, B, ...), the CPU seconds to read
every case file:

- new:    `fastload.load` (rapidyaml where `rapid` takes the file, else libyaml events);
- old:    the same refusals, then libyaml's events only (`fastload.load_events`), the
          reader before rapidyaml and the one wherever it has no wheel;
- CSafe:  the same refusals, then PyYAML's `yaml.load(..., Loader=yaml.CSafeLoader)`;
- floor:  `Path.read_bytes` of every file, the least any reader can do.

and prints the median of each and its ratio to the new reader and to the floor.

With --against (another version's source folder, e.g. main's from `git archive main
src | tar -x -C /tmp/before`), `fastload.load` of every file is also timed in fresh
processes, this version's and the other's (the same Python with that folder first on
PYTHONPATH) in turn: the CPU seconds of one read of the book in a new process, as a
cold digest reads it (first use of every memo included), before and after in one run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from safecli.model import FILES
from safecli.store import fastload, rapid, refusals

DEFAULT_BOOKS = [Path("/tmp/safecli-bench-1675-1"), Path("/tmp/safecli-bench-10000-1")]


def _new(files: list[tuple[Path, type]]) -> None:
    for path, expect in files:
        fastload.load(path, expect)


def _old(files: list[tuple[Path, type]]) -> None:
    for path, expect in files:
        fastload.load_events(path, refusals.read_text(path), expect)


def _csafe(files: list[tuple[Path, type]]) -> None:
    for path, _ in files:
        yaml.load(refusals.read_text(path), Loader=yaml.CSafeLoader)


def _floor(files: list[tuple[Path, type]]) -> None:
    for path, _ in files:
        path.read_bytes()


READERS: dict[str, Callable[[list[tuple[Path, type]]], None]] = {
    "new": _new,
    "old": _old,
    "CSafe": _csafe,
    "floor": _floor,
}


def bench(book: Path, repeats: int) -> None:
    files = _files(book)
    taken = sum(rapid.load(refusals.read_text(path)) is not None for path, _ in files)
    cases = len({path.parent for path, _ in files})
    print(f"\n{book}: {cases:,} cases, {len(files):,} files; rapidyaml takes {taken:,}")
    times: dict[str, list[float]] = {name: [] for name in READERS}
    for _ in range(repeats):
        for name, reader in READERS.items():
            start = time.process_time()
            reader(files)
            times[name].append(time.process_time() - start)
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"{'reader':8} {'median s':>9} {'× new':>7} {'× floor':>8}   runs")
    for name, median in medians.items():
        runs = " ".join(f"{value:.2f}" for value in times[name])
        print(
            f"{name:8} {median:9.3f} {median / medians['new']:7.2f} "
            f"{median / medians['floor']:8.1f}   {runs}"
        )


def _files(book: Path) -> list[tuple[Path, type]]:
    return [(path, FILES[path.stem]) for path in sorted((book / "cases").glob("*/*.yaml"))]


def one_pass(book: Path) -> float:
    """CPU seconds of one `fastload.load` of every file of the book, in this process."""
    files = _files(book)
    start = time.process_time()
    _new(files)
    return time.process_time() - start


def against(book: Path, other: str, repeats: int) -> None:
    """One read of the book in a fresh process, this version's and other's, in turn."""
    here = str(Path(__file__).resolve())
    envs = {
        "this version": dict(os.environ),
        "against": {**os.environ, "PYTHONPATH": str(Path(other).resolve())},
    }
    times: dict[str, list[float]] = {name: [] for name in envs}
    for _ in range(repeats):
        for name, env in envs.items():
            done = subprocess.run(
                [sys.executable, here, "--one-pass", str(book)],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            times[name].append(float(done.stdout))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"fastload.load of every file, one fresh process each (median of {repeats}):")
    for name, median in medians.items():
        runs = " ".join(f"{value:.2f}" for value in times[name])
        print(f"  {name:>12}: {median:6.3f} s CPU   {runs}")
    print(f"  this version / against: {medians['this version'] / medians['against']:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("books", nargs="*", type=Path, default=DEFAULT_BOOKS)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--against", help="another version's src folder to time alongside")
    parser.add_argument("--one-pass", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one_pass:
        print(f"{one_pass(args.books[0]):.4f}")
        return 0
    if not rapid.available():
        print("rapidyaml is not installed here: `new` is the libyaml path")
    for book in args.books:
        if not (book / "cases").is_dir():
            print(f"\n{book}: no book (make one with bench/generate.py {book} --cases N)")
            continue
        bench(book, args.repeats)
        if args.against:
            against(book, args.against, args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
