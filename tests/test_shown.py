"""shape.shown: a view prints an enumerated value as it is only when it is valid."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from safecli import model, shape
from safecli.shape import ACTION, ADULT, AGENCY, INVALID, MEETING, shown

ANY = st.one_of(
    st.text(),
    st.integers(),
    st.booleans(),
    st.dates(),
    st.lists(st.text(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2),
)


@given(ANY)
def test_a_choice_is_one_of_its_values_or_invalid(value: object) -> None:
    assert shown(value, ADULT, "risk_level") in (*model.RISK_LEVELS, INVALID)
    assert shown(value, ACTION, "status") in (*model.ACTION_STATUSES, INVALID)


@given(st.one_of(ANY, st.from_regex(shape.MEETING_ID), st.from_regex(shape.HANDLE)))
def test_an_id_handle_or_type_is_a_whole_word_or_invalid(value: object) -> None:
    for record, key, pattern in (
        (MEETING, "id", shape.MEETING_ID),
        (ACTION, "meeting", shape.MEETING_ID),
        (AGENCY, "handle", shape.HANDLE),
        (MEETING, "type", shape.HANDLE),
        (MEETING, "when", shape.WHEN),
    ):
        found = shown(value, record, key)
        if found != INVALID:
            assert found == value and isinstance(found, str)
            assert re.fullmatch(pattern.strip("^$"), found), (key, found)


def test_valid_values_none_and_free_text() -> None:
    assert shown("high", ADULT, "risk_level") == "high"
    assert shown("high - lives at 12 Acacia Road", ADULT, "risk_level") == INVALID
    assert shown(None, ADULT, "risk_level") is None
    assert shown("M1\n", MEETING, "id") == INVALID  # `$` would have let the newline through
    assert shown("2026-12-01T10:00", MEETING, "when") == "2026-12-01T10:00"
    assert shown("2026-12-01T10:00 after lunch", MEETING, "when") == INVALID
    assert shown(dt.date(2026, 12, 1), ACTION, "due") == dt.date(2026, 12, 1)
    assert shown("last Tuesday", ACTION, "due") == INVALID
    assert shown(["SG-2026-0002"][0], MEETING, "subjects") == "SG-2026-0002"
    assert shown("Edith, next door", MEETING, "subjects") == INVALID
    assert shown("Free text", ACTION, "description") == "Free text"  # not an enumerated field
