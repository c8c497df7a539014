"""What every rule works with: the Finding it returns, the Rule it is, the case it reads."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from safecli.errors import FileFormatError
from safecli.policy.pack import MeetingType, Policy
from safecli.raw import day, mapping
from safecli.shape import ACTION_ID, MEETING_ID
from safecli.store.config import Config
from safecli.store.refusals import check_bytes, read_bytes
from safecli.store.scan import load_text, locate
from safecli.validation.rules.places import Tree
from safecli.validation.rules.shapecheck import Keys, Walk

ERROR = "error"
WARNING = "warning"
KINDS = ("adult", "agencies", "meetings", "actions")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one place. `path` is relative to the book; line and column are 1-based.

    `record_line` is the first line of the record holding the problem (the meeting,
    action or agency item; in adult.yaml the top-level key): waivers look there too.
    """

    code: str
    severity: str
    message: str
    path: str
    line: int
    column: int
    principle: str
    case: str
    record_line: int

    def describe(self, path: str | None = None) -> str:
        """The finding as validate prints it: `file:line:col: severity CODE message (principle)`."""
        return (
            f"{path or self.path}:{self.line}:{self.column}: "
            f"{self.severity} {self.code} {self.message} ({self.principle})"
        )


def waivable(code: str) -> bool:
    """Whether a waiver may cover findings of this code: only the standards' can, not
    integrity's or the waivers' own."""
    return not code.startswith(("INT", "WAV"))


@dataclass(frozen=True)
class Rule:
    """A check with a stable code; `doc` (the module docstring) is its documentation."""

    code: str
    severity: str
    principle: str
    summary: str
    check: Callable[[CaseView], Iterator[Finding]]
    doc: str
    severity_note: str | None = None

    @property
    def waivable(self) -> bool:
        """Integrity and waiver findings cannot be waived: only standards can."""
        return waivable(self.code)

    def documentation(self) -> str:
        """The rule's documentation as `safecli rules CODE` prints it."""
        severity = self.severity + (f"; {self.severity_note}" if self.severity_note else "")
        waiver = "yes" if self.waivable else "no"
        return (
            f"{inspect.cleandoc(self.doc)}\n\nSeverity: {severity}. Principle: "
            f"{self.principle}. Can be waived: {waiver}."
        )

    def as_row(self) -> dict[str, Any]:
        """One row of `safecli rules`: code, severity, principle, summary."""
        severity = f"{self.severity}/{ERROR}" if self.severity_note else self.severity
        return {
            "code": self.code,
            "severity": severity,
            "principle": self.principle,
            "summary": self.summary,
            "severity_note": self.severity_note,
        }


class TodayWindow:
    """Today, and the span of days over which every comparison made with it holds.

    Rules compare dates with today only through `reached`, so a cached result
    can say exactly for which days it stays true.
    """

    def __init__(self, today: date) -> None:
        self._today = today.toordinal()
        self.first = date.min.toordinal()
        self.last = date.max.toordinal()

    def reached(self, day: date) -> bool:
        """True when today is `day` or later."""
        ordinal = day.toordinal()
        if self._today >= ordinal:
            self.first = max(self.first, ordinal)
            return True
        self.last = min(self.last, ordinal - 1)
        return False


@dataclass(frozen=True)
class Context:
    """What rules need from the book: its folder, settings, meeting types, the codes
    a waiver may name, and (at write time) other cases as a change would leave them."""

    root: Path
    config: Config
    policy: Policy
    waivable: frozenset[str] = frozenset()
    pending: Mapping[str, Mapping[str, str | None]] = field(default_factory=dict)


@dataclass(frozen=True)
class CaseView:
    """A case as the rules see it: plain data and node trees of the four files.

    `data[kind]` is None when the file could not be read (`refusals[kind]` says why);
    `texts[kind]` is the decoded text whenever the bytes were readable.
    """

    case_id: str
    context: Context
    jurisdiction: str
    data: Mapping[str, Any]
    nodes: Mapping[str, yaml.Node | None]
    texts: Mapping[str, str | None]
    refusals: Mapping[str, FileFormatError]
    walks: Mapping[str, Walk]
    window: TodayWindow
    lookups: dict[str, Any] = field(default_factory=dict)
    trees: dict[str, Tree | None] = field(default_factory=dict, repr=False, compare=False)
    # What rules ask of the case again and again (its records, its held meetings...),
    # worked out once: by `records`' helpers, which rules only read.
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def path(self, kind: str) -> str:
        """The file of a kind, relative to the book."""
        return f"cases/{self.case_id}/{kind}.yaml"

    def mapping(self, kind: str) -> dict[str, Any]:
        """A mapping file's data, or {} when unreadable."""
        value = self.data.get(kind)
        return mapping(value)

    def items(self, kind: str) -> list[tuple[int, dict[str, Any]]]:
        """(index, record) for each mapping item of a list file (the same list each time:
        rules only read it)."""
        found: list[tuple[int, dict[str, Any]]] | None = self.memo.get(kind)
        if found is None:
            value = self.data.get(kind)
            found = (
                [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]
                if isinstance(value, list)
                else []
            )
            self.memo[kind] = found
        return found

    def meeting_type(self, meeting: Mapping[str, Any]) -> MeetingType | None:
        """The policy pack's type of a meeting, or None when it names no known type."""
        type_id = meeting.get("type")
        return self.context.policy.types.get(type_id) if isinstance(type_id, str) else None

    def reached(self, day: date) -> bool:
        """True when today is `day` or later."""
        return self.window.reached(day)

    def case_exists(self, case_id: str) -> bool:
        """Whether the book has a case folder of this id (remembered for the cache)."""
        if case_id not in self.lookups:
            folder = self.context.root / "cases" / case_id
            self.lookups[case_id] = folder.is_dir() and not folder.is_symlink()
        return bool(self.lookups[case_id])

    def other_meetings(self, case_id: str) -> list[dict[str, Any]] | None:
        """Another case's meetings, as a pending change leaves them or as on disk (the
        file's stat is remembered for the cache); None when they cannot be read."""
        return self.other_items(case_id, "meetings")

    def other_items(self, case_id: str, kind: str) -> list[dict[str, Any]] | None:
        """The records of another case's list file (meetings or agencies), as a pending
        change leaves them or as on disk (the file's stat is remembered for the cache);
        None when they cannot be read."""
        pending = self.context.pending.get(case_id)
        path = self.context.root / "cases" / case_id / f"{kind}.yaml"
        if pending is not None and kind in pending:
            text = pending.get(kind)
            return _items_of(path, text.encode("utf-8")) if text is not None else None
        try:
            info = path.stat()
            raw = read_bytes(path)
        except (OSError, FileFormatError):
            self.lookups[f"{case_id}/{kind}.yaml"] = None
            return None
        self.lookups[f"{case_id}/{kind}.yaml"] = [info.st_mtime_ns, info.st_size, info.st_ino]
        return _items_of(path, raw)

    def finding(
        self,
        rule: Rule,
        kind: str,
        keys: Keys,
        message: str,
        *,
        severity: str | None = None,
        at_value: bool = False,
    ) -> Finding:
        """A finding of `rule` at a key path of a file (at the key, or at its value)."""
        line, column, record_line = self.place(kind, keys, at_value=at_value)
        return Finding(
            code=rule.code,
            severity=severity or rule.severity,
            message=message,
            path=self.path(kind),
            line=line,
            column=column,
            principle=rule.principle,
            case=self.case_id,
            record_line=record_line,
        )

    def place(self, kind: str, keys: Keys, *, at_value: bool = False) -> tuple[int, int, int]:
        """1-based (line, column) of a key path of a file as `scan.locate` gives it in the
        file's node tree, and the line of its first key (the record's line): read from
        rapidyaml's tree of a file the store accepted where it can say (`places`), else
        from the node tree (composed the first time it is asked)."""
        data = self.data.get(kind)
        if data is not None and kind not in self.refusals:
            if kind not in self.trees:
                text = self.texts.get(kind)
                self.trees[kind] = Tree.of(text) if text is not None else None
            tree = self.trees[kind]
            if tree is not None:
                found = tree.place(keys, data, at_value=at_value)
                if found is not None:
                    return found
        node = self.nodes.get(kind)
        line, column = locate(node, keys, at_value=at_value)
        return line, column, locate(node, keys[:1])[0]

    def file_finding(
        self,
        rule: Rule,
        kind: str,
        message: str,
        line: int | None = None,
        column: int | None = None,
    ) -> Finding:
        """A finding about a whole file, or a place given by line and column."""
        return Finding(
            code=rule.code,
            severity=rule.severity,
            message=message,
            path=self.path(kind),
            line=line or 1,
            column=column or 1,
            principle=rule.principle,
            case=self.case_id,
            record_line=line or 1,
        )


def _items_of(path: Path, raw: bytes) -> list[dict[str, Any]] | None:
    """The records of a list file's bytes, or None when it is not a readable list."""
    try:
        value = load_text(path, check_bytes(path, raw), list)
    except (FileFormatError, ValueError, TypeError, RecursionError, yaml.YAMLError):
        return None
    return [m for m in value if isinstance(m, dict)] if isinstance(value, list) else None


_RECORD_ID = re.compile(f"{MEETING_ID}|{ACTION_ID}")


def record_id(record: Mapping[str, Any]) -> str:
    """A meeting's or action's id for a message, or `(invalid id)` when it is not one (INT002
    reports it): a message never repeats what was typed in its place."""
    value = record.get("id")
    return value if isinstance(value, str) and _RECORD_ID.match(value) else "(invalid id)"


def day_text(value: Any) -> str:
    """A stored date for a message, or `(not a date)`."""
    found = day(value)
    return found.isoformat() if found is not None else "(not a date)"
