"""Atomic writes: a file is replaced all or nothing, several files together.

Each text is written to a temp file in the same folder, flushed and fsynced, then
moved into place with `os.replace`, and the folder is fsynced so the rename
survives a crash. New files are 0600 and new folders 0700; a symbolic link is never
written through.

Several files in one folder are replaced as a set: once every temp file is
synced, a journal (`.safecli-journal`) listing the pending renames is written and
synced before the first rename, and removed after the last. A process killed in
between leaves the journal; the next command that takes the folder's lock
(`book.lock`) calls `recover`, which finishes the renames (every temp file was
complete before the journal existed), so the folder is entirely new. Killed
before the journal, it is entirely old, and the temp files are litter for
`safecli doctor --clean`.

Files of several sibling folders (the cases of a meeting about several adults)
are a set too. The journal goes in the first folder (by name) and lists every
rename, each under its folder's name; before it is written, each other folder
gets a marker `.safecli-pending-<first folder>`. The journal is the commit point:
`recover` in the first folder finishes every rename of the set; in another folder
a marker whose journal exists finishes them too, and a marker with no journal
(killed before the commit, or after the cleanup began) is only removed. A temp
file is renamed once, by whichever recovery comes first, so finishing a set never
overwrites a later write.

Test hook: when the environment variable SAFECLI_TEST_KILL_AT is N, the process
kills itself with SIGKILL at the Nth fsync or rename here (tests/store/
test_kill.py uses it to prove the sets all or nothing). Unset, it does nothing.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Mapping
from pathlib import Path

from safecli.errors import FileFormatError, UnsafeWrite, WriteFailed

JOURNAL = ".safecli-journal"
PENDING = ".safecli-pending-"
_steps = [0]


def _step() -> None:
    """Count one fsync or rename; the test hook kills the process at the chosen one."""
    chosen = os.environ.get("SAFECLI_TEST_KILL_AT")
    if chosen:
        _steps[0] += 1
        if _steps[0] == int(chosen):
            os.kill(os.getpid(), signal.SIGKILL)


def write_atomic(path: Path, text: str) -> None:
    """Replace path's content with text, all or nothing; new files are 0600."""
    write_all({path: text})


def write_all(texts: Mapping[Path, str]) -> None:
    """Replace several files, each all or nothing.

    Every temp file is written and synced before the first one is moved into
    place, so a failure while preparing (a symlink, a full disk) changes nothing.
    """
    prepared: list[tuple[str, Path]] = []
    folders = sorted({path.parent for path in texts})
    journal = folders[0] / JOURNAL if len(texts) > 1 else None
    markers = [folder / f"{PENDING}{folders[0].name}" for folder in folders[1:]]
    try:
        for path, text in texts.items():
            prepared.append((_prepare(path, text), path))
        for marker in markers:
            _write_synced(marker, {"journal": folders[0].name})
        if journal is not None:
            _write_synced(journal, _journal(folders[0], prepared))
    except BaseException:
        for tmp, _ in prepared:
            Path(tmp).unlink(missing_ok=True)
        for marker in markers:
            marker.unlink(missing_ok=True)
        raise
    for tmp, path in prepared:
        os.replace(tmp, path)
        _step()
    for folder in folders:
        fsync_dir(folder)
    for marker in markers:
        marker.unlink()
        fsync_dir(marker.parent)
    if journal is not None:
        journal.unlink()
        fsync_dir(journal.parent)


def _journal(first: Path, prepared: list[tuple[str, Path]]) -> dict[str, object]:
    """The journal's content: renames in the first folder, and in each other folder."""
    renames = [[Path(tmp).name, path.name] for tmp, path in prepared if path.parent == first]
    others: dict[str, list[list[str]]] = {}
    for tmp, path in prepared:
        if path.parent != first:
            others.setdefault(path.parent.name, []).append([Path(tmp).name, path.name])
    return {"renames": renames, "others": others} if others else {"renames": renames}


def _write_synced(target: Path, content: object) -> None:
    import json  # here: only a set of files has a journal; a single file (the merge driver) none

    fd, tmp = _temp_file(target.parent, f"{target.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(content, handle)
            handle.flush()
            os.fsync(handle.fileno())
            _step()
        os.replace(tmp, target)
        _step()
        fsync_dir(target.parent)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _failed(target, exc) from exc
        raise


def write_folder(folder: Path, texts: Mapping[Path, str]) -> None:
    """Create folder (0700) holding texts (keyed by their final paths), all or nothing.

    The files are written in a temp folder beside it (`.new-NAME.<random>.tmp`, which
    no reader takes for a case), which is then renamed into place in one step.
    """
    import shutil
    import tempfile

    try:
        tmp = Path(
            tempfile.mkdtemp(dir=folder.parent, prefix=f".new-{folder.name}.", suffix=".tmp")
        )
    except OSError as exc:
        raise _failed(folder, exc) from exc
    writing = folder
    try:
        os.chmod(tmp, 0o700)
        for path, text in texts.items():
            writing = path
            _write_new(tmp / path.name, text)
        writing = folder
        fsync_dir(tmp)
        os.rename(tmp, folder)
        _step()
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise _failed(writing, exc) from exc
        raise
    fsync_dir(folder.parent)


def _write_new(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
        _step()


def unfinished(folder: Path) -> Path | None:
    """The journal of an interrupted write that may have left folder part way: its own,
    or the journal of a set of folders that this folder's marker points to; else None."""
    try:  # one listing: a glob cost a cold digest ~0.1 ms a case
        names: list[str] | None = os.listdir(folder)
    except OSError:
        names = None  # not listable (as a glob finds nothing), perhaps still searchable
    journal = folder / JOURNAL
    if (names is None or JOURNAL in names) and journal.exists():
        return journal
    for name in sorted(n for n in names or () if n.startswith(PENDING)):
        first = folder.parent / name.removeprefix(PENDING)
        if (first / JOURNAL).exists():
            return folder / name
    return None


def recover(folder: Path) -> bool:
    """Finish the renames an interrupted `write_all` left in folder's journal, or in the
    journal of a set of folders that this folder's marker points to.

    Call only while holding the folder's lock. Returns whether there was one.
    """
    found = False
    for marker in sorted(folder.glob(f"{PENDING}*")):
        found = True
        first = folder.parent / marker.name.removeprefix(PENDING)
        _safe_name(first.name, marker)
        journal = first / JOURNAL
        if journal.is_file() and not journal.is_symlink():
            _finish(first, _read_journal(journal))
        marker.unlink()
        fsync_dir(folder)
    journal = folder / JOURNAL
    if not journal.exists() or journal.is_symlink():
        return found
    _finish(folder, _read_journal(journal))
    for other in _read_journal(journal)[1]:
        (folder.parent / other / f"{PENDING}{folder.name}").unlink(missing_ok=True)
    journal.unlink()
    fsync_dir(folder)
    return True


Renames = list[tuple[str, str]]


def _read_journal(journal: Path) -> tuple[Renames, dict[str, Renames]]:
    """The renames of a journal: in its own folder, and by other folder."""
    import json

    try:
        raw = json.loads(journal.read_text(encoding="utf-8"))
        own = [(str(tmp), str(name)) for tmp, name in raw["renames"]]
        others = {
            str(other): [(str(tmp), str(name)) for tmp, name in pairs]
            for other, pairs in dict(raw.get("others") or {}).items()
        }
    except (ValueError, KeyError, TypeError) as exc:
        raise FileFormatError(
            "an interrupted write left a journal that cannot be read; see safecli doctor",
            path=journal,
        ) from exc
    for other in others:
        _safe_name(other, journal)
    for tmp, name in [*own, *(pair for pairs in others.values() for pair in pairs)]:
        if "/" in tmp or "/" in name or not tmp.startswith(".") or not tmp.endswith(".tmp"):
            raise FileFormatError("the journal names a file outside its folder", path=journal)
    return own, others


def _safe_name(name: str, source: Path) -> None:
    if not name or "/" in name or name in (".", "..") or name.startswith("."):
        raise FileFormatError("the journal names a folder outside the book", path=source)


def _finish(first: Path, journal: tuple[Renames, dict[str, Renames]]) -> None:
    """Do every rename of a set whose temp file is still there (each is done once)."""
    own, others = journal
    for folder, pairs in [(first, own), *((first.parent / o, p) for o, p in others.items())]:
        for tmp, name in pairs:
            try:
                os.replace(folder / tmp, folder / name)
            except FileNotFoundError:
                continue
        fsync_dir(folder)


def leftovers(folder: Path) -> list[Path]:
    """Temp files, temp folders and journals an interrupted write left in folder."""
    if not folder.is_dir():
        return []
    return sorted(
        entry
        for entry in folder.iterdir()
        if entry.name == JOURNAL
        or entry.name.startswith(PENDING)
        or (entry.name.startswith(".") and entry.name.endswith(".tmp"))
    )


def _prepare(path: Path, text: str) -> str:
    """A synced temp file beside path holding text, with path's mode (0600 if new)."""
    if path.is_symlink():
        raise UnsafeWrite("refusing to write through a symbolic link", path=path)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o600
    try:
        fd, tmp = _temp_file(path.parent, f".{path.name}.")
    except OSError as exc:
        raise _failed(path, exc) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
            _step()
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _failed(path, exc) from exc
        raise
    return tmp


def _temp_file(folder: Path, prefix: str) -> tuple[int, str]:
    """A new empty 0600 file `<prefix><random>.tmp` in folder, open for writing: what
    tempfile.mkstemp makes, without importing tempfile (with random and shutil, about
    5% of the merge driver's time; git starts the driver once a file)."""
    for _ in range(100):
        tmp = os.path.join(folder, f"{prefix}{os.urandom(6).hex()}.tmp")
        try:
            flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temp file name in {folder}")


def _failed(path: Path, exc: OSError) -> WriteFailed:
    """The refusal of a write the system would not do (a full disk, a file too large)."""
    reason = exc.strerror or str(exc)
    return WriteFailed(f"could not write this file ({reason}); nothing was changed", path=path)


def fsync_dir(folder: Path) -> None:
    """Make a rename in folder durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
        _step()
    finally:
        os.close(fd)


def make_private_dir(path: Path) -> None:
    """Create a folder readable by the owner only (0700)."""
    path.mkdir(mode=0o700)
    os.chmod(path, 0o700)
