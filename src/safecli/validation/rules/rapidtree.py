"""rapidyaml's tree of a text, parsed in place: the module, its node types, where its slices are.

rapidyaml (`ryml`) prints its parse errors on the process's standard error before
raising them, so a parse runs with file descriptor 2 sent to the null device (as
`store.rapid` does). Its slices are read-only memoryviews of the parsed buffer,
whose address Python does not give: `address_reader` reads it through CPython's
buffer protocol (ctypes, imported only when a finding is placed).
"""

from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Callable
from typing import Any

# rapidyaml's node type bits (`Tree.type`): tested here as its `is_map`, `is_key_quoted`...
# do (one call for a node instead of one for each question). Checked against the
# installed rapidyaml's when it is imported: if they differ, nothing is placed this way.
TYPE_BITS = {
    "KEY": 0x1,
    "VAL": 0x2,
    "MAP": 0x4,
    "SEQ": 0x8,
    "STREAM": 0x28,
    "KEYNIL": 0x1000,
    "FLOW_SL": 0x10000,
    "FLOW_ML": 0x20000,
    "KEY_STYLE": 0x2AA00000,
    "KEY_PLAIN": 0x20000000,
    "KEY_SQUO": 0x2000000,
    "KEY_DQUO": 0x8000000,
    "VAL_SQUO": 0x4000000,
    "VAL_DQUO": 0x10000000,
    "VAL_LITERAL": 0x400000,
    "VAL_FOLDED": 0x1000000,
}
KEY = TYPE_BITS["KEY"]
VAL = TYPE_BITS["VAL"]
MAP = TYPE_BITS["MAP"]
SEQ = TYPE_BITS["SEQ"]
CONTAINER = MAP | SEQ
STREAM = TYPE_BITS["STREAM"]  # a stream is a sequence (of documents) too
KEY_NULL = TYPE_BITS["KEYNIL"]
FLOW = TYPE_BITS["FLOW_SL"] | TYPE_BITS["FLOW_ML"]
KEY_STYLE = TYPE_BITS["KEY_STYLE"]
KEY_PLAIN = TYPE_BITS["KEY_PLAIN"]
KEY_QUOTED = TYPE_BITS["KEY_SQUO"] | TYPE_BITS["KEY_DQUO"]
VAL_QUOTED = TYPE_BITS["VAL_SQUO"] | TYPE_BITS["VAL_DQUO"]
LITERAL = TYPE_BITS["VAL_LITERAL"]
BLOCK_SCALAR = LITERAL | TYPE_BITS["VAL_FOLDED"]


@functools.cache
def address_reader() -> Callable[[Any], int]:
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
            raise OSError("no buffer")
        try:
            return int(info.buf or 0)
        finally:
            release(reference)

    return address


@functools.cache
def module() -> Any:
    """rapidyaml, or None when it is not installed or its node type bits are not these."""
    try:
        ryml = importlib.import_module("ryml")
    except ImportError:
        return None
    if any(getattr(ryml, name, None) != bits for name, bits in TYPE_BITS.items()):
        return None
    return ryml


@functools.cache
def _null_device() -> int:
    return os.open(os.devnull, os.O_WRONLY)


def parse(buffer: bytearray) -> Any:
    """rapidyaml's tree of the text in the buffer, parsed in place (its slices point into
    the buffer), its error messages kept off standard error; None when it cannot parse
    it or there is no standard error to protect."""
    ryml = module()
    if ryml is None:
        return None
    try:
        saved = os.dup(2)
    except OSError:
        return None
    try:
        os.dup2(_null_device(), 2)
        try:
            return ryml.parse_in_place(buffer)
        except Exception:  # noqa: BLE001 - any parse error: the caller reads it another way
            return None
        finally:
            os.dup2(saved, 2)
    finally:
        os.close(saved)
