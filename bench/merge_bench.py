"""How fast git merges a book with safecli's merge driver, against git's own merge-file.

    python bench/merge_bench.py [--files 200] [--runs 3]

Generates a book of --files cases (bench/generate.py, seed 1) in a temporary git
repository, registers the driver with `safecli git setup`, then changes every
case's actions.yaml on two branches (ours notes the first action, theirs the
last) and times `git merge` of the two: once with safecli's driver, once with
`git merge-file` as the driver. Prints the medians of --runs merges, the time a
file and the ratio. Goal: at most 100 ms a file (200 files in at most 20 s).
The package's bytecode is written first, as installing it does (bench/bytecode.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bytecode import compile_package
from generate import generate

GOAL_MS_A_FILE = 100.0
GIT_DRIVER = "git merge-file -L ours -L base -L theirs %A %O %B"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=_env()
    )
    return done.stdout


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
    }


def edit(repo: Path, first: bool) -> None:
    """Note the first (or last) action of every case."""
    for path in sorted((repo / "cases").glob("*/actions.yaml")):
        text = path.read_text()
        if "note: null" not in text:
            continue
        side = "ours" if first else "theirs"
        if first:
            text = text.replace("note: null", f"note: Checked by {side}", 1)
        else:
            head, _, tail = text.rpartition("note: null")
            text = f"{head}note: Checked by {side}{tail}"
        path.write_text(text)


def make_repo(root: Path, files: int) -> int:
    """The book with two branches, `ours` (checked out) and `theirs`; files changed."""
    generate(root, files, 1)
    git(root, "init", "-q", "-b", "ours")
    subprocess.run(
        [sys.executable, "-m", "safecli", "--book", str(root), "git", "setup"],
        check=True,
        capture_output=True,
        env=_env(),
    )
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    git(root, "checkout", "-qb", "theirs")
    edit(root, first=False)
    git(root, "commit", "-qam", "theirs")
    git(root, "checkout", "-q", "ours")
    edit(root, first=True)
    git(root, "commit", "-qam", "ours")
    return int(git(root, "diff", "--name-only", "ours", "theirs").count("actions.yaml"))


def merge_seconds(root: Path, driver: str | None) -> float:
    """One `git merge theirs` from ours, undone afterwards."""
    if driver is not None:
        git(root, "config", "merge.safecli.driver", driver)
    start = time.perf_counter()
    done = subprocess.run(
        ["git", "merge", "-q", "--no-edit", "theirs"],
        check=False,
        cwd=root,
        capture_output=True,
        text=True,
        env=_env(),
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"the merge did not succeed: {done.stdout}{done.stderr}")
    git(root, "reset", "-q", "--hard", "HEAD~1")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    compile_package()
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    root = Path(tempfile.mkdtemp(prefix="safecli-merge-bench-"))
    try:
        changed = make_repo(root, args.files)
        ours_driver = git(root, "config", "merge.safecli.driver").strip()
        safecli_times, git_times = [], []
        for _ in range(args.runs):
            # Pair by pair, so both feel the same load.
            safecli_times.append(merge_seconds(root, ours_driver))
            git_times.append(merge_seconds(root, GIT_DRIVER))
        ours_s = statistics.median(safecli_times)
        git_s = statistics.median(git_times)
        a_file = 1000 * ours_s / changed
        print(f"files merged on both sides: {changed} actions.yaml (medians of {args.runs})")
        print(f"git merge, safecli's driver:   {ours_s:7.2f} s  ({a_file:.0f} ms a file)")
        print(f"git merge, git merge-file:     {git_s:7.2f} s")
        print(f"ratio safecli / merge-file:    {ours_s / git_s:7.1f}x")
        verdict = "meets" if a_file <= GOAL_MS_A_FILE else "misses"
        print(f"goal <= {GOAL_MS_A_FILE:.0f} ms a file: {verdict}")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
