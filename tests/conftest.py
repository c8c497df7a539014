"""Shared fixtures: a fresh case book in a temp folder and a CLI runner bound to it."""

from __future__ import annotations

import functools
import importlib.util
import math
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from typer.testing import CliRunner

from safecli.casework.cases import NewCase
from safecli.cli.main import app

REPO = Path(__file__).resolve().parents[1]
SAFECLI = Path(sys.executable).parent / "safecli"


@dataclass(frozen=True)
class Ran:
    """What the installed safecli did when run in a folder (a CliRunner result's names)."""

    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def safecli_in(folder: Path, *args: str) -> Ran:
    """Run the installed `safecli` with `folder` as its working directory (tests never chdir)."""
    done = subprocess.run(
        [str(SAFECLI), *args],
        cwd=folder,
        env={**{k: v for k, v in os.environ.items() if k != "SAFECLI_BOOK"}, "LANG": "C.UTF-8"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    return Ran(done.returncode, done.stdout, done.stderr)


@pytest.fixture(autouse=True)
def _no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as cron would: no prompts unless a test asks for them."""
    monkeypatch.setenv("SAFECLI_INTERACTIVE", "0")
    monkeypatch.delenv("SAFECLI_BOOK", raising=False)


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """Create files under root from a dict of relative path -> text."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root, by relative path (to prove nothing changed)."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
        and not p.is_symlink()
        and ".safecli" not in p.parts
        and p.name != ".safecli.lock"
    }


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """An empty English case book."""
    root = tmp_path / "book"
    result = CliRunner().invoke(
        app, ["init", str(root), "--organisation", "Test Council", "--jurisdiction", "england"]
    )
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def cli(book: Path) -> Callable[..., object]:
    """Run safecli against the temp book: cli("case", "list") -> click Result."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None):
        return runner.invoke(app, ["--book", str(book), *args], input=input, env=env)

    return invoke


# A new case's facts, for tests that call the library's new_case.
SPEC = NewCase(
    name="Ann Example",
    risk_level="high",
    lead_agency="asc",
    lead_agency_name="Exampletown ASC",
    concern_type="financial",
    concern_summary="Son withdrawing cash",
)

NEW_CASE = [
    "case",
    "new",
    "--name",
    "Ann Example",
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
    "Son withdrawing cash",
    "--as-of",
    "2026-11-20",
]


@pytest.fixture
def example_book(tmp_path: Path) -> Path:
    """A copy of the bundled example book (safecli.yaml and cases/)."""
    import shutil

    root = tmp_path / "examples"
    root.mkdir()
    shutil.copy(REPO / "safecli.yaml", root / "safecli.yaml")
    shutil.copytree(REPO / "cases", root / "cases")
    os.chmod(root, 0o700)
    return root


def typed(value: Any) -> Any:
    """Value with every scalar's type made explicit (True == 1 must not pass): how
    the readers' equivalence tests compare data."""
    if isinstance(value, dict):
        return {typed(k): typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


@functools.cache
def bench_generator() -> ModuleType:
    """bench/generate.py, the generator of realistic books, as a module."""
    spec = importlib.util.spec_from_file_location("generate", REPO / "bench" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generated_book(root: Path, cases: int, seed: int) -> Path:
    """A book of `cases` fictional cases made by bench/generate.py at `root`."""
    return Path(bench_generator().generate(root, cases, seed=seed))
