"""Read the digest's facts of a book's cases, through a stat-checked cache (like git's index).

The cache is one file, `.safecli/digest.cache` in the book: for each case the
size, mtime_ns, inode and ctime_ns of its four files and the facts the digest
takes from them (`facts`: ids, dates, statuses, lead agencies and people,
meeting types; no adult's name, address or free text). A case whose four
signatures are unchanged is not read again; any difference (an edit, a touch,
a rename, a replaced file) and the case is read afresh.

Racily clean files: a file modified within RACY_NS of the moment the scan
started may be changed again within the file system's timestamp granularity
without its signature changing, so such a case is stored untrusted and read
again on the next run. A cache that is missing, corrupt, from another safecli
or Python version, not owned by this user, or readable by others is ignored and
rebuilt; if the book is read-only the digest still works, uncached. The folder
is created 0700 and the file written 0600, atomically.
"""

from __future__ import annotations

import gc
import marshal
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from safecli import __version__
from safecli.digest.item import CaseRead
from safecli.model import FILES
from safecli.raw import mapping
from safecli.store.codehash import code_fingerprint

if TYPE_CHECKING:  # a warm digest imports neither the readers nor the book's write side
    from safecli.digest.fresh import Extract
    from safecli.store.book import Book

CACHE_NAME = "digest.cache"
# 4: the kept values are those a view prints (`shape.shown`: "invalid" for a hand-edited one)
FORMAT_VERSION = 4
RACY_NS = 2_000_000_000
_KINDS = tuple(FILES)
_NAMES = tuple(f"{name}.yaml" for name in _KINDS)
_MISSING = (-1, -1, -1, -1)
_HEADER = (
    "safecli-digest-cache",
    FORMAT_VERSION,
    __version__,
    code_fingerprint(),
    sys.version_info[:2],
)

# signature of a case: (size, mtime_ns, ino, ctime_ns) of each file in turn
Signature = tuple[int, ...]
# the cached entry of a case: (signature or None when untrusted, problems, facts)
Entry = tuple[Signature | None, tuple[str, ...], Any]


def cache_path(book: Book) -> Path:
    """Where the book's digest cache lives."""
    return book.cache_dir / CACHE_NAME


def collect(
    book: Book,
    case_ids: Iterable[str] | None = None,
    *,
    now_ns: int,
    use_cache: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> list[CaseRead]:
    """Each case's facts (all cases, sorted, or those given), re-reading only what changed.

    `now_ns` is the time the scan starts (time.time_ns()), for the racy-clean rule.
    """
    read = collect_with(
        book,
        case_ids,
        now_ns=now_ns,
        use_cache=use_cache,
        name=CACHE_NAME,
        extract=_case_facts,
        progress=progress,
    )
    return [CaseRead(case_id, facts, problems) for case_id, problems, facts in read]


def _case_facts(
    adult: dict[str, Any], agencies: list[Any], meetings: list[Any], actions: list[Any]
) -> Any:
    """`facts.case_facts`, imported when a case is first read afresh: a warm digest loads
    neither it nor the record shapes it checks values against."""
    from safecli.digest.facts import case_facts

    return case_facts(adult, agencies, meetings, actions)


def collect_with(
    book: Book,
    case_ids: Iterable[str] | None,
    *,
    now_ns: int,
    use_cache: bool,
    name: str,
    extract: Extract,
    progress: Callable[[int, int], None] | None = None,
    kinds: tuple[str, ...] = _KINDS,
) -> list[tuple[str, tuple[str, ...], Any]]:
    """(case id, problems, what `extract` made of its four files) per case, cached in `name`.

    The digest's own cache is one such file; a report that needs more facts of
    each case keeps its own beside it, under the same stat-checked rules. Only the
    files of `kinds` are read (`extract` is given [] for the others, whose changes
    still make the case read again).
    """
    cases_dir = str(book.cases_dir)
    full = case_ids is None
    ids = _all_ids(cases_dir) if case_ids is None else list(case_ids)
    path = book.cache_dir / name
    cached = read_entries(path) if use_cache else {}
    prefix = cases_dir + os.sep
    signatures = [_signature(prefix + case_id + os.sep) for case_id in ids]
    stale = [
        case_id
        for case_id, sig in zip(ids, signatures, strict=True)
        if (entry := cached.get(case_id)) is None or entry[0] != sig
    ]
    answered = len(ids) - len(stale)

    def told(done: int) -> None:
        if progress is not None:
            progress(min(answered + done, len(ids)), len(ids))

    read: dict[str, Any] = {}
    if stale:
        from safecli.digest.fresh import read_cases

        read = dict(zip(stale, read_cases(book, stale, extract, kinds, told), strict=True))
    racy_after = now_ns - RACY_NS
    fresh: dict[str, Entry] = {}
    reads: list[tuple[str, tuple[str, ...], Any]] = []
    for case_id, sig in zip(ids, signatures, strict=True):
        if case_id in read:
            problems, facts = read[case_id]
            fresh[case_id] = (sig if _settled(sig, racy_after) else None, problems, facts)
            reads.append((case_id, problems, facts))
        else:
            entry = cached[case_id]
            reads.append((case_id, entry[1], entry[2]))
    if progress is not None:
        progress(len(ids), len(ids))
    if use_cache:
        gone = set(cached) - set(ids) if full else set()
        if fresh or gone:
            entries = {k: v for k, v in cached.items() if k not in gone}
            entries.update(fresh)
            write_entries(book, name, entries)
    return reads


def cached_reads(cases_dir: str, path: str) -> list[CaseRead] | None:
    """Every case of the book (sorted) as the cache holds it, when the cache answers for
    each case as its files are now and holds no other: what `collect` would give without
    reading a file or writing the cache. None when it would do either."""
    ids = _all_ids(cases_dir)
    cached = read_entries(path)
    if len(cached) != len(ids):
        return None
    prefix = cases_dir + os.sep
    reads = []
    for case_id in ids:
        entry = cached.get(case_id)
        if entry is None or entry[0] != _signature(prefix + case_id + os.sep):
            return None
        reads.append(CaseRead(case_id, entry[2], entry[1]))
    return reads


def _all_ids(cases_dir: str) -> list[str]:
    try:
        with os.scandir(cases_dir) as entries:
            return sorted(
                e.name
                for e in entries
                if not e.name.startswith(".") and e.is_dir(follow_symlinks=False)
            )
    except FileNotFoundError:
        return []


def _signature(folder: str, stat: Any = os.stat) -> Signature:
    """(size, mtime_ns, inode, ctime_ns) of each of the four files, flat; -1s if missing."""
    sig: tuple[int, ...] = ()
    for name in _NAMES:
        try:
            st = stat(folder + name)
        except OSError:
            sig += _MISSING
            continue
        sig += (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
    return sig


def _settled(sig: Signature, racy_after: int) -> bool:
    """Whether every file was last changed before the racy window (a missing one cannot be)."""
    return all(sig[i] < racy_after and sig[i + 2] < racy_after for i in range(1, 16, 4))


def read_entries(path: str | Path) -> dict[Any, Any]:
    """The cached entries, or {} for a missing, foreign, unsafe or corrupt cache."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return {}
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
            return {}
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read()
    except OSError:
        return {}
    finally:
        os.close(fd)
    # The entries are hundreds of thousands of tuples on a big book, none in a cycle: the
    # cyclic collector, woken again and again as they are made, would walk them all.
    collecting = gc.isenabled()
    gc.disable()
    try:
        header, checksum, payload = marshal.loads(raw)
        if header != _HEADER or zlib.crc32(payload) != checksum:
            return {}
        entries = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return {}
    finally:
        if collecting:
            gc.enable()
    return mapping(entries)


def write_entries(book: Book, name: str, entries: dict[Any, Any]) -> None:
    """Write a cache file atomically (0600 in a 0700 folder); a failure only loses the cache."""
    import tempfile  # here: a warm digest writes nothing

    folder = book.cache_dir
    try:
        if folder.is_symlink():
            return
        if not folder.exists():
            folder.mkdir(mode=0o700)
            os.chmod(folder, 0o700)
        payload = marshal.dumps(entries)
        data = marshal.dumps((_HEADER, zlib.crc32(payload), payload))
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                os.fchmod(handle.fileno(), 0o600)
                handle.write(data)
            os.replace(tmp, folder / name)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return
