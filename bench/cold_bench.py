"""The cold paths and memory of issue 17, as ratios: digest against taskwarrior, validate, memory.

    python bench/cold_bench.py [--runs 5] [--sizes 1675,10000] [--memory-cases 30000]
                               [--validate-cases 10000] [--no-validate] [--no-memory]
                               [--dir DIR] [--against OTHER/src]

Books come from bench/generate.py (seed 1; 1,675 cases hold 10,003 actions and
10,000 cases 60,389), made once in the temp folder and reused. Every figure is the
median of --runs whole processes, and the runs of compared figures are interleaved
(one of each in turn) so both feel the same load. Printed against the goals:

- `safecli overdue` cold (digest cache removed) <= 3x `task overdue` on the same
  actions, and warm (cache in place) <= 1.0x; taskwarrior gets one task per action
  (open: pending with its due date; done: completed; cancelled: deleted) in its own
  TASKDATA folder. Without taskwarrior installed the safecli figures are printed alone;
- `safecli validate --no-cache` of 10,000 cases (--validate-cases) <= 8 s, with `--jobs 2`
  against `--jobs 1` (two jobs should be faster), and the default (which chooses);
- memory: the peak resident size of a warm `validate` (cache in place) of
  --memory-cases cases < 150 MiB.

The digest figures are wall and CPU (user+sys of the process and any it waited for:
a cold digest of a big book reads in two) medians. With --against, the digest and validate figures
are also taken for another version's source folder (e.g. main's, from `git archive main
src | tar -x -C /tmp/before`), run by the same Python with that folder first on
PYTHONPATH, on its own copy of each book (`<book>-against`: the two versions' caches
would otherwise replace each other's), interleaved with the installed one: before and
after in one run, with the ratio of each.

The load average is printed before and after: on a busy machine read the ratios.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import book_at

from safecli.store import fastload

SAFECLI = str(Path(sys.executable).with_name("safecli"))
AS_OF = "2026-12-01"
TASK = shutil.which("task")
STATUS = {"open": "pending", "done": "completed", "cancelled": "deleted"}


# Linux counts a child's size before its exec in its peak: started from this (large)
# process, every child would seem as large. A small Python process starts it instead.
PEAK_SCRIPT = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(os.wait4(child.pid, 0)[2].ru_maxrss)
"""


def peak_mib(cmd: list[str]) -> float:
    """The peak resident size of one whole process, in MiB."""
    done = subprocess.run(
        [sys.executable, "-S", "-c", PEAK_SCRIPT, *cmd], capture_output=True, text=True, check=True
    )
    return int(done.stdout) / 1024


def interleaved(runs: int, figures: dict[str, Callable[[], float]]) -> dict[str, float]:
    """The median of each figure, its runs taken in turn with the others'."""
    times: dict[str, list[float]] = {name: [] for name in figures}
    for _ in range(runs):
        for name, figure in figures.items():
            times[name].append(figure())
    return {name: statistics.median(values) for name, values in times.items()}


def actions_of(book: Path) -> list[dict[str, object]]:
    """Every action of the book as plain data, with its case id."""
    found = []
    for folder in sorted((book / "cases").iterdir()):
        for action in fastload.load(folder / "actions.yaml", list) or []:
            found.append({**action, "case": folder.name})
    return found


def task_folder(book: Path, actions: list[dict[str, object]]) -> dict[str, str]:
    """A TASKDATA folder holding one task per action (made once), and the env to use it."""
    data = book.parent / f"{book.name}-taskdata"
    rc = data / "taskrc"
    env = {"TASKDATA": str(data), "TASKRC": str(rc)}
    if not (data / "complete").exists():
        shutil.rmtree(data, ignore_errors=True)
        data.mkdir(parents=True)
        rc.write_text(f"data.location={data}\nconfirmation=off\nverbose=nothing\n")
        tasks = [
            {
                "description": f"{a['case']} {a['id']}: {a.get('description') or ''}".split("\n")[
                    0
                ],
                "status": STATUS.get(str(a.get("status")), "pending"),
                **({"due": f"{a['due']}T00:00:00Z"} if a.get("due") else {}),
                "entry": "2026-01-01T00:00:00Z",
                **({"end": "2026-11-01T00:00:00Z"} if a.get("status") != "open" else {}),
            }
            for a in actions
        ]
        feed = data / "import.json"
        feed.write_text(json.dumps(tasks))
        subprocess.run(
            [TASK or "task", "import", str(feed)],
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            check=True,
        )
        (data / "complete").write_text("ok\n")
    return env


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def timed_cpu(
    cmd: list[str], setup: Callable[[], None] | None = None, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """Wall and CPU seconds (user+sys, with the children it waited for) of one process."""
    if setup is not None:
        setup()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        cmd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
        env={**os.environ, **env} if env else None,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def against_copy(book: Path) -> Path:
    """The book's copy for --against (made once, without the digest cache)."""
    copy = book.parent / f"{book.name}-against"
    if not copy.exists():
        part = copy.with_name(copy.name + ".part")
        shutil.rmtree(part, ignore_errors=True)
        shutil.copytree(book, part, ignore=shutil.ignore_patterns(".safecli"), symlinks=True)
        part.rename(copy)
        time.sleep(2.2)  # past the cache's racy window, as the book itself is
    return copy


def digest_figures(book: Path, runs: int, against: str | None = None) -> None:
    actions = actions_of(book)
    books = {"": book, " [against]": against_copy(book)} if against else {"": book}
    figures: dict[str, Callable[[], tuple[float, float]]] = {}
    for tag, root in books.items():
        cache = root / ".safecli" / "digest.cache"
        overdue = [SAFECLI, "--book", str(root), "overdue", "--as-of", AS_OF]
        env = {"PYTHONPATH": against} if tag and against else {}
        figures[f"cold digest{tag}"] = partial(
            timed_cpu, overdue, partial(cache.unlink, missing_ok=True), env
        )
        figures[f"warm digest{tag}"] = partial(timed_cpu, overdue, None, env)
        timed_cpu(overdue, None, env)  # a cache in place for the first warm run
    if TASK:
        task_env = task_folder(book, actions)
        figures["task overdue"] = partial(timed_cpu, [TASK, "overdue"], None, task_env)
    found = interleaved_pairs(runs, figures)
    cases = len(list((book / "cases").iterdir()))
    print(f"\n{cases:,} cases, {len(actions):,} actions; median of {runs} (wall, CPU):")
    for name, (wall, cpu) in found.items():
        print(f"  {name:>24}: {wall:7.3f} s {cpu:7.3f} s")
    if not TASK:
        print("  taskwarrior is not installed (apt-get install taskwarrior): no ratios")
    for tag in books if TASK else ():
        for name, goal in (("cold digest", 3.0), ("warm digest", 1.0)):
            ratio = found[name + tag][0] / found["task overdue"][0]
            verdict = "meets" if ratio <= goal else "misses"
            print(f"  {name}{tag} / task overdue: {ratio:5.2f}x (goal <= {goal}x: {verdict})")
    if against:
        for name in ("cold digest", "warm digest"):
            (wall, cpu), (before_wall, before_cpu) = found[name], found[name + " [against]"]
            print(
                f"  {name}: installed / against {wall / before_wall:5.2f} wall, "
                f"{cpu / before_cpu:5.2f} CPU"
            )


def interleaved_pairs(
    runs: int, figures: dict[str, Callable[[], tuple[float, float]]]
) -> dict[str, tuple[float, float]]:
    """The median wall and CPU of each figure, its runs taken in turn with the others'."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in figures}
    for _ in range(runs):
        for name, figure in figures.items():
            times[name].append(figure())
    return {
        name: (statistics.median(w for w, _ in got), statistics.median(c for _, c in got))
        for name, got in times.items()
    }


def validate_figures(book: Path, runs: int, against: str | None = None) -> None:
    base = [SAFECLI, "--book", str(book), "validate", "--as-of", AS_OF, "--no-cache"]
    figures: dict[str, Callable[[], tuple[float, float]]] = {}
    # --no-cache writes nothing: both versions can read the same book.
    for tag, env in (("", {}), (" [against]", {"PYTHONPATH": against or ""})):
        if tag and not against:
            continue
        figures[f"1 job{tag}"] = partial(timed_cpu, [*base, "--jobs", "1"], None, env)
        figures[f"2 jobs{tag}"] = partial(timed_cpu, [*base, "--jobs", "2"], None, env)
        figures[f"default{tag}"] = partial(timed_cpu, base, None, env)
    found = interleaved_pairs(runs, figures)
    book_cases = len(list((book / "cases").iterdir()))
    print(f"\nvalidate, cold (--no-cache), {book.name}; median of {runs} (wall, CPU):")
    for name, (wall, cpu) in found.items():
        goal = 8 * book_cases / 10_000  # issue 17's 8 s for 10,000 cases, pro rata
        verdict = "meets" if wall <= goal else "misses"
        print(f"  {name:>18}: {wall:7.2f} s {cpu:7.2f} s (goal <= {goal:.3g} s: {verdict})")
    for tag in ("", " [against]") if against else ("",):
        two, one = found[f"2 jobs{tag}"], found[f"1 job{tag}"]
        print(
            f"  2 jobs / 1 job{tag}: {two[0] / one[0]:.2f} wall (goal < 1), "
            f"{two[1] / one[1]:.2f} CPU"
        )
    if against:
        for name in ("1 job", "2 jobs", "default"):
            (wall, cpu), (before_wall, before_cpu) = found[name], found[name + " [against]"]
            print(
                f"  {name}: installed / against {wall / before_wall:5.2f} wall, "
                f"{cpu / before_cpu:5.2f} CPU"
            )


def memory_figure(book: Path) -> None:
    cmd = [SAFECLI, "--book", str(book), "validate", "--as-of", AS_OF]
    timed_cpu(cmd)  # fill the cache (and let it be trusted)
    time.sleep(2.2)
    timed_cpu(cmd)
    peak = statistics.median(peak_mib(cmd) for _ in range(3))
    cases = len(list((book / "cases").iterdir()))
    verdict = "meets" if peak < 150 else "misses"
    print(f"\nvalidate, warm, {cases:,} cases: peak {peak:.0f} MiB (goal < 150 MiB: {verdict})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1675,10000", help="book sizes for the digest")
    parser.add_argument("--memory-cases", type=int, default=30_000)
    parser.add_argument(
        "--validate-cases", type=int, default=10_000, help="book size for the validate figures"
    )
    parser.add_argument("--no-validate", action="store_true")
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument(
        "--dir", type=Path, default=None, help="where the books are made (default: temp)"
    )
    parser.add_argument("--against", help="another version's src folder to time alongside")
    args = parser.parse_args(argv)
    if args.against is not None:
        args.against = str(Path(args.against).resolve())
        compileall.compile_dir(Path(args.against) / "safecli", quiet=1)

    def book(cases: int) -> Path:
        return book_at(args.dir / f"safecli-bench-{cases}-1" if args.dir else None, cases, 1)

    print(f"{os.cpu_count()} CPUs; {load()}; taskwarrior: {TASK or 'not installed'}")
    sizes = [int(size) for size in args.sizes.split(",") if size]
    for size in sizes:
        digest_figures(book(size), args.runs, args.against)
    if not args.no_validate:
        validate_figures(book(args.validate_cases), max(1, args.runs // 2), args.against)
    if not args.no_memory:
        memory_figure(book(args.memory_cases))
    print(f"\n{load()}; books in {args.dir or tempfile.gettempdir()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
