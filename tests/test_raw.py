"""The one reader of loose YAML values: a wrong kind is "not recorded", never a crash."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from safecli import raw

LOOSE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text() | st.dates() | st.datetimes(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=6,
)


@given(LOOSE)
def test_every_reader_takes_any_value(value: Any) -> None:
    assert isinstance(raw.mapping(value), dict)
    assert isinstance(raw.items(value), list)
    assert all(isinstance(item, dict) for item in raw.records(value))
    assert isinstance(raw.filled(value), bool)
    assert raw.text(value) is None or raw.text(value)
    assert all(raw.texts(value))
    found = raw.day(value)
    assert found is None or (type(found) is date and found == value)
    assert raw.time_day(value) is None or isinstance(value, str)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 11, 20), date(2026, 11, 20)),
        # Text that looks like a date is not a date: the shape check reports it
        # (INT004), and no reader may quietly treat it as one.
        ("2026-11-20", None),
        (" 2026-11-20 ", None),
        (datetime(2026, 11, 20, 10, 0), None),
        (20261120, None),
        (None, None),
    ],
)
def test_a_day_is_a_yaml_date_and_nothing_else(value: Any, expected: date | None) -> None:
    assert raw.day(value) == expected


def test_a_time_gives_its_date() -> None:
    assert raw.time_day("2026-11-20T10:00") == date(2026, 11, 20)
    assert raw.time_day("2026-11-2") is None
    assert raw.time_day("2026-02-30T10:00") is None
    assert raw.time_day(date(2026, 11, 20)) is None


def test_round_trip_containers_are_read_as_plain_ones() -> None:
    seq = CommentedSeq([CommentedMap(id="A1"), "loose", 3])
    assert raw.records(seq) == [{"id": "A1"}]
    assert raw.mapping(CommentedMap(a=1)) == {"a": 1}


def test_text_is_trimmed_and_containers_are_not_text() -> None:
    assert raw.text("  Dr Rao ") == "Dr Rao"
    assert raw.text("   ") is None
    assert raw.text(["a"]) is None
    assert raw.text({"a": 1}) is None
    assert raw.text(3) == "3"
    assert raw.texts(["a", " ", None, "b "]) == ("a", "b")
