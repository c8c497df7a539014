"""Start-up and listing figures of the whole installed `safecli` command, as ratios.

    python bench/startup_bench.py [--runs 7] [--cases 1000] [--all-help]

Each figure is the median of --runs whole processes; the runs of the figures
compared are interleaved (one of each in turn), so that both feel the same load.
Printed against the goals of issue 17:

- `safecli --version` <= 60 ms; `safecli --help` and a command's --help <= 120 ms
  (each top-level command and one verb of each group; every command with --all-help);
- a writing command on one case (`action done`, its file restored between runs) <= 150 ms;
- `action list` and `case list` on a book of --cases cases against the warm digest
  (`overdue`, cache in place), goal <= 1.5x, and the table view against the JSON view,
  goal <= 1.2x.

`python -c pass` is printed as the floor of any Python command. The package's
bytecode is written first, as installing it does (bench/bytecode.py). The load
average is printed before and after: on a busy machine, read the ratios, not the
milliseconds.
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
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bytecode import compile_package
from generate import generate

SAFECLI = str(Path(sys.executable).with_name("safecli"))
HELPS = [
    [],
    ["case"],
    ["meeting"],
    ["action"],
    ["case", "new"],
    ["meeting", "new"],
    ["meeting", "record"],
    ["action", "list"],
    ["validate"],
    ["overdue"],
    ["render", "minutes"],
    ["merge-file"],
    ["report"],
    ["stats"],
]


def timed(cmd: list[str], setup: Callable[[], None] | None = None) -> float:
    if setup is not None:
        setup()
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def medians(
    runs: int, commands: dict[str, list[str]], setups: dict[str, Callable[[], None]] | None = None
) -> dict[str, float]:
    """The median seconds of each command, run in turn `runs` times."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            times[name].append(timed(cmd, (setups or {}).get(name)))
    return {name: statistics.median(values) for name, values in times.items()}


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


def line(label: str, seconds: float, goal_ms: float | None = None, floor: float = 0.0) -> str:
    ms = seconds * 1000
    text = f"{label:44}{ms:8.0f} ms"
    if floor:
        text += f"  {seconds / floor:5.1f}x python"
    if goal_ms is not None:
        text += f"  goal <= {goal_ms:.0f} ms: {'meets' if ms <= goal_ms else 'misses'}"
    return text


def open_action(book: Path) -> tuple[str, str]:
    """A case and one of its open actions in the generated book."""
    for folder in sorted((book / "cases").iterdir()):
        text = (folder / "actions.yaml").read_text()
        for block in text.split("\n- ")[1:] if text.startswith("#") else text.split("\n- "):
            if "status: open" in block:
                return folder.name, block.split("id: ", 1)[1].split("\n", 1)[0]
    raise SystemExit("no open action in the generated book")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--all-help", action="store_true")
    args = parser.parse_args()
    compile_package()
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    work = Path(tempfile.mkdtemp(prefix="safecli-startup-bench-"))
    try:
        small = work / "one"
        generate(small, 3, 1)
        case_id, action_id = open_action(small)
        actions = small / "cases" / case_id / "actions.yaml"
        original = actions.read_bytes()

        def restore() -> None:
            actions.write_bytes(original)
            (small / ".safecli").exists() and shutil.rmtree(small / ".safecli")

        write = [SAFECLI, "--book", str(small), "action", "done", case_id, action_id]
        write += ["--on", "2026-12-01", "--no-commit"]
        startup = {"python -c pass": [sys.executable, "-c", "pass"]}
        startup["safecli --version"] = [SAFECLI, "--version"]
        for path in every_help() if args.all_help else HELPS:
            startup[" ".join(["safecli", *path, "--help"])] = [SAFECLI, *path, "--help"]
        startup[f"safecli action done (one case, {len(original)} B)"] = write
        got = medians(args.runs, startup, {startup_key(startup): restore})
        floor = got.pop("python -c pass")
        print(line("python -c pass", floor))
        helps = {k: v for k, v in got.items() if k.endswith("--help")}
        print(line("safecli --version", got["safecli --version"], 60, floor))
        for name, seconds in helps.items():
            print(line(name, seconds, 120, floor))
        print(line("slowest --help", max(helps.values()), 120, floor))
        print(line(startup_key(startup), got[startup_key(startup)], 150, floor))

        big = work / "big"
        generate(big, args.cases, 1)
        time.sleep(2.2)  # past the caches' racy window, as a real book's files are
        base = [SAFECLI, "--book", str(big)]
        lists = {
            "overdue (warm digest)": [*base, "overdue", "--as-of", "2026-12-01", "-f", "json"],
            "case list": [*base, "case", "list"],
            "case list --format json": [*base, "case", "list", "-f", "json"],
            "action list": [*base, "action", "list"],
            "action list --format json": [*base, "action", "list", "-f", "json"],
        }
        for cmd in lists.values():  # fill the caches
            subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False)
        got = medians(args.runs, lists)
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
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"load average after: {os.getloadavg()[0]:.1f}")


def startup_key(commands: dict[str, list[str]]) -> str:
    return next(name for name in commands if name.startswith("safecli action done"))


if __name__ == "__main__":
    main()
