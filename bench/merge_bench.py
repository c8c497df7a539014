"""How fast git merges a book with safecli's merge driver, against git's own merge-file.

    python bench/merge_bench.py [--files 200] [--runs 3] [--baseline BIN]

Generates a book of --files cases (bench/generate.py, seed 1) in a temporary git
repository, registers the driver with `safecli git setup`, then changes every
case's actions.yaml on two branches (ours notes the first action, theirs the
last) and times `git merge` of the two: with safecli's driver, with `git
merge-file` as the driver and, with --baseline (the bin folder of another
install, e.g. a virtual environment of an earlier commit), with that install's
driver. The merges run in turn --runs times, interleaved with `python -c pass`
(the start-up floor), so all feel the same load. Each is given as the median
wall time and the median CPU time (user + system of git and of every driver it
waited for, from wait4), a file and whole; on a busy machine read the CPU
figures and the ratios. Goal: at most 100 ms a file (200 files in at most 20 s).
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


def measure(argv: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one process and of everything it waited for."""
    start = time.perf_counter()
    child = subprocess.Popen(
        argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=_env()
    )
    output = child.stdout.read() if child.stdout is not None else b""
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} did not succeed: {output.decode()}")
    return wall, usage.ru_utime + usage.ru_stime


def merge_once(root: Path, driver: str) -> tuple[float, float]:
    """One `git merge theirs` from ours with this driver, undone afterwards."""
    git(root, "config", "merge.safecli.driver", driver)
    figures = measure(["git", "merge", "-q", "--no-edit", "theirs"], root)
    git(root, "reset", "-q", "--hard", "HEAD~1")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="bin folder of another install")
    args = parser.parse_args()
    compile_package()
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    root = Path(tempfile.mkdtemp(prefix="safecli-merge-bench-"))
    try:
        changed = make_repo(root, args.files)
        drivers = {"safecli's driver": git(root, "config", "merge.safecli.driver").strip()}
        if args.baseline is not None:
            drivers["baseline's driver"] = (
                f"{args.baseline.resolve() / 'python'} -m safecli merge-file %O %A %B %P"
            )
        drivers["git merge-file"] = GIT_DRIVER
        walls: dict[str, list[float]] = {name: [] for name in [*drivers, "python -c pass"]}
        cpus: dict[str, list[float]] = {name: [] for name in walls}
        for _ in range(args.runs):
            # In turn, so all feel the same load.
            for name, driver in drivers.items():
                wall, cpu = merge_once(root, driver)
                walls[name].append(wall)
                cpus[name].append(cpu)
            wall, cpu = measure([sys.executable, "-c", "pass"], root)
            walls["python -c pass"].append(wall)
            cpus["python -c pass"].append(cpu)
        wall_s = {name: statistics.median(values) for name, values in walls.items()}
        cpu_s = {name: statistics.median(values) for name, values in cpus.items()}
        print(f"files merged on both sides: {changed} actions.yaml (medians of {args.runs})")
        print(
            f"{'git merge with':<20} {'wall s':>8} {'CPU s':>8} {'wall/file':>10} {'CPU/file':>9}"
        )
        for name in drivers:
            print(
                f"{name:<20} {wall_s[name]:8.2f} {cpu_s[name]:8.2f} "
                f"{1000 * wall_s[name] / changed:8.0f}ms {1000 * cpu_s[name] / changed:7.0f}ms"
            )
        floor = cpu_s["python -c pass"]
        print(
            f"{'python -c pass':<20} {'':8} {'':8} {1000 * wall_s['python -c pass']:8.0f}ms "
            f"{1000 * floor:7.0f}ms"
        )
        ours = "safecli's driver"
        for name in drivers:
            if name == ours:
                continue
            print(
                f"ratio safecli / {name}: wall {wall_s[ours] / wall_s[name]:.2f}x, "
                f"CPU {cpu_s[ours] / cpu_s[name]:.2f}x"
            )
        print(f"CPU a file / python -c pass: {cpu_s[ours] / changed / floor:.1f}x")
        a_file = 1000 * wall_s[ours] / changed
        verdict = "meets" if a_file <= GOAL_MS_A_FILE else "misses"
        print(f"goal <= {GOAL_MS_A_FILE:.0f} ms a file (wall): {verdict}")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
