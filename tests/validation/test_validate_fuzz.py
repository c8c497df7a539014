"""Rules never fail, whatever the shape of the data: every problem is a finding."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rules_table import CLEAN, make_book

from safecli.shape import FILES, ListOf, Record, Shape, TextOr
from safecli.store.book import find_book
from safecli.validation.run import validate

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.sampled_from(
        [
            "",
            "M1",
            "A1",
            "asc",
            "police",
            "held",
            "open",
            "done",
            "s42-strategy",
            "best-interests",
            "self-neglect",
            "marac",
            "2026-11-10T10:00",
            "lacks",
            "x",
        ]
    ),
    st.dates(date(2000, 1, 1), date(2030, 12, 31)),
)


def shaped(shape: Shape) -> st.SearchStrategy[Any]:
    """Data roughly of a shape, often of the wrong kind."""
    if isinstance(shape, TextOr):
        shape = shape.record
    if isinstance(shape, Record):
        fields = {key: st.deferred(lambda s=sub: shaped(s)) for key, sub in shape.fields.items()}
        good = st.fixed_dictionaries({}, optional=fields)
        return st.one_of(good, good, SCALARS, st.lists(SCALARS, max_size=2))
    if isinstance(shape, ListOf):
        return st.one_of(st.lists(shaped(shape.item), max_size=2), SCALARS)
    return st.one_of(
        SCALARS,
        st.lists(SCALARS, max_size=2),
        st.fixed_dictionaries({"agency": SCALARS, "name": SCALARS}),
    )


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(kind=st.sampled_from(list(FILES)), data=st.data())
def test_any_data_gives_findings_not_failures(
    tmp_path_factory: Any, kind: str, data: st.DataObject
) -> None:
    value = data.draw(shaped(FILES[kind]))
    files: dict[str, str | bytes | None] = {**CLEAN, kind: yaml.safe_dump(value)}
    root = make_book(Path(tmp_path_factory.mktemp("fuzz")), files)
    report = validate(find_book(root), ["SG-2026-0001"], date(2026, 12, 1), use_cache=False)
    assert not [f for f in report.findings if "could not check" in f.message]
