"""Progress of a long scan, on stderr, at a terminal only.

A scan of a large book (validate cold, overdue without its cache) can take many
seconds; at a terminal a bar appears once a scan has run for a second, and goes
when it ends. Anywhere else (a pipe, cron, CI, tests) nothing is written. The bar
says only what is being done and how far: never a name or anything from a file.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

DELAY = 1.0  # seconds a scan runs before its bar appears (SAFECLI_PROGRESS_DELAY sets it)

Report = Callable[[int, int], None]


def _terminal() -> TextIO | None:
    """The real stderr when it is a terminal (under the output filter too), else None."""
    stream: Any = sys.stderr
    raw = getattr(stream, "_target", stream)
    try:
        return raw if raw.isatty() else None
    except (AttributeError, ValueError):
        return None


@contextmanager
def progress(what: str) -> Iterator[Report | None]:
    """A `(done, total)` callback showing a bar for `what` at a terminal; None elsewhere."""
    terminal = _terminal()
    if terminal is None:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    delay = float(os.environ.get("SAFECLI_PROGRESS_DELAY") or DELAY)
    started = time.monotonic()
    bar = Progress(
        f"[bold]{what}[/]",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(file=terminal),
        transient=True,
    )
    task: list[Any] = []

    def report(done: int, total: int) -> None:
        if not task:
            if time.monotonic() - started < delay:
                return
            bar.start()
            task.append(bar.add_task(what, total=total))
        bar.update(task[0], completed=done, total=total)

    try:
        yield report
    finally:
        if task:
            bar.stop()
