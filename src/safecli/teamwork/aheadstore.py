"""Where the merge driver keeps the answers its first run of a `git merge` works out.

git starts the driver once for every file both sides changed, and each run pays
Python's start-up and the driver's imports (most of its time) for a few
milliseconds of work. So the first run of a `git merge` works out the answer for
every case file both sides changed (`ahead.work_ahead`, with the driver itself on
the versions git will hand over) and keeps them here, in the repository's git
folder (`safecli-merge/`, 0700, files 0600); each later run finds its own by the
versions git handed it and only reads and writes files. This module is what
those later runs import, so it needs only os, sys, marshal and zlib.

An answer is keyed by everything the driver's answer depends on: the git process
running the merge (its process id and start time, from /proc), HEAD, the names
of git's `GITHEAD_*` variables, the folder the driver runs in, this safecli and
Python, and byte for byte the path and the three versions. When any of these
cannot be known (no /proc, no `GITHEAD_*` as in a rebase or a cherry-pick,
GIT_DIR set, not run at the top of a work tree) nothing is kept and the driver
works as before. An answer is removed as it is taken; what is left (files git
merged without the driver) is removed when the next merge starts.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib

from safecli import __version__

FOLDER = "safecli-merge"
_READY = "ready-"
# git finds its folder from these instead of the work tree: then not ours to guess.
_GIT_ENV = ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR")

#: A driver's answer: its exit code, its messages, and the text it left in ours.
Answer = tuple[int, tuple[str, ...], str]
#: The three versions git hands the driver (base, ours, theirs), as bytes.
Texts = tuple[bytes, bytes, bytes]


class AheadStore:
    """The answers kept for the merge in progress (not a dataclass: that module
    would cost each later run more than it does). Use `current`."""

    def __init__(self, folder: str, stamp: bytes) -> None:
        self.folder = folder
        self._stamp = stamp
        self._ready = os.path.join(folder, f"{_READY}{zlib.crc32(stamp):08x}")

    @classmethod
    def current(cls, here: str) -> AheadStore | None:
        """The store of the `git merge` running the driver in `here`, or None when
        answers cannot be kept for it (see the module's docstring)."""
        names = sorted(name for name in os.environ if name.startswith("GITHEAD_"))
        git_folder = _git_folder(here)
        process = _merging_git()
        if not names or git_folder is None or process is None:
            return None
        try:
            with open(os.path.join(git_folder, "HEAD"), "rb") as handle:
                head = handle.read()
        except OSError:
            return None
        parts = [__version__, sys.version, process, here, git_folder, *names]
        stamp = b"\0".join([*(part.encode("utf-8", "surrogateescape") for part in parts), head])
        return cls(os.path.join(git_folder, FOLDER), stamp)

    def is_ready(self) -> bool:
        """Whether the first run of this merge has begun working the answers out."""
        return _load(self._ready) == self._stamp

    def start(self) -> None:
        """Forget every earlier merge's answers and mark this merge's as begun."""
        os.makedirs(self.folder, mode=0o700, exist_ok=True)
        forget(self.folder)
        _save(self._ready, marshal.dumps(self._stamp))

    def put(self, path: str, texts: Texts, answer: Answer) -> None:
        """Keep the answer for these versions of `path`."""
        _save(self._entry(path, texts), marshal.dumps((self._stamp, path, texts, answer)))

    def take(self, path: str, texts: Texts) -> Answer | None:
        """The answer kept for exactly these versions of `path` in this merge,
        removed as it is taken; None when there is none."""
        entry = self._entry(path, texts)
        found = _load(entry)
        if found is None:
            return None
        try:
            os.unlink(entry)
        except OSError:
            return None  # not to be taken twice, and it cannot be removed
        if not isinstance(found, tuple) or found[:3] != (self._stamp, path, texts):
            return None  # another file's answer under the same name: never taken for this one
        return _answer(found[3])

    def _entry(self, path: str, texts: Texts) -> str:
        """The entry's file name: checksums of path and versions (the entry holds
        them whole, and `take` compares them byte for byte)."""
        parts = (path.encode("utf-8", "surrogateescape"), *texts)
        return os.path.join(self.folder, "".join(f"{zlib.crc32(part):08x}" for part in parts))


def kept(folder: str) -> list[str]:
    """The answers kept in `folder` (its files but the merge's mark), sorted: once
    a merge has ended, those of files git merged without the driver."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return sorted(os.path.join(folder, n) for n in names if not n.startswith(_READY))


def forget(folder: str) -> list[str]:
    """Remove every file in `folder` (answers, a merge's mark); the answers removed."""
    answers = kept(folder)
    for name in os.listdir(folder) if os.path.isdir(folder) else []:
        try:
            os.unlink(os.path.join(folder, name))
        except FileNotFoundError:
            pass  # a driver run took its answer meanwhile
    return answers


def _save(name: str, data: bytes) -> None:
    """Write data (marshal's) to the file `name` (0600), replacing it whole."""
    tmp = f"{name}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, name)


def give(ours: str, text: str) -> bool:
    """Replace git's file `ours` (the driver's %A) with text, all or nothing: a temp
    file beside it, then a rename. Not synced, as git reads the file at once and
    then removes it; False (nothing changed) when ours is a symbolic link or the
    temp file's name is taken, and the driver's own run then decides."""
    if os.path.islink(ours):
        return False
    mode = os.stat(ours).st_mode & 0o777
    tmp = f"{ours}.{os.getpid()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        return False
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            os.fchmod(handle.fileno(), mode)
        os.replace(tmp, ours)
    except BaseException:
        os.unlink(tmp)
        raise
    return True


def _answer(value: object) -> Answer | None:
    if not (isinstance(value, tuple) and len(value) == 3):
        return None
    code, messages, text = value
    if not (isinstance(code, int) and isinstance(messages, tuple) and isinstance(text, str)):
        return None
    return code, tuple(str(message) for message in messages), text


def _load(name: str) -> object:
    """What `_save` wrote to the file `name`; None when it is not there or not whole."""
    try:
        with open(name, "rb") as handle:
            return marshal.loads(handle.read())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def _git_folder(here: str) -> str | None:
    """The repository's git folder when `here` is the top of its work tree (git
    runs the driver there), found as git finds it; None when unsure."""
    if any(name in os.environ for name in _GIT_ENV):
        return None
    dot = os.path.join(here, ".git")
    try:
        if os.path.isdir(dot):
            folder = dot
        else:
            with open(dot, encoding="utf-8") as handle:
                line = handle.readline()
            if not line.startswith("gitdir: "):
                return None
            folder = os.path.join(here, line[len("gitdir: ") :].strip())
    except (OSError, UnicodeDecodeError):
        return None
    return os.path.realpath(folder) if os.path.isfile(os.path.join(folder, "HEAD")) else None


def _merging_git() -> str | None:
    """Process id and start time of the git process that started the driver (the
    nearest `git` among its parents: git runs it through a shell), from /proc."""
    pid = os.getppid()
    for _ in range(3):
        try:
            with open(f"/proc/{pid}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            return None
        name = stat[stat.find(b"(") + 1 : stat.rfind(b")")]
        fields = stat[stat.rfind(b")") + 2 :].split()
        if len(fields) < 20:
            return None
        if name == b"git":
            return f"{pid} {fields[19].decode()}"  # field 22 of proc(5): the start time
        pid = int(fields[1])  # field 4: the parent
        if pid <= 1:
            return None
    return None
