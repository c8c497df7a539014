"""Waiver comments: a standard deliberately not met for one record, with the reason why.

A waiver is a YAML comment:

    # safecli: waive EMP002 -- adult asked not to be invited; recorded by Sam Patel on 2026-11-03

naming one or more codes (`EMP002, PAR001`), then `--` and the reason. It is
found by scanning the file's lines, not by the YAML parser, so it can sit on
its own line or at the end of a line.

Which findings a waiver covers: a finding is waived by a waiver of its code
that is written

1. on the finding's own line, or on the line just above it; or
2. on the first line of the record holding the finding (the `- id: ...` line of
   a meeting or action, the `- handle: ...` line of an agency, the top-level
   key in adult.yaml), or on the line just above that; or
3. in the block of comment-only lines directly above either of those lines
   (a blank line ends the block).

A waiver with no reason after `--` waives nothing (WAV001 reports it); integrity
findings (INT) cannot be waived (WAV002 reports a waiver that tries).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MARK = "safecli:"
_WAIVER = re.compile(
    r"#\s*safecli:\s*waive\b\s*(?P<codes>[A-Za-z]{3}[0-9]{3}(?:\s*,\s*[A-Za-z]{3}[0-9]{3})*)?"
    r"(?P<rest>.*)$"
)
_REASON = re.compile(r"^\s*--\s*(?P<reason>.*?)\s*$")


@dataclass(frozen=True)
class Waiver:
    """One waiver comment: where it is, the codes it names and its reason ('' if none)."""

    line: int
    column: int
    codes: tuple[str, ...]
    reason: str


def scan(text: str) -> list[Waiver]:
    """Every waiver comment in a file's text."""
    if MARK not in text:
        return []
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        if MARK not in line:
            continue
        match = _WAIVER.search(line)
        if match is None:
            continue
        codes = tuple(
            code.strip().upper() for code in (match["codes"] or "").split(",") if code.strip()
        )
        reason = _REASON.match(match["rest"])
        found.append(Waiver(number, match.start() + 1, codes, reason["reason"] if reason else ""))
    return found


class Index:
    """The waivers of one file, looked up by the lines a finding is attached to."""

    def __init__(self, text: str, waivers: Iterable[Waiver]) -> None:
        self._lines = text.split("\n")
        self._by_line: dict[int, list[Waiver]] = {}
        for waiver in waivers:
            self._by_line.setdefault(waiver.line, []).append(waiver)

    def find(self, code: str, lines: Iterable[int]) -> Waiver | None:
        """The first waiver with a reason for `code` attached to any of these lines."""
        for line in lines:
            for candidate in self._attached(line):
                for waiver in self._by_line.get(candidate, ()):
                    if code in waiver.codes and waiver.reason:
                        return waiver
        return None

    def _attached(self, line: int) -> list[int]:
        """The line, the line above, and the comment-only lines directly above it."""
        attached = [line, line - 1]
        above = line - 1
        while above >= 1 and self._is_comment(above):
            attached.append(above)
            above -= 1
        return attached

    def _is_comment(self, line: int) -> bool:
        return 0 < line <= len(self._lines) and self._lines[line - 1].lstrip().startswith("#")
