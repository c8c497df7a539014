"""Seeded mutation fuzzing of case files through every reader and a few commands.

Shared by tests/store/test_fuzz.py (a few hundred inputs) and bench/fuzz.py
(10,000 and more). Counts what the store promises never happens: an uncaught
exception, a refusal of a case file that names no line, and a file changed by a
read-only or a refused command.
"""

from __future__ import annotations

import random
import re
import shutil
from collections import Counter
from pathlib import Path

from typer.testing import CliRunner

from safecli.cli.main import app
from safecli.errors import FileFormatError
from safecli.store import fastload, roundtrip, scan

KINDS = {"adult": dict, "agencies": list, "meetings": list, "actions": list}
ODD = [
    "\x0b",
    "\x1b[2J",
    "\x7f",
    "\x0c",
    "\x85",
    "\x9b",
    "\ufffe",
    "\u2028",
    "\r",
    "\t",
    "\x00",
    "\xa0",
    "- asc\n",
    "people: .inf\n",
    "9" * 5000,
    "9999-12-31",
    "2026-02-30",
    ": x",
    "&a ",
    "*a ",
    "!!python/object ",
    "[",
    "{",
    "'",
    '"',
    '"\\e[2J"',
    "#",
    "\n  - x\n",
    "<<<<<<< HEAD\n",
    "---\n",
    "? ",
    "\ud800",
    "é",
    "null",
    "~",
    "-1",
    "1e999",
]
WHERE = re.compile(r"\.yaml:\d+:\d+")
COMMANDS = (
    ("read", ["case", "show", "{case}"]),
    ("read", ["validate", "{case}"]),
    ("read", ["overdue", "--as-of", "2026-12-01"]),
    ("read", ["meeting", "list", "{case}"]),
    (
        "write",
        [
            "action",
            "add",
            "{case}",
            "--meeting",
            "M1",
            "--lead",
            "asc:Helen Forsyth",
            "--due",
            "2026-12-20",
            "Visit",
        ],
    ),
)


def mutate(text: str, rng: random.Random, edits: list[str] | None = None) -> str:
    """One to three random edits: insert odd text, delete, duplicate, cut short, re-indent.

    Each edit is described in `edits` when a list is given (for bench/fuzz.py --show)."""
    log = edits if edits is not None else []
    for _ in range(rng.randint(1, 3)):
        at = rng.randint(0, len(text))
        choice = rng.random()
        if choice < 0.45:
            odd = rng.choice(ODD)
            text = text[:at] + odd + text[at:]
            log.append(f"insert {odd[:20]!r} at {at}")
        elif choice < 0.6:
            cut = rng.randint(1, 40)
            text = text[:at] + text[at + cut :]
            log.append(f"delete {cut} at {at}")
        elif choice < 0.7:
            text = text[:at]
            log.append(f"cut short at {at}")
        elif choice < 0.85:
            lines = text.split("\n")
            n = rng.randrange(len(lines))
            copied = rng.randrange(len(lines))
            lines.insert(n, lines[copied])
            text = "\n".join(lines)
            log.append(f"copy line {copied + 1} before line {n + 1}")
        else:
            lines = text.split("\n")
            n = rng.randrange(len(lines))
            spaces = rng.randint(0, 5)
            lines[n] = " " * spaces + lines[n].lstrip()
            text = "\n".join(lines)
            log.append(f"indent line {n + 1} by {spaces}")
    return text


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted((root / "cases").rglob("*"))
        if p.is_file() and p.name != ".safecli.lock"
    }


def _reader_outcomes(
    path: Path, text: str, expect: type, counts: Counter[str], offending: list[str]
) -> None:
    for name, load in (
        ("roundtrip", roundtrip.parse),
        ("scan", scan.load_text),
        ("fastload", fastload.load_text),
    ):
        try:
            load(path, text, expect)
        except FileFormatError as exc:
            counts["reader refusals"] += 1
            if exc.line is None and text.strip():
                counts[f"reader refusals without a line ({name})"] += 1
                offending.append(f"{name}: {exc}")
        except Exception as exc:  # noqa: BLE001 - counting exactly these is the point
            counts[f"uncaught exceptions ({name})"] += 1
            offending.append(f"{name}: {type(exc).__name__}: {exc}")


def run(
    source: Path,
    work: Path,
    inputs: int,
    seed: int,
    commands_every: int = 1,
    shown: list[str] | None = None,
) -> Counter[str]:
    """Fuzz `inputs` mutated files of the book at source (copied to work); the counters.

    When `shown` is a list, each offending input (an uncaught exception, a refusal
    without a line, a file changed) is described in it: its edits, the reader or
    command, and the message."""
    rng = random.Random(seed)
    counts: Counter[str] = Counter()
    runner = CliRunner()
    cases = sorted(p.name for p in (source / "cases").iterdir() if p.is_dir())
    for number in range(inputs):
        case = rng.choice(cases)
        kind = rng.choice(sorted(KINDS))
        original = (source / "cases" / case / f"{kind}.yaml").read_text(encoding="utf-8")
        edits: list[str] = []
        text = mutate(original, rng, edits)
        counts["inputs"] += 1
        offending: list[str] = []
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            data = text.encode("utf-8", "surrogatepass")
        _reader_outcomes(
            Path(f"cases/{case}/{kind}.yaml"),
            data.decode("utf-8", "replace"),
            KINDS[kind],
            counts,
            offending,
        )
        if number % commands_every == 0:
            _commands(source, work, case, kind, data, counts, runner, offending)
        if shown is not None and offending:
            head = f"input {number}: cases/{case}/{kind}.yaml; " + "; ".join(edits)
            shown.append("\n    ".join([head, *offending]))
    return counts


def _commands(
    source: Path,
    work: Path,
    case: str,
    kind: str,
    data: bytes,
    counts: Counter[str],
    runner: CliRunner,
    offending: list[str],
) -> None:
    """Run the COMMANDS over a copy of the book whose one file holds `data`."""
    book = work / "book"
    if book.exists():
        shutil.rmtree(book)
    shutil.copytree(source, book)
    (book / "cases" / case / f"{kind}.yaml").write_bytes(data)
    for mode, template in COMMANDS:
        args = [part.format(case=case) for part in template]
        before = snapshot(book)
        result = runner.invoke(app, ["--book", str(book), *args])
        counts["command runs"] += 1
        said = " ".join(args) + ": "
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            counts["uncaught exceptions (commands)"] += 1
            counts[f"uncaught: {type(result.exception).__name__} in {args[0]}"] += 1
            offending.append(said + repr(result.exception))
        output = result.output
        if result.exit_code == 3 and ".yaml" in output and not WHERE.search(output):
            counts["refusals without a line (commands)"] += 1
            offending.append(said + output.strip())
        changed = snapshot(book) != before
        if changed and (mode == "read" or result.exit_code != 0):
            counts["files changed by a read-only or refused command"] += 1
            offending.append(said + f"changed files (exit {result.exit_code})")
            shutil.rmtree(book)
            shutil.copytree(source, book)
            (book / "cases" / case / f"{kind}.yaml").write_bytes(data)
        elif changed:
            (book / "cases" / case / f"{kind}.yaml").write_bytes(data)


def failures(counts: Counter[str]) -> dict[str, int]:
    """The counters that must be zero."""
    return {
        key: value
        for key, value in counts.items()
        if key.startswith(
            ("uncaught", "refusals without", "reader refusals without", "files changed")
        )
        and value
    }
