"""kill -9 at every fsync and rename of a write to two cases (a meeting about two adults):
after the next command that takes the locks, both cases are old or both are new, and
nothing is left behind. Uses the test hook SAFECLI_TEST_KILL_AT (store/atomic.py)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import NEW_CASE

pytestmark = pytest.mark.slow

CASES = ("SG-2026-0001", "SG-2026-0002")
MEETING = [
    *("meeting", "new", CASES[0], "--type", "cuckooing", "--format", "meeting"),
    *("--mode", "virtual", "--when", "2026-11-25 10:00", "--purpose", "A plan for both"),
    *("--chair", "asc:Sam Patel", "--adult-invited", "--subject", CASES[1]),
    *("--agenda", f"{CASES[0]}: risks", "--agenda", f"{CASES[1]}: risks"),
    *("--as-of", "2026-11-20"),
]


def safecli(book: Path, *args: str, kill_at: int | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SAFECLI_INTERACTIVE": "0"}
    env.pop("SAFECLI_TEST_KILL_AT", None)
    if kill_at is not None:
        env["SAFECLI_TEST_KILL_AT"] = str(kill_at)
    return subprocess.run(
        [sys.executable, "-m", "safecli", "--book", str(book), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def state(book: Path) -> dict[str, dict[str, str]]:
    return {
        case: {
            p.name: p.read_text(encoding="utf-8")
            for p in sorted((book / "cases" / case).glob("*.yaml"))
        }
        for case in CASES
    }


def everything(book: Path) -> set[str]:
    return {str(p.relative_to(book)) for p in book.rglob("*") if ".safecli" not in p.parts}


def test_every_kill_leaves_both_cases_old_or_both_new(tmp_path: Path) -> None:
    start = tmp_path / "start"
    init = ("init", str(start), "--organisation", "T", "--jurisdiction", "england")
    done = subprocess.run(
        [sys.executable, "-m", "safecli", *init], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    for _ in CASES:
        assert safecli(start, *NEW_CASE).returncode == 0
    reference = tmp_path / "reference"
    shutil.copytree(start, reference)
    old = state(reference)
    made = safecli(reference, *MEETING)
    assert made.returncode == 0, made.stderr
    new = state(reference)
    assert all(new[case] != old[case] for case in CASES)
    files_after = everything(reference)
    kills = mixed = 0
    for step in range(1, 60):
        book = tmp_path / f"kill{step}"
        shutil.copytree(start, book)
        done = safecli(book, *MEETING, kill_at=step)
        if done.returncode != -signal.SIGKILL:
            assert done.returncode == 0, done.stderr
            break
        kills += 1
        cleaned = safecli(book, "doctor", "--clean")
        assert "Traceback" not in cleaned.stderr
        now = state(book)
        mixed += now not in (old, new)
        assert now in (old, new), f"step {step}: one case old, the other new"
        assert everything(book) - files_after == set(), f"step {step}: left behind"
        listed = safecli(book, "meeting", "list", CASES[1])
        assert listed.returncode == 0, listed.stderr
    print(f"meeting new about two adults: {kills} kills, {mixed} mixed states")
    assert kills >= 5 and mixed == 0
