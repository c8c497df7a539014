"""A case book in a real git repository, for the teamwork tests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from safecli.cli.main import app

CASE = "SG-2026-0001"
NEW_CASE = [
    "case",
    "new",
    "--name",
    "Edith Marlow",
    "--preferred-name",
    "Edie",
    "--address",
    "4 Hawthorn Close\\nExampletown EX4 7QD",
    "--phone",
    "01632 960417",
    "--risk",
    "high",
    "--lead-agency",
    "asc",
    "--lead-agency-name",
    "Exampletown Adult Social Care",
    "--coordinator",
    "Sam Patel",
    "--concern-type",
    "financial",
    "--concern-summary",
    "Grandson withdrawing her pension in cash",
    "--as-of",
    "2026-11-02",
]
# Values from the case above that must never reach a commit message or the history.
PERSONAL = ("Edith", "Marlow", "Edie", "Hawthorn", "EX4 7QD", "01632 960417", "pension", "Grandson")


def isolate(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the developer's own git configuration out of the tests."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)


def git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run git in root; fail the test on an unexpected error."""
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)}: {done.stderr}{done.stdout}")
    return done


def cli(book: Path, *args: str) -> Result:
    """Run safecli on the book."""
    return CliRunner().invoke(app, ["--book", str(book), *args])


def ok(book: Path, *args: str) -> Result:
    """Run safecli on the book and insist it succeeds."""
    result = cli(book, *args)
    assert result.exit_code == 0, result.output
    return result


def make_repo(root: Path, *, setup: bool = True, author: str = "Ann Tester") -> Path:
    """A new book in a new git repository, everything committed on main."""
    result = CliRunner().invoke(
        app, ["init", str(root), "--organisation", "Test Council", "--jurisdiction", "england"]
    )
    assert result.exit_code == 0, result.output
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", author)
    git(root, "config", "user.email", "ann@example.org")
    git(root, "config", "commit.gpgsign", "false")
    if setup:
        ok(root, "git", "setup")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "new case book")
    return root


def case_file(book: Path, kind: str, case: str = CASE) -> Path:
    return book / "cases" / case / f"{kind}.yaml"


def commit_all(book: Path, message: str) -> None:
    git(book, "add", "-A")
    git(book, "commit", "-q", "-m", message)


def action(
    aid: str,
    *,
    meeting: str = "M1",
    lead: str = "asc:Sam Patel",
    due: str = "2026-12-03",
    description: str = "Ring the bank",
) -> str:
    """The YAML of a new open action (as `action add` writes it)."""
    agency, name = lead.split(":")
    return (
        f"- id: {aid}\n  meeting: {meeting}\n  description: {description}\n"
        f"  lead: {{agency: {agency}, name: {name}}}\n  due: {due}\n  status: open\n"
        "  done_on: null\n  note: null\n  cancel_reason: null\n  moves: []\n"
    )


def meeting(
    mid: str,
    *,
    kind: str = "professionals",
    when: str = "2026-11-10T10:00",
    risk_actions: str | None = None,
) -> str:
    """The YAML of a meeting; held, with one risk, when risk_actions is given."""
    minutes = (
        "null\n"
        if risk_actions is None
        else (
            f"\n    held_on: {when[:10]}\n    risks:\n      - risk: Money taken\n"
            f"        actions: [{risk_actions}]\n    shared: []\n"
        )
    )
    return (
        f"- id: {mid}\n  type: {kind}\n  format: meeting\n  mode: virtual\n  when: {when}\n"
        f"  chair: {{agency: asc, name: Sam Patel}}\n"
        f"  status: {'planned' if risk_actions is None else 'held'}\n"
        f"  invitees: []\n  minutes: {minutes}"
    )


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def append(path: Path, text: str) -> None:
    current = path.read_text(encoding="utf-8")
    if current.strip() == "[]":
        current = ""
    write(path, current + ("\n" if current else "") + text)
