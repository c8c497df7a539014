"""Start-up and listing figures of the whole installed `safecli` command, as ratios.

    python bench/startup_bench.py [--runs 7] [--cases 1000] [--all-help] [--no-lists]
                                  [--against OTHER/src]

Each figure is the median of --runs whole processes, each timed twice: wall clock
and CPU (user + system of the child, which a shared machine's load disturbs far
less). The runs of the figures compared are interleaved (one of each in turn), so
that all feel the same load, and each is printed as a ratio to `python -c pass`,
the floor of any Python command. Printed against the goals of issue 17:

- `safecli --version` <= 60 ms; `safecli --help` and a command's --help <= 120 ms
  (the root, every group, and a sample of commands; every command with --all-help);
- a writing command on one case <= 150 ms: `action add`, `action done`,
  `meeting record` and `case update` on a small generated book (3 cases),
  restored before each run, with no cache (`.safecli/` removed) and no commit;
- `action list` and `case list` on a book of --cases cases against the warm digest
  (`overdue`, cache in place), goal <= 1.5x, and the table view against the JSON view,
  goal <= 1.2x (left out with --no-lists).

With --against, the start-up figures are also taken for another version's source
folder (e.g. main's, from `git archive main src | tar -x -C /tmp/before`), run by the
same Python with that folder first on PYTHONPATH, interleaved with the installed one,
and each is printed with its ratio to it: before and after in one run.

The package's bytecode is written first, as installing it does (bench/bytecode.py),
for --against's folder too. The load average is printed before and after: on a busy
machine, read the ratios, not the milliseconds.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bytecode import compile_package
from generate import generate

SAFECLI = str(Path(sys.executable).with_name("safecli"))
HELPS = [
    [],
    ["case"],
    ["agency"],
    ["meeting"],
    ["action"],
    ["render"],
    ["stats"],
    ["git"],
    ["ci"],
    ["case", "new"],
    ["case", "update"],
    ["meeting", "new"],
    ["meeting", "record"],
    ["action", "list"],
    ["validate"],
    ["overdue"],
    ["render", "minutes"],
    ["merge-file"],
    ["report"],
    ["stats", "sac"],
]
AS_OF = "2026-12-01"


@dataclass(frozen=True)
class Run:
    """One command to time: its arguments, what PYTHONPATH it runs with, and what to do
    (untimed) before each run."""

    argv: list[str]
    pythonpath: str | None = None
    setup: Callable[[], None] | None = None


@dataclass(frozen=True)
class Timing:
    """Medians of one command's runs, in seconds."""

    wall: float
    cpu: float


def timed(run: Run) -> tuple[float, float]:
    """Wall and CPU seconds of one whole process."""
    if run.setup is not None:
        run.setup()
    env = dict(os.environ)
    if run.pythonpath is not None:
        env["PYTHONPATH"] = run.pythonpath
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        run.argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(run.argv)} failed:\n{done.stderr.decode()}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def medians(runs: int, commands: dict[str, Run]) -> dict[str, Timing]:
    """The median wall and CPU seconds of each command, run in turn `runs` times."""
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, run in commands.items():
            wall, cpu = timed(run)
            walls[name].append(wall)
            cpus[name].append(cpu)
    return {
        name: Timing(statistics.median(walls[name]), statistics.median(cpus[name]))
        for name in commands
    }


def every_help() -> list[list[str]]:
    """Every command's path, from the root group (its commands built only for this)."""
    import typer

    from safecli.cli.main import app

    root = typer.main.get_command(app)
    found: list[list[str]] = [[]]

    def walk(group: object, prefix: list[str]) -> None:
        context = typer.Context(group)  # type: ignore[arg-type]
        for name in group.list_commands(context):  # type: ignore[attr-defined]
            command = group.get_command(context, name)  # type: ignore[attr-defined]
            found.append([*prefix, name])
            if hasattr(command, "list_commands"):
                walk(command, [*prefix, name])

    walk(root, [])
    return found


def line(label: str, got: Timing, floor: Timing, goal_ms: float | None = None) -> str:
    text = f"{label:52}{got.wall * 1000:7.0f} ms {got.cpu * 1000:7.0f} ms cpu"
    text += f" {got.wall / floor.wall:6.1f}x {got.cpu / floor.cpu:6.1f}x"
    if goal_ms is not None:
        verdict = "meets" if got.cpu * 1000 <= goal_ms else "misses"
        text += f"  <= {goal_ms:.0f} ms: {verdict}"
    return text


def blocks(path: Path, opening: str) -> list[str]:
    """The list items of a generated YAML file, each as text from its first key."""
    return path.read_text(encoding="utf-8").split(f"\n- {opening}")[1:]


def writes(book: Path) -> dict[str, list[str]]:
    """A few writing commands on one case of the generated book, each a real change."""
    for case in sorted((book / "cases").iterdir()):
        opened = [b for b in blocks(case / "actions.yaml", "id: ") if "status: open" in b]
        planned = [b for b in blocks(case / "meetings.yaml", "id: ") if "status: planned" in b]
        if opened and planned:
            break
    else:
        raise SystemExit("no case with an open action and a planned meeting")
    action, meeting = opened[0].split("\n", 1)[0], planned[0].split("\n", 1)[0]
    held = opened[0].split("meeting: ", 1)[1].split("\n", 1)[0]
    risk = "low" if "risk_level: low" not in (case / "adult.yaml").read_text() else "high"
    agency, name = opened[0].split("lead: {agency: ", 1)[1].split("}", 1)[0].split(", name: ")
    lead = f"{agency}:{name}"
    base = ["--book", str(book)]
    tail = ["--as-of", AS_OF, "--no-commit"]
    return {
        "action add": [*base, "action", "add", case.name, "Visit the adult at home"]
        + ["--meeting", held, "--lead", lead, "--due", "2026-12-20", *tail],
        "action done": [*base, "action", "done", case.name, action] + ["--on", AS_OF, *tail],
        "meeting record": [*base, "meeting", "record", case.name, meeting]
        + ["--held-on", "2026-11-30", "--attendee", lead, "--decision", "Carry on"]
        + ["--review", "2026-12-20", "--others-reviewed", "--adults", "none"]
        + ["--children", "none", *tail],
        "case update": [*base, "case", "update", case.name, "--risk", risk, *tail],
    }


def startup(args: argparse.Namespace, work: Path) -> None:
    """Start-up, help and one-case writes, and with --against the same for the other
    version, interleaved."""
    pristine = work / "one"
    generate(pristine, 3, 1)
    versions = {"": None} if args.against is None else {"": None, " [against]": args.against}
    runs: dict[str, Run] = {"python -c pass": Run([sys.executable, "-c", "pass"])}
    goals: dict[str, float] = {}
    for suffix, pythonpath in versions.items():
        launch = [sys.executable, SAFECLI]
        runs["safecli --version" + suffix] = Run([*launch, "--version"], pythonpath)
        goals["safecli --version" + suffix] = 60
        for path in every_help() if args.all_help else HELPS:
            name = " ".join(["safecli", *path, "--help"]) + suffix
            runs[name] = Run([*launch, *path, "--help"], pythonpath)
            goals[name] = 120
        book = work / f"book{len(runs)}"

        def restore(book: Path = book) -> None:
            shutil.rmtree(book, ignore_errors=True)
            shutil.copytree(pristine, book)

        restore()
        for name, argv in writes(book).items():
            runs[f"safecli {name} (one case){suffix}"] = Run([*launch, *argv], pythonpath, restore)
            goals[f"safecli {name} (one case){suffix}"] = 150
    got = medians(args.runs, runs)
    floor = got.pop("python -c pass")
    print(f"\nmedians of {args.runs}; wall, CPU, and each as a ratio to python -c pass;")
    print("goals judged on CPU time (on a quiet machine the two are the same)")
    print(f"{'python -c pass':52}{floor.wall * 1000:7.0f} ms {floor.cpu * 1000:7.0f} ms cpu")
    for name, timing in got.items():
        if not name.endswith(" [against]"):
            print(line(name, timing, floor, goals[name]))
    mine = {name: timing for name, timing in got.items() if not name.endswith(" [against]")}
    helps = {name: timing for name, timing in mine.items() if name.endswith("--help")}
    print(line("slowest --help", max(helps.values(), key=lambda t: t.cpu), floor, 120))
    if args.against is None:
        return
    print(f"\nagainst {args.against} (the same commands run from that source), medians:")
    print(f"{'':52}{'against':>10} {'installed':>10}   installed / against (CPU)")
    for name, timing in mine.items():
        other = got[name + " [against]"]
        print(
            f"{name:52}{other.cpu * 1000:7.0f} ms {timing.cpu * 1000:7.0f} ms  "
            f"{timing.cpu / other.cpu:6.2f}x   ({other.cpu / floor.cpu:.1f}x -> "
            f"{timing.cpu / floor.cpu:.1f}x python)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--all-help", action="store_true")
    parser.add_argument("--no-lists", action="store_true", help="Leave out the list views.")
    parser.add_argument("--against", help="Another version's src folder to time alongside.")
    args = parser.parse_args()
    compile_package()
    if args.against is not None:
        args.against = str(Path(args.against).resolve())
        compileall.compile_dir(Path(args.against) / "safecli", quiet=1)
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    work = Path(tempfile.mkdtemp(prefix="safecli-startup-bench-"))
    try:
        startup(args, work)
        if not args.no_lists:
            lists(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"load average after: {os.getloadavg()[0]:.1f}")


def lists(args: argparse.Namespace, work: Path) -> None:
    """The list views against the warm digest, and their tables against their JSON."""
    big = work / "big"
    generate(big, args.cases, 1)
    time.sleep(2.2)  # past the caches' racy window, as a real book's files are
    base = [SAFECLI, "--book", str(big)]
    commands = {
        "overdue (warm digest)": [*base, "overdue", "--as-of", AS_OF, "-f", "json"],
        "case list": [*base, "case", "list"],
        "case list --format json": [*base, "case", "list", "-f", "json"],
        "action list": [*base, "action", "list"],
        "action list --format json": [*base, "action", "list", "-f", "json"],
    }
    for cmd in commands.values():  # fill the caches
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False)
    got = {
        name: t.wall
        for name, t in medians(args.runs, {k: Run(v) for k, v in commands.items()}).items()
    }
    warm = got["overdue (warm digest)"]
    print(f"\n{args.cases} cases (bench/generate.py --seed 1), medians of {args.runs}:")
    for name, seconds in got.items():
        print(f"{name:44}{seconds:8.2f} s")
    for name in ("case list", "action list"):
        ratio = got[name] / warm
        verdict = "meets" if ratio <= 1.5 else "misses"
        print(f"{name} / warm digest: {ratio:5.2f}x  goal <= 1.5x: {verdict}")
        ratio = got[name] / got[f"{name} --format json"]
        verdict = "meets" if ratio <= 1.2 else "misses"
        print(f"{name} table / JSON:  {ratio:5.2f}x  goal <= 1.2x: {verdict}")


if __name__ == "__main__":
    main()
