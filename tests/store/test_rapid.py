"""The rapidyaml reader gives the answers of every other reader: the same data or the same refusal.

`fastload.load_text` (rapidyaml's JSON where `rapid` takes the file) is compared with
scan (exactly: types, values, refusal messages with their places), with the libyaml
event path it falls back to (the reader where rapidyaml has no wheel), and with the
round-trip loader's data made plain, on every bundled file, generated books and
generated texts of every kind of scalar and construct a case file may hold.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, generated_book, typed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from meeting_book import make_book

from safecli.errors import FileFormatError
from safecli.model import FILES
from safecli.store import fastload, rapid, refusals, roundtrip, scan

PATH = Path("cases/C1/actions.yaml")
needs_rapid = pytest.mark.skipif(not rapid.available(), reason="rapidyaml has no wheel here")


def plain(value: Any) -> Any:
    """The round-trip loader's data as plain Python (its strings, numbers and dates are
    subclasses that carry their style)."""
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    for kind in (str, int, float):
        if isinstance(value, kind):
            return kind(value)
    if isinstance(value, datetime):
        return datetime.fromisoformat(value.isoformat())
    if isinstance(value, date):
        return date(value.year, value.month, value.day)
    return value


def outcome(load: Any, path: Path, text: str, expect: type) -> Any:
    try:
        return ("data", typed(load(path, text, expect)))
    except FileFormatError as exc:
        return ("refused", str(exc))


def agree(text: str, expect: type, path: Path = PATH) -> Any:
    """Assert the new reader's answer is scan's and the event path's; return it."""
    new = outcome(fastload.load_text, path, text, expect)
    assert new == outcome(scan.load_text, path, text, expect)
    assert new == outcome(_events, path, text, expect)
    try:
        refusals.check_text(path, text)
    except FileFormatError:
        return new
    quick = rapid.load(text)  # fastload offers rapid a process's 33rd file on
    if isinstance(quick, expect):
        assert ("data", typed(quick)) == new
    return new


def agree_all(text: str, expect: type, path: Path) -> Any:
    """`agree`, and the round-trip loader's data made plain is the same too (for real
    files: on made-up texts scan and ruamel differ where test_scan says they may, such
    as a tab after a colon or a `%YAML 1.1` directive)."""
    new = agree(text, expect, path)
    try:
        slow: Any = ("data", plain(roundtrip.parse(path, text, expect)))
    except FileFormatError:
        # With two problems in one text the loaders may name either first; each
        # refusal's place is tested one problem at a time in test_refusals.
        slow = ("refused",)
    if new[0] == "data":
        assert slow[0] == "data"
        assert typed(slow[1]) == new[1]
    else:
        assert slow == ("refused",)
    return new


def _events(path: Path, text: str, expect: type) -> Any:
    """The reader without rapidyaml (what runs where it has no wheel)."""
    refusals.check_text(path, text)
    return fastload.load_events(path, text, expect)


def bundled() -> list[Path]:
    files = sorted((REPO / "cases").glob("*/*.yaml"))
    files += sorted((REPO / "src" / "safecli" / "policy").glob("*.yaml"))
    files += sorted((REPO / "tests").rglob("*.yaml"))
    return [*files, REPO / "safecli.yaml"]


@pytest.mark.parametrize("path", bundled(), ids=lambda p: str(p.relative_to(REPO)))
def test_every_bundled_file_reads_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert agree_all(text, FILES.get(path.stem, dict), path)[0] == "data"


def test_the_test_books_read_the_same(tmp_path: Path) -> None:
    root = make_book(tmp_path)
    files = sorted(root.rglob("*.yaml"))
    assert len(files) > 4
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert agree_all(text, FILES.get(path.stem, dict), path)[0] == "data"


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_books_read_the_same(tmp_path: Path, seed: int) -> None:
    root = generated_book(tmp_path / "book", 30, seed=seed)
    files = sorted((root / "cases").glob("*/*.yaml"))
    taken = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert agree_all(text, FILES[path.stem], path)[0] == "data"
        taken += rapid.load(text) is not None
    # The generated books hold only what the fast reader takes: it must not give up.
    assert taken == (len(files) if rapid.available() else 0)


@needs_rapid
def test_the_example_book_is_read_by_rapidyaml() -> None:
    for path in sorted((REPO / "cases").glob("*/*.yaml")):
        assert rapid.load(path.read_text(encoding="utf-8")) is not None, path


@needs_rapid
def test_the_extension_calls_read_as_the_documented_api(monkeypatch: pytest.MonkeyPatch) -> None:
    # rapid calls rapidyaml's extension module itself (its Python API is a wrapper of
    # each call); the documented API gives the same data.
    assert rapid._calls()[0] is not rapid._ryml().Tree, "rapidyaml's extension calls not found"
    texts = [path.read_text(encoding="utf-8") for path in bundled()]
    texts += ["a: [1, 2\n", "- a\nb: 1\n", "a: 1\na: 2\n"]
    direct = [rapid.load(text) for text in texts]
    monkeypatch.setattr(rapid, "_calls", lambda: rapid.public_calls(rapid._ryml()))
    documented = [rapid.load(text) for text in texts]
    assert [typed(data) for data in documented] == [typed(data) for data in direct]
    assert sum(data is not None for data in direct) > len(texts) // 2


@needs_rapid
def test_parse_errors_print_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    for text in ("a: b: c\n", "a: [1, 2\n", "- a\nb: 1\n", "a: 'open\n", ""):
        assert rapid.load(text) is None
    captured = capfd.readouterr()
    assert (captured.out, captured.err) == ("", "")
    with pytest.raises(FileFormatError, match=r"not valid YAML"):
        fastload.load_text(PATH, "a: b: c\n", dict)
    assert capfd.readouterr().err == ""


@needs_rapid
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 2026-03-20\nb: x\n", {"a": date(2026, 3, 20), "b": "x"}),
        ("- 1\n- 2.5\n- true\n- ~\n- 0o17\n- 1_000\n", [1, 2.5, True, None, 15, 1000]),
        ('a: "01632 960123"\nb: it\'s\n', {"a": "01632 960123", "b": "it's"}),
        (
            "a: [1, x, 2026-01-02]\nb: {c: null}\n",
            {"a": [1, "x", date(2026, 1, 2)], "b": {"c": None}},
        ),
        ("a: |\n  2026-01-01\nb: ''\n", {"a": "2026-01-01\n", "b": ""}),
        ("a: A-E\nb: x@example.org\nc: why?\n", {"a": "A-E", "b": "x@example.org", "c": "why?"}),
    ],
)
def test_what_rapidyaml_takes(text: str, expected: Any) -> None:
    data = rapid.load(text)
    assert data is not None
    assert typed(data) == typed(expected)
    agree(text, type(expected))


@needs_rapid
@pytest.mark.parametrize(
    "text",
    [
        "a: '2026-03-20'\n",  # quoted: a string, though it looks like a date
        'a: "12"\nb: 12\n',
        "a: |-\n  2026-01-01\nb: 2026-01-01\n",  # strip-chomped: no line break to tell
        "a: inf\n",  # rapidyaml's JSON writes it as .inf
        "a: .nan\n",
        "a: 1\na: 2\n",
        # nested duplicates: the JSON keeps one of each, and counts fewer nodes than
        # rapidyaml parsed (`rapid` tells them by that count)
        "a:\n  - x: 1\n    x: 2\n",
        "a: {x: 1, x: 2}\n",
        "a:\n  b: [1, 2]\n  b: [1, 2]\n",
        "a:\n  b: {c: 1}\n  b: {c: 1}\nd: 2\n",
        "- [a, b]\n- {x: [1], x: [1]}\n",
        "1: a\n",
        "'': a\n",
        "a: &x 1\nb: *x\n",
        "a: !foo 1\n",
        "a: A&E\n",  # an & anywhere sends scan to ruamel's event check
        "a: @x\n",
        "--- 1\n--- 2\n",
        "---\na: 2026-01-01\n",  # a leading `---` alone: read the libyaml way, no event check
        "# c\n---  # d\na: [x, 2026-01-01]\n",
        "%YAML 1.1\n---\na: yes\n",
        'a: "x\\ty"\n',
        "a:\tb\n",
        "a: [[1]]\n",
        "a: 2026-02-30\n",
        "a: +1\n",
        "a: " + "9" * 5000 + "\n",
        "k" * 1100 + ": a\n",  # a key this long: libyaml and scan refuse it
        "a: b\n" + "k" * 1030 + ": a\n",
        "x:\n  " + "k" * 1030 + ": v\n",
        "a" + " " * 1100 + ": b\n",
        "a: " + "long words " * 100 + "\n",  # a long value is read the old way too
        "? a\n: b\n",
        "",
    ],
)
def test_what_rapidyaml_gives_up_on(text: str) -> None:
    assert rapid.load(text) is None
    agree(text, dict)


@needs_rapid
def test_a_file_larger_than_the_buffer_is_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rapid, "_buffer", bytearray(64))  # rapidyaml writes its JSON here
    text = "".join(
        f"- id: A{n}\n  due: 2026-12-{n % 28 + 1:02}\n  note: [x, y]\n" for n in range(300)
    )
    data = rapid.load(text)
    assert data is not None and len(data) == 300
    assert len(rapid._buffer) > len(text)  # grown to hold it
    assert ("data", typed(data)) == agree(text, list)


# Scalars of every resolution class (YAML 1.2 core, dates, impossible dates), each
# written plain, quoted both ways and as block text.
WORDS = [
    "yes", "no", "on", "true", "True", "TRUE", "false", "FALSE", "tRue",
    "~", "null", "Null", "NULL", "nULL", "",
    "0", "-0", "7", "+7", "-12", "012", "0o17", "0o8", "0x1F", "0xg", "1_000", "_1",
    "1.5", "-1.5", ".5", "-.5", "1.", "1e3", "1E3", "1.5e-3", "1e", ".inf", "-.Inf", "inf",
    "9223372036854775807", "9223372036854775808", "18446744073709551616", "-9223372036854775809",
    "99999999999999999999999999", "1e400", "-1e400", "1e-400", "0.1", "123456789.123456789e-5",
    "infinity", ".nan", "NaN", "nan", "Infinity",
    "2026-12-03", "2026-1-3", "2026-02-30", "2024-02-29", "2023-02-29", "0001-01-01",
    "2026-12-01T10:00", "2026-12-01 10:00:00", "2026-12-01T10:00:00Z", "2026-12-01t10:00:00.5+01:00",
    "1:30", "12:30:45", "1 2", "01632 960123", "a b", "x", "it's", "Tom & Jerry", "A&E", "a@b",
    "5 * 3", "Hello!", "why?", "50%", "a#b", "a # c", "- x", "-x", "a: b", "{a: 1}", "[1, 2]",
    "[1, [2]]", "&a x", "*a", "!tag x", "!!str 1", "@x", "`x", "%x", "? x", "|", ">", "'", '"',
    "a\\b", "é", "日本", "😀",
]  # fmt: skip


def _styled(word: str, style: str, indent: str) -> str:
    if style == "plain":
        return word
    if style == "single":
        return "'" + word.replace("'", "''") + "'"
    if style == "double":
        return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{style}\n{indent}  {word}"


VALUES = st.tuples(
    st.sampled_from(WORDS), st.sampled_from(["plain"] * 4 + ["single", "double", "|", "|-", ">-"])
)
KEYS = st.sampled_from(["id", "due", "note", "a b", "'id'", '"due"', "1", "true", "null", "''"])


@st.composite
def documents(draw: st.DrawFn, depth: int = 0) -> tuple[str, type]:
    """A YAML text (a mapping or a list, maybe nested, maybe in flow style)."""
    as_list = draw(st.booleans())
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 5))):
        word, style = draw(VALUES)
        value = _styled(word, style, "  " if as_list else "")
        if depth < 2 and draw(st.integers(0, 5)) == 0:
            inner, _ = draw(documents(depth + 1))
            value = "\n" + "".join(f"  {line}\n" for line in inner.splitlines()).rstrip("\n")
        elif draw(st.integers(0, 7)) == 0:
            flow = [_styled(w, s, "") for w, s in draw(st.lists(VALUES, max_size=3))]
            flow = [part for part in flow if "\n" not in part]
            value = "[" + ", ".join(flow) + "]"
        if as_list:
            lines.append(f"- {value}")
        else:
            lines.append(f"{draw(KEYS)}: {value}")
        if draw(st.integers(0, 9)) == 0:
            lines.append("# a comment")
    return "\n".join(lines) + "\n", list if as_list else dict


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_texts_read_the_same(document: tuple[str, type]) -> None:
    text, expect = document
    agree(text, expect)
    agree(text, dict if expect is list else list)


def _with_json(text: str) -> Any:
    """rapid.load as it reads where orjson has no wheel (json's decoder)."""
    decode = rapid._decode
    rapid._decode = lambda: rapid._DECODER.decode  # type: ignore[assignment]
    try:
        return rapid.load(text)
    finally:
        rapid._decode = decode  # type: ignore[method-assign]


@needs_rapid
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_either_json_reader_gives_the_same(document: tuple[str, type]) -> None:
    text, _ = document
    fast, plain = rapid.load(text), _with_json(text)
    # Each may give up where the other does not (orjson on a float it cannot tell from
    # a long integer); what each takes is scan's answer.
    for taken in (fast, plain):
        if taken is not None:
            assert ("data", typed(taken)) == outcome(scan.load_text, PATH, text, type(taken))
    if fast is not None and plain is not None:
        assert typed(fast) == typed(plain)


# The closer check as three patterns (as it was written first): a `]`, `}` or `,`
# after a colon, a dash or a line break and spaces. `rapid` finds them in one search.
_CLOSER_PATTERNS = [re.compile(r": *[\]},]"), re.compile(r"- *[\]},]"), re.compile(r"\n *[\]},]")]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(": -\n]},a\t{[é")), max_size=30))
def test_the_closer_check_finds_what_its_patterns_find(text: str) -> None:
    found = b":]" in text.encode().translate(rapid._CLOSER_TABLE, b" ")
    assert found == any(pattern.search(text) for pattern in _CLOSER_PATTERNS)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab01-: \n'\"[]{},#&*!?|>~.\t\\@%")), max_size=40))
def test_arbitrary_texts_read_the_same(text: str) -> None:
    agree(text, dict)
    agree(text, list)
