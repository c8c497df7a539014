"""The case book: find it, read its settings, list its cases, load and save a case.

A case is changed only inside `edit_case`, which holds the case's lock across
read, change and write, and writes only the files whose text changed.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from safecli import scan, yamlio
from safecli.errors import BookNotFound, FileFormatError, LockHeld, UnknownCase
from safecli.model import FILES, JURISDICTIONS, RISK_LEVELS, check_case_id

CONFIG_NAME = "safecli.yaml"
LOCK_NAME = ".safecli.lock"
CACHE_DIR = ".safecli"
LOCK_WAIT_SECONDS = float(os.environ.get("SAFECLI_LOCK_WAIT", "10"))

CONFIG_KEYS = ("organisation", "jurisdiction", "timezone", "show_names", "commit",
               "lead_times", "digest", "validate", "meeting_types")
DEFAULT_LEAD_TIMES = {"high": 1, "medium": 3, "low": 5}
DEFAULT_DIGEST = {"minutes_share_days": 5, "first_meeting_days": 10}


@dataclass(frozen=True)
class Config:
    """The book's settings from safecli.yaml, with defaults filled in."""

    organisation: str = ""
    jurisdiction: str = "england"
    timezone: str = "Europe/London"
    show_names: bool = False
    commit: bool = False
    lead_times: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_LEAD_TIMES))
    digest: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_DIGEST))
    validate: dict[str, Any] = field(default_factory=dict)
    meeting_types: dict[str, Any] = field(default_factory=dict)

    @property
    def tz(self) -> ZoneInfo:
        """The book's timezone."""
        return ZoneInfo(self.timezone)


def read_config(path: Path) -> Config:
    """Read and check safecli.yaml, naming the key of anything wrong."""
    raw, _ = yamlio.read(path, dict)
    unknown = [key for key in raw if key not in CONFIG_KEYS]
    if unknown:
        raise FileFormatError(f"unknown setting {unknown[0]!r}; known: {', '.join(CONFIG_KEYS)}",
                              path=path, **_key_position(raw, unknown[0]))
    if raw.get("jurisdiction") not in JURISDICTIONS:
        raise FileFormatError("jurisdiction must be england or wales", path=path,
                              **_key_position(raw, "jurisdiction"))
    timezone = raw.get("timezone") or "Europe/London"
    try:
        ZoneInfo(str(timezone))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise FileFormatError(f"unknown timezone {timezone!r}", path=path,
                              **_key_position(raw, "timezone")) from exc
    lead_times = {**DEFAULT_LEAD_TIMES, **_int_map(path, raw, "lead_times", RISK_LEVELS)}
    digest = {**DEFAULT_DIGEST, **_int_map(path, raw, "digest", tuple(DEFAULT_DIGEST))}
    for key in ("show_names", "commit"):
        if not isinstance(raw.get(key, False), bool):
            raise FileFormatError(f"{key} must be true or false", path=path,
                                  **_key_position(raw, key))
    for key in ("validate", "meeting_types"):
        if not isinstance(raw.get(key) or {}, dict):
            raise FileFormatError(f"{key} must be a mapping", path=path, **_key_position(raw, key))
    return Config(
        organisation=str(raw.get("organisation") or ""),
        jurisdiction=raw["jurisdiction"],
        timezone=str(timezone),
        show_names=bool(raw.get("show_names", False)),
        commit=bool(raw.get("commit", False)),
        lead_times=lead_times,
        digest=digest,
        validate=dict(raw.get("validate") or {}),
        meeting_types=dict(raw.get("meeting_types") or {}),
    )


def _int_map(path: Path, raw: Any, key: str, allowed: tuple[str, ...]) -> dict[str, int]:
    value = raw.get(key) or {}
    if not isinstance(value, dict):
        raise FileFormatError(f"{key} must be a mapping", path=path, **_key_position(raw, key))
    for name, number in value.items():
        if name not in allowed or not isinstance(number, int) or number < 0:
            raise FileFormatError(
                f"{key}.{name}: expected one of {', '.join(allowed)} with a whole number of days",
                path=path, **_key_position(value, name))
    return {str(name): int(number) for name, number in value.items()}


def _key_position(mapping: Any, key: str) -> dict[str, int]:
    try:
        line, column = mapping.lc.key(key)
    except (AttributeError, KeyError, TypeError):
        return {}
    return {"line": line + 1, "column": column + 1}


@dataclass(frozen=True)
class Book:
    """A case book on disk: its root folder and settings."""

    root: Path
    config: Config

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
            entry.name for entry in os.scandir(self.cases_dir)
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
                "run 'safecli init', or give --book PATH or SAFECLI_BOOK")
        root = found
    return Book(root=root, config=read_config(root / CONFIG_NAME))


@dataclass
class Case:
    """A case loaded for editing: the four round-trip documents and their original text."""

    case_id: str
    folder: Path
    docs: dict[str, Any]
    texts: dict[str, str | None]
    written: list[Path] = field(default_factory=list)

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

    def path(self, kind: str) -> Path:
        return self.folder / f"{kind}.yaml"


def load_case(book: Book, case_id: str) -> Case:
    """Read all four files of a case with the round-trip loader (refusing unsafe input)."""
    folder = book.case_dir(case_id)
    docs: dict[str, Any] = {}
    texts: dict[str, str | None] = {}
    for kind, expect in FILES.items():
        docs[kind], texts[kind] = yamlio.read(folder / f"{kind}.yaml", expect)
    adult_case = docs["adult"].get("case")
    if adult_case != case_id:
        raise FileFormatError(
            f"case: {adult_case!r} does not match the folder name {case_id!r}",
            path=folder / "adult.yaml", **_key_position(docs["adult"], "case"))
    return Case(case_id=case_id, folder=folder, docs=docs, texts=texts)


def read_case(book: Book, case_id: str) -> Case:
    """A case's four files as plain data, read with the fast read-only loader (no lock).

    For commands that only read; the result must not be saved.
    """
    folder = book.case_dir(case_id)
    docs = {kind: scan.load(folder / f"{kind}.yaml", expect) for kind, expect in FILES.items()}
    if docs["adult"].get("case") != case_id:
        raise FileFormatError(
            f"case: {docs['adult'].get('case')!r} does not match the folder name {case_id!r}",
            path=folder / "adult.yaml")
    return Case(case_id=case_id, folder=folder, docs=docs, texts=dict.fromkeys(FILES))


def save_case(case: Case) -> list[Path]:
    """Write the files whose text changed (atomically); return their paths."""
    for kind, expect in FILES.items():
        path = case.path(kind)
        if yamlio.save(path, case.docs[kind], case.texts[kind], expect):
            case.texts[kind] = yamlio.dump(case.docs[kind])
            case.written.append(path)
    return case.written


@contextmanager
def lock(folder: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the writer's lock of a folder (a case, or the cases folder for new ids)."""
    path = folder / LOCK_NAME
    if path.is_symlink():
        raise LockHeld("the lock file is a symbolic link; remove it", path=path)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    deadline = time.monotonic() + (LOCK_WAIT_SECONDS if wait is None else wait)
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockHeld(
                        "another safecli command is changing this case; try again in a moment",
                        path=path) from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)


@contextmanager
def edit_case(book: Book, case_id: str) -> Iterator[Case]:
    """Load a case under its lock, let the caller change it, save what changed.

    If the caller raises, nothing is written.
    """
    folder = book.case_dir(case_id)
    with lock(folder):
        case = load_case(book, case_id)
        yield case
        save_case(case)


def make_private_dir(path: Path) -> None:
    """Create a folder readable by the owner only (0700)."""
    path.mkdir(mode=0o700)
    os.chmod(path, 0o700)


CONFIG_TEMPLATE = """\
# safecli case book settings (see docs/file-format.md)
organisation: {organisation}
jurisdiction: {jurisdiction}            # england (Care Act 2014 s42) or wales (SSWB(W)A 2014 s126)
timezone: {timezone}
show_names: false                 # true: lists and digests may show adults' names
commit: false                     # true: every writing command commits what it changed
lead_times:                       # days of notice an invitation needs, by risk level
  high: 1
  medium: 3
  low: 5
digest:
  minutes_share_days: 5           # flag held meetings whose minutes are not shared after N days
  first_meeting_days: 10          # flag open cases with no meeting held N days after opening
validate:
  strict: false
  select: []
  ignore: []
meeting_types: {{}}                # add meeting types or override fields of built-in ones
"""
GITIGNORE = """\
# safecli's own lock, cache and temporary files
.safecli.lock
.safecli/
.*.tmp
"""
GITATTRIBUTES = """\
# case files: merged by safecli's merge driver when registered (safecli git setup)
cases/**/*.yaml merge=safecli text eol=lf
"""


def init_book(root: Path, *, organisation: str, jurisdiction: str, timezone: str) -> list[Path]:
    """Create a new case book at root; refuse if one is already there."""
    if (root / CONFIG_NAME).exists():
        raise FileFormatError("a case book already exists here; not overwriting it",
                              path=root / CONFIG_NAME)
    if jurisdiction not in JURISDICTIONS:
        raise FileFormatError(f"jurisdiction must be england or wales, not {jurisdiction!r}")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise FileFormatError(f"unknown timezone {timezone!r}") from exc
    if not root.exists():
        root.mkdir(mode=0o700, parents=True)
    if not (root / "cases").exists():
        make_private_dir(root / "cases")
    config = CONFIG_TEMPLATE.format(
        organisation=json.dumps(organisation, ensure_ascii=False),
        jurisdiction=jurisdiction, timezone=timezone)
    written = [root / CONFIG_NAME]
    yamlio.write_atomic(root / CONFIG_NAME, config)
    for name, content in ((".gitignore", GITIGNORE), (".gitattributes", GITATTRIBUTES)):
        path = root / name
        existing = path.read_text(encoding="utf-8") if path.exists() else ""
        missing = [line for line in content.splitlines() if line not in existing.splitlines()]
        if missing:
            joined = existing + ("\n" if existing and not existing.endswith("\n") else "")
            yamlio.write_atomic(path, joined + "\n".join(missing) + "\n")
            written.append(path)
    read_config(root / CONFIG_NAME)
    return written
