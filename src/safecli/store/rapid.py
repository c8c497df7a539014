"""Plain data from rapidyaml's JSON, for the files whose text leaves it nothing to get wrong.

rapidyaml (`ryml`, a C++ parser with prebuilt wheels) parses a case file and writes it
out as JSON several times faster than libyaml hands Python its events, and `orjson`
(else `json`) builds the dicts and lists in C. JSON loses what YAML's meaning depends
on, so this module takes only what it can make exact and gives up (`None`) on
anything else, which `fastload` then reads the old way:

- before parsing, the text must show none of what a plain case file does not have:
  an anchor, alias, tag, directive or reserved character at the start of a node
  (`& * ! % @ \\``), a `?` key, a second document, a backslash (escapes), a tab,
  deep nesting or a flow collection inside another;
- rapidyaml writes a plain scalar that reads as a number, `true`, `false` or `null`
  bare, and every other scalar as a JSON string; JSON's numbers are a part of the
  YAML 1.2 core forms and mean the same. Every string is resolved as scan resolves
  a plain scalar (`scan.plain_value`, dates included), and kept only if it stays a
  string unless the text shows it was plain: no quote (nor strip-chomped block
  scalar) in the file begins with the first character of a string that resolved;
- a key that would resolve to anything but itself, a duplicate key, a number too
  long to read, an impossible date, a parse error: given up, so scan refuses it at
  its place. The JSON reader builds the dicts and lists and keeps one value of a key
  given twice; the walk that resolves the strings also counts the nodes, and a
  count short of rapidyaml's (its tree holds a key and its value in one node) is
  such a duplicate.

rapidyaml prints its parse errors on the process's standard error before raising
them, so the parse runs with file descriptor 2 sent to the null device. When the
package cannot be imported (no wheel for the platform), `available()` is False and
every file is read the old way, with the same answers.
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import re
from collections.abc import Callable
from typing import Any

from safecli.store import scan

_MAY_RESOLVE = scan.MAY_RESOLVE
# Node indicators (anchor, alias, tag, directive, reserved, complex key), and what may
# stand before a node (tabs are given up on before).
_INDICATORS = "%@`?"
# Given up on wherever they stand: escapes, tabs, and what sends scan to ruamel's event
# check (`refusals.needs_event_check`), whose refusals libyaml does not make.
_ANYWHERE = ("\\", "\t", "&", "*", "!")
_BEFORE_NODE = frozenset(" \n[]{},:")
# `]`, `}` or `,` where a block node starts (after a colon, a dash or a line break and
# spaces): libyaml refuses it, rapidyaml reads a string. With the spaces deleted, and
# `:`, `-` and line breaks all written `:` and the closers `]` (one `bytes.translate`,
# in C), each is a `:]`: one search, where three patterns cost two and a half times
# as much. And a line indented 30 deep (deep block nesting).
_CLOSER_TABLE = bytes.maketrans(b"-\n}],", b"::]]]")
_DEEP_LINE = re.compile(r"\n[ \-]{30}")
_CLOSERS = frozenset("]},")
_DOCUMENT_MARKER = re.compile(r"^(?:---|\.\.\.)", re.MULTILINE)
# A flow collection holding anything but words, spaces, line breaks, `.,'"@+-/()` and
# colons before a space or line break before it closes (libyaml and rapidyaml differ on
# `?`, `#` and `:x` there; a flow collection inside another is one too, so that flow
# nesting is one level deep at most). Possessive: no backtracking over the run. Each
# pattern begins with a literal, which `re` finds fast.
_RISKY = r"""(?:[\w .,'"@+\-/()\n]++|:(?=[ \n]))*+(?![\]}])"""
_RISKY_IN_MAPPING = re.compile(r"\{" + _RISKY)
_RISKY_IN_SEQUENCE = re.compile(r"\[" + _RISKY)
_DEEP = re.compile(r"[ \-]{30}")
# libyaml and scan refuse a key whose colon comes 1,024 characters or more after its
# start; rapidyaml reads it. Any line that long goes the old way.
_LONG = 1024
_LONG_LINE = re.compile(rf"\n[^\n]{{{_LONG}}}")
_STRIP_LITERAL = re.compile(r"\|[1-9]?-")
_STRIP_FOLDED = re.compile(r">[1-9]?-")


class _GiveUp(Exception):
    """The file is read the old way (scan decides it)."""


@functools.cache
def _ryml() -> Any:
    try:
        return importlib.import_module("ryml")
    except ImportError:
        return None


def available() -> bool:
    """Whether rapidyaml is installed for this interpreter and platform."""
    return _ryml() is not None


def warm() -> bool:
    """`available()`, with rapidyaml and the JSON reader imported (before a fork, so
    that the second process has them)."""
    _decode()
    return available()


# What `_json` calls: a new tree, parse into it, write its JSON, its root, its size.
Calls = tuple[
    Callable[[], Any],
    Callable[..., Any],
    Callable[..., Any],
    Callable[..., Any],
    Callable[..., Any],
]
_LOW_NAMES = ("new_Tree", "parse_csubstr", "emit_json_to_substr", "Tree_root_id", "Tree_size")


def public_calls(ryml: Any) -> Calls:
    """`_json`'s calls through rapidyaml's documented Python API."""
    tree = ryml.Tree
    return (tree, ryml.parse_csubstr, ryml.emit_json_to_substr, tree.root_id, tree.size)


@functools.cache
def _calls() -> Calls:
    """`_json`'s calls straight to rapidyaml's extension module (the same functions its
    Python API wraps, each wrapper a Python call: a fifth of the parse's cost), else the
    documented ones."""
    ryml = _ryml()
    low = getattr(ryml, "_ryml", None)
    if low is None or not all(hasattr(low, name) for name in _LOW_NAMES):
        return public_calls(ryml)
    new_tree, parse, emit, root, size = (getattr(low, name) for name in _LOW_NAMES)
    return new_tree, parse, emit, root, size


@functools.cache
def _null_device() -> int:
    return os.open(os.devnull, os.O_WRONLY)


def _node_indicator(text: str) -> bool:
    """Whether an indicator of _INDICATORS stands where a node may start: at the start of
    the text or after a space, a line break, a flow indicator or a colon."""
    for mark in _INDICATORS:
        at = text.find(mark)
        while at >= 0:
            if at == 0 or text[at - 1] in _BEFORE_NODE:
                return True
            at = text.find(mark, at + 1)
    return False


def _plain_enough(text: str) -> bool:
    """Whether the text shows nothing that rapidyaml's JSON could get wrong."""
    if not text.endswith("\n") or any(mark in text for mark in _ANYWHERE):
        return False
    if _node_indicator(text):
        return False
    if text.lstrip(" -")[:1] in _CLOSERS or (
        b":]" in text.encode("utf-8", "surrogatepass").translate(_CLOSER_TABLE, b" ")
        or _DEEP_LINE.search(text)
    ):
        return False
    if ("---" in text or "..." in text) and _DOCUMENT_MARKER.search(text):
        return False
    if _DEEP.match(text) or text.find("\n") >= _LONG or _LONG_LINE.search(text):
        return False
    return not (
        ("{" in text and _RISKY_IN_MAPPING.search(text))
        or ("[" in text and _RISKY_IN_SEQUENCE.search(text))
    )


# rapidyaml writes its JSON into this buffer (grown when a file needs more): one pass,
# where its `emit_json_malloc` measures the output first and then writes it.
_buffer = bytearray(1 << 16)


def _json(text: str) -> tuple[str, int]:
    """rapidyaml's JSON of the text and the number of nodes it parsed, its error
    messages kept off standard error."""
    global _buffer
    new_tree, parse, emit, root, size_of = _calls()
    try:
        saved = os.dup(2)
    except OSError as exc:  # no standard error to protect: do not risk writing to it
        raise _GiveUp from exc
    try:
        os.dup2(_null_device(), 2)
        try:
            tree = new_tree()
            parse(text, tree)  # into the tree's arena, a copy of the text
            failed, size = emit(tree, root(tree), _buffer)
            if failed:
                _buffer = bytearray(size + (size >> 2))
                failed, size = emit(tree, root(tree), _buffer)
            nodes = size_of(tree)
        except Exception as exc:  # rapidyaml's parse errors: scan names them
            raise _GiveUp from exc
        finally:
            os.dup2(saved, 2)
    finally:
        os.close(saved)
    if failed or not size:  # an empty file: nothing written
        raise _GiveUp
    return str(memoryview(_buffer)[:size], "utf-8"), nodes


# The first characters of the strings of the file being read that resolved to
# something else (a date, a number): each is kept only if no quote begins with one.
_resolved_firsts: set[str] = set()
# Keys seen to resolve to themselves (a book repeats the same few hundred).
_plain_keys: set[str] = set()
_PLAIN_KEYS_LIMIT = 10_000


def _resolve(value: str) -> Any:
    """A JSON string that may be a plain scalar's text (it begins like one that resolves
    and, unlike a block scalar's, does not end in a line break) as scan reads it."""
    resolved = scan.plain_value(value)
    kind = resolved.__class__
    if kind is str:
        return value
    if kind is float:  # rapidyaml writes `inf` and `nan` as ".inf" and ".nan"
        raise _GiveUp(value)
    _resolved_firsts.add(value[0])
    return resolved


def _check_key(key: str) -> None:
    if not key or (key[0] in _MAY_RESOLVE and scan.plain_value(key).__class__ is not str):
        raise _GiveUp(key)  # a key that may mean a number, a date or null
    if len(_plain_keys) < _PLAIN_KEYS_LIMIT:
        _plain_keys.add(key)


def _list(items: list[Any]) -> int:
    """The nodes of a JSON array (itself and all it holds), its strings resolved in place."""
    count = 1
    for index, item in enumerate(items):
        kind = item.__class__
        if kind is str:
            count += 1
            if item and item[0] in _MAY_RESOLVE and item[-1] != "\n":
                items[index] = _resolve(item)
        elif kind is dict:
            count += _mapping(item)
        elif kind is list:
            count += _list(item)
        elif kind is float and not -_BIG < item < _BIG:
            raise _GiveUp(item)  # perhaps an integer too long for orjson, or inf
        else:
            count += 1
    return count


def _mapping(mapping: dict[str, Any]) -> int:
    """The nodes of a JSON object (itself and all it holds: rapidyaml's tree keeps a key
    and its value in one node), its keys checked and its strings resolved in place as
    scan builds the mapping."""
    count = 1
    for key, item in mapping.items():
        if key not in _plain_keys:
            _check_key(key)
        kind = item.__class__
        if kind is str:
            count += 1
            if item and item[0] in _MAY_RESOLVE and item[-1] != "\n":
                resolved = _resolve(item)
                if resolved is not item:
                    mapping[key] = resolved  # the same key: the mapping keeps its size
        elif kind is dict:
            count += _mapping(item)
        elif kind is list:
            count += _list(item)
        elif kind is float and not -_BIG < item < _BIG:
            raise _GiveUp(item)  # perhaps an integer too long for orjson, or inf
        else:
            count += 1
    return count


def _refuse_constant(name: str) -> Any:
    raise _GiveUp(name)  # NaN or Infinity written bare: never what YAML means


_DECODER = json.JSONDecoder(parse_constant=_refuse_constant)
# orjson writes an integer beyond 64 bits as a float: a float this large is given up on.
_BIG = float(2**63)


@functools.cache
def _decode() -> Callable[[str], Any]:
    """orjson's `loads` where it is installed (a third faster than json's, and it refuses
    NaN and Infinity itself), else json's."""
    try:
        loads: Callable[[str], Any] = importlib.import_module("orjson").loads
    except ImportError:
        return _DECODER.decode
    return loads


def load(text: str) -> Any:
    """The text's plain data as `scan.load_text` builds it, or None where this module
    cannot be sure of it (the caller reads it the old way). Text must have passed
    `refusals.check_text`."""
    if _ryml() is None or not _plain_enough(text):
        return None
    _resolved_firsts.clear()
    try:
        written, nodes = _json(text)
        data = _decode()(written)
        kind = data.__class__
        found = _mapping(data) if kind is dict else _list(data) if kind is list else 1
    except (_GiveUp, ValueError, RecursionError):  # ValueError: scan.Refused, JSON, digits
        return None
    if found != nodes:
        return None  # fewer nodes than rapidyaml parsed: a key given twice kept one value
    for first in _resolved_firsts:
        if f'"{first}' in text or f"'{first}" in text:
            return None  # a quoted scalar may have begun like a string that resolved
    if _resolved_firsts and (_STRIP_LITERAL.search(text) or _STRIP_FOLDED.search(text)):
        return None  # a strip-chomped block scalar's text ends without a line break
    return data
