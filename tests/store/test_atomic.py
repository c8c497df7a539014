"""Atomic writes: symlinks refused, new files private, modes kept, no temp left."""

from __future__ import annotations

from pathlib import Path

import pytest

from safecli.errors import UnsafeWrite
from safecli.store import atomic


def test_write_atomic_refuses_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.yaml"
    target.write_text("a: 1\n")
    link = tmp_path / "adult.yaml"
    link.symlink_to(target)
    with pytest.raises(UnsafeWrite):
        atomic.write_atomic(link, "a: 2\n")
    assert target.read_text() == "a: 1\n"


def test_new_files_are_private_and_existing_modes_kept(tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    atomic.write_atomic(new, "a: 1\n")
    assert new.stat().st_mode & 0o777 == 0o600
    shared = tmp_path / "shared.yaml"
    shared.write_text("a: 1\n")
    shared.chmod(0o640)
    atomic.write_atomic(shared, "a: 2\n")
    assert shared.stat().st_mode & 0o777 == 0o640
    assert not list(tmp_path.glob(".*.tmp"))
