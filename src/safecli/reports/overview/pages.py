"""The pages of the overview, as (file, template, variables): what each page shows.

- `index.html`: the book (open cases, the digest's items, meetings ahead, the
  trend when asked), each count linking to its list under `lists/`;
- `timeliness.html` (first meetings, and enquiries against their statutory
  clocks) and `personal.html` (Making Safeguarding Personal at closure);
- `agencies/<handle>.html`: only what that agency needs to know (the digest's
  `select(agencies=...)` rule, and meetings ahead that it chairs or is invited
  to), so the page can be sent to it;
- `cases/<id>.html`: ids, dates, statuses, meetings and the plan's actions; the
  adult's name only when asked for.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from safecli.digest.clocks import NO_CLOCKS, Clocks
from safecli.digest.items import Item, select
from safecli.reports.overview.charts import bar_chart, line_chart
from safecli.reports.overview.enquiries import enquiry_clocks
from safecli.reports.overview.facts import CaseSummary
from safecli.reports.overview.figures import (
    ITEM_TITLES,
    BookFigures,
    Group,
    Tally,
    book_figures,
    item_row,
    item_tallies,
    slug,
)
from safecli.reports.overview.history import Week
from safecli.reports.overview.read import CaseRecord
from safecli.reports.overview.timeliness import personal, timeliness
from safecli.store.digest_settings import RiskDays


@dataclass(frozen=True)
class Page:
    """One file of the site: where it goes, which template, with what (plain, frozen data)."""

    path: str
    template: str
    variables: Mapping[str, Any]


@dataclass(frozen=True)
class Report:
    """What the whole report is made from."""

    title: str
    today: date
    records: Sequence[CaseRecord]
    items: Sequence[Item]
    first_meeting_days: RiskDays
    lead_times: Mapping[str, int]
    history: Sequence[Week] = ()
    names: Mapping[str, str] = field(default_factory=dict)
    clocks: Clocks = NO_CLOCKS


def pages(report: Report) -> Iterator[Page]:
    """Every page of the site, the index first."""
    figures = book_figures(report.records, report.items, report.today)
    levels = timeliness(
        report.records,
        report.today,
        first_meeting_days=report.first_meeting_days,
        lead_times=report.lead_times,
    )
    msp = personal(report.records)
    enquiries = enquiry_clocks(report.records, report.today, report.clocks)
    agencies = _agencies(report.records, report.items)
    common = {"title": report.title, "today": report.today.isoformat()}
    lists: list[Tally] = [
        *figures.by_risk.tallies,
        *figures.by_age.tallies,
        *figures.items,
        *figures.overdue_by_agency.tallies,
        *figures.due_by_agency.tallies,
        figures.meetings_ahead,
        *(t for level in levels for s in (level.called, level.held) for t in _step_tallies(s)),
        msp.closed,
        msp.asked,
        msp.not_asked,
        msp.expressed,
        *msp.achieved,
        *(t for clock in enquiries for t in clock.tallies),
    ]
    yield Page(
        "index.html",
        "index.html.j2",
        {
            **common,
            "root": "",
            "f": figures,
            "charts": _charts(figures),
            "agencies": agencies,
            "history": report.history,
            "trend": _trend(report.history),
        },
    )
    yield Page(
        "timeliness.html",
        "timeliness.html.j2",
        {**common, "root": "", "levels": levels, "enquiries": enquiries},
    )
    yield Page("personal.html", "personal.html.j2", {**common, "root": "", "msp": msp})
    for tally in lists:
        yield Page(
            f"lists/{tally.slug}.html", "list.html.j2", {**common, "root": "../", "t": tally}
        )
    invited = {
        (r.case_id, m.id): m.invited
        for r in report.records
        if r.summary is not None
        for m in r.summary.meetings
        if m.status == "planned"
    }
    for handle, page_slug in agencies:
        yield _agency_page(report.items, figures, invited, (handle, page_slug), common)
    by_case: dict[str, list[Item]] = {}
    for item in report.items:
        by_case.setdefault(item.case, []).append(item)
    for record in report.records:
        yield case_page(record, by_case.get(record.case_id, ()), report, common)


def case_page(
    record: CaseRecord, items: Sequence[Item], report: Report, common: Mapping[str, Any]
) -> Page:
    """One case's page: ids, dates, statuses, its digest items, meetings and actions."""
    s = record.summary
    variables = {
        **common,
        "root": "../",
        "case_id": record.case_id,
        "name": report.names.get(record.case_id),
        "problems": record.read.problems,
        "readable": s is not None,
        "facts": _case_facts(s) if s is not None else (),
        "chasing": tuple((ITEM_TITLES[i.kind], *item_row(i)[2:]) for i in items),
        "meetings": tuple(
            (
                m.id,
                m.type or "",
                m.status or "",
                (m.when or _iso(m.day)).replace("T", " "),
                m.chair or "",
                ", ".join(m.invited),
            )
            for m in (s.meetings if s is not None else ())
        ),
        "actions": tuple(
            (
                a.id,
                a.meeting or "",
                f"{a.agency or ''}: {a.lead}" if a.lead else a.agency or "",
                _iso(a.due),
                a.status or "",
                _iso(a.done_on),
            )
            for a in (s.actions if s is not None else ())
        ),
    }
    return Page(f"cases/{record.case_id}.html", "case.html.j2", variables)


def _case_facts(s: CaseSummary) -> tuple[tuple[str, str], ...]:
    facts = [
        ("status", s.status or ""),
        ("risk level", s.risk or ""),
        ("lead agency", s.lead_agency or ""),
        ("opened", _iso(s.opened)),
        ("concern raised", _iso(s.raised)),
        ("first meeting called", _iso(s.first_called)),
        ("first meeting held", _iso(s.first_held)),
        ("closed", _iso(s.closed)),
    ]
    if s.closure is not None:
        c = s.closure
        facts.append(
            (
                "outcomes at closure",
                (
                    f"asked: {_said(c.asked)}; expressed: {_said(c.expressed)}; "
                    f"achieved: {c.achieved or 'not recorded'}"
                ),
            )
        )
    return tuple(facts)


def _said(value: bool | None) -> str:
    return "not recorded" if value is None else "yes" if value else "no"


def _step_tallies(step: Any) -> tuple[Tally, ...]:
    return (step.within, step.late, step.waiting)


def _charts(f: BookFigures) -> dict[str, Any]:
    def chart(group: Group) -> Any:
        return bar_chart(group.title, [(t.label, t.count) for t in group.tallies])

    return {
        "by_risk": chart(f.by_risk),
        "by_age": chart(f.by_age),
        "items": bar_chart(
            "What needs chasing", [(t.label, t.count) for t in f.items if t.slug != "unreadable"]
        ),
        "overdue_by_agency": chart(f.overdue_by_agency),
        "due_by_agency": chart(f.due_by_agency),
    }


def _trend(history: Sequence[Week]) -> dict[str, Any]:
    if not history:
        return {}
    labels = [w.end.isoformat() for w in history]

    def series(values: Sequence[float | None]) -> list[tuple[str, float | None]]:
        return list(zip(labels, values, strict=True))

    return {
        "open": line_chart("Open cases", series([w.open_cases for w in history])),
        "overdue": line_chart("Actions overdue", series([w.overdue_actions for w in history])),
        "median": line_chart(
            "Median days to first meeting", series([w.median_days for w in history])
        ),
    }


def _agencies(records: Sequence[CaseRecord], items: Sequence[Item]) -> list[tuple[str, str]]:
    """(handle, page slug) of every agency in a case or an item, sorted by handle."""
    handles: set[str] = set()
    for record in records:
        if record.read.facts is not None:
            handles.update(record.read.facts[1])
    handles.update(item.agency for item in items if item.agency)
    return [(handle, slug(handle, index)) for index, handle in enumerate(sorted(handles))]


def _agency_page(
    items: Sequence[Item],
    figures: BookFigures,
    invited: Mapping[tuple[str, str], tuple[str, ...]],
    agency: tuple[str, str],
    common: dict[str, Any],
) -> Page:
    handle, page_slug = agency
    mine = select(items, agencies=[handle])
    ahead = tuple(
        row
        for row in figures.meetings_ahead.rows
        if row[4] == handle or handle in invited.get((row[0], row[1]), ())
    )
    meetings = Tally(
        f"agency-{page_slug}-meetings",
        figures.meetings_ahead.label,
        figures.meetings_ahead.columns,
        ahead,
    )
    return Page(
        f"agencies/{page_slug}.html",
        "agency.html.j2",
        {
            **common,
            "root": "../",
            "inline_css": True,
            "handle": handle,
            "items": item_tallies(mine, f"agency-{page_slug}-"),
            "meetings": meetings,
            "titles": ITEM_TITLES,
        },
    )


@lru_cache(maxsize=4096)
def _iso(day: int | None) -> str:
    return date.fromordinal(day).isoformat() if day is not None else ""
