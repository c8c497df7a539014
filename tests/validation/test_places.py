"""Findings are placed in a tree composed without tags: its nodes start where scan's do."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, generated_book
from hypothesis import given, settings
from hypothesis import strategies as st

from safecli.store import fastload, scan
from safecli.store.refusals import read_text
from safecli.validation.load import untagged


def starts(node: yaml.Node | None) -> Iterator[Any]:
    """Every node of a tree in order: its kind, where it starts, and a scalar's text."""
    if node is None:
        return
    mark = node.start_mark
    text = node.value if isinstance(node, yaml.ScalarNode) else None
    yield type(node).__name__, mark.line, mark.column, text
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from starts(key)
            yield from starts(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from starts(item)


def same_places(path: Path, text: str) -> None:
    expect = dict if path.name == "adult.yaml" else list
    fastload.load_text(path, text, expect)  # only files the store accepts are placed so
    assert list(starts(untagged(text))) == list(starts(scan.compose(path, text))), path


@pytest.mark.parametrize(
    "path", sorted((REPO / "cases").glob("*/*.yaml")), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_the_example_book_is_placed_as_scan_places_it(path: Path) -> None:
    same_places(path, read_text(path))


def test_generated_books_are_placed_as_scan_places_them(tmp_path: Path) -> None:
    root = generated_book(tmp_path / "book", 12, seed=3)
    paths = sorted((root / "cases").glob("*/*.yaml"))
    assert len(paths) == 48
    for path in paths:
        same_places(path, read_text(path))


VALUES = ["yes", "~", "", "012", "2026-02-03", '"quoted"', "'single'", "[a, b]", "{x: 1}"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["id", "due", "7", "true", "a b"]), st.sampled_from(VALUES)),
        min_size=1,
        max_size=6,
        unique_by=lambda pair: pair[0],
    ),
    st.booleans(),
)
def test_random_documents_are_placed_as_scan_places_them(
    pairs: list[tuple[str, str]], nest: bool
) -> None:
    lines = [f"{key}: {value}" for key, value in pairs]
    if nest:
        text = "".join(f"- {line}\n" if i == 0 else f"  {line}\n" for i, line in enumerate(lines))
        same_places(Path("cases/C1/actions.yaml"), text)
    else:
        same_places(Path("cases/C1/adult.yaml"), "".join(f"{line}\n" for line in lines))
