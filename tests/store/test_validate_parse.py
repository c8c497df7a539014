"""validate's fast reading gives exactly scan's answers: the same nodes, data and refusals.

validate reads a file's data with `fastload` and composes its node tree with
`scan.compose` only when a finding needs a place (validation/load.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from safecli.errors import FileFormatError
from safecli.model import FILES
from safecli.store import fastload, scan
from safecli.store.refusals import check_text

EXAMPLES = sorted((REPO / "cases").glob("*/*.yaml"))
PATH = Path("actions.yaml")


def shape_of(node: yaml.Node | None) -> Any:
    """A node tree as comparable data: tag, value and start position of every node."""
    if node is None:
        return None
    where = (node.tag, node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return (*where, node.value, node.style)
    if isinstance(node, yaml.SequenceNode):
        return (*where, [shape_of(item) for item in node.value])
    return (*where, [(shape_of(k), shape_of(v)) for k, v in node.value])


def answers(validate: bool, text: str, expect: type) -> Any:
    """(node shape, data) or the refusal (message, line, column): as validate reads the
    file (fastload's data, the node tree composed after it), or as scan does."""
    try:
        if validate:
            check_text(PATH, text)
            data = fastload.load_checked(PATH, text, expect)
            return shape_of(scan.compose(PATH, text)), data
        node = scan.compose(PATH, text)
        return shape_of(node), scan.construct(PATH, node, expect)
    except FileFormatError as exc:
        return exc.message, exc.line, exc.column


@pytest.mark.parametrize("path", EXAMPLES, ids=[f"{p.parent.name}/{p.name}" for p in EXAMPLES])
def test_the_examples_read_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert answers(True, text, FILES[path.stem]) == answers(False, text, FILES[path.stem])


@pytest.mark.parametrize(
    "text",
    [
        "- id: A1\n  status: open\n  status: done\n",  # duplicate key
        "- id: A1\n  due: 2026-02-30\n",  # impossible date
        "- id: A1\n  due: 2026-02-28 10:00:00\n",  # a date and time
        "- id: A1\n  count: 0x1F\n  ratio: 1.5e3\n  odd: .inf\n",  # numbers
        "- &a {id: A1}\n- *a\n",  # anchor and alias
        "- id: A1\n  note: !!str 12\n",  # tag
        "- id: A1\n  moves: [\n",  # syntax
        "- id: A1\n---\n- id: A2\n",  # two documents
        "id: A1\n",  # mapping, list expected
        "",  # empty
        "- id: A1\n  ? [a, b]\n  : complex key\n",  # a list as a key
        "- id: A1\n  lead: {agency: asc}\n  ? plain\n  : explicit key\n",
        "- {id: A1}: flow mapping as a key\n",
        "- id: A1\n  shared:\n    - [a, b]  :  x\n",
        "- id: A1\n  shared:\n    - {agency: asc,\n       name: x}\n",  # flow over two lines
        "- id: A1\n  lead: {agency: asc}\n  due: 2026-2-30\n",  # impossible, short form
        "- id: A1\n  lead: {agency: asc}\n  2026-02-30: as a key\n",  # impossible date key
        "- id: A1\n  lead: {agency: asc}\n  note: A&E\n",  # & in text
        "- id: A1\n  true: yes\n  null: ~\n  1: one\n",  # keys that are not text
    ],
)
def test_unusual_files_read_the_same(text: str) -> None:
    assert answers(True, text, list) == answers(False, text, list)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789-:.TtrueFalsnNo~+eE_x ab", min_size=0, max_size=12))
def test_any_plain_scalar_resolves_the_same(value: str) -> None:
    text = f"- id: A1\n  value: {value}\n  again: {value}\n"
    assert answers(True, text, list) == answers(False, text, list)


LINES = [
    "- id: A1",
    "  lead: {agency: asc, name: Sam}",
    "  actions: [A1, A2]",
    "  due: 2026-11-14",
    "  due: 2026-2-30",
    "  due: 2026-02-30",
    "  ? key",
    "  : value",
    "  - {agency: asc}: x",
    "  - [a, b]: c",
    "  note: A&E *urgent* !",
    "  deep:",
    "    - - - - - - - - - - - - - - - - x",
    "  shared:",
    "    - {agency: asc,",
    "       name: x}",
    "---",
    "  - &a x",
    "  - *a",
    "  {a: [b]}: c",
    "  x: 1",
    "  x: 2",
    "- id: A2",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=8))
def test_any_mix_of_risky_lines_reads_the_same(lines: list[str]) -> None:
    text = "- id: A0\n" + "\n".join(lines) + "\n"
    assert answers(True, text, list) == answers(False, text, list)
