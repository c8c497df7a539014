"""Enquiries against their statutory clocks, per jurisdiction, for the timeliness page.

An enquiry's clock starts on its `started_on`; its timescale is the book's
`clocks.<jurisdiction>.enquiry_working_days` for the case's own jurisdiction
(else the book's). The working days are counted by the digest's own clock
(`digest.clocks.Clocks`: bank holidays and the book's closure days left out),
so an open enquiry is over its timescale exactly when the digest has an
`enquiry-overdue` item for it on the same date: the day its timescale ran out
is before the as-of date. A concluded enquiry is over when it concluded after
that day. The working days shown run from the start to the conclusion, or to
the as-of date while the enquiry is open.

Not measured: an enquiry with no start date, one whose jurisdiction sets no
timescale, and one of a closed case with no conclusion recorded (the digest
leaves closed cases alone).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median

from safecli.digest.clocks import Clocks
from safecli.model import JURISDICTIONS
from safecli.reports.overview.facts import Enquiry
from safecli.reports.overview.figures import Tally
from safecli.reports.overview.read import CaseRecord

CLOCKED_KINDS = ("s42", "s126", "other")
COLUMNS = ("case", "kind", "started", "concluded", "working days", "timescale ran out")
_UNMEASURED = ("case", "kind", "started", "concluded", "why not measured")


@dataclass(frozen=True)
class EnquiryClock:
    """The enquiries of one jurisdiction against its timescale."""

    jurisdiction: str
    timescale: int | None
    concluded_within: Tally
    concluded_over: Tally
    open_within: Tally
    open_over: Tally
    unmeasured: Tally
    median_days: float | None

    @property
    def count(self) -> int:
        return sum(t.count for t in self.tallies)

    @property
    def tallies(self) -> tuple[Tally, ...]:
        return (
            self.concluded_within,
            self.concluded_over,
            self.open_within,
            self.open_over,
            self.unmeasured,
        )


def enquiry_clocks(
    records: Sequence[CaseRecord], today: date, clocks: Clocks
) -> tuple[EnquiryClock, ...]:
    """Every case's enquiry (of a kind with a clock), by jurisdiction, as of today."""
    now = today.toordinal()
    rows: dict[str, dict[str, list[tuple[str, ...]]]] = {
        where: {part: [] for part in _PARTS} for where in JURISDICTIONS
    }
    days_taken: dict[str, list[int]] = {where: [] for where in JURISDICTIONS}
    for record in records:
        s = record.summary
        e = s.enquiry if s is not None else None
        if s is None or e is None or e.kind not in CLOCKED_KINDS:
            continue
        where = clocks.where(e.jurisdiction)
        start, end = e.started, e.concluded
        first = (record.case_id, e.kind or "", _iso(start), _iso(end))
        timescale = clocks.timescale("enquiry", where)
        why = _not_measured(e, s.is_open, timescale)
        if why or start is None or timescale is None:
            rows[where]["unmeasured"].append((*first, why))
            continue
        calendar = clocks.calendar(where)
        due = calendar.add(date.fromordinal(start), timescale).toordinal()
        finish = end if end is not None else now
        worked = calendar.between(date.fromordinal(start), date.fromordinal(finish))
        part = "concluded" if end is not None else "open"
        over = finish > due if end is not None else due < now
        rows[where][f"{part}-{'over' if over else 'within'}"].append(
            (*first, str(worked), _iso(due))
        )
        if end is not None:
            days_taken[where].append(worked)
    return tuple(
        _clock(where, clocks.timescale("enquiry", where), rows[where], days_taken[where])
        for where in JURISDICTIONS
    )


_PARTS = ("concluded-within", "concluded-over", "open-within", "open-over", "unmeasured")


def _clock(
    where: str,
    timescale: int | None,
    rows: dict[str, list[tuple[str, ...]]],
    days_taken: list[int],
) -> EnquiryClock:
    limit = f"{timescale} working days" if timescale is not None else "its timescale"
    labels = {
        "concluded-within": f"{where}: concluded within {limit}",
        "concluded-over": f"{where}: concluded after {limit}",
        "open-within": f"{where}: open, within {limit}",
        "open-over": f"{where}: open, past {limit}",
        "unmeasured": f"{where}: enquiries not measured",
    }

    def tally(part: str) -> Tally:
        columns = _UNMEASURED if part == "unmeasured" else COLUMNS
        return Tally(f"enquiry-{where}-{part}", labels[part], columns, tuple(rows[part]))

    return EnquiryClock(
        jurisdiction=where,
        timescale=timescale,
        concluded_within=tally("concluded-within"),
        concluded_over=tally("concluded-over"),
        open_within=tally("open-within"),
        open_over=tally("open-over"),
        unmeasured=tally("unmeasured"),
        median_days=median(days_taken) if days_taken else None,
    )


def _not_measured(e: Enquiry, case_open: bool, timescale: int | None) -> str:
    """Why an enquiry cannot be put against its clock; "" when it can."""
    if e.started is None:
        return "no start date"
    if timescale is None:
        return "no timescale set"
    if e.conclusion_recorded and e.concluded is None:
        return "conclusion not a date"
    if not e.conclusion_recorded and not case_open:
        return "case closed, no conclusion recorded"
    return ""


def _iso(day: int | None) -> str:
    return date.fromordinal(day).isoformat() if day is not None else ""
