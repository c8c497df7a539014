"""Validate cases: run every rule, apply waivers, filter by code, sort, cache.

A library: returns a Report; the CLI prints it. Time is a parameter (`today`).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from safecli.errors import FileFormatError, UsageProblem
from safecli.policy.pack import book_policy
from safecli.store.book import Book
from safecli.validation.cache import Cache, CaseResult, Waived, book_key, stamp
from safecli.validation.load import load_view
from safecli.validation.rules import RULES, waivers
from safecli.validation.rules.base import ERROR, WARNING, CaseView, Context, Finding, Rule

# A file that cannot be read hides everything in it: always reported.
ALWAYS = ("INT001", "INT007")
PARALLEL_FROM = 400  # by default, fewer cases than this are not worth starting processes for
CHUNK = 32  # cases a worker is given at a time: few messages, and little left for one at the end
VALIDATE_KEYS = ("strict", "select", "ignore")


@dataclass(frozen=True)
class Selection:
    """Which codes to report: those matching a `select` prefix (all when empty) and no
    `ignore` prefix."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def wants(self, code: str) -> bool:
        """Whether findings of this code are reported."""
        if code in ALWAYS:
            return True
        chosen = not self.select or code.startswith(self.select)
        return chosen and not code.startswith(self.ignore)


@dataclass(frozen=True)
class Report:
    """What validate found: findings and waived findings in file order, and how many cases."""

    findings: tuple[Finding, ...]
    waived: tuple[Waived, ...]
    checked: int

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == WARNING)

    @property
    def cases(self) -> int:
        """How many cases have findings."""
        return len({f.case for f in self.findings})


def codes(values: Iterable[str], where: str) -> tuple[str, ...]:
    """Codes or code prefixes (`EMP`, `ACC003`), split on commas and checked against RULES."""
    found: list[str] = []
    for value in values:
        for part in str(value).split(","):
            code = part.strip().upper()
            if not code:
                continue
            if not any(rule.startswith(code) for rule in RULES):
                raise UsageProblem(
                    f"{where}: no rule code starts with {code!r} (see safecli rules)"
                )
            found.append(code)
    return tuple(found)


def book_defaults(book: Book) -> tuple[bool, tuple[str, ...], tuple[str, ...]]:
    """(strict, select, ignore) from safecli.yaml's `validate:` section."""
    settings = book.config.validate
    path = book.root / "safecli.yaml"
    for key in settings:
        if key not in VALIDATE_KEYS:
            raise FileFormatError(
                f"validate.{key}: unknown setting; known: {', '.join(VALIDATE_KEYS)}", path=path
            )
    strict = settings.get("strict", False)
    if not isinstance(strict, bool):
        raise FileFormatError("validate.strict must be true or false", path=path)
    lists = []
    for key in ("select", "ignore"):
        value = settings.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise FileFormatError(f"validate.{key} must be a list of rule codes", path=path)
        try:
            lists.append(codes(value, f"validate.{key} in safecli.yaml"))
        except UsageProblem as exc:
            raise FileFormatError(exc.message, path=path) from None
    return strict, lists[0], lists[1]


def context_of(book: Book) -> Context:
    """What the rules need from a book."""
    policy = book_policy(book)
    waivable = RULES.waivable()  # without importing every rule
    return Context(root=book.root, config=book.config, policy=policy, waivable=waivable)


def check_case(context: Context, case_id: str, today: date) -> CaseResult:
    """Run every rule over one case and apply its waivers."""
    view = load_view(context, case_id, today)
    kept, waived = check_view(view)
    return CaseResult(
        case=case_id,
        findings=tuple(kept),
        waived=tuple(waived),
        first=view.window.first,
        last=view.window.last,
        lookups=dict(view.lookups),
    )


def check_view(
    view: CaseView, codes: Collection[str] | None = None
) -> tuple[list[Finding], list[Waived]]:
    """Every rule's findings on a case view, less those its waivers cover (and those).
    `codes`: only the rules of these codes (each finding has its rule's code, and no
    rule reads another's findings)."""
    found: list[Finding] = []
    for code in RULES:  # importing only the rules that run
        if codes is None or code in codes:
            found.extend(_run(RULES[code], view))
    return _apply_waivers(view, found)


def _run(rule: Rule, view: CaseView) -> list[Finding]:
    try:
        return list(rule.check(view))
    except Exception as exc:  # noqa: BLE001 - one faulty rule must not hide the others
        return [
            view.file_finding(
                rule,
                "adult",
                f"{rule.code} could not check this case "
                f"(a safecli bug; please report it): {type(exc).__name__}",
            )
        ]


def _apply_waivers(view: CaseView, found: list[Finding]) -> tuple[list[Finding], list[Waived]]:
    indexes: dict[str, waivers.Index] = {}
    for kind, text in view.texts.items():
        if text and waivers.MARK in text:
            indexes[view.path(kind)] = waivers.Index(text, waivers.scan(text))
    if not indexes:
        return found, []
    kept: list[Finding] = []
    waived: list[Waived] = []
    for finding in found:
        index = indexes.get(finding.path)
        waiver = None
        if index is not None and finding.code in view.context.waivable:
            waiver = index.find(finding.code, (finding.line, finding.record_line))
        if waiver is None:
            kept.append(finding)
        else:
            waived.append(Waived(finding, waiver.reason, waiver.line))
    return kept, waived


def validate(
    book: Book,
    case_ids: Sequence[str],
    today: date,
    *,
    selection: Selection = Selection(),
    use_cache: bool = True,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Validate these cases of a book (their folders must exist).

    `jobs`: processes to check uncached cases in; None: one per CPU for a large book.
    `progress(done, total)` is told as the cases not in the cache are checked.
    """
    context = context_of(book)
    cache = Cache(book.root, book_key(book.config)) if use_cache else None
    results: dict[str, CaseResult] = {}
    stamps: dict[str, Any] = {}
    cases_dir = str(book.cases_dir)
    if cache is not None:
        for case_id in case_ids:
            stamps[case_id] = stamp(f"{cases_dir}/{case_id}")
            hit = cache.get(case_id, stamps[case_id], today, book.root)
            if hit is not None:
                results[case_id] = hit
    todo = [case_id for case_id in case_ids if case_id not in results]
    for result in _compute(context, todo, today, jobs, progress):
        results[result.case] = result
        if cache is not None:
            cache.put(stamps[result.case], result)
    if cache is not None:
        cache.save()
    findings = [f for r in results.values() for f in r.findings if selection.wants(f.code)]
    waived = [w for r in results.values() for w in r.waived if selection.wants(w.finding.code)]
    return Report(
        findings=tuple(sorted(findings, key=_order)),
        waived=tuple(sorted(waived, key=lambda w: _order(w.finding))),
        checked=len(case_ids),
    )


def _order(finding: Finding) -> tuple[str, int, int, str, str]:
    return finding.path, finding.line, finding.column, finding.code, finding.message


def _compute(
    context: Context,
    case_ids: list[str],
    today: date,
    jobs: int | None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterable[CaseResult]:
    if jobs is None:
        jobs = (os.cpu_count() or 1) if len(case_ids) >= PARALLEL_FROM else 1
    with _collector_paused():
        if jobs < 2 or len(case_ids) < 2:
            return _told(
                (check_case(context, case_id, today) for case_id in case_ids),
                len(case_ids),
                progress,
            )
        # Imported here: a command checking one case never starts a pool.
        import multiprocessing

        forked = multiprocessing.get_context("fork")
        # Leaving the block ends the workers, also when the command is interrupted;
        # each worker, when the parent has gone, finds its queue closed and ends.
        with forked.Pool(jobs, initializer=_own_session) as pool:
            checked = pool.imap(partial(check_case, context, today=today), case_ids, CHUNK)
            return _told(checked, len(case_ids), progress)


def _own_session() -> None:
    """Start a worker in a session of its own. Linux shares the processor among sessions
    (autogroups) before processes: workers in the command's session would share its
    one part of a busy machine, and two jobs would be no faster than one. A command run
    under `nice` gives its workers' sessions the same niceness."""
    os.setsid()
    niceness = os.nice(0)
    if niceness > 0:
        with suppress(OSError):  # no autogroups here: the niceness applies as it is
            Path("/proc/self/autogroup").write_text(str(niceness), encoding="ascii")


def _told(
    results: Iterable[CaseResult], total: int, progress: Callable[[int, int], None] | None
) -> list[CaseResult]:
    """The results as a list, telling progress of each as it comes."""
    done: list[CaseResult] = []
    for result in results:
        done.append(result)
        if progress is not None:
            progress(len(done), total)
    return done


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector: checking a case makes many objects and no cycles,
    and collecting as they pile up costs a tenth of the run."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
