"""The statutory clocks of the digest: when an enquiry's timescale or a protection plan's
review interval runs out, in working days of the case's jurisdiction (safecli.yaml `clocks`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from safecli.workdays import SUBDIVISIONS, WorkingCalendar

if TYPE_CHECKING:
    from safecli.store.config import Config

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

    def where(self, jurisdiction: str | None) -> str:
        """The jurisdiction whose clocks a case runs on: its own if known, else the book's."""
        return jurisdiction if jurisdiction in SUBDIVISIONS else self.jurisdiction

    def timescale(self, kind: str, where: str) -> int | None:
        """The working days of a clock (`enquiry` or `plan`) in a jurisdiction; None: unset."""
        return self.days.get(where, {}).get(SETTINGS[kind])

    def calendar(self, where: str) -> WorkingCalendar:
        """The working days of a jurisdiction, with the book's closure days."""
        return WorkingCalendar.of(where, self.closure_days)

    def due(self, kind: str, start: int, jurisdiction: str | None) -> int | None:
        """The day (ordinal) a clock started on `start` runs out; None when there is none."""
        where = self.where(jurisdiction)
        days = self.timescale(kind, where)
        if days is None:
            return None
        return self.calendar(where).add(date.fromordinal(start), days).toordinal()


NO_CLOCKS = Clocks()
