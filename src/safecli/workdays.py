"""Working days: weekdays that are not bank holidays of England and Wales nor the book's
closure days. Statutory clocks (an enquiry's timescale, a plan's review) count these."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

# The `holidays` library's subdivisions of the United Kingdom.
SUBDIVISIONS = {"england": "ENG", "wales": "WLS"}


@lru_cache(maxsize=64)
def bank_holidays(jurisdiction: str, year: int) -> frozenset[date]:
    """The bank holidays of a jurisdiction in a year (substitute days included)."""
    import holidays  # here: it costs ~0.1 s to import, and only the statutory clocks need it

    subdiv = SUBDIVISIONS[jurisdiction]
    return frozenset(holidays.country_holidays("GB", subdiv=subdiv, years=year))


@dataclass(frozen=True)
class WorkingCalendar:
    """Which days are working days, for one jurisdiction and one book."""

    jurisdiction: str
    closure_days: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def of(cls, jurisdiction: str, closure_days: Iterable[date] = ()) -> WorkingCalendar:
        """The calendar of a jurisdiction with the book's own closure days."""
        if jurisdiction not in SUBDIVISIONS:
            raise ValueError(f"no working-day calendar for {jurisdiction!r}")
        return cls(jurisdiction, frozenset(closure_days))

    def is_working_day(self, day: date) -> bool:
        """True on a weekday that is neither a bank holiday nor a closure day."""
        return (
            day.weekday() < 5
            and day not in self.closure_days
            and day not in bank_holidays(self.jurisdiction, day.year)
        )

    def between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        count = 0
        day = start + timedelta(days=1)
        while day <= end:
            count += self.is_working_day(day)
            day += timedelta(days=1)
        return count

    def add(self, start: date, days: int) -> date:
        """The day `days` working days after `start`."""
        day = start
        left = days
        while left > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return day
