"""Where a finding is: a key path's line and column, read from rapidyaml's tree of a file.

A finding is placed where `scan.locate` places it in the file's libyaml node tree
(at a key, at a value, or for a path that does not exist at the deepest part that
does), but composing that tree costs a millisecond a file, and every generated
meetings file has a finding. rapidyaml parses a file ten times faster, in place:
each scalar of its tree is a slice of the file's bytes, so a scalar's offset in the
file is where its slice begins. From it, a node starts as libyaml says:

- a plain scalar at its first character; a quoted one at its opening quote;
- a block mapping at its first key; a block sequence at the `-` of its first item;
- a flow collection at its `{` or `[`.
- a block scalar, or an empty flow collection, after a key (or the whole file):
  at its indicator (`|`, `>`, `[`, `{`); nothing written after a key in a block mapping: just
  after the colon.

Anything else (such a value as a sequence's item, a `-` or `?` alone on its line,
a key with escapes, a line break that is not `\\n`, a tab) gives `None`, and the
caller places the finding in libyaml's tree as before; so does a tree whose shape
along the path differs from the data the rules read. tests/validation/test_places.py
compares every node's place with libyaml's on the bundled, generated and random files.
"""

from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Callable, Sequence
from typing import Any

# Line breaks libyaml counts besides `\n` (CR, NEL, LS, PS), and tabs, which change
# what a column is: files holding one are placed the old way.
_OTHER_BREAKS = (b"\r", b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9", b"\t")
_QUOTES = frozenset(b"'\"")
_SPACE = 0x20
_BREAK = 0x0A


@functools.cache
def _address_reader() -> Callable[[Any], int]:
    """A function giving the address of a buffer's first byte, through CPython's buffer
    protocol (rapidyaml's slices are read-only memoryviews, whose address Python does
    not otherwise give). ctypes is imported only when a finding is placed."""
    import ctypes

    class Buffer(ctypes.Structure):
        _fields_ = (  # CPython's Py_buffer
            ("buf", ctypes.c_void_p),
            ("obj", ctypes.c_void_p),
            ("len", ctypes.c_ssize_t),
            ("itemsize", ctypes.c_ssize_t),
            ("readonly", ctypes.c_int),
            ("ndim", ctypes.c_int),
            ("format", ctypes.c_char_p),
            ("shape", ctypes.c_void_p),
            ("strides", ctypes.c_void_p),
            ("suboffsets", ctypes.c_void_p),
            ("internal", ctypes.c_void_p),
        )

    get_buffer = ctypes.pythonapi.PyObject_GetBuffer
    get_buffer.argtypes = (ctypes.py_object, ctypes.POINTER(Buffer), ctypes.c_int)
    get_buffer.restype = ctypes.c_int
    release = ctypes.pythonapi.PyBuffer_Release
    release.argtypes = (ctypes.POINTER(Buffer),)
    release.restype = None

    def address(view: Any) -> int:
        info = Buffer()
        reference = ctypes.byref(info)
        if get_buffer(view, reference, 0) != 0:
            raise Unplaced
        try:
            return int(info.buf or 0)
        finally:
            release(reference)

    return address


@functools.cache
def _ryml() -> Any:
    try:
        return importlib.import_module("ryml")
    except ImportError:
        return None


@functools.cache
def _null_device() -> int:
    return os.open(os.devnull, os.O_WRONLY)


class Unplaced(Exception):
    """This tree cannot say where libyaml starts the node: place it the old way."""


class Tree:
    """rapidyaml's tree of one file the store accepted, over the file's bytes."""

    def __init__(
        self, ryml: Any, raw: bytes, tree: Any, address: Callable[[Any], int], buffer: bytearray
    ) -> None:
        self._ryml = ryml
        self._raw = raw
        self._tree = tree
        self._address = address
        self._base = address(buffer)
        self._buffer = buffer  # the tree's slices point into it: kept alive with the tree

    @classmethod
    def of(cls, text: str) -> Tree | None:
        """The file's tree, or None when rapidyaml is not installed, the text holds a line
        break other than `\\n` or a tab, or rapidyaml cannot parse it."""
        ryml = _ryml()
        if ryml is None:
            return None
        raw = text.encode("utf-8")
        if any(mark in raw for mark in _OTHER_BREAKS):
            return None
        buffer = bytearray(raw)
        try:
            saved = os.dup(2)
        except OSError:  # no standard error to keep rapidyaml's messages off
            return None
        try:
            os.dup2(_null_device(), 2)
            try:
                tree = ryml.parse_in_place(buffer)
            except Exception:  # noqa: BLE001 - any parse error: libyaml's tree places it
                return None
            finally:
                os.dup2(saved, 2)
        finally:
            os.close(saved)
        address = _address_reader()
        return cls(ryml, raw, tree, address, buffer)

    def locate(
        self, keys: Sequence[str | int], data: Any, *, at_value: bool = False
    ) -> tuple[int, int] | None:
        """1-based (line, column) of a key path as `scan.locate` gives it in libyaml's tree,
        or None when this tree cannot say. `data` is the file's data as the rules read it:
        the tree must have its shape along the path."""
        try:
            return self._position(self._locate(keys, data, at_value))
        except Unplaced:
            return None

    def _locate(self, keys: Sequence[str | int], data: Any, at_value: bool) -> int:
        tree = self._tree
        node = self._root()
        self._same_shape(node, data)
        key_at: int | None = None
        for key in keys:
            child, value = self._child(node, data, key)
            if child is None:
                return key_at if key_at is not None else self._start(node)
            key_at = self._key_start(child) if tree.is_map(node) else None
            node, data = child, value
            self._same_shape(node, data)
        return self._start(node) if at_value or key_at is None else key_at

    def _root(self) -> int:
        tree = self._tree
        root = tree.root_id()
        if tree.is_stream(root):
            if tree.num_children(root) != 1:
                raise Unplaced
            root = tree.first_child(root)
        if not tree.is_container(root):
            raise Unplaced
        return int(root)

    def _same_shape(self, node: int, data: Any) -> None:
        """The tree and the data agree here: a mapping or list of as many entries, or a
        scalar (no tree of another shape is trusted to place anything)."""
        tree = self._tree
        if isinstance(data, dict):
            same = tree.is_map(node) and tree.num_children(node) == len(data)
        elif isinstance(data, list):
            same = tree.is_seq(node) and tree.num_children(node) == len(data)
        else:
            same = not tree.is_container(node)
        if not same:
            raise Unplaced

    def _child(self, node: int, data: Any, key: str | int) -> tuple[int | None, Any]:
        """(child node, its data) of a key in a mapping or an index in a sequence (as
        `scan._child` finds it), or (None, None)."""
        tree = self._tree
        if tree.is_map(node):
            wanted = str(key).lower() if isinstance(key, bool) else str(key)
            if not wanted:
                raise Unplaced  # an empty key: libyaml's and rapidyaml's nulls differ
            child = tree.find_child(node, wanted.encode("utf-8"))
            if child == self._ryml.NONE:
                return None, None
            return int(child), self._value_of(data, child)
        if tree.is_seq(node) and isinstance(key, int) and 0 <= key < tree.num_children(node):
            return int(tree.child(node, key)), data[key]
        return None, None

    def _value_of(self, data: dict[str, Any], child: int) -> Any:
        """The data of a mapping's child: the value of the key the tree has there (the
        data's keys are its texts, or what they resolved to: then no data is compared)."""
        key = bytes(self._tree.key(child)).decode("utf-8")
        if key not in data:
            raise Unplaced
        return data[key]

    def _key_start(self, node: int) -> int:
        tree = self._tree
        if not tree.has_key(node) or tree.key_is_null(node):
            raise Unplaced
        if tree.is_key_quoted(node):
            return self._quoted(tree.key(node))
        if tree.is_key_plain(node) or not tree.is_key_styled(node):
            return self._plain(tree.key(node))
        raise Unplaced

    def _start(self, node: int) -> int:
        """Where libyaml starts a value node (a byte offset)."""
        tree = self._tree
        if tree.is_container(node):
            if tree.num_children(node) == 0:  # an empty flow collection: `[]`
                opener = b"{" if tree.is_map(node) else b"["
                if node == self._root():
                    at = len(self._raw) - len(self._raw.lstrip(b" \n"))
                    if self._raw[at : at + 1] != opener:
                        raise Unplaced
                    return at
                return self._indicator(node, opener)
            first = int(tree.first_child(node))
            inner = self._key_start(first) if tree.is_map(node) else self._start(first)
            if tree.is_flow(node):
                return self._back_to(inner, b"{" if tree.is_map(node) else b"[", flow=True)
            if tree.is_map(node):
                before = self._before(inner)
                if before is not None and self._raw[before] not in b"\n-":
                    raise Unplaced  # a `?` key, or a mapping on its item's line after text
                return inner
            return self._back_to(inner, b"-", flow=False)
        if not tree.has_val(node):
            raise Unplaced
        if tree.is_val_literal(node) or tree.is_val_folded(node):
            return self._indicator(node, b"|" if tree.is_val_literal(node) else b">")
        value = tree.val(node)
        if value is None:  # nothing written: libyaml starts it right after the colon
            parent = tree.parent(node)
            if not tree.has_key(node) or tree.is_flow(parent):
                raise Unplaced
            return self._after_colon(node)
        if tree.is_val_quoted(node):
            return self._quoted(value)
        return self._plain(value)

    def _after_colon(self, node: int) -> int:
        """The offset just after the colon that follows a node's key (a key written on one
        line, the colon after it with only spaces between)."""
        tree = self._tree
        if not tree.has_key(node) or tree.key_is_null(node):
            raise Unplaced
        key = tree.key(node)
        start = self._key_start(node)
        written = bytes(key)
        if tree.is_key_quoted(node):
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

    def _indicator(self, node: int, indicator: bytes) -> int:
        """Where a keyed value that has no slice starts: its indicator (`|`, `>`, `[`, `{`)
        after the key's colon, on the key's line."""
        at = self._skip_spaces(self._after_colon(node))
        if self._raw[at : at + 1] != indicator:
            raise Unplaced
        return at

    def _skip_spaces(self, offset: int) -> int:
        raw = self._raw
        while offset < len(raw) and raw[offset] == _SPACE:
            offset += 1
        return offset

    def _offset(self, view: Any) -> int:
        offset = self._address(view) - self._base
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
