"""The fast read-only loader gives the round-trip store's answers and refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from safecli.errors import FileFormatError
from safecli.model import FILES
from safecli.store import roundtrip, scan

SCALARS = [
    "yes",
    "no",
    "on",
    "off",
    "012",
    "0o17",
    "0x1F",
    "1_000",
    "1:30",
    "~",
    "null",
    "",
    "true",
    "False",
    "2026-12-01",
    "2023-02-29",
    "2026-12-01T10:00",
    ".inf",
    "1e3",
    "'quoted'",
    '"01632 960123"',
    "plain text",
    "&a x",
    "*a",
    "!!str x",
    "[1, 2]",
    "{a: 1}",
    "[[[1]]]",
    "- x",
    "Police & Crime",
    "5 * 3",
    "Hello!",
]
KEYS = ["a", "b", "c", "a"]


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return value


def _outcome(load):  # type: ignore[no-untyped-def]
    try:
        return ("ok", _plain(load()))
    except FileFormatError:
        # Where a text has two problems the loaders may name either first; the
        # position of each refusal is tested one problem at a time in test_refusals.
        return ("refused",)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KEYS), st.sampled_from(SCALARS)), min_size=1, max_size=5))
def test_fast_and_round_trip_loaders_agree(pairs: list[tuple[str, str]]) -> None:
    text = "".join(f"{key}: {value}\n" for key, value in pairs)
    path = Path("adult.yaml")
    fast = _outcome(lambda: scan.load_text(path, text, dict))
    slow = _outcome(lambda: roundtrip.parse(path, text, dict))
    assert fast == slow


@pytest.mark.parametrize(
    "path", sorted((REPO / "cases").glob("*/*.yaml")), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_examples_load_the_same_both_ways(path: Path) -> None:
    expect = FILES[path.stem]
    assert scan.load(path, expect) == _plain(roundtrip.read(path, expect)[0])


def test_positions_of_keys_and_values() -> None:
    text = "- id: A1\n  lead: {agency: gp, name: Dr Rao}\n  due: 2026-12-01\n"
    node = scan.compose(Path("actions.yaml"), text)
    assert scan.locate(node, (0, "due"), at_value=True) == (3, 8)
    assert scan.locate(node, (0, "due")) == (3, 3)
    assert scan.locate(node, (0, "lead", "name"), at_value=True) == (2, 28)
    assert scan.locate(node, (0, "missing")) == (1, 3)
    assert scan.locate(node, (0, "lead", "missing")) == (2, 3)
    assert scan.locate(None, ("due",)) == (1, 1)
