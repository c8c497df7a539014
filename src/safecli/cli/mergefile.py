"""`safecli merge-file`'s work, free of Typer: git starts the driver once per merged
file, so `safecli.cli.run` calls this directly when the arguments are git's four paths.

In a `git merge`, the first run works out every file's answer and each later run
takes its own (`teamwork.aheadstore`): such a run imports no more than the
standard library's os, marshal and zlib (not even pathlib) unless it has
messages to print or fails.
"""

from __future__ import annotations

import os
import sys


def merge_file(base: str, ours: str, theirs: str, path: str) -> int:
    """Run the merge driver on git's %O %A %B %P and give its exit code."""
    try:
        answer = _worked_out(base, ours, theirs, path)
        if answer is not None:
            code, messages, text = answer
            from safecli.teamwork.aheadstore import give

            if give(ours, text):
                return _told(code, messages)
    except (OSError, KeyboardInterrupt) as exc:
        return _failed(exc)
    return _merged(base, ours, theirs, path)


def _worked_out(
    base: str, ours: str, theirs: str, path: str
) -> tuple[int, tuple[str, ...], str] | None:
    """The answer the first run of this `git merge` worked out for these versions
    (working them all out when this is the first run), or None."""
    from safecli.teamwork.aheadstore import AheadStore

    here = os.getcwd()
    store = AheadStore.current(here)
    if store is None:
        return None
    try:
        texts = [_read(name) for name in (base, ours, theirs)]
    except OSError:
        return None
    versions = (texts[0], texts[1], texts[2])
    answer = store.take(path, versions)
    if answer is None and not store.is_ready():
        from pathlib import Path

        from safecli.teamwork.ahead import work_ahead

        work_ahead(store, Path(here), path, versions)
        answer = store.take(path, versions)
    return answer


def _merged(base: str, ours: str, theirs: str, path: str) -> int:
    """The driver's own run on this file."""
    from pathlib import Path

    from safecli.cli import failure
    from safecli.teamwork.driver import merge_in_place

    try:
        result = merge_in_place(Path(base), Path(ours), Path(theirs), path, Path.cwd())
    except failure.FAILURES as exc:
        return _failed(exc)
    return _told(result.exit_code, result.messages)


def _told(code: int, messages: tuple[str, ...]) -> int:
    """Say the driver's messages on stderr (terminal controls made visible); its code."""
    if messages:
        from safecli.output.terminal import clean_streams

        with clean_streams(sys):
            for message in messages:
                sys.stderr.write(f"safecli: {message}\n")
    return code


def _failed(exc: BaseException) -> int:
    from safecli.cli import failure
    from safecli.output.terminal import clean_streams

    with clean_streams(sys):
        return failure.report(exc)


def _read(name: str) -> bytes:
    with open(name, "rb") as handle:
        return handle.read()
