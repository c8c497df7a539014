"""Every refusal names the file's line and column, whichever loader builds it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from safecli.errors import FileFormatError
from safecli.store import fastload, refusals, roundtrip, scan


@pytest.mark.parametrize("loader", ["roundtrip", "scan", "fastload"])
@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("a: &x 1\nb: *x\n", (1, 4), "anchors"),
        ("a: 1\nb: !!python/object:os.system x\n", (2, 4), "tags"),
        ("a: 1\na: 2\n", (2, 1), "duplicate key"),
        ("a: 1\n---\nb: 2\n", (2, 1), "more than one"),
        ("a: 2023-02-29\n", (1, 4), "impossible date"),
        ("a:\n\tb: 1\n", (2, 1), "not valid YAML"),
        ("a: 1\n<<<<<<< HEAD\nb: 2\n=======\nb: 3\n>>>>>>> theirs\n", (2, 1), "conflict"),
        ("a: " + "[" * 5000 + "]" * 5000 + "\n", (1, 35), "nesting"),
        ("- 1\n", (1, 1), "expected a mapping"),
        ("? [a, b]\n: c\n", (1, 3), "complex keys"),
        ("a:\n  {x: 1}: y\n", (2, 3), "complex keys"),
        ("a: 1\nname: A\x0bB\n", (2, 8), "U+000B (vertical tab)"),
        ("a: 1\nname: 'A\x1b[2J'\n", (2, 9), "U+001B (escape)"),
        ("a: 1\nname: A\x7f\n", (2, 8), "U+007F (delete)"),
        ("a: |\n  x\n  A\x9bB\n", (3, 4), "U+009B"),
        ("a: A\ufffe\n", (1, 5), "U+FFFE"),
        ("a: A\x85B\n", (1, 5), "U+0085 (next line)"),
        ("a: A\rB\n", (1, 5), "carriage return (CR) inside a line"),
    ],
)
def test_refusals_name_line_and_column(
    tmp_path: Path, loader: str, text: str, where: tuple[int, int], words: str
) -> None:
    path = tmp_path / "adult.yaml"
    with pytest.raises(FileFormatError) as caught:
        if loader == "roundtrip":
            roundtrip.parse(path, text, dict)
        elif loader == "scan":
            scan.load_text(path, text, dict)
        else:
            fastload.load_text(path, text, dict)
    assert (caught.value.line, caught.value.column) == where
    assert words in caught.value.message


# The gate as it was written first, as one alternation: the split gate must agree.
# It is searched after a leading `---` line and the comments before it (`_body`): that
# head holds no anchor, tag or second document, and yamllint asks for the `---`, so the
# gate no longer sends such a file to ruamel's event check (it did, at twenty times the
# cost of the read). A `---` or `...` anywhere after the head still counts.
_ONE_PATTERN = re.compile(
    r"[&*!]"
    r"|^(?:---|\.\.\.)"
    r"|[\[{][^\]}]*?[\[{]"
    r"|^[ \-]{30,}"
    r"|^[ \-]*(?:\?(?:\s|$)|[\[{].*[\]}]\s*:(?:\s|$))"
    r'|"[^"\n]*\\',
    re.MULTILINE,
)
_HEAD = re.compile(r"\A(?:[ \t]*(?:#[^\n]*)?\n)*---[ \t]*(?:#[^\n]*)?(?:\n|\Z)")


def _body(text: str) -> str:
    """text after its leading `---` line and the comments before it, if it has one."""
    head = _HEAD.match(text)
    return text[head.end() :] if head else text


_GATE_PIECES = [
    "---\n",
    "# c &x\n",
    "#",
    "a: b\n",
    "- ",
    "  ",
    "? ",
    "?x",
    "{",
    "}",
    "[",
    "]",
    ": ",
    ":",
    "\n",
    "---",
    "...",
    "-",
    " " * 30,
    "- " * 15,
    '"',
    "\\",
    "&",
    "*",
    "!",
    "x",
    "\t",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_GATE_PIECES), max_size=20).map("".join))
def test_the_event_check_gate_agrees_with_its_single_pattern(text: str) -> None:
    assert refusals.needs_event_check(text) == (_ONE_PATTERN.search(_body(text)) is not None)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("---\na: 1\n", False),
        ("# yamllint asks for it\n\n--- # the case\na: 1\n", False),
        ("---\n", False),
        ("---\na: 1\n---\nb: 2\n", True),
        ("---\na: 1\n...\n", True),
        ("--- &x\na: 1\n", True),
        ("--- {a: 1}\n", True),
        ("a: 1\n---\n", True),
        ("# &x\n---\na: 1\n", False),
        ("---\na: &x 1\n", True),
    ],
)
def test_a_leading_document_start_alone_needs_no_event_check(text: str, flagged: bool) -> None:
    assert refusals.needs_event_check(text) is flagged


@pytest.mark.parametrize("loader", ["roundtrip", "scan", "fastload"])
@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("---\na: 1\n---\nb: 2\n", (3, 1), "more than one"),
        ("# head\n---\na: 1\na: 2\n", (4, 1), "duplicate key"),
        ("---\na: 2023-02-29\n", (2, 4), "impossible date"),
    ],
)
def test_refusals_after_a_leading_document_start(
    tmp_path: Path, loader: str, text: str, where: tuple[int, int], words: str
) -> None:
    test_refusals_name_line_and_column(tmp_path, loader, text, where, words)


def test_the_event_check_gate_passes_the_example_book() -> None:
    for path in sorted((REPO / "cases").glob("*/*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert refusals.needs_event_check(text) == (_ONE_PATTERN.search(_body(text)) is not None)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            list("ab :-\n\t\r<=>|é日😀")
            + ["\x00", "\x01", "\x0b", "\x1b", "\x7f", "\x85", "\x9b", "\ud800", "\ufdd0"]
            + ["\ufffe", "\uffff", "\u2028", "\u00a0", "<<<<<<< ", "=======\n", ">>>>>>>"]
        ),
        max_size=30,
    ).map("".join)
)
def test_the_quick_character_check_refuses_what_the_full_checks_refuse(text: str) -> None:
    def outcome(*checks: Any) -> str | None:
        try:
            for check in checks:
                check(Path("a.yaml"), text)
        except FileFormatError as exc:
            return str(exc)
        return None

    full = outcome(refusals._check_characters, refusals._check_conflict_markers)
    assert outcome(refusals.check_text) == full


def test_the_example_settings_need_no_event_check() -> None:
    # safecli.yaml starts with `---` (yamllint's document start): every command reads it,
    # and the fast reader reads it whole, without ruamel's event check.
    text = (REPO / "safecli.yaml").read_text(encoding="utf-8")
    assert text.startswith("---\n")
    assert not refusals.needs_event_check(text)


def test_reading_refuses_links_and_names_what_is_wrong(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text("a: 1\n")
    (tmp_path / "adult.yaml").symlink_to(real)
    (tmp_path / "actions.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (tmp_path / "meetings.yaml").mkdir()
    refused = {
        "adult.yaml": "file is a symbolic link; case files must be real files",
        "actions.yaml": "file is a symbolic link",  # to nothing: still a link, not missing
        "agencies.yaml": "file is missing",
        "meetings.yaml": "cannot read file: Is a directory",
    }
    for name, words in refused.items():
        with pytest.raises(FileFormatError, match=words) as caught:
            refusals.read_bytes(tmp_path / name)
        assert caught.value.path == tmp_path / name
    assert refusals.read_bytes(real) == b"a: 1\n"
