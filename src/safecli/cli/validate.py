"""`safecli validate`, `safecli rules` and `safecli schema`."""

from __future__ import annotations

import inspect
import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer

from safecli.cli.common import AsOfOption, emit, today
from safecli.errors import EXIT_FINDINGS, EXIT_OK, BookNotFound, UsageProblem
from safecli.model import FILES
from safecli.policy.pack import book_policy, load_policy
from safecli.store.book import Book, find_book
from safecli.validation import schema as schemas
from safecli.validation.cache import Waived
from safecli.validation.rules import RULES
from safecli.validation.rules.base import ERROR, Finding, Rule
from safecli.validation.run import Report, Selection, book_defaults, cases_named, codes, validate
from safecli.validation.shapecheck import suggestion

Opt = typer.Option
OUTPUTS = ("text", "json", "github")


def validate_command(
    ctx: typer.Context,
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="CASE|FILE",
            help="Case ids, or files and folders inside cases (default: every case).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool | None,
        Opt(
            "--strict/--no-strict",
            help="Fail on warnings too (default: the book's validate.strict).",
            show_default=False,
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        Opt(
            "--select",
            help="Only these codes or prefixes (EMP,ACC003); repeat or comma-separate.",
            show_default=False,
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        Opt(
            "--ignore",
            help="Not these codes or prefixes; added to the book's validate.ignore.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[str, Opt("--format", "-f", help="text, json or github (annotations).")] = "text",
    show_waived: Annotated[
        bool, Opt("--show-waived", help="Also list waived findings and their reasons.")
    ] = False,
    no_cache: Annotated[bool, Opt("--no-cache", help="Check every case afresh.")] = False,
    jobs: Annotated[
        int | None,
        Opt(
            "--jobs",
            "-j",
            min=1,
            help="Processes for a large book (default: one per CPU).",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
) -> None:
    """Check cases for integrity and the safeguarding standards, like a linter.

    Prints `path:line:col: severity CODE message (principle)` for every problem,
    sorted by file and line, then a summary. Exit status: 0 clean, 1 problems
    (errors, or warnings with --strict), 3 could not run. A standard can be
    waived for one record by a comment on or above it:
    `# safecli: waive EMP002 -- reason, who, when`. See `safecli rules`.

    Example: safecli validate --strict --format github
    """
    if fmt not in OUTPUTS:
        raise UsageProblem(f"unknown format {fmt!r}; choose one of: {', '.join(OUTPUTS)}")
    arguments = list(targets or [])
    book = _book(ctx, arguments)
    book_strict, book_select, book_ignore = book_defaults(book)
    selection = Selection(
        select=codes(select, "--select") if select else book_select,
        ignore=book_ignore + codes(ignore or [], "--ignore"),
    )
    case_ids = cases_named(book, arguments)
    report = validate(
        book, case_ids, today(book, as_of), selection=selection, use_cache=not no_cache, jobs=jobs
    )
    failing = strict if strict is not None else book_strict
    _print(book, report, fmt, show_waived, failing)
    failed = report.errors > 0 or (failing and report.warnings > 0)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


def _book(ctx: typer.Context, arguments: list[str]) -> Book:
    """--book / SAFECLI_BOOK; else found upwards from the first path given, or from here."""
    explicit = ctx.find_root().params.get("book")
    if explicit:
        return find_book(Path(explicit))
    for argument in arguments:
        path = Path(argument)
        if path.exists():
            return find_book(None, start=path if path.is_dir() else path.parent)
    return find_book()


def _print(book: Book, report: Report, fmt: str, show_waived: bool, strict: bool) -> None:
    shown = Paths(book)
    if fmt == "json":
        typer.echo(json.dumps(_json(shown, report, strict), indent=2, ensure_ascii=False))
        return
    lines = [_github(shown, f) if fmt == "github" else _text(shown, f) for f in report.findings]
    if show_waived:
        lines += [
            _github_waived(shown, w) if fmt == "github" else _text_waived(shown, w)
            for w in report.waived
        ]
    lines.append(summary(report))
    typer.echo("\n".join(lines))


class Paths:
    """Findings' paths as shown: relative to the current folder when the file is inside it,
    else relative to the book."""

    def __init__(self, book: Book) -> None:
        self._root = str(book.root)
        self._here = str(Path(os.getcwd()).resolve()).rstrip(os.sep) + os.sep

    def __call__(self, path: str) -> str:
        full = os.path.join(self._root, path)
        return full[len(self._here) :] if full.startswith(self._here) else path


def _text(shown: Paths, f: Finding) -> str:
    return f"{shown(f.path)}:{f.line}:{f.column}: {f.severity} {f.code} {f.message} ({f.principle})"


def _text_waived(shown: Paths, w: Waived) -> str:
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


def _github(shown: Paths, f: Finding) -> str:
    return _annotation(f.severity, shown, f, f.code, f"{f.message} ({f.principle})")


def _github_waived(shown: Paths, w: Waived) -> str:
    f = w.finding
    return _annotation("notice", shown, f, f"{f.code} waived", f"{f.message} (waived: {w.reason})")


def _json(shown: Paths, report: Report, strict: bool) -> dict[str, Any]:
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

    failed = report.errors > 0 or (strict and report.warnings > 0)
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
            "failed": failed,
        },
    }


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


def rules_command(
    code: Annotated[
        str | None, typer.Argument(help="A rule code: print its documentation.", show_default=False)
    ] = None,
    fmt: Annotated[str, Opt("--format", "-f", help="table, markdown, json or csv.")] = "table",
) -> None:
    """List the validation rules, or print one rule's documentation.

    Example: safecli rules EMP002
    """
    if code is None:
        emit(
            [_rule_row(rule) for rule in RULES.values()],
            fmt,
            ("code", "severity", "principle", "summary"),
        )
        return
    rule = RULES.get(code.upper())
    if rule is None:
        raise UsageProblem(f"no rule {code!r}{suggestion(code.upper(), RULES)} (see safecli rules)")
    typer.echo(documentation(rule))


def _rule_row(rule: Rule) -> dict[str, Any]:
    severity = f"{rule.severity}/{ERROR}" if rule.severity_note else rule.severity
    return {
        "code": rule.code,
        "severity": severity,
        "principle": rule.principle,
        "summary": rule.summary,
        "severity_note": rule.severity_note,
    }


def documentation(rule: Rule) -> str:
    """A rule's documentation as printed by `safecli rules CODE`."""
    severity = rule.severity + (f"; {rule.severity_note}" if rule.severity_note else "")
    waiver = "yes" if rule.waivable else "no"
    return (
        f"{inspect.cleandoc(rule.doc)}\n\nSeverity: {severity}. Principle: "
        f"{rule.principle}. Can be waived: {waiver}."
    )


def schema_command(
    ctx: typer.Context,
    kind: Annotated[
        str | None,
        typer.Argument(
            metavar="[adult|agencies|meetings|actions]",
            help="One file's schema (default: all four, keyed by file).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print the JSON Schema (2020-12) of the case files, for editors and check-jsonschema.

    Meeting types are the book's when run inside one, else the built-in pack.

    Example: safecli schema meetings > .safecli-schema/meetings.json
    """
    if kind is not None and kind not in FILES:
        raise UsageProblem(f"unknown file {kind!r}; choose one of: {', '.join(FILES)}")
    explicit = ctx.find_root().params.get("book")
    try:
        book = find_book(Path(explicit)) if explicit else find_book()
        policy = book_policy(book)
    except BookNotFound:
        if explicit:
            raise
        policy = load_policy()
    types = tuple(policy.types)
    if kind is not None:
        typer.echo(json.dumps(schemas.schema(kind, types), indent=2, ensure_ascii=False))
        return
    every = {name: schemas.schema(name, types) for name in FILES}
    typer.echo(json.dumps(every, indent=2, ensure_ascii=False))


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("validate")(validate_command)
    app.command("rules")(rules_command)
    app.command("schema")(schema_command)
