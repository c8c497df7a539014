"""Atomic writes: a file is replaced all or nothing, several files together.

Each text is written to a temp file in the same folder, flushed and fsynced, then
moved into place with `os.replace`, and the folder is fsynced so the rename
survives a crash. New files are 0600 and new folders 0700; a symbolic link is never
written through.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from safecli.errors import UnsafeWrite


def write_atomic(path: Path, text: str) -> None:
    """Replace path's content with text, all or nothing; new files are 0600."""
    write_all({path: text})


def write_all(texts: Mapping[Path, str]) -> None:
    """Replace several files, each all or nothing.

    Every temp file is written and synced before the first one is moved into
    place, so a failure while preparing (a symlink, a full disk) changes nothing.
    """
    prepared: list[tuple[str, Path]] = []
    try:
        for path, text in texts.items():
            prepared.append((_prepare(path, text), path))
        for tmp, path in prepared:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in prepared:
            Path(tmp).unlink(missing_ok=True)
        raise
    for folder in {path.parent for path in texts}:
        fsync_dir(folder)


def _prepare(path: Path, text: str) -> str:
    """A synced temp file beside path holding text, with path's mode (0600 if new)."""
    if path.is_symlink():
        raise UnsafeWrite("refusing to write through a symbolic link", path=path)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o600
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def fsync_dir(folder: Path) -> None:
    """Make a rename in folder durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_private_dir(path: Path) -> None:
    """Create a folder readable by the owner only (0700)."""
    path.mkdir(mode=0o700)
    os.chmod(path, 0o700)
