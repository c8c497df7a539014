"""How fast `safecli validate` is on a large book: cold, with nothing changed, one case changed.

    python bench/validate_bench.py [--cases 10000] [--book DIR] [--keep] [--phases]

Generates a book with bench/generate.py (deterministic; reused when --book names
an existing one), then times the real command in a subprocess, start-up
included: a cold run (no cache), a run with nothing changed, and a run after one
case changed. Targets for 10,000 cases (issue 17): 8 s cold, 1.5 s with nothing
changed. `bench/cold_bench.py` times the cold run with one job, two and the default,
before and after (--against), as wall and CPU medians; docs/validate.md says where
the time goes.

--phases instead checks every case once in this process, as one job of a cold run
does, and prints the CPU seconds of each phase (reading the bytes, checking them,
parsing, the shape walk, each rule, placing findings, waivers): the profile that
says where a cold run's time goes, without a profiler's overhead on every call.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

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


def phases(book: Path) -> None:
    """CPU seconds of each phase of checking every case of the book in this process."""
    from collections import Counter
    from datetime import date

    from safecli.store.book import find_book
    from safecli.validation import load, run
    from safecli.validation.rules import RULES, base, places

    spent: Counter[str] = Counter()
    clock = time.process_time

    def timed(name: str, function: Any) -> Any:
        def timing(*args: Any, **kwargs: Any) -> Any:
            start = clock()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += clock() - start

        return timing

    # The phases as load.py and the rules' base call them (each where it is looked up).
    for module, name, phase in (
        (load, "read_bytes", "read the bytes"),
        (load, "check_bytes", "check the bytes (refusals)"),
        (load.fastload, "load_checked", "parse (fastload)"),
        (load, "walk", "shape walk"),
        (load, "untagged", "place: libyaml's tree"),
        (base, "locate", "place: in libyaml's tree"),
    ):
        if hasattr(module, name):
            setattr(module, name, timed(phase, getattr(module, name)))
    places.Tree.of = classmethod(timed("place: rapidyaml's tree", places.Tree.of.__func__))  # type: ignore[method-assign]
    places.Tree.place = timed("place: in rapidyaml's tree", places.Tree.place)  # type: ignore[method-assign]
    context = run.context_of(find_book(book))
    today = date.fromisoformat(AS_OF)
    cases = sorted(folder.name for folder in (book / "cases").iterdir())
    found = 0
    started = clock()
    with run._collector_paused():
        for case_id in cases:
            view = load.load_view(context, case_id, today)
            for code, rule in RULES.items():
                start = clock()
                found += len(run._run(rule, view))
                spent[f"rule {code}"] += clock() - start
            start = clock()
            run._apply_waivers(view, [])
            spent["waivers"] += clock() - start
    total = clock() - started
    placing = sum(v for k, v in spent.items() if k.startswith("place"))
    rules = sum(v for k, v in spent.items() if k.startswith("rule "))
    print(f"{len(cases):,} cases, {found:,} findings: {total:.2f} s CPU in this process")
    print(f"  the {len(RULES)} rules {rules:.2f} s, of which placing findings {placing:.2f} s")
    for name, seconds in spent.most_common():
        if seconds >= 0.005:
            print(f"  {name:>30}: {seconds:6.2f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--book", type=Path, help="use (or create) the book here")
    parser.add_argument("--keep", action="store_true", help="keep a temporary book")
    parser.add_argument(
        "--phases", action="store_true", help="CPU of each phase and rule, in this process"
    )
    args = parser.parse_args(argv)
    book = args.book or Path(tempfile.mkdtemp(prefix="safecli-bench-")) / "book"
    if not (book / "safecli.yaml").exists():
        started = time.perf_counter()
        generate(book, args.cases)
        print(f"generated {args.cases} cases in {time.perf_counter() - started:.1f} s")
    if args.phases:
        try:
            phases(book)
        finally:
            if args.book is None and not args.keep:
                shutil.rmtree(book.parent, ignore_errors=True)
        return 0
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
