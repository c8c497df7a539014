"""`safecli merge-file`'s work, free of Typer: git starts the driver once per merged file,
so `safecli.cli.run` calls this directly when the arguments are git's four paths."""

from __future__ import annotations

import sys
from pathlib import Path

from safecli.cli import failure
from safecli.errors import EXIT_FINDINGS, EXIT_OK


def merge_file(base: str, ours: str, theirs: str, path: str) -> int:
    """Run the merge driver on git's %O %A %B %P and give its exit code."""
    from safecli.output.terminal import clean_streams
    from safecli.teamwork.driver import merge_in_place

    with clean_streams(sys):
        try:
            result = merge_in_place(Path(base), Path(ours), Path(theirs), path, Path.cwd())
        except failure.FAILURES as exc:
            return failure.report(exc)
        for message in result.messages:
            sys.stderr.write(f"safecli: {message}\n")
    return EXIT_OK if result.clean else EXIT_FINDINGS
