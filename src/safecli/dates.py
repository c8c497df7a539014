"""Date input and the book's timezone.

Dates are given as ISO (`2026-12-03`), `today`, `tomorrow`, `yesterday`, an
offset (`+3d`, `-2w`, `+1m`: days, weeks, calendar months) or a weekday (`fri`,
`friday`: the next one strictly after today). A meeting time is one of those
followed by `HH:MM`, or `2026-12-01T10:00`, and is stored as `2026-12-01T10:00`
in the book's timezone. Times that the clocks skip or repeat are refused, so a
stored time always names exactly one instant.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from safecli.errors import InvalidInput

if TYPE_CHECKING:  # dateutil is imported where a weekday or a period is read
    from dateutil.relativedelta import relativedelta

DATE_FORMS = (
    "2026-12-03 or 03/12/2026, today, tomorrow, yesterday, +3d, -3d, +2w, +1m (calendar month), "
    "or a weekday (fri, friday: the next one after today)"
)
DATETIME_FORMS = f"2026-12-01 10:00, 2026-12-01T10:00, or a date ({DATE_FORMS}) then HH:MM"
PERIOD_FORMS = "a number (up to 9999) and a unit: 0d, 7d, 2w, 1m (calendar month)"

_NAMED_DAYS = {"today": 0, "tomorrow": 1, "yesterday": -1}
_WEEKDAYS: dict[str, int] = {  # Monday is 0, as dateutil's MO
    key: day
    for day, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
    for key in (name, name[:3])
}

# re.ASCII: `\d` would otherwise accept digits of other scripts, which int() reads.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_OFFSET = re.compile(r"(?P<sign>[+-])(?P<period>\d{1,4}[dwm])", re.ASCII)
_PERIOD = re.compile(r"(?P<n>\d{1,4})(?P<unit>[dwm])", re.ASCII)
_TIME = re.compile(r"(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)", re.ASCII)
_ISO_DATETIME = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})T(?P<time>\d{2}:\d{2})", re.ASCII)
_STORED = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", re.ASCII)


# Day first, as written in the UK: 14/03/1941.
_UK_DATE = re.compile(r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})")


def parse_date(text: str, today: date) -> date:
    """Read a date as typed by a person, relative to `today`."""
    word = text.strip().lower()
    if word in _NAMED_DAYS:
        return today + timedelta(days=_NAMED_DAYS[word])
    if word in _WEEKDAYS:
        from dateutil.relativedelta import relativedelta, weekday

        # Starting from tomorrow makes "fri" on a Friday mean next week's Friday.
        return today + relativedelta(days=+1, weekday=weekday(_WEEKDAYS[word], +1))
    try:
        if _ISO_DATE.fullmatch(word):
            return _in_range(date.fromisoformat(word), text)
        british = _UK_DATE.fullmatch(word)
        if british:
            return _in_range(date(int(british["y"]), int(british["m"]), int(british["d"])), text)
        offset = _OFFSET.fullmatch(word)
        if offset:
            period = parse_period(offset["period"])
            return _in_range(today + period if offset["sign"] == "+" else today - period, text)
    except (ValueError, OverflowError) as exc:
        raise InvalidInput(f"not a valid date: {text!r} ({exc}); use {DATE_FORMS}") from exc
    raise InvalidInput(f"not a date: {text!r}; use {DATE_FORMS}")


# Dates a case can hold: a birth in 1900 to a review a century ahead. Beyond them
# date arithmetic (a month later, a calendar's end time) runs off the calendar.
FIRST_YEAR, LAST_YEAR = 1900, 2199


def _in_range(day: date, text: str) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InvalidInput(
            f"{text!r} is out of range: safecli takes dates from {FIRST_YEAR} to {LAST_YEAR}"
        )
    return day


def parse_period(text: str) -> relativedelta:
    """Read a length of time such as `7d`, `2w` or `1m`; add it to a date with `+`.

    Months are calendar months, so `date(2026, 1, 31) + parse_period("1m")` is
    28 February. A sign is not part of a period: `+3d` is a date (see parse_date).
    """
    from dateutil.relativedelta import relativedelta

    match = _PERIOD.fullmatch(text.strip().lower())
    if not match:
        raise InvalidInput(f"not a period: {text!r}; use {PERIOD_FORMS}")
    n = int(match["n"])
    if match["unit"] == "m":
        return relativedelta(months=n)
    return relativedelta(days=n * 7 if match["unit"] == "w" else n)


def parse_datetime(text: str, today: date, tz: ZoneInfo) -> datetime:
    """Read a meeting time as typed by a person: an aware datetime in `tz`."""
    stripped = text.strip()
    iso = _ISO_DATETIME.fullmatch(stripped)
    if iso:
        date_part, time_part = iso["date"], iso["time"]
    else:
        date_part, _, time_part = stripped.rpartition(" ")
    clock = _TIME.fullmatch(time_part)
    if not date_part or not clock:
        try:
            parse_date(stripped, today)
        except InvalidInput:
            raise InvalidInput(f"not a date and time: {text!r}; use {DATETIME_FORMS}") from None
        raise InvalidInput(f"{text!r} has no time: give a time, e.g. 2026-12-01 10:00")
    day = parse_date(date_part, today)
    return _localize(datetime.combine(day, time(int(clock["hour"]), int(clock["minute"]))), tz)


def format_when(dt: datetime) -> str:
    """Write an aware datetime as stored: `2026-12-01T10:00` in its own zone (minutes kept)."""
    if dt.tzinfo is None:
        raise ValueError("format_when needs an aware datetime")
    return dt.replace(tzinfo=None).isoformat(timespec="minutes")


def parse_when(stored: str, tz: ZoneInfo) -> datetime:
    """Read a stored `YYYY-MM-DDTHH:MM` meeting time as an aware datetime in `tz`."""
    if not _STORED.fullmatch(stored):
        raise InvalidInput(f"not a stored time: {stored!r}; expected YYYY-MM-DDTHH:MM")
    try:
        naive = datetime.fromisoformat(stored)
    except ValueError as exc:
        raise InvalidInput(f"not a valid time: {stored!r} ({exc})") from exc
    _in_range(naive.date(), stored)
    return _localize(naive, tz)


def today_in(tz: ZoneInfo, now: datetime | None = None) -> date:
    """Today's date in the book's timezone; reads the clock only when `now` is None."""
    if now is None:
        return datetime.now(tz).date()
    if now.tzinfo is None:
        raise ValueError("today_in needs an aware `now`")
    return now.astimezone(tz).date()


def load_timezone(name: str) -> ZoneInfo:
    """The IANA timezone called `name` (e.g. Europe/London)."""
    # "localtime" is this machine's zone; a book must mean the same on every machine.
    if name == "localtime":
        raise InvalidInput(
            "timezone 'localtime' depends on the machine; name one, e.g. Europe/London"
        )
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise InvalidInput(
            f"unknown timezone: {name!r}; use an IANA name, e.g. Europe/London"
        ) from exc


def _localize(naive: datetime, tz: ZoneInfo) -> datetime:
    """Attach `tz` to a wall-clock time that happens exactly once there."""
    # A wall time is real if it survives the trip to UTC and back; fold picks which
    # of two readings zoneinfo uses, so a gap fails for both folds and an overlap
    # survives for both with different offsets.
    candidates = (naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1))
    real = {
        c.utcoffset()
        for c in candidates
        if c.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == naive
    }
    when = f"{naive.isoformat(sep=' ', timespec='minutes')} in {tz.key}"
    if not real:
        raise InvalidInput(
            f"{when} does not exist: the clocks go forward then; pick a time outside the change"
        )
    if len(real) > 1:
        raise InvalidInput(
            f"{when} happens twice: the clocks go back then; pick a time outside the change"
        )
    return candidates[0]
