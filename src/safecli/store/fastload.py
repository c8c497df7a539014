"""Plain data from case files, fast: `scan.load`'s answers, from rapidyaml or libyaml's events.

Each file is first offered to `rapid` (rapidyaml's JSON, several times faster), which
takes only what it can make exact; what it gives up on, or every file where rapidyaml
has no wheel, is built here from libyaml's events, as below.

`scan.load` builds a node tree and then constructs it, both partly in Python;
on a book of 10,000 cases that costs about twice libyaml's own C loader. The
digest reads every file of the book on a cold run, so this module builds the
same plain data (dicts, lists, str, int, float, bool, None, dates) in one pass
over the parser's events instead.

It never decides anything on its own: the moment a file shows anything a plain
case file does not have (an anchor, alias, tag, a second document, a complex
key, deep nesting, a duplicate key, an impossible date, a syntax error), the
text is handed to `scan.load_text`, which gives the store's answer and its
refusal with file:line:col. For every other file the result equals
`scan.load_text`'s (tested on the bundled examples, generated books and edge cases).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from safecli.store import rapid, refusals, scan

_NOTHING: Any = object()
# Importing rapidyaml costs about 30 ms (most of it its `deprecation` dependency), as
# much as reading some 50 files the event way: a command that reads a case's few files
# (a write, the merge driver) never pays it; from the 33rd file a process reads, it does.
_RAPID_AFTER = 32
_reads: Iterator[int] = itertools.count()
_MAY_RESOLVE = scan.MAY_RESOLVE


class _Unusual(Exception):
    """The file needs scan's full treatment (a refusal, or a rare construct)."""


def _plain(value: str) -> Any:
    """A plain scalar as scan constructs it."""
    try:
        return scan.plain_value(value)
    except scan.Refused as exc:  # an impossible date, a number too long: scan names it
        raise _Unusual from exc


def _build(text: str) -> Any:
    """The document's plain data, or _Unusual when scan must look at it."""
    parser = CParser(text)
    next_event: Callable[[], Any] = parser.get_event
    stack: list[Any] = []
    keys: list[Any] = []
    current: Any = None
    key: Any = _NOTHING
    root: Any = _NOTHING
    documents = 0
    try:
        while True:
            event = next_event()
            kind = event.__class__
            if kind is ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    raise _Unusual
                value = event.value
                if event.style == '"' and refusals.VALUE_CONTROL.search(value):
                    raise _Unusual  # an escaped control character: scan refuses it
                if event.implicit[0] and (not value or value[0] in _MAY_RESOLVE):
                    value = _plain(value)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None or event.tag is not None:
                    raise _Unusual
                value = {} if kind is MappingStartEvent else []
                if current is None:
                    if root is not _NOTHING:
                        raise _Unusual
                    root = value
                elif current.__class__ is dict:
                    if key is _NOTHING:  # a collection used as a key
                        raise _Unusual
                    current[key] = value
                    key = _NOTHING
                else:
                    current.append(value)
                stack.append(current)
                keys.append(key)
                if len(stack) > refusals.MAX_DEPTH:
                    raise _Unusual
                current, key = value, _NOTHING
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                current = stack.pop()
                key = keys.pop()
                continue
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Unusual
                continue
            elif kind is StreamEndEvent:
                break
            elif kind is StreamStartEvent or kind is DocumentEndEvent:
                continue
            else:  # an alias
                raise _Unusual
            if current is None:
                if root is not _NOTHING:
                    raise _Unusual
                root = value
            elif current.__class__ is dict:
                if key is _NOTHING:
                    if value in current:
                        raise _Unusual
                    key = value
                else:
                    current[key] = value
                    key = _NOTHING
            else:
                current.append(value)
    except yaml.YAMLError as exc:
        raise _Unusual from exc
    finally:
        parser.dispose()
    return root


def expect_many() -> None:
    """The caller is about to read many files (a cold digest): rapidyaml reads from the
    next one on, its import paid now (and once only, when a second process is forked
    after this)."""
    global _reads
    if rapid.warm():
        _reads = itertools.repeat(_RAPID_AFTER)


def load_text(path: Path, text: str, expect: type) -> Any:
    """Plain data from decoded text, refusing what `scan.load_text` refuses."""
    refusals.check_text(path, text)
    return load_checked(path, text, expect)


def load_checked(path: Path, text: str, expect: type) -> Any:
    """`load_text` for text that has passed `refusals.check_text` already."""
    if next(_reads) >= _RAPID_AFTER:
        data = rapid.load(text)
        if isinstance(data, expect):
            return data
    return load_events(path, text, expect)


def load_events(path: Path, text: str, expect: type) -> Any:
    """`load_checked` without rapidyaml: from libyaml's events, else scan (the reader
    wherever rapidyaml has no wheel, and for every file it gives up on)."""
    try:
        data = _build(text)
    except _Unusual:
        data = _NOTHING
    if isinstance(data, expect):
        if refusals.needs_event_check(text):
            # What scan adds for such a text: ruamel's event check, which also refuses
            # what libyaml lets through (`[why?]` in a file with an `&` in it).
            refusals.check_events(path, text)
        return data
    return scan.load_text(path, text, expect)


def load(path: Path, expect: type) -> Any:
    """Read a case file as plain data, refusing unsafe input exactly as `scan.load` does."""
    return load_checked(path, refusals.read_text(path), expect)
