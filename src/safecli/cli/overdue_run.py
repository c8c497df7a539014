"""The work of `safecli overdue` once its options are parsed: no Typer here.

Both ways of running the command go through these functions: the Typer command
(`cli/overdue.py`, which reads the book's settings and reports every error) and
its fast path for a warm digest (`cli/fastdigest.py`, which leaves anything it
cannot answer to the Typer command), so the two cannot tell a digest differently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from safecli.digest.item import CaseRead, Item
from safecli.digest.output import View
from safecli.digest.warm import BookSettings
from safecli.errors import UsageProblem


@dataclass(frozen=True)
class Request:
    """What a digest is asked for: its day, horizon, filters and how it is shown."""

    as_of: date
    until: date
    by: str | None
    fmt: str
    excel: bool
    names: bool
    descriptions: bool
    agencies: tuple[str, ...]
    leads: tuple[tuple[str, str], ...]
    cases: tuple[str, ...]
    risks: tuple[str, ...]
    kinds: tuple[str, ...]


def request(
    settings: BookSettings,
    *,
    as_of: str | None,
    within: str,
    by: str | None,
    agency: Sequence[str],
    lead: Sequence[str],
    case: Sequence[str],
    risk: Sequence[str],
    kind: Sequence[str],
    fmt: str,
    excel: bool,
    show_names: bool | None,
    show_descriptions: bool,
) -> Request:
    """The request the options make; UsageProblem or InvalidInput for a bad one."""
    from safecli import dates
    from safecli.digest.items import GROUPINGS, KINDS
    from safecli.digest.output import FORMATS
    from safecli.model import RISK_LEVELS, Person

    _check(fmt, FORMATS, "--format")
    _check(by, GROUPINGS, "--by")
    for value in risk:
        _check(value, RISK_LEVELS, "--risk")
    for value in kind:
        _check(value, KINDS, "--kind")
    leads = tuple((p.agency, p.name) for p in (Person.parse(v) for v in lead))
    real_today = dates.today_in(dates.load_timezone(settings.timezone))
    day = dates.parse_date(as_of, real_today) if as_of else real_today
    return Request(
        as_of=day,
        until=day + dates.parse_period(within),
        by=by,
        fmt="csv" if excel else fmt,
        excel=excel,
        names=settings.show_names if show_names is None else show_names,
        descriptions=show_descriptions,
        agencies=tuple(agency),
        leads=leads,
        cases=tuple(case),
        risks=tuple(risk),
        kinds=tuple(kind),
    )


def _check(value: str | None, allowed: tuple[str, ...], flag: str) -> None:
    if value is not None and value not in allowed:
        raise UsageProblem(f"invalid {flag} {value!r}; choose one of: {', '.join(allowed)}")


def items_of(
    reads: Sequence[CaseRead], settings: BookSettings, asked: Request, cases_dir: Path
) -> list[Item]:
    """The digest's items of the cases read, as asked (names and descriptions read fresh
    from the case files under `cases_dir` when asked for)."""
    from safecli.digest import items as digest

    items = digest.select(
        digest.compute(
            reads, asked.as_of, asked.until, settings.digest, settings.clocks, settings.owing
        ),
        agencies=asked.agencies,
        leads=asked.leads,
        cases=asked.cases,
        risks=asked.risks,
        kinds=asked.kinds,
    )
    if asked.names or asked.descriptions:
        from safecli.digest.details import add_details

        items = add_details(cases_dir, items, names=asked.names, descriptions=asked.descriptions)
    return items


def view_of(asked: Request) -> View:
    """How the request shows the digest."""
    return View(
        fmt=asked.fmt,
        as_of=asked.as_of,
        until=asked.until,
        by=asked.by,
        names=asked.names,
        descriptions=asked.descriptions,
        excel=asked.excel,
    )
