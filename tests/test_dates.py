from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from safecli.cli.main import app
from safecli.dates import (
    format_when,
    load_timezone,
    parse_date,
    parse_datetime,
    parse_period,
    parse_when,
    today_in,
)
from safecli.errors import InvalidInput

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 12, 2)  # a Wednesday
GMT = timedelta(0)
BST = timedelta(hours=1)


# parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-03", date(2026, 12, 3)),
        ("2024-02-29", date(2024, 2, 29)),
        (" 2026-12-03 ", date(2026, 12, 3)),
        ("today", TODAY),
        ("Today", TODAY),
        ("tomorrow", date(2026, 12, 3)),
        ("yesterday", date(2026, 12, 1)),
        ("+3d", date(2026, 12, 5)),
        ("-3d", date(2026, 11, 29)),
        ("+0d", TODAY),
        ("+30d", date(2027, 1, 1)),
        ("+2w", date(2026, 12, 16)),
        ("-2w", date(2026, 11, 18)),
        ("+1m", date(2027, 1, 2)),
        ("-1m", date(2026, 11, 2)),
        ("+12m", date(2027, 12, 2)),
        ("+3D", date(2026, 12, 5)),
    ],
)
def test_parse_date_forms(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (date(2026, 1, 31), "+1m", date(2026, 2, 28)),
        (date(2024, 1, 31), "+1m", date(2024, 2, 29)),
        (date(2026, 3, 31), "-1m", date(2026, 2, 28)),
        (date(2026, 10, 31), "+1m", date(2026, 11, 30)),
        (date(2026, 8, 31), "+6m", date(2027, 2, 28)),
        (date(2024, 2, 29), "+12m", date(2025, 2, 28)),
        (date(2026, 1, 30), "+1m", date(2026, 2, 28)),
        (date(2026, 2, 28), "+1m", date(2026, 3, 28)),
        (date(2026, 12, 31), "+1m", date(2027, 1, 31)),
        (date(2026, 12, 25), "+1w", date(2027, 1, 1)),
        (date(2024, 2, 28), "+1d", date(2024, 2, 29)),
        (date(2026, 2, 28), "+1d", date(2026, 3, 1)),
    ],
)
def test_month_end_and_year_end_arithmetic(today: date, text: str, expected: date) -> None:
    assert parse_date(text, today) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon", date(2026, 12, 7)),
        ("tue", date(2026, 12, 8)),
        ("wed", date(2026, 12, 9)),  # today is Wednesday: next week's
        ("wednesday", date(2026, 12, 9)),
        ("thu", date(2026, 12, 3)),
        ("fri", date(2026, 12, 4)),
        ("friday", date(2026, 12, 4)),
        ("FRI", date(2026, 12, 4)),
        ("Friday", date(2026, 12, 4)),
        ("sat", date(2026, 12, 5)),
        ("saturday", date(2026, 12, 5)),
        ("sun", date(2026, 12, 6)),
        ("sunday", date(2026, 12, 6)),
        ("monday", date(2026, 12, 7)),
        ("thursday", date(2026, 12, 3)),
        ("tuesday", date(2026, 12, 8)),
    ],
)
def test_weekdays_mean_the_next_one_strictly_after_today(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


def test_friday_on_a_friday_is_next_week() -> None:
    assert parse_date("fri", date(2026, 12, 4)) == date(2026, 12, 11)
    assert parse_date("sat", date(2026, 12, 4)) == date(2026, 12, 5)


def test_weekday_across_month_and_year_end() -> None:
    assert parse_date("mon", date(2026, 12, 31)) == date(2027, 1, 4)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "2023-02-29",
        "2026-13-01",
        "2026-12-32",
        "2026-00-10",
        "2026-12-3",
        "20261203",
        "2026-W49-3",
        "2026/12/03",
        "31/02/2026",
        "+0x",
        "+3",
        "+d",
        "3d",
        "++3d",
        "+ 3d",
        "+3 d",
        "+1y",
        "+99999d",
        "+\u0663d",  # ARABIC-INDIC DIGIT THREE
        "fr",
        "frid",
        "thurs",
        "next friday",
        "tomorrow 10:00",
        "2026-12-03T10:00",
        "now",
    ],
)
def test_parse_date_rejects_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(InvalidInput) as info:
        parse_date(text, TODAY)
    for form in ("2026-12-03", "today", "tomorrow", "+3d", "+2w", "+1m", "fri"):
        assert form in info.value.message


@pytest.mark.parametrize(
    ("text", "today"),
    [("+1d", date.max), ("+1m", date(9999, 12, 1)), ("-1d", date.min), ("-1m", date.min)],
)
def test_parse_date_out_of_range_is_invalid_input(text: str, today: date) -> None:
    with pytest.raises(InvalidInput):
        parse_date(text, today)


# parse_period


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("0d", TODAY, TODAY),
        ("7d", TODAY, date(2026, 12, 9)),
        ("2w", TODAY, date(2026, 12, 16)),
        ("1m", TODAY, date(2027, 1, 2)),
        ("1m", date(2026, 1, 31), date(2026, 2, 28)),
        (" 7D ", TODAY, date(2026, 12, 9)),
        ("9999d", date(2000, 1, 1), date(2000, 1, 1) + timedelta(days=9999)),
    ],
)
def test_parse_period_adds_to_a_date(text: str, start: date, expected: date) -> None:
    assert start + parse_period(text) == expected


@pytest.mark.parametrize(
    "text", ["", "7", "d", "+7d", "-7d", "7x", "7 d", "1y", "10000d", "seven days"]
)
def test_parse_period_rejects(text: str) -> None:
    with pytest.raises(InvalidInput, match="7d"):
        parse_period(text)


# parse_datetime


@pytest.mark.parametrize(
    ("text", "expected", "offset"),
    [
        ("2026-12-01 10:00", datetime(2026, 12, 1, 10, 0), GMT),
        ("2026-12-01T10:00", datetime(2026, 12, 1, 10, 0), GMT),
        ("  2026-12-01   10:00 ", datetime(2026, 12, 1, 10, 0), GMT),
        ("2026-07-01 10:00", datetime(2026, 7, 1, 10, 0), BST),
        ("tomorrow 14:30", datetime(2026, 12, 3, 14, 30), GMT),
        ("today 9:05", datetime(2026, 12, 2, 9, 5), GMT),
        ("fri 10:00", datetime(2026, 12, 4, 10, 0), GMT),
        ("Friday 10:00", datetime(2026, 12, 4, 10, 0), GMT),
        ("+1w 00:00", datetime(2026, 12, 9, 0, 0), GMT),
        ("-1d 23:59", datetime(2026, 12, 1, 23, 59), GMT),
        # either side of the changes
        ("2026-03-29 00:59", datetime(2026, 3, 29, 0, 59), GMT),
        ("2026-03-29 02:00", datetime(2026, 3, 29, 2, 0), BST),
        ("2026-10-25 00:59", datetime(2026, 10, 25, 0, 59), BST),
        ("2026-10-25 02:00", datetime(2026, 10, 25, 2, 0), GMT),
    ],
)
def test_parse_datetime_forms(text: str, expected: datetime, offset: timedelta) -> None:
    got = parse_datetime(text, TODAY, LONDON)
    assert got.tzinfo is LONDON
    assert got.replace(tzinfo=None) == expected
    assert got.utcoffset() == offset
    assert got.astimezone(UTC) == (expected - offset).replace(tzinfo=UTC)


@pytest.mark.parametrize("text", ["2026-03-29 01:00", "2026-03-29 01:30", "2026-03-29T01:59"])
def test_parse_datetime_rejects_the_spring_forward_gap(text: str) -> None:
    with pytest.raises(InvalidInput, match="does not exist.*clocks go forward"):
        parse_datetime(text, TODAY, LONDON)


@pytest.mark.parametrize("text", ["2026-10-25 01:00", "2026-10-25 01:30", "2026-10-25T01:59"])
def test_parse_datetime_rejects_the_fall_back_overlap(text: str) -> None:
    with pytest.raises(InvalidInput, match="happens twice.*clocks go back"):
        parse_datetime(text, TODAY, LONDON)


@pytest.mark.parametrize("text", ["2026-12-01", "tomorrow", "fri", "+3d"])
def test_parse_datetime_wants_a_time(text: str) -> None:
    with pytest.raises(InvalidInput, match=r"give a time, e\.g\. 2026-12-01 10:00"):
        parse_datetime(text, TODAY, LONDON)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "10:00",
        "2026-12-01 24:00",
        "2026-12-01 10:60",
        "2026-12-01 10",
        "2026-12-01 10:00:00",
        "2026-12-01 10.00",
        "2026-12-01 10:00 am",
        "2026-12-01T10:00+01:00",
        "2023-02-29 10:00",
        "garbage 10:00",
        "next fri 10:00",
        "tomorrowT10:00",
    ],
)
def test_parse_datetime_rejects(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_datetime(text, TODAY, LONDON)


# format_when and parse_when


@pytest.mark.parametrize(
    ("dt", "stored"),
    [
        (datetime(2026, 12, 1, 10, 0, tzinfo=LONDON), "2026-12-01T10:00"),
        (datetime(2026, 7, 1, 10, 0, tzinfo=LONDON), "2026-07-01T10:00"),
        (datetime(2026, 7, 1, 9, 0, tzinfo=UTC), "2026-07-01T09:00"),  # its own zone
        (datetime(2026, 12, 1, 10, 0, 59, 999, tzinfo=LONDON), "2026-12-01T10:00"),
        (datetime(5, 1, 1, 0, 0, tzinfo=UTC), "0005-01-01T00:00"),
    ],
)
def test_format_when(dt: datetime, stored: str) -> None:
    assert format_when(dt) == stored


def test_format_when_refuses_naive() -> None:
    with pytest.raises(ValueError, match="aware"):
        format_when(datetime(2026, 12, 1, 10, 0))


def test_parse_when_offsets() -> None:
    assert parse_when("2026-12-01T10:00", LONDON).utcoffset() == GMT
    assert parse_when("2026-07-01T10:00", LONDON).utcoffset() == BST
    assert parse_when("2026-07-01T10:00", LONDON).tzinfo is LONDON


@pytest.mark.parametrize(
    ("stored", "why"),
    [("2026-03-29T01:30", "does not exist"), ("2026-10-25T01:30", "happens twice")],
)
def test_parse_when_refuses_dst_changes(stored: str, why: str) -> None:
    with pytest.raises(InvalidInput, match=why):
        parse_when(stored, LONDON)


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "2026-12-01",
        "2026-12-01 10:00",
        "2026-12-01T10:00:00",
        "2026-12-01T10:00Z",
        "2026-12-01T10:00+00:00",
        "2026-12-01T1000",
        "2026-12-01T9:00",
        "2026-13-01T10:00",
        "2023-02-29T10:00",
        "2026-12-01T25:00",
        " 2026-12-01T10:00",
        "tomorrow 10:00",
    ],
)
def test_parse_when_rejects_malformed(stored: str) -> None:
    with pytest.raises(InvalidInput):
        parse_when(stored, LONDON)


# today_in and load_timezone


@pytest.mark.parametrize(
    ("now", "tz", "expected"),
    [
        (datetime(2026, 6, 30, 23, 30, tzinfo=UTC), LONDON, date(2026, 7, 1)),
        (datetime(2026, 12, 31, 23, 30, tzinfo=UTC), LONDON, date(2026, 12, 31)),
        (datetime(2026, 12, 31, 15, 0, tzinfo=UTC), ZoneInfo("Asia/Tokyo"), date(2027, 1, 1)),
        (datetime(2026, 1, 1, 3, 0, tzinfo=UTC), ZoneInfo("America/New_York"), date(2025, 12, 31)),
    ],
)
def test_today_in(now: datetime, tz: ZoneInfo, expected: date) -> None:
    assert today_in(tz, now) == expected


def test_today_in_reads_the_clock_without_now() -> None:
    before = datetime.now(LONDON).date()
    got = today_in(LONDON)
    after = datetime.now(LONDON).date()
    assert got in {before, after}


def test_today_in_refuses_naive_now() -> None:
    with pytest.raises(ValueError, match="aware"):
        today_in(LONDON, datetime(2026, 12, 1, 10, 0))


@pytest.mark.parametrize("name", ["Europe/London", "UTC", "America/New_York"])
def test_load_timezone(name: str) -> None:
    assert load_timezone(name).key == name


@pytest.mark.parametrize(
    "name",
    ["", "Europe", "europe/london", "Europe/London ", "Mars/Olympus", "../etc/passwd",
     "/etc/localtime", "localtime"],
)  # fmt: skip
def test_load_timezone_rejects(name: str) -> None:
    with pytest.raises(InvalidInput, match="Europe/London"):
        load_timezone(name)


# properties

ANY_DATE = st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31))
OFF_CALENDAR = st.one_of(
    st.dates(max_value=date(1899, 12, 31)), st.dates(min_value=date(2200, 1, 1))
)
# Far enough inside safecli's calendar that the offsets below stay on it.
SAFE_TODAY = st.dates(min_value=date(1930, 1, 1), max_value=date(2150, 12, 31))
ZONES = st.sampled_from(
    [LONDON, ZoneInfo("America/New_York"), ZoneInfo("Australia/Lord_Howe"), ZoneInfo("UTC")]
)
WEEKDAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@given(ANY_DATE, ANY_DATE)
def test_iso_round_trip(d: date, today: date) -> None:
    assert parse_date(d.isoformat(), today) == d


@given(SAFE_TODAY, st.integers(min_value=0, max_value=9999))
def test_plus_n_days(today: date, n: int) -> None:
    assert parse_date(f"+{n}d", today) == today + timedelta(days=n)
    assert parse_date(f"-{n}d", today) == today - timedelta(days=n)
    assert parse_period(f"{n}d") + today == today + timedelta(days=n)


@given(SAFE_TODAY, st.integers(min_value=0, max_value=1400))
def test_plus_n_weeks(today: date, n: int) -> None:
    assert parse_date(f"+{n}w", today) == today + timedelta(weeks=n)


@given(OFF_CALENDAR, ANY_DATE)
def test_a_date_off_the_calendar_is_always_refused(d: date, today: date) -> None:
    with pytest.raises(InvalidInput, match="out of range"):
        parse_date(d.isoformat(), today)


@given(SAFE_TODAY, st.integers(min_value=0, max_value=480))
def test_plus_n_months_clamps_to_month_end(today: date, n: int) -> None:
    got = parse_date(f"+{n}m", today)
    months = today.year * 12 + today.month - 1 + n
    year, month = divmod(months, 12)
    assert (got.year, got.month) == (year, month + 1)
    assert got.day == min(today.day, calendar.monthrange(year, month + 1)[1])


@given(SAFE_TODAY, st.integers(min_value=0, max_value=6), st.booleans())
def test_weekday_is_within_the_next_seven_days(today: date, wd: int, short: bool) -> None:
    name = WEEKDAY_NAMES[wd][:3] if short else WEEKDAY_NAMES[wd]
    got = parse_date(name, today)
    assert got.weekday() == wd
    assert 1 <= (got - today).days <= 7


@st.composite
def local_times(draw: st.DrawFn) -> tuple[ZoneInfo, datetime]:
    """An instant with whole minutes, as a local time in one of ZONES."""
    tz = draw(ZONES)
    # From 2 January 1900: every zone's local time is then on safecli's calendar (1900-2199).
    instant = draw(st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2100, 1, 1)))
    local = instant.replace(second=0, microsecond=0, tzinfo=UTC).astimezone(tz)
    assume(local.second == 0)
    return tz, local


@given(local_times())
def test_format_parse_when_round_trip(case: tuple[ZoneInfo, datetime]) -> None:
    tz, dt = case
    # Ambiguous: the same wall time read with the other fold is a different instant.
    assume(dt.replace(fold=1 - dt.fold).utcoffset() == dt.utcoffset())
    back = parse_when(format_when(dt), tz)
    assert back.replace(tzinfo=None) == dt.replace(tzinfo=None)
    assert back.utcoffset() == dt.utcoffset()
    assert back.astimezone(UTC) == dt.astimezone(UTC)


def _instants_showing(wall: datetime, tz: ZoneInfo) -> set[datetime]:
    """Every UTC instant whose local time in tz is `wall` (found without fold)."""
    offsets = {
        (wall + timedelta(hours=h)).replace(tzinfo=UTC).astimezone(tz).utcoffset()
        for h in range(-30, 31)
    }
    found = set()
    for offset in offsets:
        assert offset is not None
        instant = (wall - offset).replace(tzinfo=UTC)
        if instant.astimezone(tz).replace(tzinfo=None) == wall:
            found.add(instant)
    return found


def _last_sunday(year: int, month: int) -> date:
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - 6) % 7)


CHANGE_DAYS = st.builds(
    _last_sunday, st.integers(min_value=1996, max_value=2037), st.sampled_from([3, 10])
)


@given(
    st.one_of(CHANGE_DAYS, st.dates(min_value=date(1996, 1, 1), max_value=date(2037, 12, 31))),
    st.integers(min_value=0, max_value=3),
    st.integers(min_value=0, max_value=59),
)
def test_parse_when_accepts_exactly_the_times_that_happen_once(
    day: date, hour: int, minute: int
) -> None:
    wall = datetime(day.year, day.month, day.day, hour, minute)
    instants = _instants_showing(wall, LONDON)
    stored = format_when(wall.replace(tzinfo=UTC))
    if len(instants) == 1:
        assert parse_when(stored, LONDON).astimezone(UTC) == instants.pop()
    else:
        why = "does not exist" if not instants else "happens twice"
        with pytest.raises(InvalidInput, match=why):
            parse_when(stored, LONDON)


def test_parse_date_reads_a_british_date_day_first() -> None:
    assert parse_date("14/03/1941", TODAY) == date(1941, 3, 14)
    assert parse_date("3/12/2026", TODAY) == date(2026, 12, 3)


@pytest.mark.parametrize("text", ["9999-12-31", "0001-01-01", "1899-12-31", "31/12/2200"])
def test_a_date_off_safecli_s_calendar_is_refused_with_the_range(text: str) -> None:
    with pytest.raises(InvalidInput, match="out of range: safecli takes dates from 1900 to 2199"):
        parse_date(text, date(2026, 12, 1))


def test_overdue_as_of_the_last_day_of_year_9999_is_refused_not_a_traceback(example_book) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(
        app, ["--book", str(example_book), "overdue", "--as-of", "9999-12-31"]
    )
    assert result.exit_code == 3
    assert "out of range" in result.output
    assert "Traceback" not in result.output


def test_a_meeting_stored_in_year_9999_is_refused_by_render_and_reported_by_validate(
    example_book,  # type: ignore[no-untyped-def]
) -> None:
    meetings = example_book / "cases" / "SG-2026-0001" / "meetings.yaml"
    text = meetings.read_text(encoding="utf-8")
    meetings.write_text(text.replace("when: 2026-10-07T14:00", "when: 9999-12-31T23:30", 1))
    runner = CliRunner()
    book = ["--book", str(example_book)]
    shown = runner.invoke(app, [*book, "render", "invitation", "SG-2026-0001", "M1", "-f", "ics"])
    assert shown.exit_code == 3 and "out of range" in shown.output
    checked = runner.invoke(app, [*book, "validate", "SG-2026-0001"])
    assert "meetings.yaml:7:9: error INT005 when is out of range" in checked.output
