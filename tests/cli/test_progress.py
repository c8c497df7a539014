"""Progress of a scan: a bar on stderr at a terminal, nothing anywhere else."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import REPO
from test_pty import SAFECLI, Terminal
from typer.testing import CliRunner

from safecli.cli.main import app


def book(tmp_path: Path) -> Path:
    root = tmp_path / "book"
    root.mkdir()
    shutil.copy(REPO / "safecli.yaml", root / "safecli.yaml")
    shutil.copytree(REPO / "cases", root / "cases")
    return root


def at_terminal(root: Path, *args: str) -> str:
    env = {**os.environ, "SAFECLI_PROGRESS_DELAY": "0", "COLUMNS": "100", "TERM": "xterm"}
    terminal = Terminal([str(SAFECLI), "--book", str(root), *args], env)
    assert terminal.finish() in (0, 1)
    return terminal.text()


def test_a_scan_at_a_terminal_shows_its_progress(tmp_path: Path) -> None:
    root = book(tmp_path)
    seen = at_terminal(root, "validate", "--no-cache", "--as-of", "2026-12-01", "--jobs", "1")
    assert "checking cases" in seen
    assert "5/5" in seen
    seen = at_terminal(root, "overdue", "--no-cache", "--as-of", "2026-12-01")
    assert "reading cases" in seen


def test_no_progress_when_not_at_a_terminal(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    root = book(tmp_path)
    monkeypatch.setenv("SAFECLI_PROGRESS_DELAY", "0")
    for args in (["validate", "--no-cache"], ["overdue", "--no-cache"]):
        result = CliRunner().invoke(app, ["--book", str(root), *args, "--as-of", "2026-12-01"])
        assert "checking cases" not in result.output + result.stderr
        assert "reading cases" not in result.output + result.stderr
