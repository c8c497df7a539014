"""A case's audit trail from git: when, who, and what changed, in words.

Only the commits that touched the case folder are listed (`git log
--full-history -- cases/ID/`, so git skips the rest without reading their trees); for each, the case's four
files are looked up in the commit and its parents in one `git cat-file` call,
and only the versions that differ are read and compared (`changes.describe`).
A merge commit lists only what it changed relative to every parent (what the
merge itself did, such as a renumbered id); the merged branches' own commits
list their changes themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from safecli.errors import FileFormatError, GitFailure, UnknownCase
from safecli.model import FILES, check_case_id
from safecli.store import refusals, scan
from safecli.store.book import Book
from safecli.teamwork import gitrepo as gitwork
from safecli.teamwork.changes import describe

_FIELD = "\x1f"
_RECORD = "\x1e"


@dataclass(frozen=True)
class Entry:
    """One commit of a case's history."""

    commit: str
    date: str
    author: str
    changes: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "commit": self.commit,
            "date": self.date,
            "author": self.author,
            "changes": list(self.changes),
        }


@dataclass(frozen=True)
class _Commit:
    sha: str
    parents: tuple[str, ...]
    date: str
    author: str


def case_history(book: Book, case_id: str, since: date | None = None) -> list[Entry]:
    """The case's commits that changed its records, newest first."""
    top = gitwork.repo_root(book.root)
    if top is None:
        raise GitFailure("history needs the case book to be in a git repository", path=book.root)
    folder = gitwork.inside(top, book.cases_dir / check_case_id(case_id))
    commits = _log(top, folder, since)
    if not commits and not (book.cases_dir / case_id).is_dir():
        raise UnknownCase(f"no case {case_id!r} in this book or its history", path=book.cases_dir)
    files = {kind: f"{folder}/{kind}.yaml" for kind in FILES}
    revisions = {rev for c in commits for rev in (c.sha, *c.parents)}
    specs = [f"{rev}:{path}" for rev in sorted(revisions) for path in files.values()]
    blob_ids = _blob_ids(top, specs)
    needed = {
        blob
        for commit in commits
        for parent in commit.parents or (None,)
        for path in files.values()
        for blob in _pair(commit.sha, parent, path, blob_ids)
        if blob
    }
    reader = _Reader(folder, gitwork.blob_texts(top, sorted(needed)))
    entries: list[Entry] = []
    for commit in commits:
        per_parent = [
            _changes(commit.sha, parent, files, blob_ids, reader)
            for parent in commit.parents or (None,)
        ]
        kept = [line for line in per_parent[0] if all(line in other for other in per_parent[1:])]
        if kept:
            entries.append(Entry(commit.sha, commit.date, commit.author, tuple(kept)))
    return entries


def _log(top: Path, folder: str, since: date | None) -> list[_Commit]:
    # --full-history: a branch's commits stay in the trail even if a merge later
    # dropped their changes (they happened); merges list only what they did.
    args = [
        "log",
        "--full-history",
        "--date-order",
        f"--format={_RECORD}%H{_FIELD}%P{_FIELD}%cI{_FIELD}%an",
    ]
    if since is not None:
        args.append(f"--since={since.isoformat()} 00:00")
    out = gitwork.git(top, *args, "--", f"{folder}/", check=False)
    commits = []
    for record in out.split(_RECORD)[1:]:
        sha, parents, when, author = record.strip("\n").split(_FIELD)
        commits.append(_Commit(sha, tuple(parents.split()), when, author))
    return commits


def _blob_ids(top: Path, specs: list[str]) -> dict[str, str | None]:
    if not specs:
        return {}
    out = gitwork.run(
        top, "cat-file", "--batch-check", data="".join(f"{s}\n" for s in specs).encode()
    ).decode()
    result: dict[str, str | None] = {}
    for spec, line in zip(specs, out.splitlines(), strict=True):
        parts = line.split()
        result[spec] = parts[0] if len(parts) == 3 and parts[1] == "blob" else None
    return result


def _pair(
    sha: str, parent: str | None, path: str, blob_ids: dict[str, str | None]
) -> tuple[str | None, str | None]:
    """The blob ids of a file in a commit's parent and in the commit."""
    new = blob_ids.get(f"{sha}:{path}")
    old = blob_ids.get(f"{parent}:{path}") if parent else None
    return (None, None) if new == old else (old, new)


def _changes(
    sha: str,
    parent: str | None,
    files: dict[str, str],
    blob_ids: dict[str, str | None],
    reader: _Reader,
) -> list[str]:
    lines: list[str] = []
    for kind, path in files.items():
        old, new = _pair(sha, parent, path, blob_ids)
        if old is None and new is None:
            continue
        before, after = reader.data(kind, old), reader.data(kind, new)
        if isinstance(after, FileFormatError):
            lines.append(f"{kind}.yaml could not be read ({_where(after)}{after.message})")
        elif isinstance(before, FileFormatError):
            lines.append(f"{kind}.yaml readable again")
        else:
            described = describe(kind, before, after)
            if not described and before is not None and after is not None:
                described = [f"{kind}.yaml: layout or comments changed"]
            lines += described
    return lines


def _where(error: FileFormatError) -> str:
    return f"line {error.line}: " if error.line else ""


class _Reader:
    """Parses each blob once (one commit's new version is the next one's old)."""

    def __init__(self, folder: str, texts: dict[str, bytes | None]) -> None:
        self.folder = folder
        self.texts = texts
        self.cache: dict[str, Any] = {}

    def data(self, kind: str, blob: str | None) -> Any:
        """Plain data of a blob, None for no file, or the FileFormatError it raised."""
        if blob is None:
            return None
        if blob not in self.cache:
            path = Path(self.folder) / f"{kind}.yaml"
            try:
                text = refusals.check_bytes(path, self.texts.get(blob) or b"")
                self.cache[blob] = scan.load_text(path, text, FILES[kind])
            except FileFormatError as exc:
                self.cache[blob] = exc
        return self.cache[blob]
