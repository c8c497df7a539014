"""Findings are placed where scan's node tree places them: from rapidyaml's tree of the file
(`places.Tree`) where it can say, else from a tree composed without tags, whose nodes start
where scan's do."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, generated_book
from hypothesis import given, settings
from hypothesis import strategies as st

from safecli.errors import FileFormatError
from safecli.store import fastload, scan
from safecli.store.refusals import read_text
from safecli.validation.load import untagged
from safecli.validation.rules.places import Tree


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


def key_paths(data: Any, keys: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """The key path of every value of the data, and of a missing key or item in each
    mapping and list (placed at the deepest part that exists)."""
    yield keys
    if isinstance(data, dict):
        for key, value in data.items():
            yield from key_paths(value, (*keys, key))
        yield (*keys, "no-such-key")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from key_paths(value, (*keys, index))
        yield (*keys, len(data))


def same_places(path: Path, text: str) -> int:
    """Check that both ways of placing agree with scan's tree; how many key paths rapidyaml's
    tree could not place (the caller then uses the untagged tree)."""
    expect = dict if path.name == "adult.yaml" else list
    data = fastload.load_text(path, text, expect)  # only files the store accepts are placed so
    node = scan.compose(path, text)
    assert list(starts(untagged(text))) == list(starts(node)), path
    tree = Tree.of(text)
    assert tree is not None, path
    unplaced = 0
    for keys in key_paths(data):
        for at_value in (False, True):
            placed = tree.place(keys, data, at_value=at_value)
            if placed is None:
                unplaced += 1
                continue
            want = (*scan.locate(node, keys, at_value=at_value), scan.locate(node, keys[:1])[0])
            assert placed == want, (path, keys, at_value)
    return unplaced


@pytest.mark.parametrize(
    "path", sorted((REPO / "cases").glob("*/*.yaml")), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_the_example_book_is_placed_as_scan_places_it(path: Path) -> None:
    same_places(path, read_text(path))


def test_generated_books_are_placed_as_scan_places_them(tmp_path: Path) -> None:
    root = generated_book(tmp_path / "book", 12, seed=3)
    paths = sorted((root / "cases").glob("*/*.yaml"))
    assert len(paths) == 48
    # rapidyaml's tree places every key path of a generated book: validate composes no
    # libyaml tree for it.
    assert [same_places(path, read_text(path)) for path in paths] == [0] * 48


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


# Random documents in many styles. A node is a scalar's text, or ("map"|"seq", style, entries).
SCALARS = [
    "x",
    "a b",
    "é",
    "😀 z",
    "012",
    "2026-02-03",
    "yes",
    "~",
    "null",
    "",
    '"quoted"',
    '"two\\tparts"',
    "'single'",
    "'it''s'",
    "''",
    "several words  # and a comment",
    "|\n  a literal\n  block\n",
    ">-\n  folded\n",
]
KEYS = ["id", "due", "a b", "é", '"q k"', "'s''k'", "7", "true", "k😀", "x y z", "~"]
FLOW_SCALARS = [s for s in SCALARS if s and not s.startswith(("|", ">")) and "#" not in s]


def _node(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    entries = st.lists(
        st.tuples(st.sampled_from(KEYS), children), max_size=4, unique_by=lambda e: e[0]
    )
    return st.one_of(
        st.tuples(st.just("map"), st.sampled_from(["block", "flow"]), entries),
        st.tuples(
            st.just("seq"), st.sampled_from(["block", "flow"]), st.lists(children, max_size=4)
        ),
    )


NODES = st.recursive(st.sampled_from(SCALARS), _node, max_leaves=12)


def _flow(node: Any) -> str:
    if isinstance(node, str):
        return node if node in FLOW_SCALARS else "'x'"
    kind, _, entries = node
    if kind == "map":
        return "{" + ", ".join(f"{key}: {_flow(value)}" for key, value in entries) + "}"
    return "[" + ", ".join(_flow(item) for item in entries) + "]"


def _block(node: Any, indent: int, comments: bool) -> list[str]:
    """The lines of a block collection at this indent (a node that is not one: its flow)."""
    pad = " " * indent
    if isinstance(node, str) or node[1] == "flow" or not node[2]:
        return [pad + _flow(node)]
    kind, _, entries = node
    lines: list[str] = []
    for entry in entries:
        if comments:
            lines.append(f"{pad}# a note")
        key, value = entry if kind == "map" else ("-", entry)
        lead = f"{pad}{key}:" if kind == "map" else f"{pad}-"
        if isinstance(value, str):
            first, *rest = value.split("\n")
            lines.append(f"{lead} {first}".rstrip())
            lines.extend(f"{pad}{line}" for line in rest if line)
        elif value[1] == "flow" or not value[2]:
            lines.append(f"{lead} {_flow(value)}")
        elif kind == "map":
            lines.append(lead)
            lines.extend(_block(value, indent + 2, comments))
        else:  # an item on its dash's line: `- key: value`, `- - item`
            inner = _block(value, indent + 2, comments)
            while inner[0].lstrip().startswith("#"):
                lines.append(inner.pop(0))
            lines.append(f"{lead} {inner[0].lstrip()}")
            lines.extend(inner[1:])
    return lines


@settings(max_examples=300, deadline=None)
@given(
    st.tuples(
        st.sampled_from(["map", "seq"]),
        st.sampled_from(["block", "flow"]),
        st.lists(NODES, max_size=4),
    ),
    st.booleans(),
    st.booleans(),
)
def test_random_styles_are_placed_as_scan_places_them(
    root: Any, comments: bool, blank: bool
) -> None:
    kind, style, values = root
    if kind == "map":
        root = (kind, style, list(zip(KEYS, values, strict=False)))
    lines = _block(root, 0, comments)
    text = ("\n" if blank else "").join(f"{line}\n" for line in lines)
    path = Path("cases/C1/adult.yaml" if kind == "map" else "cases/C1/actions.yaml")
    try:
        fastload.load_text(path, text, dict if kind == "map" else list)
    except FileFormatError:
        return  # the store refuses it: nothing in it is placed
    same_places(path, text)


def test_a_key_longer_than_libyaml_reads_is_placed_the_old_way() -> None:
    # libyaml gives up on a key of more than 1,024 characters (the findings of such a file
    # are placed at 1:1): rapidyaml's tree, which reads it, is not used for that file.
    text = "- id: A1\n  " + "k" * 1100 + ": x\n"
    assert Tree.of(text) is None
    assert Tree.of("- id: A1\n  note: " + "x" * 1100 + "\n") is None
    assert Tree.of("- id: A1\n  note: x\n") is not None


@pytest.mark.parametrize("at", [0, 1, 300, 511, 512, 513, 1000, 1500, 2047, 2048, 3000])
def test_a_long_line_is_found_wherever_it_starts(at: int) -> None:
    head = "".join(f"- id: A{i}\n" for i in range(1, 400))[:at]
    head = head[: head.rfind("\n") + 1]  # whole lines before the long one
    tail = "".join(f"- id: B{i}\n" for i in range(1, 400))
    long = "- note: " + "x" * 1020 + "\n"  # 1,028 characters
    assert Tree.of(head + long + tail) is None
    assert Tree.of(head + long[:1020] + "\n" + tail) is not None
