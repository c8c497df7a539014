"""The mutation fuzzer in the suite: a few hundred seeded inputs through every reader,
some through commands. bench/fuzz.py runs 10,000 and more."""

from __future__ import annotations

import shutil
from pathlib import Path

import fuzzcases
import pytest
from conftest import REPO


def _source(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    source.mkdir(mode=0o700)
    shutil.copy(REPO / "safecli.yaml", source / "safecli.yaml")
    shutil.copytree(REPO / "cases", source / "cases")
    return source


def test_readers_never_crash_and_always_name_the_line(tmp_path: Path) -> None:
    counts = fuzzcases.run(_source(tmp_path), tmp_path, 400, seed=7, commands_every=10**9)
    assert counts["inputs"] == 400
    assert fuzzcases.failures(counts) == {}


@pytest.mark.slow
def test_commands_never_crash_never_change_files_when_refusing(tmp_path: Path) -> None:
    counts = fuzzcases.run(_source(tmp_path), tmp_path, 60, seed=11, commands_every=1)
    assert counts["command runs"] == 300
    assert fuzzcases.failures(counts) == {}
