"""Reading case files fast for validate, with exactly the answers of `scan`.

Validate reads every file of a book; `scan.compose` and `scan.construct` spend
most of that time in Python callbacks. Three shortcuts, each giving the same
result by construction:

- the store's event check (a slow pure-Python parse) is skipped for a text that
  has nothing it could refuse;
- `compose` remembers how each plain scalar resolves (`true`, `2026-11-10`,
  `null`, text...): in YAML 1.2 that depends only on the scalar's text, and a
  case book repeats the same keys and words thousands of times;
- `construct` builds the plain data of files holding only text, null,
  true/false and dates directly, and hands anything else to `scan.construct`.

Any error is left to `scan` itself, which reports the store's refusal.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from safecli import scan, yamlio

_MEMO_LIMIT = 100_000
_TAGS: dict[str, str] = {}


class _Composer(scan._Loader):  # scan's own loader class, so the tags are scan's
    """scan's libyaml loader; a plain scalar's tag is computed once per text."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0]:
            tag = _TAGS.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
                if len(_TAGS) < _MEMO_LIMIT:
                    _TAGS[value] = tag
            return tag
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


# The store event-checks any text that `yamlio.needs_event_check` picks out, which
# includes every file with a flow mapping as a list item (`- {agency: asc, ...}`).
# The event check can refuse only: anchors, aliases and tags (`&*!`), document
# markers, deep nesting (nested flow collections, deep indentation), complex keys
# (`? ...`, or a flow collection followed by `:`; a flow collection left open on
# its line) and impossible dates. A text with none of these passes it, so it is
# read here without it; any other text goes to `scan.compose`.
_COULD_REFUSE = re.compile(
    r"[&*!]|^(?:---|\.\.\.)|[\[{][^\]}]*?[\[{]|^[ \-]{30,}"
    r"|^[ \-]*(?:\?(?:[ \t]|$)|[\[{](?:[^\n]*[\]}][ \t]*:(?:[ \t]|$)|[^\]}\n]*$))",
    re.MULTILINE,
)
_DATE_TOKEN = re.compile(r"(?<![\w.-])([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?![\w.-])")


def _could_be_refused(text: str) -> bool:
    """Whether the store's event check could refuse this text."""
    if _COULD_REFUSE.search(text):
        return True
    for match in _DATE_TOKEN.finditer(text):
        try:
            date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return True
    return False


def compose(path: Path, text: str) -> yaml.Node | None:
    """The node tree of checked text, as `scan.compose` gives it."""
    if yamlio.needs_event_check(text) and _could_be_refused(text):
        return scan.compose(path, text)
    loader = _Composer(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError:
        return scan.compose(path, text)
    finally:
        loader.dispose()


_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_TRUE = ("true", "True", "TRUE")


class _Unusual(Exception):
    """A node the fast path leaves to `scan.construct`."""


def construct(path: Path, node: yaml.Node | None, expect: type) -> Any:
    """Plain data from a node tree: the answers and refusals of `scan.construct`, faster.

    Case files hold text, null, true/false and dates; those are built here directly
    (five times faster than PyYAML's constructor). A file with anything else (a
    number, a date and time, a duplicate key, an impossible date) is built by
    `scan.construct` itself, so the answers and refusals are the same.
    """
    if node is not None and isinstance(node, (MappingNode, SequenceNode)):
        try:
            data = _plain(node)
        except _Unusual:
            pass
        else:
            if isinstance(data, expect):
                return data
    return scan.construct(path, node, expect)


def _plain(node: yaml.Node) -> Any:
    kind = node.__class__
    if kind is ScalarNode:
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return node.value in _TRUE
        if tag == _TIMESTAMP and len(node.value) == 10:
            value = node.value
            try:
                return date(int(value[:4]), int(value[5:7]), int(value[8:]))
            except ValueError:
                raise _Unusual from None
        raise _Unusual
    if kind is SequenceNode:
        return [_plain(item) for item in node.value]
    if kind is not MappingNode:
        raise _Unusual
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = _plain(key_node)
        if key.__class__ is not str or key in mapping:
            raise _Unusual
        mapping[key] = _plain(value_node)
    return mapping
