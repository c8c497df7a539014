"""How soon meetings follow a concern, by risk level, and Making Safeguarding Personal at closure.

A case's clock starts on the day its earliest concern was raised (or the day
it opened when no concern is dated). The first meeting is *called* on the
earliest `invited_on` of a meeting not cancelled, and *held* on the earliest
day a meeting was held. The book's thresholds: a first meeting held within
`digest.first_meeting_days` days for its risk level (the digest's no-meeting
nudge), and so called at least the risk level's invitation lead time
(`lead_times`) before that: within first_meeting_days minus the lead time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median

from safecli.model import OUTCOMES_ACHIEVED, RISK_LEVELS
from safecli.reports.overview.facts import CaseSummary
from safecli.reports.overview.figures import UNKNOWN, Tally
from safecli.reports.overview.read import CaseRecord
from safecli.store.digest_settings import RiskDays

_COLUMNS = ("case", "risk", "concern raised", "first meeting", "days")
_WAITING = ("case", "risk", "concern raised", "days waiting")


@dataclass(frozen=True)
class Step:
    """Days to one step (called or held) for the cases at one risk level."""

    threshold: int
    within: Tally
    late: Tally
    waiting: Tally
    median_days: float | None

    @property
    def count(self) -> int:
        return self.within.count + self.late.count


@dataclass(frozen=True)
class Level:
    """Timeliness of one risk level."""

    risk: str
    called: Step
    held: Step


@dataclass(frozen=True)
class Personal:
    """Making Safeguarding Personal: closed cases, asked, expressed, achieved."""

    closed: Tally
    asked: Tally
    not_asked: Tally
    expressed: Tally
    achieved: tuple[Tally, ...]


def timeliness(
    records: Sequence[CaseRecord],
    today: date,
    *,
    first_meeting_days: RiskDays,
    lead_times: Mapping[str, int],
) -> tuple[Level, ...]:
    """Days from concern to first meeting called and held, per risk level, as of today."""
    now = today.toordinal()
    levels = []
    by_risk: dict[str, list[tuple[str, CaseSummary]]] = {r: [] for r in (*RISK_LEVELS, UNKNOWN)}
    for record in records:
        s = record.summary
        if s is not None and s.start is not None and s.start <= now:
            risk = s.risk if s.risk in RISK_LEVELS else UNKNOWN
            by_risk[risk].append((record.case_id, s))
    for risk, cases in by_risk.items():
        if risk == UNKNOWN and not cases:
            continue
        lead = lead_times.get(risk, 0)
        days = first_meeting_days.of(risk)
        levels.append(
            Level(
                risk,
                _step(cases, now, "called", max(days - lead, 0), risk),
                _step(cases, now, "held", days, risk),
            )
        )
    return tuple(levels)


def days_to_first_meeting(summaries: Sequence[CaseSummary], today: date) -> float | None:
    """Median days from concern to first meeting held, over cases that had one by today."""
    now = today.toordinal()
    days = [
        s.first_held - s.start
        for s in summaries
        if s.first_held is not None and s.start is not None and s.first_held <= now
    ]
    return median(days) if days else None


def _step(
    cases: Sequence[tuple[str, CaseSummary]], now: int, step: str, threshold: int, risk: str
) -> Step:
    within: list[tuple[str, ...]] = []
    late: list[tuple[str, ...]] = []
    waiting: list[tuple[str, ...]] = []
    days_all: list[int] = []
    for case_id, s in cases:
        start = s.start
        assert start is not None
        day = s.first_called if step == "called" else s.first_held
        raised = date.fromordinal(start).isoformat()
        if day is None or day > now:
            if s.is_open:
                waiting.append((case_id, risk, raised, str(now - start)))
            continue
        days = day - start
        days_all.append(days)
        row = (case_id, risk, raised, date.fromordinal(day).isoformat(), str(days))
        (within if days <= threshold else late).append(row)
    slug = f"{step}-{risk.replace(' ', '-')}"
    return Step(
        threshold,
        Tally(f"{slug}-within", f"{step} within {threshold} days", _COLUMNS, tuple(within)),
        Tally(f"{slug}-late", f"{step} after {threshold} days", _COLUMNS, tuple(late)),
        Tally(f"{slug}-waiting", f"open, not yet {step}", _WAITING, tuple(waiting)),
        median(days_all) if days_all else None,
    )


def personal(records: Sequence[CaseRecord]) -> Personal:
    """Closed cases: was the adult asked what outcomes they wanted, and were they achieved?"""
    columns = ("case", "closed", "asked", "expressed", "achieved")
    closed: list[tuple[str, ...]] = []
    for record in records:
        s = record.summary
        if s is None or s.is_open:
            continue
        c = s.closure
        closed.append(
            (
                record.case_id,
                date.fromordinal(s.closed).isoformat() if s.closed else "",
                _yes_no(c.asked if c else None),
                _yes_no(c.expressed if c else None),
                (c.achieved if c else None) or "",
            )
        )

    def tally(slug: str, label: str, keep: tuple[str, ...], index: int) -> Tally:
        return Tally(slug, label, columns, tuple(r for r in closed if r[index] in keep))

    return Personal(
        closed=Tally("msp-closed", "cases closed", columns, tuple(closed)),
        asked=tally("msp-asked", "asked about outcomes", ("yes",), 2),
        not_asked=tally("msp-not-asked", "not asked, or not recorded", ("no", ""), 2),
        expressed=tally("msp-expressed", "expressed outcomes", ("yes",), 3),
        achieved=tuple(
            tally(f"msp-achieved-{value}", f"outcomes achieved: {value}", (value,), 4)
            for value in OUTCOMES_ACHIEVED
        ),
    )


def _yes_no(value: bool | None) -> str:
    return "" if value is None else "yes" if value else "no"
