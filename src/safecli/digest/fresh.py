"""Reading the cases a digest cache cannot answer for, from their files: in this process,
or, when there are many and a second CPU, half of them in a forked second process.

A cold digest of a big book is nearly all parsing, and each case is read on its own,
so two processes read a book in about half the time. The second is a fork (no start-up
of its own, nothing to import or pickle): it reads its half, sends back what it made of
each case (marshal, as the cache stores it) and exits. Without one (no fork, one CPU,
another thread running) this process reads them all; if the second fails or what it
sends is not whole, this process reads its half too: the answer is the same, only
slower. What a case gives does not depend on which process read it.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from safecli.errors import FileFormatError
from safecli.store import fastload
from safecli.store.book import Book, check_case_folder, check_no_journal

# Cases to read before a second process pays for itself (its fork and its answer's
# transfer cost a few milliseconds; a case takes ~1-3 ms to read).
FORK_FROM = 64
# Cases to read before rapidyaml's import (~10 ms) pays for itself from the first file
# (`fastload` takes it from a process's 33rd file on by itself).
RAPID_FROM = 8
FILES = ("adult", "agencies", "meetings", "actions")
# what a cache keeps of a case, from its four files' plain data
Extract = Callable[[dict[str, Any], list[Any], list[Any], list[Any]], Any]
# (problems, facts) of one case; facts is None when there are problems
Read = tuple[tuple[str, ...], Any]


def read_cases(
    book: Book,
    case_ids: Sequence[str],
    extract: Extract,
    kinds: tuple[str, ...],
    progress: Callable[[int], None] | None = None,
) -> list[Read]:
    """(problems, facts) of each case, in order; `progress(n)` as about n have been read."""
    if len(case_ids) >= RAPID_FROM:
        fastload.expect_many()
    theirs = case_ids[len(case_ids) // 2 :]
    child = _fork_reader(book, theirs, extract, kinds) if len(case_ids) >= FORK_FROM else None
    if child is None:
        return _read_here(book, case_ids, extract, kinds, progress)
    pid, pipe = child
    try:
        reads = _read_here(book, case_ids[: -len(theirs)], extract, kinds, progress, step=2)
        sent = _received(pipe, pid, len(theirs))
    except BaseException:
        os.close(pipe)  # the child's answer goes nowhere: it stops, and is waited for
        os.waitpid(pid, 0)
        raise
    os.close(pipe)
    if sent is None:
        sent = _read_here(book, theirs, extract, kinds)
    return reads + sent


def _read_here(
    book: Book,
    case_ids: Sequence[str],
    extract: Extract,
    kinds: tuple[str, ...],
    progress: Callable[[int], None] | None = None,
    step: int = 1,
) -> list[Read]:
    reads = []
    for case_id in case_ids:
        reads.append(read_case(book, case_id, extract, kinds))
        if progress is not None:
            progress(step * len(reads))
    return reads


def _fork_reader(
    book: Book, case_ids: Sequence[str], extract: Extract, kinds: tuple[str, ...]
) -> tuple[int, int] | None:
    """(pid, the pipe to read its answer from) of a child reading case_ids; None when
    there is no child: one CPU, no fork, or threads running here (a fork copies only the
    thread that makes it)."""
    threading = sys.modules.get("threading")
    if (
        not hasattr(os, "fork")
        or _cpus() < 2
        or (threading is not None and threading.active_count() > 1)
    ):
        return None
    try:
        readable, writable = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(readable)
        os.close(writable)
        return None
    if pid == 0:  # the child: read, send, and leave without running anything of the parent's
        code = 1
        try:
            os.close(readable)
            data = marshal.dumps(_read_here(book, case_ids, extract, kinds))
            with os.fdopen(writable, "wb") as pipe:
                pipe.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(writable)
    return pid, readable


def _cpus() -> int:
    """The CPUs this process may run on (a container or `taskset` may allow fewer)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _received(pipe: int, pid: int, count: int) -> list[Read] | None:
    """The child's reads, once it has exited well and sent them whole; else None."""
    chunks = []
    try:
        while chunk := os.read(pipe, 1 << 20):
            chunks.append(chunk)
    except OSError:
        chunks = []
    _, status = os.waitpid(pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0 or not chunks:
        return None
    try:
        sent = marshal.loads(b"".join(chunks))
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(sent, list) or len(sent) != count:
        return None
    return sent


def read_case(book: Book, case_id: str, extract: Extract, kinds: tuple[str, ...]) -> Read:
    """(problems, facts) of one case read from its files; facts is None on any problem."""
    folder = book.cases_dir / case_id
    data: dict[str, Any] = {n: {} if n == "adult" else [] for n in FILES if n not in kinds}
    problems: list[str] = []
    try:
        check_no_journal(folder)
    except FileFormatError as exc:
        exc.path = exc.path.relative_to(book.root) if exc.path else exc.path
        problems.append(str(exc))
    for name in kinds:
        path = folder / f"{name}.yaml"
        try:
            data[name] = fastload.load(path, dict if name == "adult" else list)
        except FileFormatError as exc:
            exc.path = path.relative_to(book.root)
            problems.append(str(exc))
    adult = data.get("adult")
    if adult is not None and "adult" in kinds:
        try:
            check_case_folder(folder, case_id, adult)
        except FileFormatError as exc:
            exc.path = Path("cases", case_id, "adult.yaml")
            problems.append(str(exc))
    if problems:
        return tuple(problems), None
    return (), extract(data["adult"], data["agencies"], data["meetings"], data["actions"])
