"""How fast `safecli validate` is on a large book: cold, with nothing changed, one case changed.

    python bench/validate_bench.py [--cases 10000] [--book DIR] [--keep]

Generates a book with bench/generate.py (deterministic; reused when --book names
an existing one), then times the real command in a subprocess, start-up
included: a cold run (no cache), a run with nothing changed, and a run after one
case changed. Targets for 10,000 cases (issue 17): 8 s cold, 1.5 s with nothing
changed. `bench/cold_bench.py` times the cold run with one job, two and the default,
before and after (--against), as wall and CPU medians; docs/validate.md says where
the time goes.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

AS_OF = "2026-12-01"
TARGETS = {"cold": 8.0, "nothing changed": 1.5}


def timed(book: Path, *extra: str) -> tuple[float, int]:
    """Seconds taken by one `safecli validate` of the whole book, and its exit status."""
    start = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "safecli",
            "--book",
            str(book),
            "validate",
            "--as-of",
            AS_OF,
            *extra,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"validate failed: {done.stderr.decode()}")
    return elapsed, done.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--book", type=Path, help="use (or create) the book here")
    parser.add_argument("--keep", action="store_true", help="keep a temporary book")
    args = parser.parse_args(argv)
    book = args.book or Path(tempfile.mkdtemp(prefix="safecli-bench-")) / "book"
    if not (book / "safecli.yaml").exists():
        started = time.perf_counter()
        generate(book, args.cases)
        print(f"generated {args.cases} cases in {time.perf_counter() - started:.1f} s")
    try:
        shutil.rmtree(book / ".safecli", ignore_errors=True)
        figures = {"cold": timed(book)[0], "nothing changed": timed(book)[0]}
        first = min((book / "cases").iterdir()) / "actions.yaml"
        first.write_text(first.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        figures["one case changed"] = timed(book)[0]
        figures["cold, one process"] = timed(book, "--no-cache", "--jobs", "1")[0]
    finally:
        if args.book is None and not args.keep:
            shutil.rmtree(book.parent, ignore_errors=True)
    failed = False
    for name, seconds in figures.items():
        target = TARGETS.get(name)
        verdict = "" if target is None else (" ok" if seconds <= target else " TOO SLOW")
        failed |= target is not None and seconds > target
        print(
            f"{name:>20}: {seconds:6.2f} s" + (f" (target {target} s){verdict}" if target else "")
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
