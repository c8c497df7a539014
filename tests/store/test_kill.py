"""kill -9 at every fsync and rename of a multi-file write: after the next command
that takes the lock, every case is entirely old or entirely new, and nothing is
left behind. Uses the documented test hook SAFECLI_TEST_KILL_AT (store/atomic.py)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import NEW_CASE, REPO

pytestmark = pytest.mark.slow

CASE = "SG-2026-0001"
NEXT = "SG-2026-0002"
WRITES = {
    "action add --risk": [
        *("action", "add", CASE, "--meeting", "M2", "--lead", "asc:Helen Forsyth"),
        *("--due", "2026-12-20", "--risk", "1", "--as-of", "2026-11-20", "Visit"),
    ],
    "agency add --lead": [
        "agency",
        "add",
        CASE,
        "police",
        "--name",
        "Police",
        "--kind",
        "police",
        "--lead",
    ],
    "case new": [*NEW_CASE[:-1], "2026-11-21"],
}
# action add --risk writes meetings.yaml (the risk lists the action) and actions.yaml:
# it runs on the bundled example book, whose M2 minutes record risks.
ON_EXAMPLE = {"action add --risk"}


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


def state(book: Path) -> dict[str, dict[str, str] | None]:
    """Each case folder's files (None for a case that is not there)."""
    cases = book / "cases"
    return {
        case: (
            {p.name: p.read_text(encoding="utf-8") for p in sorted((cases / case).glob("*.yaml"))}
            if (cases / case).is_dir()
            else None
        )
        for case in (CASE, NEXT)
    }


def everything(book: Path) -> set[str]:
    return {str(p.relative_to(book)) for p in book.rglob("*") if ".safecli" not in p.parts}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("kill") / "example"
    root.mkdir(mode=0o700)
    shutil.copy(REPO / "safecli.yaml", root / "safecli.yaml")
    shutil.copytree(REPO / "cases", root / "cases")
    return root


@pytest.fixture(scope="module")
def start(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("kill") / "book"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "safecli",
            "init",
            str(root),
            "--organisation",
            "T",
            "--jurisdiction",
            "england",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert safecli(root, *NEW_CASE).returncode == 0
    return root


@pytest.mark.parametrize("write", sorted(WRITES))
def test_every_kill_leaves_each_case_old_or_new(
    start: Path, example: Path, tmp_path: Path, write: str
) -> None:
    args = WRITES[write]
    start = example if write in ON_EXAMPLE else start
    reference = tmp_path / "reference"
    shutil.copytree(start, reference)
    old = state(reference)
    assert safecli(reference, *args).returncode == 0
    new = state(reference)
    assert new != old
    files_after = everything(reference)
    kills = mixed = 0
    for step in range(1, 50):
        book = tmp_path / f"kill{step}"
        shutil.copytree(start, book)
        done = safecli(book, *args, kill_at=step)
        if done.returncode != -signal.SIGKILL:
            assert done.returncode == 0, done.stderr
            break
        kills += 1
        cleaned = safecli(book, "doctor", "--clean")
        assert "Traceback" not in cleaned.stderr
        now = state(book)
        for case in (CASE, NEXT):
            if now[case] not in (old[case], new[case]):
                mixed += 1
        assert now in (old, new), f"step {step}: a case is half old, half new"
        assert everything(book) - files_after == set(), f"step {step}: left behind"
        listed = safecli(book, "case", "list")
        assert listed.returncode == 0, listed.stderr
    print(f"{write}: {kills} kills, {mixed} mixed states")
    assert kills >= 3 and mixed == 0
