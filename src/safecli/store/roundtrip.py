"""Round-trip YAML: load a case file for editing and write it back unchanged.

ruamel's round-trip mode keeps comments, quoting and key order, so a command that
changes one value leaves the rest of a hand-edited file byte for byte. `dump` is
the one way safecli writes YAML; `changed_text` reads what it would write again
(with every refusal, by the fast reader) so a bad dump never lands;
`record`/`scalar` build new values in the store's fixed key order and quoting.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from safecli.errors import FileFormatError, InvalidInput
from safecli.store import fastload
from safecli.store.atomic import write_atomic
from safecli.store.refusals import (
    DOCUMENT_HEAD,
    check_events,
    check_long_numbers,
    check_root,
    check_text,
    control_name,
    first_control,
    located,
    needs_event_check,
    read_text,
)

LIST_SHIFT = 2  # see _shift
ROOT_DASH = re.compile(r"^-(?: |$)", re.MULTILINE)
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


def document_head(text: str) -> str:
    """The leading `---` line of text, with the comments and blank lines before it ("" if none)."""
    match = DOCUMENT_HEAD.match(text)
    return match.group() if match else ""


def parse(path: Path, text: str, expect: type) -> Any:
    """Build the round-trip document from checked text; its root must be `expect`."""
    check_text(path, text)
    if needs_event_check(text):
        check_events(path, text)
    head = document_head(text)
    body = text[len(head) :]
    if not body.strip():
        check_root(path, None, expect)
    shifted = expect is list and ROOT_DASH.search(body) is not None
    # The parser drops the head's comments and `---` from what it dumps (a comment
    # after `---` it would move into the body, so that one is left out); `changed_text`
    # writes the head back as it was.
    bare_head = re.sub(r"^---.*", "---", head, flags=re.MULTILINE)
    try:
        data = _YAML.load(bare_head + (_shift(body) if shifted else body))
    except MarkedYAMLError as exc:
        error = located(path, exc)
        if shifted and error.column is not None:
            error.column = max(1, error.column - LIST_SHIFT)
        raise error from exc
    except (YAMLError, ValueError) as exc:
        check_events(path, text)  # names the place of an impossible date
        check_long_numbers(path, text)  # or of a number Python cannot read
        raise FileFormatError(f"not valid YAML: {exc}", path=path) from exc
    return check_root(path, data, expect)


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


def changed_text(path: Path, data: Any, original: str | None, expect: type) -> str | None:
    """The text to write for data, or None if the file would not change.

    The text is parsed again first (with every refusal), so a bad dump never lands.
    """
    found = changed_read(path, data, original, expect)
    return None if found is None else found[0]


def changed_read(
    path: Path, data: Any, original: str | None, expect: type
) -> tuple[str, Any] | None:
    """`changed_text`, with the fast reader's data of the text: (text, data), or None."""
    text = document_head(original or "") + dump(data)
    if text == original:
        return None
    if (
        original is not None
        and isinstance(data, list)
        and not data
        and parse(path, original, list) == []
    ):
        return None  # an empty list with comments around it: leave it as written
    return _checked(path, text, data, expect)


def checked_text(path: Path, data: Any, expect: type) -> str:
    """The text of a new file holding data, parsed again with every refusal."""
    return _checked(path, dump(data), data, expect)[0]


def _checked(path: Path, text: str, data: Any, expect: type) -> tuple[str, Any]:
    """(text, the fast reader's data of it); refused as the round-trip reader refuses it."""
    try:
        # The fast reader makes the same refusals as the round-trip one (tests/store)
        # at a fraction of the cost; a refusal is read again for the round-trip's words.
        try:
            read = fastload.load_text(path, text, expect)
        except FileFormatError:
            parse(path, text, expect)
            raise
    except FileFormatError as exc:
        bad = _first_control(data)
        if bad is None:
            raise
        # The file is fine; what was typed is not.
        raise InvalidInput(
            f"a value given for {path.name} contains {control_name(bad)}, which no case "
            "file may hold; nothing was written"
        ) from exc
    return text, read


def _first_control(data: Any) -> str | None:
    """The first control character in any string of data (keys too), or None."""
    if isinstance(data, str):
        return first_control(data)
    items: Iterable[Any] = ()
    if isinstance(data, Mapping):
        items = (part for pair in data.items() for part in pair)
    elif isinstance(data, (list, tuple)):
        items = data
    return next((found for item in items if (found := _first_control(item))), None)


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


def put(mapping: Any, order: Iterable[str], key: str, value: Any) -> None:
    """Set key in mapping; a new key goes where the fixed key order puts it."""
    if key in mapping:
        mapping[key] = scalar(value)
        return
    keys = list(order)
    before = set(keys[: keys.index(key)]) if key in keys else set(keys)
    position = max((n + 1 for n, k in enumerate(mapping) if k in before), default=0)
    mapping.insert(position, key, scalar(value))


def person(agency: str, name: str) -> CommentedMap:
    """A person reference as stored: `{agency: police, name: DC Jones}`."""
    return record(("agency", "name"), {"agency": agency, "name": name}, flow=True)


def append(seq: Any, item: Any) -> None:
    """Append to a list, turning an empty flow list (`[]`) into a block list first."""
    if not seq and isinstance(seq, CommentedSeq):
        seq.fa.set_block_style()
    seq.append(item)
