"""The digest's readers of enumerated values: each text worked out once, the same answer."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from safecli import shape
from safecli.digest.values import Shown, agency_of, person_of, text_of

VALUES = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from(["police", "asc", "M1", "M12", "s42-strategy", "high", "1", "True"]),
    st.integers(-2, 2),
    st.booleans(),
    st.dates(),
    st.lists(st.text(max_size=3), max_size=2),
    st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2),
)
FIELDS = [
    (shape.AGENCY, "handle"),
    (shape.MEETING, "id"),
    (shape.MEETING, "type"),
    (shape.MEETING, "when"),
    (shape.ADULT, "risk_level"),
    (shape.ACTION, "id"),
    (shape.EVENT, "kind"),
]
READERS = [Shown(record, key) for record, key in FIELDS]


@given(st.lists(VALUES, max_size=12))
def test_a_remembered_value_is_what_shown_gives(values: list[object]) -> None:
    for read, (record, key) in zip(READERS, FIELDS, strict=True):
        for value in values + values:  # the second time from what was remembered
            assert read(value) == text_of(shape.shown(value, record, key)), (key, value)


@given(st.one_of(VALUES, st.fixed_dictionaries({"agency": VALUES, "name": VALUES})))
def test_the_agency_of_a_person_is_the_first_of_person_of(raw: object) -> None:
    assert agency_of(raw) == person_of(raw)[0]
