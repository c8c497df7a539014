"""The one output filter for text that reaches a terminal.

Case files hold text people typed or pasted. An escape sequence in a name
(`ESC [2J` clears the screen, `ESC [8m` hides what follows, OSC sets the window
title or a hyperlink) must never act on the reader's terminal. Every control
character but newline and tab, a carriage return that does not end a line,
DEL, the C1 controls, the Unicode bidirectional overrides and the noncharacters
U+FFFE/U+FFFF are made visible instead: `^[` for ESC, `<U+009B>` for C1.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
    "|\r(?!\n)"
)


def visible(text: str) -> str:
    """text with every control character shown as printable text (see the module)."""
    if text.isascii() and text.replace("\n", "").isprintable():
        return text  # the usual text, tested faster than the pattern can find nothing in it
    return _UNSAFE.sub(_shown, text)


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return "^" + chr(code + 64)
    if code == 0x7F:
        return "^?"
    return f"<U+{code:04X}>"


class CleanStream:
    """A text stream that passes everything written to it through `visible`.

    It says it is not a terminal, so that the help's colour codes (which are
    escape sequences too) are not written in the first place.
    """

    def __init__(self, target: TextIO) -> None:
        self._target = target

    def write(self, text: str) -> int:
        self._target.write(visible(text))
        return len(text)

    def isatty(self) -> bool:
        return False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._target, name)


@contextmanager
def clean_streams(streams: Any) -> Iterator[None]:
    """Route `streams.stdout` and `streams.stderr` (the sys module) through CleanStream."""
    saved = streams.stdout, streams.stderr
    if not isinstance(saved[0], CleanStream):
        streams.stdout = CleanStream(saved[0])
    if not isinstance(saved[1], CleanStream):
        streams.stderr = CleanStream(saved[1])
    try:
        yield
    finally:
        streams.stdout, streams.stderr = saved
