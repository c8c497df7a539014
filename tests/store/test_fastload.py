"""The fast event loader gives exactly scan.load's answers: the same data, the same refusals."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, generated_book, typed
from hypothesis import given, settings
from hypothesis import strategies as st

from safecli.errors import FileFormatError
from safecli.store import fastload, rapid, scan

PATH = Path("cases/C1/actions.yaml")


def outcome(loader: Any, text: str, expect: type) -> Any:
    try:
        return ("data", typed(loader(PATH, text, expect)))
    except FileFormatError as exc:
        return ("refused", str(exc))


def same(text: str, expect: type = dict) -> Any:
    fast = outcome(fastload.load_text, text, expect)
    assert fast == outcome(scan.load_text, text, expect)
    return fast


@pytest.mark.parametrize(
    "path", sorted((REPO / "cases").glob("*/*.yaml")), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_the_example_book_loads_the_same(path: Path) -> None:
    expect = dict if path.name == "adult.yaml" else list
    assert typed(fastload.load(path, expect)) == typed(scan.load(path, expect))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: yes\nb: no\nc: on\nd: off\n", {"a": "yes", "b": "no", "c": "on", "d": "off"}),
        ("a: true\nb: False\nc: TRUE\n", {"a": True, "b": False, "c": True}),
        (
            "a: 012\nb: 0o17\nc: 0x1F\nd: 1_000\ne: -5\nf: +7\n",
            {"a": 12, "b": 15, "c": 31, "d": 1000, "e": -5, "f": 7},
        ),
        ("a: 1.5e3\nb: .5\nc: -.inf\n", {"a": 1500.0, "b": 0.5, "c": float("-inf")}),
        (
            "a: ~\nb: null\nc: Null\nd:\ne: ''\n",
            {"a": None, "b": None, "c": None, "d": None, "e": ""},
        ),
        (
            'a: "01632 960123"\nb: \'12\'\nc: "true"\n',
            {"a": "01632 960123", "b": "12", "c": "true"},
        ),
        (
            "a: 2026-12-03\nb: 2026-12-01T10:00\nc: 1:30\n",
            {"a": date(2026, 12, 3), "b": "2026-12-01T10:00", "c": "1:30"},
        ),
        (
            "a: 2026-12-01 10:00:00\nb: 2026-12-01T10:00:00Z\n",
            {
                "a": datetime(2026, 12, 1, 10),
                "b": scan.load_text(PATH, "b: 2026-12-01T10:00:00Z\n", dict)["b"],
            },
        ),
        (
            "a: |\n  two\n  lines\nb: >\n  folded\n  text\n",
            {"a": "two\nlines\n", "b": "folded text\n"},
        ),
        (
            "a: Tom & Jerry!\nb: 5 * 3\nc: 'it''s'\n",
            {"a": "Tom & Jerry!", "b": "5 * 3", "c": "it's"},
        ),
        ("a: {x: 1, y: [2, 3]}\nb: []\nc: {}\n", {"a": {"x": 1, "y": [2, 3]}, "b": [], "c": {}}),
        ("---\na: 1\n", {"a": 1}),
        ("a: 1\n...\n", {"a": 1}),
        ("2: x\ntrue: y\nnull: z\n", {2: "x", True: "y", None: "z"}),
        ("a: .nan\n", None),
    ],
)
def test_scalars_resolve_as_scan_resolves_them(text: str, expected: Any) -> None:
    result = same(text)
    if expected is not None:
        assert result == ("data", typed(expected))


@pytest.mark.parametrize(
    ("text", "expect", "message"),
    [
        ("a: 1\na: 2\n", dict, "duplicate key 'a'"),
        ("a: {b: 1, b: 2}\n", dict, "duplicate key 'b'"),
        ("1: a\ntrue: b\n", dict, "duplicate key (a key may appear once"),
        ("a: &x 1\nb: *x\n", dict, "anchors (&name) are not allowed"),
        ("a: !!str 1\n", dict, "tags (!name) are not allowed"),
        ("a: 1\n---\nb: 2\n", dict, "more than one YAML document"),
        ("a: 2023-02-29\n", dict, "impossible date (day is out of range for month)"),
        ("a: [1, 2\n", dict, "not valid YAML"),
        ("a: b: c\n", dict, "not valid YAML"),
        ("", dict, "file is empty"),
        ("# only a comment\n", list, "file is empty"),
        ("- a\n", dict, "expected a mapping (key: value) at the top of the file, found a list"),
        ("a: 1\n", list, "expected a list (- item) at the top of the file, found a mapping"),
        ("just text\n", list, "found a single value"),
        ("a: 1\r\n", dict, "CRLF"),
        ("<<<<<<< HEAD\na: 1\n", dict, "git conflict marker"),
        ("a: b\rc\n", dict, "carriage return (CR) inside a line"),
        *(
            (f"a: 1\nname: A{char}B\n", dict, f"U+{ord(char):04X}")
            for char in "\x0b\x0c\x1b\x7f\x85\x9b\ufffe\u2028\x01"
        ),
        ("a:" + "\n".join(" " * (2 * i) + "- " for i in range(1, 40)) + "x\n", dict, None),
        ("a: " + "[" * 40 + "]" * 40 + "\n", dict, None),
    ],
)
def test_refusals_are_scans_refusals(text: str, expect: type, message: str | None) -> None:
    kind, detail = same(text, expect)
    if message is not None:
        assert kind == "refused"
        assert message in detail


def test_a_collection_as_a_key_is_refused_not_a_crash() -> None:
    with pytest.raises(FileFormatError, match="complex keys"):
        fastload.load_text(PATH, "? [a, b]\n: c\n", dict)
    with pytest.raises(FileFormatError, match="complex keys"):
        scan.load_text(PATH, "? [a, b]\n: c\n", dict)


def test_generated_books_load_the_same(tmp_path: Path) -> None:
    root = generated_book(tmp_path / "book", 12, seed=7)
    for path in sorted((root / "cases").glob("*/*.yaml")):
        expect = dict if path.name == "adult.yaml" else list
        assert typed(fastload.load(path, expect)) == typed(scan.load(path, expect)), path


def test_missing_and_unreadable_files_are_refused_alike(tmp_path: Path) -> None:
    for loader in (fastload.load, scan.load):
        with pytest.raises(FileFormatError, match="file is missing"):
            loader(tmp_path / "none.yaml", list)
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"- a\x00\n")
    messages = set()
    for loader in (fastload.load, scan.load):
        with pytest.raises(FileFormatError) as caught:
            loader(path, list)
        messages.add(str(caught.value))
    assert len(messages) == 1 and "NUL byte" in messages.pop()


TOKENS = [
    "yes",
    "no",
    "on",
    "~",
    "null",
    "",
    "0",
    "012",
    "0x1F",
    "0o7",
    "1_0",
    "-1",
    "+1",
    "1.5",
    ".5",
    "1e3",
    ".inf",
    "true",
    "False",
    "2026-12-03",
    "2026-02-30",
    "12:30",
    "2026-12-01T10:00",
    "2026-12-01 10:00:00",
    "a b",
    "'q'",
    '"01632 960123"',
    "x&y",
    "!tag x",
    "&a x",
    "*a",
    "[1, 2]",
    "{a: 1}",
    "- x",
    "a: b",
    "#c",
    "'",
    "@x",
    "`x",
    "%x",
    "|",
    ">",
    "? x",
    "=",
    "<<",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["id", "due", "1", "true", "null", "due", "a b"]),
            st.sampled_from(TOKENS),
        ),
        min_size=1,
        max_size=6,
    ),
    st.booleans(),
)
def test_random_documents_give_the_same_answer(pairs: list[tuple[str, str]], nest: bool) -> None:
    lines = [f"{key}: {value}" for key, value in pairs]
    if nest:
        text = "".join(f"- {line}\n" if i == 0 else f"  {line}\n" for i, line in enumerate(lines))
        same(text, list)
    else:
        same("".join(f"{line}\n" for line in lines), dict)


@pytest.mark.skipif(not rapid.available(), reason="rapidyaml has no wheel here")
def test_a_reader_of_many_files_takes_rapidyaml_from_the_first() -> None:
    # A cold digest says it will read many files: rapidyaml (and its JSON reader) are
    # imported before its second process is forked, and read the very next file.
    script = (
        "import sys\n"
        "from safecli.store import fastload\n"
        "assert 'ryml' not in sys.modules\n"
        "fastload.expect_many()\n"
        "import importlib.util\n"
        "orjson = importlib.util.find_spec('orjson') is not None\n"
        "assert 'ryml' in sys.modules and ('orjson' in sys.modules) == orjson\n"
        "calls = []\n"
        "load = fastload.rapid.load\n"
        "fastload.rapid.load = lambda text: calls.append(text) or load(text)\n"
        "assert fastload.load_text(fastload.Path('a.yaml'), 'a: 2026-01-02\\n', dict)"
        " == {'a': __import__('datetime').date(2026, 1, 2)}\n"
        "assert len(calls) == 1\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)
