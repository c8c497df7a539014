"""Completion of values, through Click's completion protocol as a shell drives it
(`_SAFECLI_COMPLETE=complete_bash`, `COMP_WORDS`, `COMP_CWORD`: Typer's spelling)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from safecli.cli.complete import BY_NAME
from safecli.cli.main import app
from safecli.validation.rules import RULES


def complete(book: Path | None, line: str) -> list[str]:
    """What bash would offer for the last word of line (empty after a trailing space)."""
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    prefix = f"safecli --book {book} " if book else "safecli "
    result = CliRunner().invoke(
        app,
        [],
        env={
            "_SAFECLI_COMPLETE": "complete_bash",
            "COMP_WORDS": prefix + line,
            "COMP_CWORD": str(cword + len(prefix.split())),
        },
        prog_name="safecli",
    )
    assert result.exit_code == 0, result.output
    return [line for line in result.output.splitlines() if line]


CASES = ["SG-2026-0001", "SG-2026-0002", "SG-2026-0003", "SG-2026-0004", "SG-2026-0005"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("case show ", CASES),
        ("case show SG-2026-000", CASES),
        ("meeting show SG-2026-0001 ", ["M1", "M2", "M3"]),
        ("render invitation SG-2026-0001 M", ["M1", "M2", "M3"]),
        ("action done SG-2026-0001 A1", ["A1", "A10"]),
        ("action done SG-2026-0001 A", [f"A{n}" for n in range(1, 11)]),
        ("meeting share SG-2026-0001 M2 --with le", ["legal"]),
        ("overdue --agency poli", ["police"]),
        ("meeting invite SG-2026-0001 M3 legal:", ["legal:Imran Siddiqui"]),
        ("meeting new SG-2026-0001 --type s42", ["s42-conference", "s42-review", "s42-strategy"]),
        ("meeting new SG-2026-0001 --mode ", ["in-person", "telephone", "virtual"]),
        ("validate --format ", ["github", "gitlab", "json", "text"]),
        ("render invitation SG-2026-0001 M3 --format ", ["eml", "html", "ics", "md", "txt"]),
        ("render minutes SG-2026-0001 M2 --format ", ["html", "md", "txt"]),
        ("case list --format ", ["csv", "json", "markdown", "table"]),
        ("validate --select PRT00", [c for c in RULES if c.startswith("PRT00")]),
        ("rules EMP00", ["EMP001", "EMP002", "EMP003", "EMP004"]),
        ("ci setup --host ", ["gitlab", "github", "forgejo"]),
        ("overdue --risk ", ["low", "medium", "high"]),
        ("overdue --by ", ["agency", "case", "lead"]),
        ("edit SG-2026-0001 ", ["adult", "agencies", "meetings", "actions"]),
        ("overdue --kind action-", ["action-overdue", "action-due-soon"]),
        ("agency add SG-2026-0001 fire --kind po", ["police"]),
        ("schema ", ["adult", "agencies", "meetings", "actions", "settings"]),
        ("case list --status ", ["open", "closed", "all"]),
        ("case new --concern-type fin", ["financial"]),
    ],
)
def test_values_complete(example_book: Path, line: str, expected: list[str]) -> None:
    assert complete(example_book, line) == expected


def test_nothing_is_offered_when_the_book_cannot_be_read(tmp_path: Path) -> None:
    assert complete(tmp_path / "nowhere", "case show ") == []
    assert complete(tmp_path / "nowhere", "meeting show SG-2026-0001 ") == []


def test_every_parameter_naming_a_thing_has_a_completer() -> None:
    root = typer.main.get_command(app)
    ctx = root.make_context("safecli", ["--help"], resilient_parsing=True)
    missing, seen = [], set()

    def walk(command: object, path: list[str]) -> None:
        for name in getattr(command, "list_commands", lambda _c: [])(ctx):
            walk(command.get_command(ctx, name), [*path, name])  # type: ignore[attr-defined]
        for param in getattr(command, "params", []):
            if param.name in BY_NAME:
                seen.add(param.name)
                if getattr(param, "_custom_shell_complete", None) is None:
                    missing.append((" ".join(path), param.name))

    walk(root, [])
    assert missing == []
    assert {"case_id", "meeting_id", "action_id", "agency", "person", "fmt"} <= seen


def test_the_installed_command_completes(example_book: Path) -> None:
    script = Path(sys.executable).parent / "safecli"
    env = {
        **os.environ,
        "_SAFECLI_COMPLETE": "complete_bash",
        "COMP_WORDS": f"safecli --book {example_book} meeting show SG-2026-0001 M",
        "COMP_CWORD": "6",
    }
    done = subprocess.run([str(script)], env=env, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout.split()) == (0, ["M1", "M2", "M3"])
