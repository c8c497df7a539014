"""A chronology: every dated fact in a case's four files, one entry each, oldest first.

Each entry gives the date, the agency, the event and the action taken (or that
none is recorded), in fixed words with ids only (catalogue phrases, shown in
Welsh, English or both). What people typed (summaries,
decisions, descriptions, reasons) is the entry's `detail`, and who did it its
`person`: outputs show them only when asked. Several cases merge into one
chronology; gaps longer than a number of days are entries of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from safecli import raw
from safecli.render.i18n import N_
from safecli.reports.chronology_events import case_events
from safecli.reports.chronology_words import NONE, Said, say


@dataclass(frozen=True)
class Entry:
    """One row of a chronology; `gap` rows state a period with nothing recorded."""

    day: date
    case: str
    agency: str
    event: Said
    action: Said
    person: str | None = None
    detail: str | None = None
    gap: bool = False


def chronology(
    cases: Mapping[str, Mapping[str, Any]],
    *,
    agency: str | None = None,
    gap_days: int | None = None,
) -> list[Entry]:
    """The merged chronology of these cases (case id → {adult, agencies, meetings, actions}),
    of one agency's entries when `agency` is given, with gaps over `gap_days` stated."""
    entries: list[tuple[date, str, int, Entry]] = []
    for case_id, docs in cases.items():
        for order, fact in enumerate(case_events(case_id, docs)):
            entry = Entry(case=case_id, **fact)
            if agency is None or entry.agency == agency:
                entries.append((entry.day, case_id, order, entry))
    ordered = [entry for *_, entry in sorted(entries, key=lambda item: item[:3])]
    return with_gaps(ordered, gap_days) if gap_days else ordered


def with_gaps(entries: Sequence[Entry], gap_days: int) -> list[Entry]:
    """The entries with a row for every stretch of more than `gap_days` days with none."""
    shown: list[Entry] = []
    for previous, entry in zip([None, *entries], entries, strict=False):
        if previous is not None and (entry.day - previous.day).days > gap_days:
            days = (entry.day - previous.day).days - 1
            first = previous.day + timedelta(days=1)
            last = entry.day - timedelta(days=1)
            shown.append(
                Entry(
                    day=first,
                    case="",
                    agency="",
                    event=say(
                        N_("no contact recorded for %(days)s days (%(first)s to %(last)s)"),
                        days=days,
                        first=first,
                        last=last,
                    ),
                    action=NONE,
                    gap=True,
                )
            )
        shown.append(entry)
    return shown


def agencies_of(cases: Iterable[Mapping[str, Any]]) -> set[str]:
    """Every agency handle of these cases."""
    return {
        str(agency.get("handle"))
        for docs in cases
        for agency in raw.records(docs.get("agencies"))
        if agency.get("handle")
    }
