"""Working days across Easter and Christmas, in England and Wales, with closure days."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safecli.workdays import WorkingCalendar

ENGLAND = WorkingCalendar.of("england")
WALES = WorkingCalendar.of("wales")


@pytest.mark.parametrize("calendar", [ENGLAND, WALES], ids=["england", "wales"])
def test_easter_2026_takes_good_friday_and_easter_monday(calendar: WorkingCalendar) -> None:
    # Thu 2 April 2026 → Thu 9 April: Fri 3 (Good Friday) and Mon 6 (Easter Monday) are
    # bank holidays, the weekend is not worked: Tue 7, Wed 8, Thu 9.
    assert calendar.between(date(2026, 4, 2), date(2026, 4, 9)) == 3
    assert not calendar.is_working_day(date(2026, 4, 3))
    assert not calendar.is_working_day(date(2026, 4, 6))
    assert calendar.add(date(2026, 4, 2), 1) == date(2026, 4, 7)


@pytest.mark.parametrize("calendar", [ENGLAND, WALES], ids=["england", "wales"])
def test_christmas_2026_moves_boxing_day_to_monday(calendar: WorkingCalendar) -> None:
    # Christmas Day is a Friday, Boxing Day a Saturday: the substitute day is Mon 28.
    assert calendar.between(date(2026, 12, 24), date(2026, 12, 31)) == 3  # 29, 30, 31
    assert not calendar.is_working_day(date(2026, 12, 28))
    # 29, 30, 31 December; 1 January is New Year's Day; 4, 5, 6, 7 January.
    assert calendar.add(date(2026, 12, 24), 7) == date(2027, 1, 7)


def test_seven_working_days_from_a_report_before_easter_2027() -> None:
    # Mon 22 March 2027; Good Friday 26 March, Easter Monday 29 March.
    assert WALES.add(date(2027, 3, 22), 7) == date(2027, 4, 2)


def test_the_books_closure_days_are_not_working_days() -> None:
    closed = WorkingCalendar.of("england", [date(2026, 12, 29), date(2026, 12, 30)])
    assert closed.between(date(2026, 12, 24), date(2026, 12, 31)) == 1
    assert ENGLAND.is_working_day(date(2026, 12, 29))


def test_an_unknown_jurisdiction_has_no_calendar() -> None:
    with pytest.raises(ValueError):
        WorkingCalendar.of("scotland")


@given(st.dates(date(2024, 1, 1), date(2030, 12, 31)), st.integers(0, 60))
def test_adding_then_counting_gives_the_days_back(start: date, days: int) -> None:
    end = ENGLAND.add(start, days)
    assert ENGLAND.between(start, end) == days
    assert days == 0 or ENGLAND.is_working_day(end)
