"""The statutory clocks of the digest: when an enquiry's timescale or a protection plan's
review interval runs out, in working days of the case's jurisdiction (safecli.yaml `clocks`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from safecli.store.config import Config
from safecli.workdays import SUBDIVISIONS, WorkingCalendar

# Candidate kind → its setting in `clocks.<jurisdiction>`.
SETTINGS = {"enquiry": "enquiry_working_days", "plan": "plan_review_working_days"}


@dataclass(frozen=True)
class Clocks:
    """The book's clocks: working days per jurisdiction, and its own closure days."""

    jurisdiction: str = "england"
    days: Mapping[str, Mapping[str, int | None]] = field(default_factory=dict)
    closure_days: tuple[date, ...] = ()

    @classmethod
    def of(cls, config: Config) -> Clocks:
        """The clocks a book's settings give."""
        return cls(config.jurisdiction, config.clocks, config.closure_days)

    def due(self, kind: str, start: int, jurisdiction: str | None) -> int | None:
        """The day (ordinal) a clock started on `start` runs out; None when there is none."""
        where = jurisdiction if jurisdiction in SUBDIVISIONS else self.jurisdiction
        days = self.days.get(where, {}).get(SETTINGS[kind])
        if days is None:
            return None
        calendar = WorkingCalendar.of(where, self.closure_days)
        return calendar.add(date.fromordinal(start), days).toordinal()


NO_CLOCKS = Clocks()
