"""Writers that find a case busy: real processes. One that waits longer than
SAFECLI_LOCK_WAIT says the case was busy, that nothing was written and how to retry,
exits 75 and changes nothing; four at once lose nothing."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import NEW_CASE, snapshot

from safecli.store import scan

CASE = "SG-2026-0001"


def _safecli(book: Path, *args: str, wait: str = "10") -> subprocess.Popen[str]:
    env = {**os.environ, "SAFECLI_INTERACTIVE": "0", "SAFECLI_LOCK_WAIT": wait}
    env.pop("SAFECLI_TEST_KILL_AT", None)
    return subprocess.Popen(
        [sys.executable, "-m", "safecli", "--book", str(book), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _finished(process: subprocess.Popen[str]) -> tuple[int, str]:
    _, stderr = process.communicate(timeout=120)
    return process.returncode, stderr


@pytest.fixture
def with_case(book: Path) -> Path:
    code, stderr = _finished(_safecli(book, *NEW_CASE))
    assert code == 0, stderr
    code, stderr = _finished(
        _safecli(
            book,
            *("meeting", "new", CASE, "--type", "s42-strategy", "--format", "discussion"),
            *("--mode", "virtual", "--when", "2026-11-21 10:00", "--purpose", "Agree"),
            *("--chair", "asc:Sam Patel", "--adult-not-invited-reason", "Seen alone"),
            *("--as-of", "2026-11-20"),
        )
    )
    assert code == 0, stderr
    return book


def _add_action(book: Path, text: str, wait: str = "10") -> subprocess.Popen[str]:
    return _safecli(
        book,
        *("action", "add", CASE, "--meeting", "M1", "--lead", "asc:Sam Patel"),
        *("--due", "2026-12-01", "--as-of", "2026-11-21", text),
        wait=wait,
    )


def test_a_writer_that_finds_the_case_busy_says_so_exits_75_and_writes_nothing(
    with_case: Path,
) -> None:
    before = snapshot(with_case)
    lock_file = with_case / "cases" / CASE / ".safecli.lock"
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # another writer, mid-change
        code, stderr = _finished(_add_action(with_case, "Visit", wait="0.3"))
    finally:
        os.close(fd)
    assert code == 75, stderr
    assert f"cases/{CASE}: case {CASE} is busy" in stderr
    assert "nothing was written. Run the same command again" in stderr
    assert "Traceback" not in stderr
    assert snapshot(with_case) == before


@pytest.mark.slow
def test_four_writers_at_once_lose_nothing(with_case: Path) -> None:
    writers = [_add_action(with_case, f"Task {n}") for n in range(4)]
    ended = [_finished(w) for w in writers]
    for code, stderr in ended:
        assert "Traceback" not in stderr, stderr
        assert code in (0, 75), stderr
    stored = scan.load(with_case / "cases" / CASE / "actions.yaml", list)
    done = sum(code == 0 for code, _ in ended)
    assert len(stored) == done
    assert sorted(a["id"] for a in stored) == [f"A{n}" for n in range(1, done + 1)]
