"""One `git cat-file --batch` process answering many object lookups in turn.

The merge driver runs once a file, and each lookup of its sibling file (which
commits are merged, what the file holds in each) used to be a git process of its
own. Here one process answers them all: each question is a line written to it,
each answer read back before the next is asked, so a later question can depend
on an earlier answer.
"""

from __future__ import annotations

import contextlib
import subprocess
from pathlib import Path
from types import TracebackType
from typing import IO, Self

from safecli.errors import GitFailure

TYPES = (b"blob", b"tree", b"commit", b"tag")


class Objects:
    """git's objects of the repository at `top`, looked up by name (`<rev>`,
    `<rev>:<path>`, `<rev>^{commit}`); use as a context manager."""

    def __init__(self, top: Path) -> None:
        self.top = top
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Self:
        try:
            self._process = subprocess.Popen(
                ["git", "cat-file", "--batch"],
                cwd=self.top,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except FileNotFoundError as exc:
            raise GitFailure("git is not installed (or not on PATH)") from exc
        except NotADirectoryError as exc:
            raise GitFailure("not a folder", path=self.top) from exc
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):  # git may have gone already
                    stream.close()
        process.wait()

    def lookup(self, name: str) -> tuple[str, str, bytes] | None:
        """(object id, type, content) of the object git names so; None when there is
        none (missing, ambiguous, or a name git cannot be asked for on one line)."""
        if "\n" in name or not name:
            return None
        stdin, stdout = self._streams()
        try:
            stdin.write(f"{name}\n".encode())
            stdin.flush()
            line = stdout.readline()
            if not line.endswith(b"\n"):
                raise GitFailure("git cat-file stopped answering")
            header = line[:-1].split(b" ")
            if len(header) != 3 or header[1] not in TYPES or not header[2].isdigit():
                return None  # `<name> missing` or `<name> ambiguous`
            size = int(header[2])
            content = stdout.read(size + 1)[:size]
        except (OSError, ValueError) as exc:
            raise GitFailure(f"git cat-file failed: {exc}") from exc
        if len(content) != size:
            raise GitFailure("git cat-file stopped answering")
        return header[0].decode("ascii"), header[1].decode("ascii"), content

    def commit(self, rev: str) -> str | None:
        """The id of the commit `rev` names, or None."""
        found = self.lookup(f"{rev}^{{commit}}")
        return found[0] if found is not None and found[1] == "commit" else None

    def content(self, name: str) -> bytes | None:
        """The content of the object git names so (e.g. `<commit>:<path>`), or None."""
        found = self.lookup(name)
        return found[2] if found is not None else None

    def _streams(self) -> tuple[IO[bytes], IO[bytes]]:
        process = self._process
        if process is None or process.stdin is None or process.stdout is None:
            raise GitFailure("git cat-file is not running")
        return process.stdin, process.stdout
