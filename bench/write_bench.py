"""The write path and the merge driver, as ratios to `python -c pass`, wall and CPU.

    python bench/write_bench.py [--runs 7] [--cases 1000] [--files 100] [--no-merge]
                                [--no-writes] [--baseline BIN]

Write path: `action add`, `meeting record` and `case update` on one case of the
bundled example book (the repository's own `cases/`) and of a book of --cases
cases (bench/generate.py, seed 1), each case's files restored before every run.
Merge driver: `git merge` of a git book of --files cases whose every actions.yaml
changed on both sides (as bench/merge_bench.py), with safecli's driver and with
`git merge-file` as the driver; the figures a file are the merge's divided by
the files merged.

Each command runs --runs times as whole processes, the runs of all figures
interleaved (one of each in turn) so that all feel the same load. Each is given
as the median wall time, the median CPU time (user + system of the process and
of everything it waited for, from wait4) and the least CPU time: on a busy
machine read the CPU figures and the ratios.
One more run of each, not timed, counts what it did: modules imported and
subprocesses started (an audit hook, through a sitecustomize module on
PYTHONPATH), and, for the writes, the rule checks run and the round-trip parses
and dumps (cProfile's call counts). Goals (issue 17): a writing command on one
case <= 150 ms whole process; the merge driver <= 100 ms a file.

With --baseline (the bin folder of another install, e.g. a virtual environment of
an earlier commit), each safecli figure is measured for that install too, in the
same run and interleaved, marked [baseline]: a before/after pair under one load.
"""

from __future__ import annotations

import argparse
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bytecode import compile_package
from generate import generate
from merge_bench import GIT_DRIVER, _env, git, make_repo

REPO = HERE.parent
SAFECLI = str(Path(sys.executable).with_name("safecli"))
AS_OF = "2026-12-01"
WRITE_GOAL_MS = 150.0
MERGE_GOAL_MS = 100.0
BASELINE = " [baseline]"
COMPILE = (
    "import compileall, pathlib, safecli; "
    "compileall.compile_dir(pathlib.Path(safecli.__file__).parent, quiet=1)"
)

# Counts what a process did, at its exit, into $SAFECLI_BENCH_COUNTS (one line a process).
SITECUSTOMIZE = """
import os, sys
_log = os.environ.get("SAFECLI_BENCH_COUNTS")
if _log:
    _started = [0]
    def _hook(event, args):
        if event == "subprocess.Popen" or event == "os.posix_spawn":
            _started[0] += 1
    sys.addaudithook(_hook)
    import atexit
    def _write():
        with open(_log, "a") as out:
            out.write(f"{len(sys.modules)} {_started[0]}\\n")
    atexit.register(_write)
"""


@dataclass(frozen=True)
class Run:
    """One command to time: its argv, folder, and what to do before each run."""

    argv: list[str]
    cwd: Path
    setup: Callable[[], None] | None = None
    files: int = 1  # the figures are divided by this (files merged)


def measure(run: Run, env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one whole process and all it waited for."""
    import time

    if run.setup is not None:
        run.setup()
    start = time.perf_counter()
    child = subprocess.Popen(
        run.argv, cwd=run.cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0,):
        raise SystemExit(f"{' '.join(run.argv)} failed (exit {child.returncode})")
    return wall, usage.ru_utime + usage.ru_stime


def medians(runs: int, commands: dict[str, Run]) -> dict[str, tuple[float, float, float]]:
    """Median wall, median CPU and least CPU of each command a file, run in turn `runs`
    times (the least CPU is the figure a busy machine disturbs least)."""
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, run in commands.items():
            wall, cpu = measure(run)
            walls[name].append(wall / run.files)
            cpus[name].append(cpu / run.files)
    return {
        name: (statistics.median(walls[name]), statistics.median(cpus[name]), min(cpus[name]))
        for name in commands
    }


def counts(run: Run, work: Path) -> tuple[float, float]:
    """Modules imported and subprocesses started a file: summed over the Python
    processes of one run (git's own are not counted) and divided by the files."""
    site = work / "site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE)
    log = work / "counts.log"
    log.unlink(missing_ok=True)
    path = os.pathsep.join(p for p in (str(site), os.environ.get("PYTHONPATH")) if p)
    measure(run, {**_env(), "PYTHONPATH": path, "SAFECLI_BENCH_COUNTS": str(log)})
    text = log.read_text() if log.exists() else ""
    lines = [tuple(map(int, line.split())) for line in text.splitlines()]
    modules = sum(m for m, _ in lines) / run.files
    started = sum(s for _, s in lines) / run.files
    return modules, started


def profile_counts(run: Run, work: Path) -> dict[str, int]:
    """Rule checks, round-trip parses and dumps of one run (cProfile call counts)."""
    out = work / "write.prof"
    python = str(Path(run.argv[0]).with_name("python"))
    argv = [python, "-m", "cProfile", "-o", str(out), "-m", "safecli", *run.argv[1:]]
    measure(Run(argv, run.cwd, run.setup))
    stats = pstats.Stats(str(out)).stats  # type: ignore[attr-defined]
    wanted = {
        "rule checks": ("validation/run.py", "_run"),
        "round-trip parses": ("store/roundtrip.py", "parse"),
        "round-trip dumps": ("store/roundtrip.py", "dump"),
    }
    found = dict.fromkeys(wanted, 0)
    for (filename, _, function), (_, ncalls, *_) in stats.items():
        for label, (suffix, name) in wanted.items():
            if function == name and filename.endswith(suffix):
                found[label] += ncalls
    return found


def restorer(folder: Path) -> Callable[[], None]:
    """Put a case folder's files back as they are now (and drop the book's caches)."""
    saved = {path: path.read_bytes() for path in folder.glob("*.yaml")}
    caches = folder.parent.parent / ".safecli"

    def restore() -> None:
        for path, data in saved.items():
            path.write_bytes(data)
        if caches.exists():
            shutil.rmtree(caches)

    return restore


def writes(book: Path, label: str, safecli: str = SAFECLI) -> dict[str, Run]:
    """action add, meeting record and case update on the first case with a planned meeting."""
    for folder in sorted((book / "cases").iterdir()):
        meetings = yaml.safe_load((folder / "meetings.yaml").read_text()) or []
        planned = [m for m in meetings if m.get("status") == "planned"]
        held = [m for m in meetings if m.get("status") == "held"]
        if planned and held:
            break
    else:
        raise SystemExit(f"no case with a held and a planned meeting in {book}")
    agencies = yaml.safe_load((folder / "agencies.yaml").read_text())
    agency = next(a for a in agencies if a.get("people"))
    person = f"{agency['handle']}:{agency['people'][0]['name']}"
    case = folder.name
    adult = yaml.safe_load((folder / "adult.yaml").read_text())
    engagement = "not-engaging" if adult.get("engagement") != "not-engaging" else "engaging"
    base = [safecli, "--book", str(book)]
    tail = ["--as-of", AS_OF, "--no-commit"]
    restore = restorer(folder)
    add = [*base, "action", "add", case, "--meeting", str(held[-1]["id"]), "--lead", person]
    add += ["--due", "2026-12-20", *tail, "Ring the adult to check the new card arrived"]
    record = [*base, "meeting", "record", case, str(planned[0]["id"]), "--held-on", AS_OF]
    record += ["--attendee", person, "--wishes", "To stay at home", "--wishes-obtained-by"]
    record += ["A visit", "--others-reviewed", "--adults", "none identified", "--children"]
    record += ["none identified", "--decision", "Continue the enquiry", "--review"]
    record += ["2027-01-10", "--feedback-how", "A visit", "--feedback-by", person]
    record += ["--feedback-due", "2026-12-05", *tail]
    update = [*base, "case", "update", case, "--engagement", engagement, *tail]
    return {
        f"{label}: action add": Run(add, book, restore),
        f"{label}: meeting record": Run(record, book, restore),
        f"{label}: case update": Run(update, book, restore),
    }


def merges(root: Path, files: int, baseline: Path | None) -> dict[str, Run]:
    """git merge with safecli's driver and with git merge-file, undone after each."""
    changed = make_repo(root, files)
    ours = git(root, "config", "merge.safecli.driver").strip()
    other = f"{baseline / 'python'} -m safecli merge-file %O %A %B %P" if baseline else None
    start = git(root, "rev-parse", "HEAD").strip()

    def undo_then(driver: str) -> Callable[[], None]:
        def setup() -> None:
            if git(root, "rev-parse", "HEAD").strip() != start:
                git(root, "reset", "-q", "--hard", start)
            git(root, "config", "merge.safecli.driver", driver)

        return setup

    argv = ["git", "merge", "-q", "--no-edit", "theirs"]
    found = {"merge driver, safecli (a file)": Run(argv, root, undo_then(ours), changed)}
    if other is not None:
        found[f"merge driver, safecli (a file){BASELINE}"] = Run(
            argv, root, undo_then(other), changed
        )
    found["merge driver, git merge-file (a file)"] = Run(argv, root, undo_then(GIT_DRIVER), changed)
    return found


def paired(*groups: dict[str, Run]) -> dict[str, Run]:
    """The runs of the groups one after the other, each name's twins side by side."""
    merged: dict[str, Run] = {}
    for runs in zip(*(group.items() for group in groups), strict=True):
        merged |= dict(runs)
    return merged


def row(name: str, figures: tuple[float, float, float], floor: tuple[float, float, float]) -> str:
    return f"{name:44}" + "".join(
        f"{value * 1000:8.0f} {value / base:6.1f}x"
        for value, base in zip(figures, floor, strict=True)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--no-merge", action="store_true")
    parser.add_argument("--no-writes", action="store_true")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="the bin folder of another install of safecli (e.g. an earlier commit's "
        "virtual environment): its figures are measured in the same run, beside these",
    )
    args = parser.parse_args()
    compile_package()
    if args.baseline is not None:
        python = str(args.baseline / "python")
        subprocess.run([python, "-c", COMPILE], check=True)
    os.environ.update(_env())  # git merge commits
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    work = Path(tempfile.mkdtemp(prefix="safecli-write-bench-"))
    try:
        bundled = work / "bundled"
        shutil.copytree(REPO / "cases", bundled / "cases")
        shutil.copy(REPO / "safecli.yaml", bundled)
        generated = work / "generated"
        generate(generated, args.cases, 1)
        commands = {"python -c pass": Run([sys.executable, "-c", "pass"], work)}
        if not args.no_writes:
            for book, label in ((bundled, "bundled"), (generated, f"{args.cases} cases")):
                runs = [writes(book, label)]
                if args.baseline is not None:
                    other = str(args.baseline / "safecli")
                    twins = writes(book, label, other)
                    runs.append({f"{name}{BASELINE}": run for name, run in twins.items()})
                commands |= paired(*runs)
        if not args.no_merge:
            commands |= merges(work / "merge", args.files, args.baseline)
        got = medians(args.runs, commands)
        floor = got["python -c pass"]
        print(f"{args.runs} runs each; ratios to python -c pass")
        heads = ("median wall", "median CPU", "least CPU")
        print(f"{'':44}" + "".join(f"{head + ' ms':>16}" for head in heads))
        for name, figures in got.items():
            print(row(name, figures, floor))
        print("\ncounts of one run (a file for the merge driver)")
        print(f"{'':44}{'modules':>8}{'subprocs':>9}{'rules':>7}{'parses':>7}{'dumps':>7}")
        for name, run in commands.items():
            modules, started = counts(run, work)
            text = f"{name:44}{modules:8.0f}{started:9.1f}"
            if Path(run.argv[0]).name == "safecli":
                found = profile_counts(run, work)
                text += "".join(f"{n:7}" for n in found.values())
            print(text)
        for name, (_, cpu, _) in got.items():
            goal = WRITE_GOAL_MS if ": " in name else MERGE_GOAL_MS if "safecli" in name else 0
            if goal and not name.endswith(BASELINE):
                verdict = "meets" if cpu * 1000 <= goal else "misses"
                print(f"{name}: goal <= {goal:.0f} ms (CPU): {verdict}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
