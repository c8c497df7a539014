"""The validate cache: each case's findings, reused while its four files are unchanged.

Stored in the book's `.safecli/validate-cache.json` (folder 0700, file 0600,
written atomically). An entry is reused only when

- the book key matches: safecli's version, the stat of its own rule code, and
  the book's settings (so the policy pack and lead times);
- each of the case's four files has the same stat (mtime, size, inode) and was
  last changed before the cache was written (as git treats racily-clean files);
- today lies in the span of days over which the case's date comparisons hold;
- the other cases it names (subjects) still exist, or still do not, and the
  other cases' meetings.yaml it read (a meeting about several adults) have the
  same stat.

Anything unreadable or unexpected in the cache is ignored: it is only a cache.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from safecli import __version__
from safecli.errors import SafecliError
from safecli.store.atomic import JOURNAL, make_private_dir, write_atomic
from safecli.store.codehash import code_fingerprint
from safecli.store.config import Config
from safecli.validation.rules.base import Finding

CACHE_FILE = "validate-cache.json"
FORMAT = 1
KINDS = ("adult", "agencies", "meetings", "actions")
Stamp = list[list[int] | None]


@dataclass(frozen=True)
class Waived:
    """A finding a waiver comment covers, with the waiver's reason and line."""

    finding: Finding
    reason: str
    line: int


@dataclass(frozen=True)
class CaseResult:
    """Everything validate found in one case, and for which days it holds."""

    case: str
    findings: tuple[Finding, ...]
    waived: tuple[Waived, ...]
    first: int = date.min.toordinal()
    last: int = date.max.toordinal()
    lookups: dict[str, Any] = field(default_factory=dict)


def stamp(folder: str) -> Stamp:
    """The stat of a case's four files (None for a missing one) and whether an
    interrupted write left its journal there."""
    found: Stamp = []
    base = folder
    for kind in KINDS:
        try:
            info = os.stat(f"{base}/{kind}.yaml")
        except OSError:
            found.append(None)
        else:
            found.append([info.st_mtime_ns, info.st_size, info.st_ino])
    # An interrupted write's journal: its coming (or going) makes the result stale.
    found.append([1, 0, 0] if os.path.lexists(f"{base}/{JOURNAL}") else None)
    return found


def book_key(config: Config) -> str:
    """What every entry depends on besides its own files."""
    import hashlib  # here: a write checks its case through the rules, never this cache

    text = json.dumps(
        [FORMAT, __version__, code_fingerprint(), asdict(config)], sort_keys=True, default=str
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Cache:
    """The cache of one book, loaded once, saved once if anything was added."""

    def __init__(self, root: Path, key: str) -> None:
        self._path = root / ".safecli" / CACHE_FILE
        self._key = key
        self._cases: dict[str, Any] = {}
        # Entries handed out by `get`, kept as their results (not their rows as well)
        # until `save` writes them again: a warm run of 30,000 cases held both.
        self._reused: dict[str, tuple[Stamp, CaseResult]] = {}
        self._written_ns = 0
        self._changed = False
        try:
            if self._path.is_symlink() or self._path.parent.is_symlink():
                return
            written_ns = self._path.stat().st_mtime_ns
            raw = json.loads(self._path.read_bytes())
        except (OSError, ValueError):
            return
        if isinstance(raw, dict) and raw.get("key") == key and isinstance(raw.get("cases"), dict):
            self._cases = raw["cases"]
            self._written_ns = written_ns

    def get(self, case_id: str, current: Stamp, today: date, root: Path) -> CaseResult | None:
        """The cached result of a case, if it still holds."""
        entry = self._cases.get(case_id)
        if not isinstance(entry, dict) or entry.get("stamp") != current:
            return None
        if any(s is not None and s[0] >= self._written_ns for s in current):
            return None
        if not entry["first"] <= today.toordinal() <= entry["last"]:
            return None
        for other, seen in entry["lookups"].items():
            if not _still(root / "cases" / other, seen, self._written_ns):
                return None
        try:
            result = _result(case_id, entry)
        except (KeyError, TypeError, ValueError):
            return None
        del self._cases[case_id]
        self._reused[case_id] = (current, result)
        return result

    def put(self, current: Stamp, result: CaseResult) -> None:
        """Remember a freshly computed result."""
        self._reused.pop(result.case, None)
        self._cases[result.case] = _entry(current, result)
        self._changed = True

    def save(self) -> None:
        """Write the cache if anything changed; failing to write is not an error."""
        if not self._changed:
            return
        try:
            if self._path.parent.is_symlink():
                return
            if not self._path.parent.is_dir():
                make_private_dir(self._path.parent)
            cases = dict(self._cases)
            for case_id, (current, result) in self._reused.items():
                cases[case_id] = _entry(current, result)
            text = json.dumps({"key": self._key, "cases": cases}, separators=(",", ":"))
            write_atomic(self._path, text)
        except (OSError, SafecliError):
            return


def _still(path: Path, seen: Any, written_ns: int) -> bool:
    """Whether a lookup a rule made still holds: a folder's existence (a bool) or a
    file's stat (a list, None for no file), changed before the cache was written."""
    if isinstance(seen, bool):
        return path.is_dir() == seen
    try:
        info = path.stat()
    except OSError:
        return seen is None
    now = [info.st_mtime_ns, info.st_size, info.st_ino]
    return bool(seen == now and info.st_mtime_ns < written_ns)


_FIELDS = (
    "code",
    "severity",
    "message",
    "path",
    "line",
    "column",
    "principle",
    "case",
    "record_line",
)


def _entry(current: Stamp, result: CaseResult) -> dict[str, Any]:
    return {
        "stamp": current,
        "first": result.first,
        "last": result.last,
        "lookups": result.lookups,
        "findings": [_row(f) for f in result.findings],
        "waived": [[*_row(w.finding), w.reason, w.line] for w in result.waived],
    }


def _row(finding: Finding) -> list[Any]:
    return [getattr(finding, name) for name in _FIELDS]


def _finding(row: list[Any]) -> Finding:
    # The same codes, paths and messages recur thousands of times: one copy of each.
    values: list[Any] = [sys.intern(v) if v.__class__ is str else v for v in row[: len(_FIELDS)]]
    return Finding(**dict(zip(_FIELDS, values, strict=True)))


def _result(case_id: str, entry: dict[str, Any]) -> CaseResult:
    waived = tuple(Waived(_finding(row), str(row[-2]), int(row[-1])) for row in entry["waived"])
    return CaseResult(
        case=case_id,
        findings=tuple(_finding(row) for row in entry["findings"]),
        waived=waived,
        first=int(entry["first"]),
        last=int(entry["last"]),
        lookups=dict(entry["lookups"]),
    )
