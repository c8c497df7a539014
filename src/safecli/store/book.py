"""The case book: find it, list its cases, load and save a case (settings: config.py).

A case is changed only inside `edit_case`, which holds the case's lock across
read, change and write, and writes only the files whose text changed.

The reading side (`find_book`, `read_case`, `cases_named`) imports no round-trip
YAML: ruamel (`roundtrip`, `entries`) is imported by the first case loaded for
editing, so a command that only reads never pays for it.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from safecli.errors import (
    BookNotFound,
    FileFormatError,
    InvalidInput,
    LockHeld,
    UnknownCase,
    UnsafeWrite,
)
from safecli.model import CASE_ID, FILES, check_case_id
from safecli.store import atomic, fastload, scan
from safecli.store.config import CONFIG_NAME, Config, read_config
from safecli.store.refusals import named, read_text

if TYPE_CHECKING:
    from safecli.store.entries import Documents, Entries

LOCK_NAME = ".safecli.lock"
CACHE_DIR = ".safecli"
LOCK_WAIT_SECONDS = float(os.environ.get("SAFECLI_LOCK_WAIT", "10"))


#: What the fast reader made of texts of a case's files: (kind, text) → its plain data.
Read = Mapping[tuple[str, str], Any]


class Guard(Protocol):
    """Checks a case change before it is written (the rulebook, given by the command);
    raises to refuse it. Texts by kind: None for a file that does not exist yet.
    `peers` gives the other cases changed with it (case id → texts after the change),
    which the checks read instead of their files. `read`: texts of either side the fast
    reader has read already, and what it read (the checks need not read them again)."""

    def __call__(
        self,
        case_id: str,
        before: Mapping[str, str | None],
        after: Mapping[str, str | None],
        peers: Mapping[str, Mapping[str, str | None]] | None = None,
        read: Read | None = None,
    ) -> None: ...


@dataclass(frozen=True)
class Book:
    """A case book on disk: its root folder and settings, and the guard of its writes."""

    root: Path
    config: Config
    guard: Guard | None = field(default=None, compare=False, repr=False)

    @property
    def cases_dir(self) -> Path:
        return self.root / "cases"

    @property
    def cache_dir(self) -> Path:
        return self.root / CACHE_DIR

    def case_dir(self, case_id: str) -> Path:
        """The folder of an existing case; UnknownCase if there is none."""
        folder = self.cases_dir / check_case_id(case_id)
        if not folder.is_dir() or folder.is_symlink():
            raise UnknownCase(f"no case {case_id!r} in this book", path=self.cases_dir)
        return folder

    def case_ids(self) -> list[str]:
        """Every case id in the book, sorted."""
        if not self.cases_dir.is_dir():
            return []
        return sorted(
            entry.name
            for entry in os.scandir(self.cases_dir)
            if entry.is_dir(follow_symlinks=False) and not entry.name.startswith(".")
        )


def find_book(explicit: Path | None = None, start: Path | None = None) -> Book:
    """The book at `explicit`, or the first folder from `start` upwards with safecli.yaml."""
    if explicit is not None:
        if not (explicit / CONFIG_NAME).is_file():
            raise BookNotFound(f"no {CONFIG_NAME} in {explicit}", path=explicit)
        root = explicit.resolve()
    else:
        here = (start or Path.cwd()).resolve()
        found = next((p for p in (here, *here.parents) if (p / CONFIG_NAME).is_file()), None)
        if found is None:
            raise BookNotFound(
                f"not inside a case book (no {CONFIG_NAME} here or above); "
                "run 'safecli init', or give --book PATH or SAFECLI_BOOK"
            )
        root = found
    return Book(root=root, config=read_config(root / CONFIG_NAME))


@dataclass
class Case:
    """A case loaded for editing: the four round-trip documents (`Documents`, for a
    case loaded for editing) and their original text. `seen`: the fast reader's data of
    the texts it read, by (kind, text): the files as loaded, and new texts as checked."""

    case_id: str
    folder: Path
    docs: dict[str, Any]
    texts: dict[str, str | None]
    written: list[Path] = field(default_factory=list)
    plain: dict[str, Any] = field(default_factory=dict)
    seen: dict[tuple[str, str], Any] = field(default_factory=dict)
    editing: bool = False  # loaded for editing: `docs` is a `Documents`

    def _documents(self) -> Documents | None:
        return cast("Documents", self.docs) if self.editing else None

    def read(self, kind: str) -> Any:
        """A file's data to read, never to change: its round-trip document when this
        command has built it (it may hold changes), else the fast reader's data (the
        same values; with the entries this command changed, `entries`), so that a file
        only read is neither parsed for editing nor dumped to see whether it changed."""
        docs = self.docs
        documents = self._documents()
        cut = documents.entries.get(kind) if documents is not None else None
        if cut is not None and kind not in docs:
            return cut.data()
        if kind in self.docs or kind not in self.plain:
            return self.docs[kind]
        return self.plain[kind]

    def _cut(self, kind: str) -> Entries | None:
        documents = self._documents()
        return documents.cut(kind) if documents is not None else None

    def add(self, kind: str, item: Any) -> None:
        """Append an item to a list file (meetings, actions, agencies)."""
        from safecli.store import roundtrip

        cut = self._cut(kind)
        if cut is not None:
            cut.append(item)
        else:
            roundtrip.append(self.docs[kind], item)

    def put(self, kind: str, order: Sequence[str], key: str, value: Any) -> None:
        """Set a top-level key of a mapping file (adult) as `roundtrip.put` does."""
        from safecli.store import roundtrip
        from safecli.store.entries import Unsplit

        cut = self._cut(kind)
        if cut is not None:
            try:
                cut.put(order, key, value)
                return
            except Unsplit:
                pass
        roundtrip.put(self.docs[kind], order, key, value)

    def part(self, kind: str, key: str) -> Any:
        """The value of a top-level key of a mapping file (adult), to change in place."""
        from safecli.store.entries import Unsplit

        cut = self._cut(kind)
        if cut is not None:
            try:
                return cut.value(key)
            except Unsplit:
                pass
        return self.docs[kind].get(key)

    @property
    def adult(self) -> Any:
        return self.docs["adult"]

    @property
    def agencies(self) -> Any:
        return self.docs["agencies"]

    @property
    def meetings(self) -> Any:
        return self.docs["meetings"]

    @property
    def actions(self) -> Any:
        return self.docs["actions"]

    def find(self, kind: str, record_id: str, *, change: bool = True) -> Any:
        """The meeting or action (kind: meetings, actions) with this id; InvalidInput
        listing the ids the case has. `change=False`: only to read (`read`)."""
        source = self.read(kind)
        records = [r for r in source if isinstance(r, Mapping)]
        for index, record in enumerate(source):
            if isinstance(record, Mapping) and record.get("id") == record_id:
                return self._for_change(kind, index, record) if change else record
        noun = kind.removesuffix("s")
        known = ", ".join(str(r.get("id")) for r in records) or "none yet"
        raise InvalidInput(
            f"no {noun} {record_id!r} in {self.case_id} ({kind}: {known}); "
            f"see: safecli {noun} list {self.case_id}"
        )

    def _for_change(self, kind: str, index: int, record: Any) -> Any:
        """Item `index` of a list file (`record` to read), to change in place."""
        cut = self._cut(kind)
        if cut is None:
            return self.docs[kind][index]
        if index >= len(cut.plain):
            return record  # added by this command
        from safecli.store.entries import Unsplit

        try:
            return cut.item(index)
        except Unsplit:
            return self.docs[kind][index]

    def path(self, kind: str) -> Path:
        return self.folder / f"{kind}.yaml"


def load_case(book: Book, case_id: str) -> Case:
    """Read all four files of a case for editing, refusing unsafe input as the round-trip
    loader does; each file's round-trip document is built when first used."""
    from safecli.store.entries import Documents

    folder = book.case_dir(case_id)
    check_no_journal(folder)
    texts: dict[str, str | None] = {}
    plain: dict[str, Any] = {}
    seen: dict[tuple[str, str], Any] = {}
    docs = Documents(folder, texts, plain)
    for kind, expect in FILES.items():
        path = folder / f"{kind}.yaml"
        texts[kind] = text = read_text(path)
        try:
            plain[kind] = seen[kind, text] = fastload.load_text(path, text, expect)
        except FileFormatError:
            # The round-trip reader's own words for the refusal (the readers agree on
            # what they refuse; should they not, its document is the one used).
            plain[kind] = docs[kind]
    if plain["adult"].get("case") != case_id:
        check_case_folder(folder, case_id, docs["adult"])
    return Case(
        case_id=case_id, folder=folder, docs=docs, texts=texts, plain=plain, seen=seen, editing=True
    )


def check_no_journal(folder: Path) -> None:
    """Refuse to read a case an interrupted write left part way (its journal is there):
    some files may be new and some old. Only a command holding the lock finishes it."""
    journal = atomic.unfinished(folder)
    if journal is not None:
        raise FileFormatError(
            "this case has an unfinished write (interrupted part way); the next command "
            "that changes the case, or safecli doctor --clean, finishes it",
            path=journal,
        )


def check_case_folder(folder: Path, case_id: str, adult: Any) -> None:
    """Refuse an adult.yaml whose `case` is not its folder's name, at its `case` key (at
    the top of the record when there is none)."""
    case = adult.get("case")
    if case == case_id:
        return
    path = folder / "adult.yaml"
    message = (
        f"no case id: write case: {case_id}"
        if case is None
        else f"case {named(case)}does not match the folder name {case_id!r}"
    )
    raise FileFormatError(message, path=path, **_place(path))


def _place(path: Path) -> dict[str, int]:
    """Where adult.yaml's `case` value is (or its record starts when it has none), as
    validate's INT002 places it; from the file itself, since the plain data read-only
    commands read carries no positions."""
    try:
        node = scan.compose(path, read_text(path))
    except FileFormatError:
        return {"line": 1, "column": 1}
    line, column = scan.locate(node, ("case",), at_value=True)
    return {"line": line, "column": column}


def read_case(book: Book, case_id: str) -> Case:
    """A case's four files as plain data, read with the fast read-only loader (no lock).

    For commands that only read; the result must not be saved.
    """
    folder = book.case_dir(case_id)
    check_no_journal(folder)
    # The fast reader: scan.load's answers and refusals (tests/store), in a fraction of the time.
    docs = {kind: fastload.load(folder / f"{kind}.yaml", expect) for kind, expect in FILES.items()}
    check_case_folder(folder, case_id, docs["adult"])
    return Case(case_id=case_id, folder=folder, docs=docs, texts=dict.fromkeys(FILES))


def save_case(case: Case, guard: Guard | None = None) -> list[Path]:
    """Write the files whose text changed; return their paths.

    Every changed file is dumped and checked (and the whole case by `guard`) before
    any is written, and all are written together (`atomic.write_all`), so a failure
    changes no file.
    """
    texts = checked_texts(case, guard)
    atomic.write_all({case.path(kind): text for kind, text in texts.items()})
    for kind, text in texts.items():
        case.texts[kind] = text
        case.written.append(case.path(kind))
    return case.written


def checked_texts(case: Case, guard: Guard | None = None) -> dict[str, str]:
    """The new text of each file a change to the case alters, dumped and checked (and the
    whole case by `guard`), without writing anything."""
    texts = changed_texts(case)
    if texts and guard is not None:
        guard(case.case_id, dict(case.texts), {**case.texts, **texts}, read=case.seen)
    return texts


def changed_texts(case: Case) -> dict[str, str]:
    """The new text of each file a change to the case alters, dumped and checked."""
    from safecli.store import roundtrip
    from safecli.store.entries import Unsplit

    texts = {}
    docs = case.docs
    documents = case._documents()
    for kind, expect in FILES.items():
        cut = documents.entries.get(kind) if documents is not None else None
        if cut is not None and kind not in docs:
            try:
                found = cut.changed_read()
            except Unsplit:
                found = roundtrip.changed_read(case.path(kind), docs[kind], cut.text, expect)
        elif kind in case.docs:
            found = roundtrip.changed_read(
                case.path(kind), case.docs[kind], case.texts[kind], expect
            )
        else:
            continue  # never used, so unchanged
        if found is not None:
            texts[kind], case.seen[kind, found[0]] = found
    return texts


def save_cases(cases: Sequence[Case], guard: Guard | None = None) -> None:
    """Write the changed files of several cases, all or none (`atomic.write_all`).

    Each changed case is checked by `guard` with the others as they would be after
    the change, so a rule that reads across cases sees the whole change."""
    texts = checked_cases(cases, guard)
    atomic.write_all(
        {case.path(kind): text for case in cases for kind, text in texts[case.case_id].items()}
    )
    for case in cases:
        for kind, text in texts[case.case_id].items():
            case.texts[kind] = text
            case.written.append(case.path(kind))


def checked_cases(cases: Sequence[Case], guard: Guard | None = None) -> dict[str, dict[str, str]]:
    """The new texts of several cases' changed files (by case, by kind), each changed case
    checked by `guard` with the others as they would be after the change; nothing is
    written."""
    texts = {case.case_id: changed_texts(case) for case in cases}
    after = {case.case_id: {**case.texts, **texts[case.case_id]} for case in cases}
    if guard is not None:
        for case in cases:
            if texts[case.case_id]:
                peers = {other: t for other, t in after.items() if other != case.case_id}
                guard(case.case_id, dict(case.texts), after[case.case_id], peers, case.seen)
    return texts


@contextmanager
def lock(folder: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the writer's lock of a folder (a case, or the cases folder for new ids)."""
    path = folder / LOCK_NAME
    if path.is_symlink():
        raise UnsafeWrite("the lock file is a symbolic link; remove it", path=path)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    waited = LOCK_WAIT_SECONDS if wait is None else wait
    deadline = time.monotonic() + waited
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockHeld(_busy(folder, waited), path=folder) from None
                time.sleep(0.02)
        atomic.recover(folder)
        yield
    finally:
        os.close(fd)


def _busy(folder: Path, waited: float) -> str:
    what = "the book's list of cases" if folder.name == "cases" else f"case {folder.name}"
    return (
        f"{what} is busy: another safecli command has been changing it for the "
        f"{waited:g} s this one waits; nothing was written. Run the same command again "
        "(set SAFECLI_LOCK_WAIT=SECONDS to wait longer)"
    )


@contextmanager
def edit_case(book: Book, case_id: str) -> Iterator[Case]:
    """Load a case under its lock, let the caller change it, save what changed.

    If the caller raises, nothing is written.
    """
    folder = book.case_dir(case_id)
    with lock(folder):
        case = load_case(book, case_id)
        yield case
        save_case(case, book.guard)


@contextmanager
def edit_cases(book: Book, case_ids: Sequence[str]) -> Iterator[dict[str, Case]]:
    """Load several cases under their locks (taken in id order), let the caller change
    them, save what changed in all of them together, all or none.

    If the caller raises, nothing is written.
    """
    ordered = sorted(dict.fromkeys(case_ids))
    folders = [book.case_dir(case_id) for case_id in ordered]
    with ExitStack() as stack:
        for folder in folders:
            stack.enter_context(lock(folder))
        cases = {case_id: load_case(book, case_id) for case_id in ordered}
        yield cases
        save_cases(list(cases.values()), book.guard)


def cases_named(book: Book, arguments: Sequence[str]) -> list[str]:
    """The cases that command-line arguments name, sorted: case ids, or paths of case
    folders or of files in them (as pre-commit passes). No arguments, the book's
    folder or its cases folder: every case. A file directly in the cases folder
    names no case; a path elsewhere is refused."""
    if not arguments:
        return book.case_ids()
    found: dict[str, None] = {}
    cases_dir = book.cases_dir.resolve()
    for argument in arguments:
        path = Path(argument)
        is_id = CASE_ID.match(argument) and ".." not in argument
        if not path.exists() or (is_id and (book.cases_dir / argument).is_dir()):
            if not is_id and "/" in argument:
                raise InvalidInput(f"no case folder {argument}")
            book.case_dir(argument)
            found[argument] = None
            continue
        resolved = path.resolve()
        if resolved == book.root.resolve():
            found.update(dict.fromkeys(book.case_ids()))
            continue
        try:
            parts = resolved.relative_to(cases_dir).parts
        except ValueError:
            raise UnknownCase(
                f"{argument} is not in this book's cases folder", path=book.cases_dir
            ) from None
        if not parts:
            found.update(dict.fromkeys(book.case_ids()))
        elif len(parts) > 1 or path.is_dir():
            found[book.case_dir(parts[0]).name] = None
    return sorted(found)
