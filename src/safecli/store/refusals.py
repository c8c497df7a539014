"""What the store refuses to read, each refusal naming file:line:col.

Every file safecli reads goes through `check_bytes`/`check_text` (size, encoding,
NUL bytes, line ends, conflict markers) and, when its text could hold them,
`check_events` (anchors, aliases, tags, several documents, nesting depth, complex
keys, impossible dates) before it is built, so the same refusals apply whichever
parser builds it (`roundtrip` for editing, `scan`/`fastload` for reading).
"""

from __future__ import annotations

import datetime as dt
import errno
import functools
import io
import os
import re
import sys
from pathlib import Path
from typing import Any

from safecli.errors import FileFormatError

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32
CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(\s|$)", re.MULTILINE)
# C0 controls but tab and newline, DEL, C1 controls (NEL too: YAML would read it
# as a line break), lone surrogates, the noncharacters and the Unicode line and
# paragraph separators (YAML line breaks that no editor shows as one).
CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\u2028\u2029]"
)
# The same, and a carriage return, in a value (a double-quoted scalar's escapes).
VALUE_CONTROL = re.compile(CONTROL.pattern[:-1] + "\r]")
_CONTROL_NAMES = {
    "\r": "carriage return",
    "\x07": "bell",
    "\x08": "backspace",
    "\x0b": "vertical tab",
    "\x0c": "form feed",
    "\x1b": "escape",
    "\x7f": "delete",
    "\x85": "next line",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
}
DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


@functools.cache
def _event_parser() -> Any:
    """A plain round-trip parser (only its event stream is read), made when first
    needed: most files never need one, and ruamel is slow to import."""
    from ruamel.yaml import YAML

    return YAML(typ="rt")


# A word that can be an id, a handle or a key: safe to repeat in a message (they go to
# CI logs). Anything else a person typed (a name, an address, a sentence) is not.
_WORD = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
_DUPLICATE = re.compile(r'found duplicate key "(.*?)" with value')


def named(value: Any) -> str:
    """`'value' ` (quoted, with a space) when value is a single id-like word, else ''."""
    return f"{value!r} " if isinstance(value, str) and _WORD.match(value) else ""


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset in text."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def check_bytes(path: Path, data: bytes) -> str:
    """Decode a file's bytes, refusing what no case file may contain."""
    if len(data) > MAX_BYTES:
        raise FileFormatError(
            f"file is {len(data):,} bytes; case files are limited to {MAX_BYTES:,}", path=path
        )
    if data.startswith(b"\xef\xbb\xbf"):
        raise FileFormatError(
            "file starts with a byte-order mark; save it as UTF-8 without BOM",
            path=path,
            line=1,
            column=1,
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = position(data[:nul].decode("utf-8", "replace"), nul)
        raise FileFormatError("file contains a NUL byte", path=path, line=line, column=column)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = position(data[: exc.start].decode("utf-8", "replace"), exc.start)
        raise FileFormatError(
            "file is not valid UTF-8", path=path, line=line, column=column
        ) from exc
    check_text(path, text)
    return text


def control_name(char: str) -> str:
    """A control character as a person can look it up: `U+000B (vertical tab)`."""
    name = _CONTROL_NAMES.get(char)
    code = f"U+{ord(char):04X}"
    return f"a control character {code} ({name})" if name else f"the character {code}"


def first_control(text: str) -> str | None:
    """The first carriage return or control character of text (see CONTROL), or None."""
    found = VALUE_CONTROL.search(text)
    return None if found is None else found.group()


# Every byte of a case file's UTF-8 that cannot start a refusal of check_text: the
# printable ASCII characters, tab and line feed. Deleting them (`bytes.translate`, in C)
# leaves nothing for most files; what is left (other characters' bytes, any control
# character, CR) is small and decides whether the full checks must run.
_PLAIN_BYTES = bytes(range(0x20, 0x7F)) + b"\t\n"
_CONFLICT_RUNS = ("<<<<<<<", "=======", ">>>>>>>", "|||||||")


def check_text(path: Path, text: str) -> None:
    """Refuse CR, control characters, noncharacters and git conflict markers, naming the place."""
    rest = text.encode("utf-8", "surrogatepass").translate(None, _PLAIN_BYTES)
    if rest and ("\r" in text or CONTROL.search(rest.decode("utf-8", "surrogatepass"))):
        _check_characters(path, text)
    if any(run in text for run in _CONFLICT_RUNS):
        _check_conflict_markers(path, text)


def _check_characters(path: Path, text: str) -> None:
    carriage = text.find("\r")
    if carriage >= 0:
        line, column = position(text, carriage)
        crlf = text.startswith("\r\n", carriage)
        raise FileFormatError(
            "file has CRLF (Windows) line ends; convert it to LF"
            if crlf
            else "file has a carriage return (CR) inside a line; remove it",
            path=path,
            line=line,
            column=column,
        )
    control = CONTROL.search(text)
    if control:
        line, column = position(text, control.start())
        raise FileFormatError(
            f"file contains {control_name(control.group())}, which no case file may hold "
            "(pasted from a word processor?); delete it",
            path=path,
            line=line,
            column=column,
        )


def _check_conflict_markers(path: Path, text: str) -> None:
    marker = CONFLICT_MARKER.search(text)
    if marker:
        line, _ = position(text, marker.start())
        raise FileFormatError(
            "git conflict marker: this file was not merged; resolve the conflict first",
            path=path,
            line=line,
            column=1,
        )


# Anchors (&), aliases (*), tags (!), more documents (--- / ...), deep nesting and
# complex keys (`? ` or a flow collection as a key)
# need characters a plain case file does not have; only a file that has them is
# checked event by event (which costs as much again as loading it). Each pattern
# is searched on its own, after a plain `in` test where one decides it: one
# alternation of them all cost three times as much on a large book.
_DOCUMENT_MARKER = re.compile(r"^(?:---|\.\.\.)", re.MULTILINE)
_FLOW_IN_FLOW = re.compile(r"[\[{][^\[\]{}]*[\[{]")  # a flow collection inside another
_DEEP = re.compile(r"[ \-]{30}")  # deep block nesting, at the start of a line
_DEEP_LINE = re.compile(r"\n[ \-]{30}")
_QUESTION_KEY = re.compile(r"^[ \-]*\?(?:\s|$)", re.MULTILINE)  # `? key`
_FLOW_KEY = re.compile(r"[ \-]*[\[{].*[\]}]\s*:(?:\s|$)", re.MULTILINE)  # `[a, b]: value`
_FLOW_KEY_LINE = re.compile(r"\n[ \-]*[\[{].*[\]}]\s*:(?:\s|$)", re.MULTILINE)
_ESCAPE = re.compile(r'"[^"\n]*\\')  # an escape in a double-quoted value (`"\e[2J"`)


# A leading document start (`---`, as yamllint asks for), with only blank lines and
# comments before it: it holds nothing the event check looks for.
DOCUMENT_HEAD = re.compile(r"\A(?:[ \t]*(?:#[^\n]*)?\n)*---[ \t]*(?:#[^\n]*)?(?:\n|\Z)")


def needs_event_check(text: str) -> bool:
    """Whether text could hold an anchor, alias, tag, second document or deep nesting.
    A leading `---` line and the comments before it (DOCUMENT_HEAD) are left out: they
    are harmless, and yamllint asks for the `---`."""
    if "---" in text:
        head = DOCUMENT_HEAD.match(text)
        if head is not None:
            text = text[head.end() :]
    return (
        "&" in text
        or "*" in text
        or "!" in text
        or (("---" in text or "..." in text) and _DOCUMENT_MARKER.search(text) is not None)
        or _FLOW_IN_FLOW.search(text) is not None
        or _DEEP.match(text) is not None
        or _DEEP_LINE.search(text) is not None
        or ("?" in text and _QUESTION_KEY.search(text) is not None)
        or _FLOW_KEY.match(text) is not None
        or _FLOW_KEY_LINE.search(text) is not None
        or ("\\" in text and _ESCAPE.search(text) is not None)
    )


def check_events(path: Path, text: str) -> None:
    """Refuse anchors, aliases, tags, several documents, deep nesting and impossible dates."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.events import (
        AliasEvent,
        CollectionStartEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        NodeEvent,
        ScalarEvent,
        SequenceEndEvent,
    )

    depth = 0
    documents = 0
    # For each open collection: is it a mapping, and how many nodes it holds so far
    # (in a mapping, an even count means the next node is a key).
    open_nodes: list[list[Any]] = []
    try:
        for event in _event_parser().parse(io.StringIO(text)):
            mark = event.start_mark
            where = {"path": path, "line": mark.line + 1, "column": mark.column + 1}
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise FileFormatError("more than one YAML document in the file", **where)
            elif isinstance(event, AliasEvent):
                raise FileFormatError("aliases (*name) are not allowed in case files", **where)
            if isinstance(event, NodeEvent) and event.anchor is not None:
                raise FileFormatError("anchors (&name) are not allowed in case files", **where)
            if isinstance(event, (ScalarEvent, CollectionStartEvent)) and _explicit_tag(event):
                raise FileFormatError("tags (!name) are not allowed in case files", **where)
            if isinstance(event, NodeEvent) and open_nodes:
                is_mapping, count = open_nodes[-1]
                if is_mapping and count % 2 == 0 and isinstance(event, CollectionStartEvent):
                    raise FileFormatError(
                        "complex keys (a list or mapping as a key) are not allowed in case files",
                        **where,
                    )
                open_nodes[-1][1] += 1
            if isinstance(event, CollectionStartEvent):
                open_nodes.append([isinstance(event, MappingStartEvent), 0])
                depth += 1
                if depth > MAX_DEPTH:
                    raise FileFormatError(f"nesting deeper than {MAX_DEPTH} levels", **where)
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                open_nodes.pop()
                depth -= 1
            elif isinstance(event, ScalarEvent) and event.style is None:
                _check_date(event.value, where)
            elif isinstance(event, ScalarEvent) and event.style == '"':
                escaped = VALUE_CONTROL.search(event.value)
                if escaped:
                    raise FileFormatError(
                        f"a quoted value holds {control_name(escaped.group())} written as an "
                        "escape, which no case file may hold; delete it",
                        **where,
                    )
    except MarkedYAMLError as exc:
        raise located(path, exc) from exc
    except YAMLError as exc:
        raise FileFormatError(f"not valid YAML: {exc}", path=path) from exc


def _explicit_tag(event: Any) -> bool:
    if event.tag is None:
        return False
    implicit = event.implicit
    return not (implicit[0] if isinstance(implicit, tuple) else implicit)


def _check_date(value: str, where: dict[str, Any]) -> None:
    if DATE_LIKE.match(value):
        try:
            dt.date(*(int(part) for part in value.split("-")))
        except ValueError as exc:
            raise FileFormatError(f"impossible date ({exc})", **where) from exc


def too_many_digits(count: int) -> str:
    """The refusal of a number too long for Python to read (more than 4,300 digits)."""
    return (
        f"a number of {count:,} digits; safecli reads numbers of up to "
        f"{sys.get_int_max_str_digits():,} digits (quote it if it is text)"
    )


def check_long_numbers(path: Path, text: str) -> None:
    """Refuse, at its place, the first plain number too long for Python to read."""
    limit = sys.get_int_max_str_digits()
    found = re.search(rf"(?<![\w.\"'])[-+]?(\d{{{limit + 1},}})(?![\w.])", text)
    if found:
        line, column = position(text, found.start())
        raise FileFormatError(
            too_many_digits(len(found.group(1))), path=path, line=line, column=column
        )


def located(path: Path, exc: Any) -> FileFormatError:
    """A FileFormatError at the mark of a parser error (ruamel's or PyYAML's)."""
    mark = exc.problem_mark or exc.context_mark
    problem = " ".join(str(part) for part in (exc.context, exc.problem) if part)
    message = f"not valid YAML: {problem or exc}"
    duplicate = _DUPLICATE.search(str(exc.problem or ""))
    if duplicate:  # ruamel repeats both values, which may be anything typed
        message = duplicate_key(duplicate.group(1))
    if mark is None:
        return FileFormatError(message, path=path)
    return FileFormatError(message, path=path, line=mark.line + 1, column=mark.column + 1)


def duplicate_key(key: Any) -> str:
    """The refusal of a key given twice in one mapping."""
    return f"duplicate key {named(key)}(a key may appear once in a record)"


def check_root(path: Path, data: Any, expect: type) -> Any:
    """data, if its root is `expect` (dict or list); else a refusal at 1:1."""
    if data is None:
        kind = "a mapping" if expect is dict else "a list (write [] for none)"
        raise FileFormatError(f"file is empty; expected {kind}", path=path, line=1, column=1)
    if not isinstance(data, expect):
        kind = "a mapping (key: value)" if expect is dict else "a list (- item)"
        found = (
            "a list"
            if isinstance(data, list)
            else "a mapping"
            if isinstance(data, dict)
            else "a single value"
        )
        raise FileFormatError(
            f"expected {kind} at the top of the file, found {found}", path=path, line=1, column=1
        )
    return data


def read_text(path: Path) -> str:
    """A case file's text, refusing what no case file may contain (see check_bytes)."""
    return check_bytes(path, read_bytes(path))


def read_bytes(path: Path) -> bytes:
    """A case file's bytes, unchecked; refuses a file that is missing, unreadable or a
    symbolic link (every reader, the rulebook's too, reads case files through here)."""
    if not _NO_FOLLOW:  # no O_NOFOLLOW here: ask first, then read
        if path.is_symlink():
            raise _symbolic_link(path)
        try:
            return path.read_bytes()
        except FileNotFoundError as exc:
            raise FileFormatError("file is missing", path=path) from exc
        except OSError as exc:
            raise FileFormatError(f"cannot read file: {exc.strerror}", path=path) from exc
    # One open that refuses a link (ELOOP) does what a look at the link and then a read
    # did, with a system call less and no path object made: a cold digest opens them all.
    try:
        descriptor = os.open(path, _NO_FOLLOW)
    except FileNotFoundError as exc:
        raise FileFormatError("file is missing", path=path) from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _symbolic_link(path) from exc
        raise FileFormatError(f"cannot read file: {exc.strerror}", path=path) from exc
    try:
        with open(descriptor, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise FileFormatError(f"cannot read file: {exc.strerror}", path=path) from exc


_NO_FOLLOW = (
    os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0) if hasattr(os, "O_NOFOLLOW") else 0
)


def _symbolic_link(path: Path) -> FileFormatError:
    # It could show another book's adult as this case's: case files are real files.
    return FileFormatError(
        "file is a symbolic link; case files must be real files in the case folder", path=path
    )
