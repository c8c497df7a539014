"""A write the system refuses (a full disk, a file over the size limit) names the file,
exits 3 and changes nothing: the old files byte for byte, and no temp file left.

The failures are the operating system's own: a file-size limit (RLIMIT_FSIZE) on the
real write, and ENOSPC from fsync (which is how a full disk shows on many file
systems), injected into os.fsync in a child process. The store's code runs as it is.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

from conftest import NEW_CASE, snapshot

CASE = "SG-2026-0001"
# Runs safecli with os.fsync failing (ENOSPC) from the Nth call on.
FULL_DISK = """
import errno, os, sys
from safecli.cli import run
real, calls, fail_from = os.fsync, [0], int(sys.argv.pop(1))
def fsync(fd):
    calls[0] += 1
    if calls[0] >= fail_from:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    return real(fd)
os.fsync = fsync
sys.argv[0] = "safecli"
run()
"""


def _env() -> dict[str, str]:
    env = {**os.environ, "SAFECLI_INTERACTIVE": "0", "LANG": "C.UTF-8"}
    env.pop("SAFECLI_TEST_KILL_AT", None)
    return env


def _with_case(book: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "safecli", "--book", str(book), *NEW_CASE],
        capture_output=True,
        text=True,
        env=_env(),
        check=False,
    )
    assert done.returncode == 0, done.stderr


def _small_files() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a signal
    resource.setrlimit(resource.RLIMIT_FSIZE, (64, 64))


def _temp_files(book: Path) -> list[Path]:
    return [p for p in book.rglob("*") if p.name.endswith(".tmp") or "journal" in p.name]


def test_a_file_too_large_for_the_system_is_named_and_nothing_changes(book: Path) -> None:
    _with_case(book)
    before = snapshot(book)
    done = subprocess.run(
        [sys.executable, "-m", "safecli", "--book", str(book), "case", "update", CASE]
        + ["--risk", "low"],
        capture_output=True,
        text=True,
        env=_env(),
        preexec_fn=_small_files,
        check=False,
    )
    assert done.returncode == 3, done.stderr
    assert f"cases/{CASE}/adult.yaml: could not write this file (File too large)" in done.stderr
    assert "nothing was changed" in done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(book) == before
    assert _temp_files(book) == []


def test_a_full_disk_in_a_write_of_two_files_names_the_file_and_changes_neither(
    book: Path,
) -> None:
    _with_case(book)
    before = snapshot(book)
    # agency add --lead changes agencies.yaml and adult.yaml: the first temp file is
    # synced, the second one's fsync finds the disk full.
    done = subprocess.run(
        [sys.executable, "-c", FULL_DISK, "2", "--book", str(book), "agency", "add", CASE]
        + ["police", "--name", "Police", "--kind", "police", "--lead"],
        capture_output=True,
        text=True,
        env=_env(),
        check=False,
    )
    assert done.returncode == 3, done.stderr
    assert "could not write this file (No space left on device)" in done.stderr
    assert f"cases/{CASE}/" in done.stderr.split(": could not")[0]
    assert "Traceback" not in done.stderr
    assert snapshot(book) == before
    assert _temp_files(book) == []


def test_a_full_disk_while_making_a_case_folder_leaves_no_half_case(book: Path) -> None:
    before = snapshot(book)
    done = subprocess.run(
        [sys.executable, "-c", FULL_DISK, "1", "--book", str(book), *NEW_CASE],
        capture_output=True,
        text=True,
        env=_env(),
        check=False,
    )
    assert done.returncode == 3, done.stderr
    assert f"cases/{CASE}/adult.yaml: could not write this file (No space left" in done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(book) == before
    assert _temp_files(book) == [] and not (book / "cases" / CASE).exists()
