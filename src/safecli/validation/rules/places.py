"""Where a finding is: a key path's line and column, read from rapidyaml's tree of a file.

A finding is placed where `scan.locate` places it in the file's libyaml node tree
(at a key, at a value, or for a path that does not exist at the deepest part that
does), but composing that tree costs a millisecond a file, and every generated
meetings file has a finding. rapidyaml parses a file ten times faster, in place:
each scalar of its tree is a slice of the file's bytes, so a scalar's offset in the
file is where its slice begins. From it, a node starts as libyaml says:

- a plain scalar at its first character; a quoted one at its opening quote;
- a block mapping at its first key; a block sequence at the `-` of its first item;
- a flow collection at its `{` or `[`;
- a block scalar, or an empty flow collection, after a key (or as the whole file):
  at its indicator (`|`, `>`, `[`, `{`); nothing written after a key in a block
  mapping: just after the colon.

Anything else (such a value as a sequence's item, a `-` or `?` alone on its line,
a key with escapes, a line break that is not `\\n`, a tab, a line longer than
libyaml reads a key) gives None, and the caller places the finding in libyaml's
tree as before; so does a tree whose shape along the path differs from the data
the rules read. tests/validation/test_places.py compares every node's place with
libyaml's on the bundled, generated and random files.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from safecli.validation.rules import rapidtree
from safecli.validation.rules.rapidtree import (
    BLOCK_SCALAR,
    CONTAINER,
    FLOW,
    KEY,
    KEY_NULL,
    KEY_PLAIN,
    KEY_QUOTED,
    KEY_STYLE,
    LITERAL,
    MAP,
    SEQ,
    STREAM,
    VAL,
    VAL_QUOTED,
)

# Line breaks libyaml counts besides `\n` (CR, NEL, LS, PS), and tabs, which change
# what a column is: files holding one are placed the old way.
_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029", "\t")
_QUOTES = frozenset(b"'\"")
# libyaml reads no key longer than 1,024 characters: a file with a longer line is placed
# the old way (where libyaml may compose no tree, and places at 1:1).
_LONG_LINE = 1024
_SPACE = 0x20
_BREAK = 0x0A


def _long_line(text: str) -> bool:
    """Whether a line of the text is longer than libyaml reads a key. Such a line holds a
    whole stretch of 512 characters (of those the text is cut into) without a line break:
    only then are the lines measured."""
    for start in range(0, len(text), 512):
        if "\n" not in text[start : start + 512]:
            return max(map(len, text.split("\n"))) > _LONG_LINE
    return False


class Unplaced(Exception):
    """This tree cannot say where libyaml starts the node: place it the old way."""


class Tree:
    """rapidyaml's tree of one file the store accepted, over the file's bytes."""

    def __init__(
        self, raw: bytes, tree: Any, address: Callable[[Any], int], buffer: bytearray
    ) -> None:
        self._raw = raw
        self._tree = tree
        self._address = address
        self._base = address(buffer)
        self._buffer = buffer  # the tree's slices point into it: kept alive with the tree
        self._none = rapidtree.module().NONE
        self._root = self._find_root()

    @classmethod
    def of(cls, text: str) -> Tree | None:
        """The file's tree, or None when rapidyaml is not installed, the text holds a line
        break other than `\\n`, a tab or a line longer than 1,024 characters, or rapidyaml
        cannot parse it."""
        if rapidtree.module() is None:
            return None
        if any(mark in text for mark in _OTHER_BREAKS) or _long_line(text):
            return None
        raw = text.encode("utf-8")
        buffer = bytearray(raw)
        tree = rapidtree.parse(buffer)
        if tree is None:
            return None
        try:
            return cls(raw, tree, rapidtree.address_reader(), buffer)
        except OSError:
            return None

    def place(
        self, keys: Sequence[str | int], data: Any, *, at_value: bool = False
    ) -> tuple[int, int, int] | None:
        """1-based (line, column) of a key path as `scan.locate` gives it in libyaml's tree,
        and the line it gives the path's first key (where a finding's record starts), found
        in one walk down the tree; None when this tree cannot say. `data` is the file's
        data as the rules read it: the tree must have its shape along the path."""
        try:
            at, record = self._locate(keys, data, at_value)
            line, column = self._position(at)
            return line, column, self._position(record)[0]
        except Unplaced:
            return None

    def _locate(self, keys: Sequence[str | int], data: Any, at_value: bool) -> tuple[int, int]:
        """The offsets where libyaml starts the path's node, and its first key's."""
        node = self._root
        kind = self._same_shape(node, data)
        key_at: int | None = None
        record: int | None = None
        for key in keys:
            child, value = self._child(node, kind, data, key)
            if child is None:
                at = key_at if key_at is not None else self._start(node, kind)
                return at, at if record is None else record
            child_kind = self._same_shape(child, value)
            key_at = self._key_start(child, child_kind) if kind & MAP else None
            node, kind, data = child, child_kind, value
            if record is None:
                record = key_at if key_at is not None else self._start(node, kind)
        at = self._start(node, kind) if at_value or key_at is None else key_at
        return at, at if record is None else record

    def _find_root(self) -> int:
        tree = self._tree
        root = tree.root_id()
        if int(tree.type(root)) & STREAM == STREAM:
            if tree.num_children(root) != 1:
                raise Unplaced
            root = tree.first_child(root)
        return int(root)

    def _same_shape(self, node: int, data: Any) -> int:
        """The node's type bits, when the tree and the data agree here: a mapping or list
        of as many entries, or a scalar (no tree of another shape places anything)."""
        tree = self._tree
        kind = int(tree.type(node))
        cls = data.__class__
        if cls is dict:
            same = kind & MAP and tree.num_children(node) == len(data)
        elif cls is list:
            same = kind & SEQ and tree.num_children(node) == len(data)
        else:
            same = not kind & CONTAINER
        if not same:
            raise Unplaced
        return kind

    def _child(self, node: int, kind: int, data: Any, key: str | int) -> tuple[int | None, Any]:
        """(child node, its data) of a key in a mapping or an index in a sequence (as
        `scan._child` finds it), or (None, None)."""
        tree = self._tree
        if kind & MAP:
            wanted = str(key).lower() if isinstance(key, bool) else str(key)
            if not wanted:
                raise Unplaced  # an empty key: libyaml's and rapidyaml's nulls differ
            child = tree.find_child(node, wanted.encode("utf-8"))
            if child == self._none:
                return None, None
            if wanted not in data:  # the data's key resolved to something else: a number
                raise Unplaced
            return int(child), data[wanted]
        if kind & SEQ and isinstance(key, int) and 0 <= key < len(data):
            return int(tree.child(node, key)), data[key]
        return None, None

    def _key_start(self, node: int, kind: int) -> int:
        if not kind & KEY or kind & KEY_NULL:
            raise Unplaced
        if kind & KEY_QUOTED:
            return self._quoted(self._tree.key(node))
        if kind & KEY_STYLE & ~(KEY_PLAIN | KEY_QUOTED):
            raise Unplaced  # a block scalar as a key
        return self._plain(self._tree.key(node))

    def _start(self, node: int, kind: int) -> int:
        """Where libyaml starts a value node (a byte offset)."""
        tree = self._tree
        if kind & CONTAINER:
            opener = b"{" if kind & MAP else b"["
            if tree.num_children(node) == 0:  # an empty flow collection: `[]`
                if node == self._root:
                    at = len(self._raw) - len(self._raw.lstrip(b" \n"))
                    if self._raw[at : at + 1] != opener:
                        raise Unplaced
                    return at
                return self._indicator(node, kind, opener)
            first = int(tree.first_child(node))
            first_kind = int(tree.type(first))
            inner = (
                self._key_start(first, first_kind) if kind & MAP else self._start(first, first_kind)
            )
            if kind & FLOW:
                return self._back_to(inner, opener, flow=True)
            if kind & MAP:
                before = self._before(inner)
                if before is not None and self._raw[before] not in b"\n-":
                    raise Unplaced  # a `?` key, or a mapping on its item's line after text
                return inner
            return self._back_to(inner, b"-", flow=False)
        if not kind & VAL:
            raise Unplaced
        if kind & BLOCK_SCALAR:
            return self._indicator(node, kind, b"|" if kind & LITERAL else b">")
        value = tree.val(node)
        if value is None:  # nothing written: libyaml starts it right after the colon
            if int(tree.type(tree.parent(node))) & FLOW:
                raise Unplaced
            return self._after_colon(node, kind)
        if kind & VAL_QUOTED:
            return self._quoted(value)
        return self._plain(value)

    def _after_colon(self, node: int, kind: int) -> int:
        """The offset just after the colon that follows a node's key (a key written on one
        line, the colon after it with only spaces between)."""
        start = self._key_start(node, kind)
        written = bytes(self._tree.key(node))
        if kind & KEY_QUOTED:
            end = start + 1 + len(written)
            if self._raw[start + 1 : end] != written or self._raw[end] != self._raw[start]:
                raise Unplaced  # escapes: the text in the file is longer
            end += 1
        else:
            end = start + len(written)
            if self._raw[start:end] != written:
                raise Unplaced
        at = self._skip_spaces(end)
        if self._raw[at : at + 1] != b":":
            raise Unplaced
        return at + 1

    def _indicator(self, node: int, kind: int, indicator: bytes) -> int:
        """Where a keyed value that has no slice starts: its indicator (`|`, `>`, `[`, `{`)
        after the key's colon, on the key's line."""
        at = self._skip_spaces(self._after_colon(node, kind))
        if self._raw[at : at + 1] != indicator:
            raise Unplaced
        return at

    def _skip_spaces(self, offset: int) -> int:
        raw = self._raw
        while offset < len(raw) and raw[offset] == _SPACE:
            offset += 1
        return offset

    def _offset(self, view: Any) -> int:
        try:
            offset = self._address(view) - self._base
        except OSError:
            raise Unplaced from None
        if not 0 <= offset < len(self._raw):
            raise Unplaced
        return offset

    def _plain(self, view: Any) -> int:
        """A plain scalar's start: its slice's first byte, as in the file."""
        if view is None or len(view) == 0:
            raise Unplaced
        offset = self._offset(view)
        if self._raw[offset] != view[0]:
            raise Unplaced
        return offset

    def _quoted(self, view: Any) -> int:
        """A quoted scalar's start: the quote before its slice."""
        if view is None:
            raise Unplaced
        offset = self._offset(view)
        if offset < 1 or self._raw[offset - 1] not in _QUOTES:
            raise Unplaced
        return offset - 1

    def _before(self, offset: int) -> int | None:
        """The offset of the last byte before `offset` that is not a space (None: none)."""
        at = offset - 1
        while at >= 0 and self._raw[at] == _SPACE:
            at -= 1
        return at if at >= 0 else None

    def _back_to(self, offset: int, opener: bytes, *, flow: bool) -> int:
        """The opener (`{`, `[`, `-`) before a collection's first entry, with only spaces
        (and in a flow collection line breaks) between."""
        at = offset - 1
        while at >= 0 and (self._raw[at] == _SPACE or (flow and self._raw[at] == _BREAK)):
            at -= 1
        if at < 0 or self._raw[at : at + 1] != opener:
            raise Unplaced
        return at

    def _position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a byte offset, the column in characters."""
        raw = self._raw
        line_start = raw.rfind(b"\n", 0, offset) + 1
        column = len(raw[line_start:offset].decode("utf-8"))
        return raw.count(b"\n", 0, line_start) + 1, column + 1
