"""`safecli doctor`: checks of a case book's git setup and of what is on disk.

Each check is ok, warn or fail, with a hint saying how to fix it. Messages name
paths, never a person: a folder named after someone is reported by its path
(which has to be shown to be renamed), without saying whose name matched.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from safecli import raw
from safecli.errors import FileFormatError
from safecli.model import CASE_ID, FILES
from safecli.store import refusals, scan
from safecli.store.book import CACHE_DIR, LOCK_NAME, Book
from safecli.store.config import CONFIG_NAME
from safecli.teamwork import gitrepo as gitwork

PROBE_CASE = "SG-0000-0000"
IGNORED = {
    LOCK_NAME: f"cases/{PROBE_CASE}/{LOCK_NAME}",
    f"{CACHE_DIR}/": f"{CACHE_DIR}/cache",
    ".*.tmp": f"cases/{PROBE_CASE}/.actions.yaml.x1y2z3.tmp",
}
TEMP_FILE = re.compile(r"^\..+\.tmp$")
WORD = re.compile(r"[^\W\d_]{3,}")
NAMED_IN = ("adult", "agencies")


@dataclass(frozen=True)
class Check:
    """The outcome of one check: status ok, warn or fail."""

    name: str
    status: str
    detail: str = ""
    hint: str = ""


def run_checks(book: Book) -> list[Check]:
    """Every check, in the order they are shown."""
    return [
        *_git_checks(book),
        *_case_checks(book),
        _leftover_check(book),
        _merge_answers_check(book),
        _link_check(book),
    ]


def merge_answers(book: Book) -> tuple[str, list[str]]:
    """Where the merge driver keeps its answers, and those left there by a merge
    that has ended (case text, for files git merged without the driver)."""
    from safecli.teamwork import aheadstore

    top = gitwork.repo_root(book.root)
    if top is None:
        return "", []
    folder = str(gitwork.git_dir(top) / aheadstore.FOLDER)
    return folder, aheadstore.kept(folder)


def forget_merge_answers(book: Book) -> list[str]:
    """Remove the merge driver's answers left by an earlier merge; those removed."""
    from safecli.teamwork import aheadstore

    folder, _ = merge_answers(book)
    return aheadstore.forget(folder) if folder else []


def _merge_answers_check(book: Book) -> Check:
    folder, left = merge_answers(book)
    if not left:
        return Check("merge answers", "ok", "no merge left case text in the git folder")
    return Check(
        "merge answers",
        "warn",
        f"{len(left)} answer(s) of an earlier git merge are kept in {folder} (case text)",
        "run 'safecli doctor --clean' to remove them (the next git merge removes them too)",
    )


def _link_check(book: Book) -> Check:
    folders = [book.cases_dir, book.root / "templates"]
    links = sorted(
        [_rel(book, folder) for folder in folders if folder.is_symlink()]
        + [
            _rel(book, path)
            for folder in folders
            if folder.is_dir() and not folder.is_symlink()
            for path in folder.rglob("*")
            if path.is_symlink()
        ]
    )
    return _listing(
        "symbolic links",
        links,
        "fail",
        "no case file, case folder or template is a symbolic link",
        "replace each link by a real file (safecli refuses to read them)",
    )


def _leftover_check(book: Book) -> Check:
    from safecli.teamwork import leftovers

    return _listing(
        "interrupted writes",
        [_rel(book, path) for path in leftovers.found(book)],
        "fail",
        "no journal, temp file or half-made case folder is left",
        "run 'safecli doctor --clean' to finish or undo them",
    )


def _git_checks(book: Book) -> Iterator[Check]:
    top = gitwork.repo_root(book.root)
    if top is None:
        yield Check(
            "git repository",
            "fail",
            "the case book is not in a git repository",
            "run 'git init' in the book, then 'safecli git setup'",
        )
        return
    yield Check("git repository", "ok", str(top))
    yield _driver_check(top)
    probe = gitwork.inside(top, book.root / "cases" / PROBE_CASE / "actions.yaml")
    attribute = gitwork.merge_attribute(top, probe)
    if attribute == gitwork.DRIVER_NAME:
        yield Check("merge attribute", "ok", "case files are merged by the safecli driver")
    else:
        yield Check(
            "merge attribute",
            "fail",
            f"case files have merge={attribute} in .gitattributes",
            f"run 'safecli git setup' (adds '{gitwork.ATTRIBUTES_LINE}')",
        )
    missing = [
        pattern
        for pattern, probe_path in IGNORED.items()
        if not gitwork.is_ignored(top, gitwork.inside(top, book.root / probe_path))
    ]
    if missing:
        yield Check(
            ".gitignore",
            "fail",
            f"not ignored: {', '.join(missing)}",
            f"add these lines to {book.root / '.gitignore'}: {' '.join(missing)}",
        )
    else:
        yield Check(".gitignore", "ok", "lock, cache and temporary files are ignored")


def _driver_check(top: Path) -> Check:
    command = gitwork.configured_driver(top)
    if command is None:
        return Check(
            "merge driver",
            "fail",
            "merge.safecli.driver is not set in git config",
            "run 'safecli git setup'",
        )
    if not command.endswith(gitwork.DRIVER_ARGS):
        return Check(
            "merge driver",
            "fail",
            f"merge.safecli.driver is {command!r}",
            f"run 'safecli git setup' (it should end with '{gitwork.DRIVER_ARGS}')",
        )
    try:
        program = shlex.split(command)[0]
    except (ValueError, IndexError):
        program = ""
    found = (
        (Path(program).is_file() and os.access(program, os.X_OK))
        if os.sep in program
        else shutil.which(program) is not None
    )
    if not found:
        return Check(
            "merge driver",
            "fail",
            f"the driver's program {program!r} is not there",
            "run 'safecli git setup' again from the safecli you use",
        )
    if gitwork.DRIVER_ENTRY not in command:
        return Check(
            "merge driver",
            "warn",
            f"merge.safecli.driver is {command!r}, which starts more slowly for each file",
            "run 'safecli git setup' again: it registers the quicker command",
        )
    return Check("merge driver", "ok", command)


def _case_checks(book: Book) -> Iterator[Check]:
    unreadable: list[str] = []
    named: list[str] = []
    bad_ids: list[str] = []
    entries = (
        sorted(os.scandir(book.cases_dir), key=lambda e: e.name) if book.cases_dir.is_dir() else []
    )
    for entry in entries:
        if entry.name == LOCK_NAME or TEMP_FILE.match(entry.name):
            continue
        if not entry.is_dir(follow_symlinks=False) or not _is_case_id(entry.name):
            bad_ids.append(_rel(book, Path(entry.path)))
            continue
        names, problems = _names(Path(entry.path))
        unreadable += [f"{_rel(book, Path(entry.path))}/{p}" for p in problems]
        named += [_rel(book, path) for path in _named_after(Path(entry.path), names)]
    yield _listing(
        "case files readable",
        unreadable,
        "fail",
        "all case files can be read",
        "fix these files (a conflict marker means an unfinished git merge)",
    )
    yield _listing(
        "case folder names",
        bad_ids,
        "fail",
        "every folder is named by a case id",
        "case folders are named by case id (e.g. SG-2026-0001); move anything else out of cases/",
    )
    yield _listing(
        "no personal names in paths",
        named,
        "fail",
        "no folder or file is named after a person in its case",
        "rename them: paths end up in git logs, backups and email",
    )
    big = [
        f"{_rel(book, p)} ({p.stat().st_size:,} bytes)"
        for p in _files(book)
        if p.stat().st_size > refusals.MAX_BYTES
    ]
    yield _listing(
        "file sizes",
        big,
        "fail",
        f"no file is over {refusals.MAX_BYTES:,} bytes",
        "case files are capped; split or trim what made them grow",
    )
    loose = [
        _rel(book, p)
        for p in (book.root / CONFIG_NAME, book.cases_dir, *_tree(book))
        if p.exists() and not p.is_symlink() and p.lstat().st_mode & 0o077
    ]
    yield _listing(
        "permissions",
        loose,
        "warn",
        "case files and folders are readable by their owner only",
        f"chmod -R go-rwx {book.cases_dir} {book.root / CONFIG_NAME}",
    )


def _listing(name: str, found: list[str], status: str, ok: str, hint: str) -> Check:
    if not found:
        return Check(name, "ok", ok)
    shown = ", ".join(found[:5]) + (f" and {len(found) - 5} more" if len(found) > 5 else "")
    return Check(name, status, shown, hint)


def _is_case_id(name: str) -> bool:
    return bool(CASE_ID.match(name)) and ".." not in name


def _names(folder: Path) -> tuple[set[str], list[str]]:
    """The people's names in a case (adult, representative, agency people) as
    lower-case words, and why files could not be read (`adult.yaml:6:12: ...`)."""
    words: set[str] = set()
    problems: list[str] = []
    for kind, expect in FILES.items():
        path = folder / f"{kind}.yaml"
        try:
            # the names are in these two; the others only need the byte checks
            # (conflict markers, encoding, size): validate reads them in full
            text = refusals.read_text(path)
            data = scan.load_text(path, text, expect) if kind in NAMED_IN else None
        except FileFormatError as exc:
            where = f":{exc.line}:{exc.column or 1}" if exc.line else ""
            problems.append(f"{path.name}{where}: {exc.message}")
            continue
        for name in _people(kind, data):
            words.update(word.lower() for word in WORD.findall(name))
    return words, problems


def _people(kind: str, data: Any) -> Iterator[str]:
    if kind == "adult":
        for key in ("name", "preferred_name"):
            if isinstance(data.get(key), str):
                yield data[key]
        for value in (data.get("representative"), data.get("communication")):
            if isinstance(value, dict):
                for key in ("name", "advocate"):
                    if isinstance(value.get(key), str):
                        yield value[key]
    elif kind == "agencies":
        for agency in data:
            people = agency.get("people") if isinstance(agency, dict) else None
            for person in raw.items(people):
                if isinstance(person, dict) and isinstance(person.get("name"), str):
                    yield person["name"]


def _named_after(folder: Path, words: set[str]) -> Iterator[Path]:
    fixed = {f"{kind}.yaml" for kind in FILES} | {LOCK_NAME}
    candidates = [
        folder,
        *(p for p in folder.rglob("*") if p.name not in fixed and not TEMP_FILE.match(p.name)),
    ]
    for path in candidates:
        lowered = path.name.lower()
        if any(word in lowered for word in words):
            yield path


def _files(book: Book) -> Iterator[Path]:
    yield from (p for p in _tree(book) if p.is_file() and not p.is_symlink())


def _tree(book: Book) -> Iterator[Path]:
    if book.cases_dir.is_dir():
        yield from sorted(book.cases_dir.rglob("*"))


def _rel(book: Book, path: Path) -> str:
    try:
        return str(path.relative_to(book.root))
    except ValueError:
        return str(path)
