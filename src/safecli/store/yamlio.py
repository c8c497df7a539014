"""Safe YAML for case files: refuse what is unsafe, round-trip what is not, write atomically.

Every file safecli reads goes through `check_text` (size, encoding, NUL bytes,
line ends, conflict markers) and `check_events` (anchors, aliases, tags, several
documents, nesting depth, impossible dates) before it is built, so the same
refusals apply whichever parser builds it. Files are written by `dump` and
`write_atomic`: dump to a string, parse that string again, write a temp file in
the same folder, fsync, replace, fsync the folder.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
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
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from safecli.errors import FileFormatError, UnsafeWrite

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32
LIST_SHIFT = 2  # see _shift
ROOT_DASH = re.compile(r"^-(?: |$)", re.MULTILINE)
CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(\s|$)", re.MULTILINE)
DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
# Strings a YAML reader or a spreadsheet could mistake for a number: phone and NHS
# numbers, and UK postcodes. They are always written in double quotes.
NUMBER_LIKE = re.compile(r"^[+(]?\d[\d\s().\-/]*$")
POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$", re.IGNORECASE)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.preserve_quotes = True
    yaml.allow_duplicate_keys = False
    # The same object used twice (one date for `opened` and `raised_on`) must not
    # become an anchor and an alias: case files never contain them.
    yaml.representer.ignore_aliases = lambda _data: True
    yaml.representer.add_representer(
        type(None), lambda rep, _: rep.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    return yaml


_YAML = _yaml()


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


def check_text(path: Path, text: str) -> None:
    """Refuse CRLF line ends and git conflict markers, naming the line."""
    carriage = text.find("\r")
    if carriage >= 0:
        line, column = position(text, carriage)
        raise FileFormatError(
            "file has CRLF (Windows) line ends; convert it to LF",
            path=path,
            line=line,
            column=column,
        )
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
# checked event by event (which costs as much again as loading it).
_NEEDS_EVENT_CHECK = re.compile(
    r"[&*!]"  # anchor, alias, tag
    r"|^(?:---|\.\.\.)"  # document markers
    r"|[\[{][^\]}]*?[\[{]"  # a flow collection inside another
    r"|^[ \-]{30,}"  # deep block nesting
    r"|^[ \-]*(?:\?(?:\s|$)|[\[{].*[\]}]\s*:(?:\s|$))",  # `? key`, or `[a, b]: value`
    re.MULTILINE,
)


def needs_event_check(text: str) -> bool:
    """Whether text could hold an anchor, alias, tag, second document or deep nesting."""
    return _NEEDS_EVENT_CHECK.search(text) is not None


def check_events(path: Path, text: str) -> None:
    """Refuse anchors, aliases, tags, several documents, deep nesting and impossible dates."""
    depth = 0
    documents = 0
    # For each open collection: is it a mapping, and how many nodes it holds so far
    # (in a mapping, an even count means the next node is a key).
    open_nodes: list[list[Any]] = []
    try:
        for event in _YAML.parse(io.StringIO(text)):
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
                raise FileFormatError(f"tags ({event.tag}) are not allowed in case files", **where)
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
            raise FileFormatError(f"impossible date {value}: {exc}", **where) from exc


def located(path: Path, exc: Any) -> FileFormatError:
    """A FileFormatError at the mark of a parser error (ruamel's or PyYAML's)."""
    mark = exc.problem_mark or exc.context_mark
    problem = " ".join(str(part) for part in (exc.context, exc.problem) if part)
    message = f"not valid YAML: {problem or exc}"
    if mark is None:
        return FileFormatError(message, path=path)
    return FileFormatError(message, path=path, line=mark.line + 1, column=mark.column + 1)


def _shift(text: str) -> str:
    """Indent every line that is not empty by LIST_SHIFT.

    ruamel writes a top-level list with its dashes indented by the sequence offset;
    safecli's files start top-level lists at column 0, like most hand-written YAML.
    A list file is therefore shifted right before the round-trip load and back
    left after the dump (`dump`), which keeps hand formatting byte for byte.
    """
    pad = " " * LIST_SHIFT
    return "".join(line if line == "\n" else pad + line for line in text.splitlines(True))


def _unshift(text: str) -> str:
    pad = " " * LIST_SHIFT
    return "".join(line.removeprefix(pad) for line in text.splitlines(True))


def parse(path: Path, text: str, expect: type) -> Any:
    """Build the round-trip document from checked text; its root must be `expect`."""
    check_text(path, text)
    if needs_event_check(text):
        check_events(path, text)
    if not text.strip():
        check_root(path, None, expect)
    shifted = expect is list and ROOT_DASH.search(text) is not None
    try:
        data = _YAML.load(_shift(text) if shifted else text)
    except MarkedYAMLError as exc:
        error = located(path, exc)
        if shifted and error.column is not None:
            error.column = max(1, error.column - LIST_SHIFT)
        raise error from exc
    except (YAMLError, ValueError) as exc:
        check_events(path, text)  # names the place of an impossible date
        raise FileFormatError(f"not valid YAML: {exc}", path=path) from exc
    return check_root(path, data, expect)


def check_root(path: Path, data: Any, expect: type) -> Any:
    """data, if its root is `expect` (dict or list); else a refusal at 1:1."""
    if data is None:
        kind = "a mapping" if expect is dict else "a list (write [] for none)"
        raise FileFormatError(f"file is empty; expected {kind}", path=path)
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
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise FileFormatError("file is missing", path=path) from exc
    except OSError as exc:
        raise FileFormatError(f"cannot read file: {exc.strerror}", path=path) from exc
    return check_bytes(path, data)


def read(path: Path, expect: type) -> tuple[Any, str]:
    """Load a file for editing: (round-trip document, the text it was built from)."""
    text = read_text(path)
    return parse(path, text, expect), text


def dump(data: Any) -> str:
    """Serialise a document the one way safecli writes YAML."""
    if isinstance(data, list) and not data:
        # ruamel cannot write an empty list that carries comments (it fails or
        # indents them): an empty list file is written as `[]`.
        return "[]\n"
    stream = io.StringIO()
    _YAML.dump(data, stream)
    text = stream.getvalue()
    return _unshift(text) if isinstance(data, list) and data else text


def write_atomic(path: Path, text: str) -> None:
    """Replace path's content with text, all or nothing; new files are 0600."""
    write_all({path: text})


def write_all(texts: Mapping[Path, str]) -> None:
    """Replace several files, each all or nothing.

    Every temp file is written and synced before the first one is moved into
    place, so a failure while preparing (a symlink, a full disk) changes nothing.
    """
    prepared: list[tuple[str, Path]] = []
    try:
        for path, text in texts.items():
            prepared.append((_prepare(path, text), path))
        for tmp, path in prepared:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in prepared:
            Path(tmp).unlink(missing_ok=True)
        raise
    for folder in {path.parent for path in texts}:
        fsync_dir(folder)


def _prepare(path: Path, text: str) -> str:
    """A synced temp file beside path holding text, with path's mode (0600 if new)."""
    if path.is_symlink():
        raise UnsafeWrite("refusing to write through a symbolic link", path=path)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o600
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def fsync_dir(folder: Path) -> None:
    """Make a rename in folder durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def changed_text(path: Path, data: Any, original: str | None, expect: type) -> str | None:
    """The text to write for data, or None if the file would not change.

    The text is parsed again first (with every refusal), so a bad dump never lands.
    """
    text = dump(data)
    if text == original:
        return None
    if (
        original is not None
        and isinstance(data, list)
        and not data
        and parse(path, original, list) == []
    ):
        return None  # an empty list with comments around it: leave it as written
    parse(path, text, expect)
    return text


def save(path: Path, data: Any, original: str | None, expect: type) -> bool:
    """Write data to path if it changed; return whether it did."""
    text = changed_text(path, data, original, expect)
    if text is None:
        return False
    write_atomic(path, text)
    return True


def scalar(value: Any) -> Any:
    """A Python value as safecli writes it: numbers-as-text quoted, long text as a block."""
    if isinstance(value, (CommentedMap, CommentedSeq)):
        return value
    if isinstance(value, str):
        text = value.strip("\n") if "\n" in value else value
        if "\n" in text:
            return LiteralScalarString(text.rstrip() + "\n")
        if NUMBER_LIKE.match(text) or POSTCODE.match(text):
            return DoubleQuotedScalarString(text)
        return text
    if isinstance(value, Mapping):
        return record(value.keys(), value)
    if isinstance(value, (list, tuple)):
        return CommentedSeq(scalar(item) for item in value)
    return value


def record(order: Iterable[str], values: Mapping[str, Any], *, flow: bool = False) -> CommentedMap:
    """A mapping with keys in the fixed order, values converted by `scalar`."""
    result = CommentedMap()
    for key in order:
        if key in values:
            result[key] = scalar(values[key])
    for key, value in values.items():
        if key not in result:
            result[key] = scalar(value)
    if flow:
        result.fa.set_flow_style()
    return result


def person(agency: str, name: str) -> CommentedMap:
    """A person reference as stored: `{agency: police, name: DC Jones}`."""
    return record(("agency", "name"), {"agency": agency, "name": name}, flow=True)


def append(seq: Any, item: Any) -> None:
    """Append to a list, turning an empty flow list (`[]`) into a block list first."""
    if not seq and isinstance(seq, CommentedSeq):
        seq.fa.set_block_style()
    seq.append(item)


def make_private_dir(path: Path) -> None:
    """Create a folder readable by the owner only (0700)."""
    path.mkdir(mode=0o700)
    os.chmod(path, 0o700)
