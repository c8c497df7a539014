"""Fast read-only loading of case files with libyaml, giving the store's answers.

Read-only scans of a whole book (the digest, validate) must not pay for the
round-trip loader (~40 s on 10,000 cases). This module builds plain Python data
with libyaml's C parser instead, applying the same refusals as `refusals`:

- the byte checks (size, BOM, NUL, UTF-8, CRLF, conflict markers) are shared;
- anchors, aliases, tags, extra documents and deep nesting need characters a
  plain case file does not have; only a file that has them is checked event by
  event with `refusals.check_events`, which names the place;
- duplicate keys and impossible dates are caught while constructing, with the
  node's position;
- scalars resolve as YAML 1.2 (as ruamel does): `yes`, `on`, `012`, `1:30` stay
  what ruamel makes of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from yaml._yaml import CParser

from safecli.errors import FileFormatError
from safecli.store import refusals

_INT = re.compile(r"^(?:[-+]?[0-9][0-9_]*|0o[0-7_]+|0x[0-9a-fA-F_]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


class _Resolver12(yaml.resolver.BaseResolver):
    """The YAML 1.2 core schema (plus timestamps), as ruamel resolves plain scalars."""


_Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver12.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
_Resolver12.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789."))
_Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:timestamp",
    re.compile(
        r"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}"
        r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}"
        r"(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$"
    ),
    list("0123456789"),
)


class _Constructor(yaml.constructor.SafeConstructor):
    """SafeConstructor with YAML 1.2 integers and refusal of duplicate keys."""

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        value = str(self.construct_scalar(node)).replace("_", "")
        try:
            return int(value, 0 if value[:2] in ("0o", "0x") else 10)
        except ValueError:
            raise _Located(
                refusals.too_many_digits(len(value.lstrip("+-"))), node.start_mark
            ) from None

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise _Impossible(f"impossible date ({exc})", node.start_mark) from None

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise _Duplicate(key, key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_Constructor.add_constructor(  # type: ignore[type-var]
    "tag:yaml.org,2002:int", _Constructor.construct_yaml_int
)
_Constructor.add_constructor(  # type: ignore[type-var]
    "tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp
)


class _Located(Exception):
    """A refusal found while constructing, with the node's mark."""

    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


class _Duplicate(_Located):
    def __init__(self, key: Any, mark: Any) -> None:
        super().__init__(refusals.duplicate_key(key), mark)


class _Impossible(_Located):
    """An impossible date (30 February), refused at its place."""


_TAG_MEMO: dict[str, str] = {}
_TAG_MEMO_LIMIT = 100_000


class Loader(CParser, _Constructor, _Resolver12):
    """libyaml's parser with YAML 1.2 resolution and the store's construction refusals."""

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        _Constructor.__init__(self)
        _Resolver12.__init__(self)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        # In YAML 1.2 a plain scalar's tag depends only on its text, and a book
        # repeats the same keys and words thousands of times: resolve each once.
        if kind is yaml.ScalarNode and implicit[0]:
            tag = _TAG_MEMO.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
                if len(_TAG_MEMO) < _TAG_MEMO_LIMIT:
                    _TAG_MEMO[value] = tag
            return tag
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


_STR = "tag:yaml.org,2002:str"
# First characters for which a plain scalar may resolve to something other than a
# string (YAML 1.2 core, dates); any other plain scalar is a string as written.
MAY_RESOLVE = frozenset(key for key in _Resolver12.yaml_implicit_resolvers if key)
_PLAIN_MEMO: dict[str, Any] = {}
_PLAIN_MEMO_LIMIT = 100_000
# scan's own resolver and constructor, so every plain scalar means what it means here.
_PLAIN_LOADER: Any = Loader("")


class Refused(ValueError):
    """A plain scalar that scan refuses (an impossible date, a number too long to read)."""


def plain_value(value: str) -> Any:
    """A plain scalar's value as scan constructs it (the same text, memoised, when it is a
    string); Refused where scan refuses it, so the caller hands the file to scan."""
    try:
        return _PLAIN_MEMO[value]
    except KeyError:
        pass
    loader = _PLAIN_LOADER
    tag = loader.resolve(yaml.ScalarNode, value, (True, False))
    if tag == _STR:
        result: Any = value
    else:
        try:
            result = loader.construct_object(yaml.ScalarNode(tag, value), deep=True)
        except Exception as exc:  # an impossible date, a bad number: scan names it
            raise Refused(value) from exc
        finally:
            loader.constructed_objects.clear()
            loader.recursive_objects.clear()
    if len(_PLAIN_MEMO) >= _PLAIN_MEMO_LIMIT:
        _PLAIN_MEMO.clear()
    _PLAIN_MEMO[value] = result
    return result


def compose(path: Path, text: str) -> yaml.Node | None:
    """The node tree of checked text (nodes carry 0-based start_mark line/column)."""
    if refusals.needs_event_check(text):
        refusals.check_events(path, text)
    loader = Loader(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise refusals.located(path, exc) from exc
    finally:
        loader.dispose()


def construct(path: Path, node: yaml.Node | None, expect: type) -> Any:
    """Plain data from a node tree; its root must be `expect` (dict or list)."""
    if node is None:
        refusals.check_root(path, None, expect)
    loader = Loader("")
    try:
        data = loader.construct_document(node)
    except _Located as exc:
        raise FileFormatError(
            exc.message, path=path, line=exc.mark.line + 1, column=exc.mark.column + 1
        ) from None
    except (ValueError, yaml.YAMLError) as exc:
        raise FileFormatError(f"not valid YAML: {exc}", path=path) from exc
    finally:
        loader.dispose()
    return refusals.check_root(path, data, expect)


def load_text(path: Path, text: str, expect: type) -> Any:
    """Plain data from decoded text (as `refusals.check_bytes` returns it)."""
    refusals.check_text(path, text)
    return construct(path, compose(path, text), expect)


def load(path: Path, expect: type) -> Any:
    """Read a case file as plain data (dicts, lists, dates), refusing unsafe input."""
    return load_text(path, refusals.read_text(path), expect)


def locate(
    node: yaml.Node | None, keys: Sequence[str | int], *, at_value: bool = False
) -> tuple[int, int]:
    """1-based (line, column) of a key path: the key itself (or its value when `at_value`);
    for a path that does not exist, the key of the deepest part that does."""
    if node is None:
        return 1, 1
    current: yaml.Node = node
    key_node: yaml.Node | None = None
    for key in keys:
        child, child_key = _child(current, key)
        if child is None:
            target = key_node or current
            return target.start_mark.line + 1, target.start_mark.column + 1
        current, key_node = child, child_key
    target = current if at_value or key_node is None else key_node
    return target.start_mark.line + 1, target.start_mark.column + 1


def _child(node: yaml.Node, key: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
    """(value node, key node) of a key in a mapping node, or (item, None) in a sequence."""
    if isinstance(node, yaml.MappingNode):
        wanted = str(key).lower() if isinstance(key, bool) else str(key)
        for key_node, value_node in node.value:
            if key_node.value == wanted:
                return value_node, key_node
    elif (
        isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value)
    ):
        return node.value[key], None
    return None, None
