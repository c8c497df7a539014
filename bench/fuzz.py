"""Seeded mutation fuzzing at scale: python bench/fuzz.py [--inputs 10000] [--seed 1]
[--commands-every 25] [--show].

Every input (a bundled case file with one to three random edits) goes through
the three readers (roundtrip, scan, fastload); every Nth input is also written
into a copy of the bundled book and run through case show, validate, overdue,
meeting list and action add. Prints the counters; exit 1 if any that must be
zero is not (uncaught exceptions, refusals without a line, files changed by a
read-only or refused command). --show prints each offending input: its edits,
the reader or command, and the message.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

import fuzzcases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--commands-every", type=int, default=25)
    parser.add_argument(
        "--show", action="store_true", help="print each offending input's edits and message"
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "source"
        source.mkdir(mode=0o700)
        shutil.copy(REPO / "safecli.yaml", source / "safecli.yaml")
        shutil.copytree(REPO / "cases", source / "cases")
        work = Path(tmp) / "work"
        work.mkdir()
        start = time.perf_counter()
        shown: list[str] = []
        counts = fuzzcases.run(
            source, work, options.inputs, options.seed, options.commands_every, shown
        )
        seconds = time.perf_counter() - start
    if options.show:
        for entry in shown:
            print(entry)
    for key, value in sorted(counts.items()):
        print(f"{key}: {value}")
    bad = fuzzcases.failures(counts)
    print(f"seed {options.seed}, {seconds:.0f} s; must-be-zero counters not zero: {bad or 'none'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
