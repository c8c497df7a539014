"""How a failed command ends: one line on stderr and an exit code, never a traceback.

Kept free of Typer so that `safecli merge-file`, which git starts once per merged
file, can end the same way without building the command line.
"""

from __future__ import annotations

import os
import sys

from safecli.errors import EXIT_FAILED, EXIT_INTERRUPTED, SafecliError

#: What a command may fail with; anything else is a bug and keeps its traceback.
FAILURES = (SafecliError, OSError, KeyboardInterrupt)


def report(exc: BaseException) -> int:
    """Say on stderr why the command stopped (one of FAILURES), and give its exit code."""
    if isinstance(exc, SafecliError):
        _say(f"safecli: error: {exc}")
        return exc.exit_code
    if isinstance(exc, BrokenPipeError):
        # The reader went away (`safecli overdue | head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        _say(f"safecli: error: {where}{exc.strerror or exc}")
        return EXIT_FAILED
    _say("safecli: interrupted")
    return EXIT_INTERRUPTED


def _say(line: str) -> None:
    sys.stderr.write(line + "\n")
    sys.stderr.flush()
