"""validate's report as text: linter lines, GitHub annotations, GitLab Code Quality or JSON.

Library code: returns strings, prints nothing. Paths are shown relative to the
folder the command runs in when the file is inside it (so an editor or CI can
open them), else relative to the book; the caller says which folder that is.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from safecli.validation.cache import Waived
from safecli.validation.rules.base import Finding
from safecli.validation.run import Report

OUTPUTS = ("text", "json", "github", "gitlab")
# GitLab Code Quality severities: info, minor, major, critical, blocker.
GITLAB_SEVERITY = {"error": "major", "warning": "minor"}


@dataclass(frozen=True)
class Paths:
    """Findings' paths as shown: relative to `here` when inside it, else to the book."""

    root: Path
    here: Path

    @cached_property
    def _inside(self) -> str:
        """`here` resolved, with a trailing separator (worked out once, not per finding)."""
        return str(self.here.resolve()).rstrip(os.sep) + os.sep

    def __call__(self, path: str) -> str:
        full = os.path.join(str(self.root), path)
        inside = self._inside
        return full[len(inside) :] if full.startswith(inside) else path


def render(report: Report, fmt: str, shown: Paths, *, show_waived: bool, strict: bool) -> str:
    """The report in `fmt` (one of OUTPUTS), without a final newline."""
    if fmt == "json":
        return json.dumps(to_json(shown, report, strict), indent=2, ensure_ascii=False)
    if fmt == "gitlab":
        return json.dumps(gitlab(shown, report, show_waived), indent=2, ensure_ascii=False)
    github = fmt == "github"
    lines = [github_line(shown, f) if github else text_line(shown, f) for f in report.findings]
    if show_waived:
        lines += [
            github_waived(shown, w) if github else text_waived(shown, w) for w in report.waived
        ]
    lines.append(summary(report))
    return "\n".join(lines)


def text_line(shown: Paths, f: Finding) -> str:
    """`path:line:col: severity CODE message (principle)`."""
    return f.describe(shown(f.path))


def text_waived(shown: Paths, w: Waived) -> str:
    """A waived finding's line, with the waiver's line and reason."""
    f = w.finding
    return (
        f"{shown(f.path)}:{f.line}:{f.column}: waived {f.code} {f.message} "
        f"(waiver on line {w.line}: {w.reason})"
    )


def escape_data(text: str) -> str:
    """Escape a GitHub workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a GitHub workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(level: str, shown: Paths, f: Finding, title: str, message: str) -> str:
    properties = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in (
            ("file", shown(f.path)),
            ("line", f.line),
            ("col", f.column),
            ("title", title),
        )
    )
    return f"::{level} {properties}::{escape_data(message)}"


def github_line(shown: Paths, f: Finding) -> str:
    """A finding as a GitHub Actions annotation (`::error file=...::message`)."""
    return _annotation(f.severity, shown, f, f.code, f"{f.message} ({f.principle})")


def github_waived(shown: Paths, w: Waived) -> str:
    """A waived finding as a GitHub notice."""
    f = w.finding
    return _annotation("notice", shown, f, f"{f.code} waived", f"{f.message} (waived: {w.reason})")


def gitlab(shown: Paths, report: Report, show_waived: bool) -> list[dict[str, Any]]:
    """The findings as a GitLab Code Quality report (the `codequality` artifact).

    Each fingerprint is stable while the finding stays (path, code and message, and
    which repeat of them it is), not its line, so GitLab does not report a finding
    as fixed and new again when lines above it move.
    """
    rows = [(f, GITLAB_SEVERITY.get(f.severity, "info"), "") for f in report.findings]
    if show_waived:
        rows += [(w.finding, "info", f" (waived: {w.reason})") for w in report.waived]
    seen: dict[str, int] = {}
    issues = []
    for f, severity, note in rows:
        key = f"{shown(f.path)}\0{f.code}\0{f.message}{note}"
        seen[key] = seen.get(key, 0) + 1
        digest = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()
        issues.append(
            {
                "description": f"{f.code} {f.message} ({f.principle}){note}",
                "check_name": f.code,
                "fingerprint": digest,
                "severity": severity,
                "location": {"path": shown(f.path), "lines": {"begin": max(1, f.line)}},
            }
        )
    return issues


def to_json(shown: Paths, report: Report, strict: bool) -> dict[str, Any]:
    """The report as JSON data: findings, waived findings and a summary."""

    def row(f: Finding) -> dict[str, Any]:
        return {
            "path": shown(f.path),
            "line": f.line,
            "column": f.column,
            "severity": f.severity,
            "code": f.code,
            "message": f.message,
            "principle": f.principle,
            "case": f.case,
        }

    return {
        "findings": [row(f) for f in report.findings],
        "waived": [
            {**row(w.finding), "reason": w.reason, "waiver_line": w.line} for w in report.waived
        ],
        "summary": {
            "errors": report.errors,
            "warnings": report.warnings,
            "cases": report.cases,
            "checked": report.checked,
            "waived": len(report.waived),
            "strict": strict,
            "failed": is_failing(report, strict),
        },
    }


def is_failing(report: Report, strict: bool) -> bool:
    """Whether the report fails the run: errors, or warnings when strict."""
    return report.errors > 0 or (strict and report.warnings > 0)


def summary(report: Report) -> str:
    """`3 errors, 5 warnings in 2 cases (12 checked)`."""
    waived = f", {len(report.waived)} waived" if report.waived else ""
    if not report.findings:
        return f"no problems ({_count(report.checked, 'case')} checked{waived})"
    return (
        f"{_count(report.errors, 'error')}, {_count(report.warnings, 'warning')} in "
        f"{_count(report.cases, 'case')} ({report.checked} checked{waived})"
    )


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"
