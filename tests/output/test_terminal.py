"""The one output filter: no control character or escape sequence reaches a terminal."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safecli.output.terminal import CleanStream, visible


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Mallory\x1b[2J\x1b[8m", "Mallory^[[2J^[[8m"),
        ("Ann\x1b]0;title\x07", "Ann^[]0;title^G"),
        ("a\x9bb", "a<U+009B>b"),
        ("del\x7f", "del^?"),
        ("back\roops", "back^Moops"),
        ("\u202eevil", "<U+202E>evil"),
        ("x\ufffey", "x<U+FFFE>y"),
        ("line one\nline two\tand a tab\r\n", "line one\nline two\tand a tab\r\n"),
        ("Siân Ó Briain – 4 Ty Newydd", "Siân Ó Briain – 4 Ty Newydd"),
    ],
)
def test_controls_are_made_visible(text: str, shown: str) -> None:
    assert visible(text) == shown


@given(st.text())
def test_nothing_a_terminal_acts_on_survives(text: str) -> None:
    out = visible(text)
    assert not any((ord(c) < 0x20 and c not in "\n\t\r") or 0x7F <= ord(c) <= 0x9F for c in out)
    assert "\r" not in out.replace("\r\n", "")


def test_the_stream_filters_writes_and_is_not_a_terminal() -> None:
    target = io.StringIO()
    stream = CleanStream(target)
    stream.write("a\x1b[2Jb")
    assert target.getvalue() == "a^[[2Jb"
    assert stream.isatty() is False
