"""One top-level entry of a case file changed without parsing or writing the rest.

A command that adds an action or records one meeting changes one entry of a file of
dozens; ruamel's round trip of the whole file costs many times the change. A file in
the usual layout (a list whose items start `- ` at the line's start, or a mapping
whose keys start the line) is cut into its entries; an entry a command changes is
round-tripped alone (its comments and quoting kept as the whole file's round trip
keeps them), every other entry is written back as the bytes it was, and entries
added go where the whole round trip would put them.

It decides nothing on its own: an entry is used only when the fast reader reads it
as the same data as the whole file gave for it, and the text written is used only
when the fast reader reads it back as the data the change makes; otherwise
(`Unsplit`) the caller parses the whole file and replays the change on it (`replay`),
which writes what the round trip of the whole file writes.

`Documents` holds a case's documents for `book.load_case`: each whole document is
built when first asked for, each file's entries (`Documents.cut`) when a change to
one entry is made through `book.Case`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedSeq

from safecli.errors import FileFormatError
from safecli.model import FILES
from safecli.store import fastload, roundtrip

# Where a top-level list item or mapping key starts, and any line that starts with
# something other than blanks or a comment.
ITEM_START = re.compile(r"^-(?: |$)", re.MULTILINE)
KEY_START = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):(?: |$)", re.MULTILINE)
COLUMN_ZERO = re.compile(r"^[^ \t\n#]", re.MULTILINE)
EMPTY_LIST = "[]\n"


class Unsplit(Exception):
    """The file, or the change, needs the round trip of the whole file."""


@dataclass
class Entries:
    """A file's text cut into its top-level entries, and the changes made to them.

    `plain`: the fast reader's data of the whole text (a list or a dict). For a list
    an entry's key is its index; for a mapping, its key.
    """

    path: Path
    text: str
    plain: Any
    head: str = ""
    chunks: list[str] = field(default_factory=list)
    keys: list[Any] = field(default_factory=list)
    docs: dict[Any, Any] = field(default_factory=dict)  # entry key → its own document
    added: list[Any] = field(default_factory=list)  # new list items, in order
    inserted: dict[Any, list[tuple[Any, Any]]] = field(default_factory=dict)  # after key → new
    replay_log: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)

    @classmethod
    def cut(cls, path: Path, text: str, plain: Any) -> Entries:
        """Cut text into entries; `Unsplit` when its layout is not the usual one."""
        entries = cls(path, text, plain)
        body_start = len(roundtrip.document_head(text))
        if isinstance(plain, list):
            if not plain and text[body_start:] == EMPTY_LIST:
                entries.head = text
                return entries
            starts = [m.start() for m in ITEM_START.finditer(text, body_start)]
            keys: list[Any] = list(range(len(plain)))
        elif isinstance(plain, dict):
            found = list(KEY_START.finditer(text, body_start))
            starts = [m.start() for m in found]
            keys = [m.group(1) for m in found]
            if keys != list(plain):
                raise Unsplit(path)
        else:
            raise Unsplit(path)
        if len(starts) != len(keys) or not starts:
            raise Unsplit(path)
        # Nothing else may start a line at column 0 but a comment: an entry's text is
        # then everything up to the next entry.
        at_zero = {m.start() for m in COLUMN_ZERO.finditer(text, body_start)}
        if not at_zero <= set(starts) or not text.endswith("\n"):
            raise Unsplit(path)
        entries.head = text[: starts[0]]
        bounds = [*starts, len(text)]
        entries.chunks = [text[a:b] for a, b in itertools.pairwise(bounds)]
        entries.keys = keys
        return entries

    @property
    def is_list(self) -> bool:
        return isinstance(self.plain, list)

    def _doc(self, key: Any) -> Any:
        """The round-trip document of one entry's text (a one-item list, a one-key map)."""
        if key in self.docs:
            return self.docs[key]
        index = key if self.is_list else self.keys.index(key)
        chunk = self.chunks[index]
        expect = list if self.is_list else dict
        try:
            alone = fastload.load_text(self.path, chunk, expect)
            wanted = [self.plain[key]] if self.is_list else {key: self.plain[key]}
            if alone != wanted:
                raise Unsplit(self.path)
            doc = roundtrip.parse(self.path, chunk, expect)
        except FileFormatError as exc:
            raise Unsplit(self.path) from exc
        self.docs[key] = doc
        return doc

    def item(self, index: int) -> Any:
        """List item `index` as a round-trip record, to change in place."""
        self.replay_log.append(("item", (index,)))
        return self._doc(index)[0]

    def value(self, key: str) -> Any:
        """The round-trip value of mapping key `key`, to change in place (None if absent)."""
        for pairs in self.inserted.values():
            for new, value in pairs:
                if new == key:
                    return value
        if key not in self.plain:
            return None
        found = self._doc(key)[key]
        self.replay_log.append(("value", (key,)))
        return found

    def append(self, item: Any) -> None:
        """Add an item at the end of the list."""
        self.replay_log.append(("append", (item,)))
        self.added.append(item)

    def put(self, order: Iterable[str], key: str, value: Any) -> None:
        """Set a key of the mapping as `roundtrip.put` does; a new key goes after the last
        key the file has of those the fixed order puts before it."""
        keys = list(order)
        stored = roundtrip.scalar(value)
        if key in self.plain:
            self._doc(key)[key] = stored
        else:
            before = set(keys[: keys.index(key)]) if key in keys else set(keys)
            anchor = next((k for k in reversed(self.keys) if k in before), None)
            new = {k for pairs in self.inserted.values() for k, _ in pairs}
            if anchor is None or key in new or before & new or anchor in self.inserted:
                # A new first key, one set twice, or two new keys together: the whole
                # file's round trip places them.
                raise Unsplit(self.path)
            self.inserted.setdefault(anchor, []).append((key, stored))
        self.replay_log.append(("put", (keys, key, stored)))

    def data(self) -> Any:
        """The file's data as the change leaves it (round-trip values where changed)."""
        if self.is_list:
            items = [self.docs[i][0] if i in self.docs else p for i, p in enumerate(self.plain)]
            return [*items, *self.added]
        result: dict[Any, Any] = {}
        for key in self.keys:
            result[key] = self.docs[key][key] if key in self.docs else self.plain[key]
            for new, value in self.inserted.get(key, ()):
                result[new] = value
        return result

    def changed_text(self) -> str | None:
        """The text to write, or None if the file would not change; `Unsplit` unless the
        fast reader reads it as the data the change makes."""
        found = self.changed_read()
        return None if found is None else found[0]

    def changed_read(self) -> tuple[str, Any] | None:
        """`changed_text`, with the fast reader's data of the text: (text, data), or None."""
        if not (self.docs or self.added or self.inserted):
            return None
        text = self.new_text()
        if text == self.text:
            return None
        try:
            loaded = fastload.load_text(self.path, text, type(self.plain))
        except FileFormatError as exc:
            raise Unsplit(self.path) from exc  # the whole round trip says what is wrong
        if loaded != self.data():
            raise Unsplit(self.path)
        return text, loaded

    def new_text(self) -> str:
        """The file's text after the change: unchanged entries as they were."""
        parts = [self.head]
        if self.is_list and not self.chunks and self.added:
            parts = [self.head.removesuffix(EMPTY_LIST)]  # `[]` becomes the block list
        for index, chunk in enumerate(self.chunks):
            key = self.keys[index]
            parts.append(roundtrip.dump(self.docs[key]) if key in self.docs else chunk)
            for new, value in self.inserted.get(key, ()):
                parts.append(roundtrip.dump(roundtrip.record((new,), {new: value})))
        if self.added:
            parts.append(roundtrip.dump(CommentedSeq(self.added)))
        return "".join(parts)

    def replay(self, doc: Any) -> None:
        """Make the same change on the whole file's round-trip document: the entries
        handed out stay the ones changed, now parts of `doc`."""
        for op, args in self.replay_log:
            if op == "item":
                (index,) = args
                if index in self.docs:
                    doc[index] = self.docs[index][0]
            elif op == "value":
                (key,) = args
                if key in self.docs and doc.get(key) is not self.docs[key][key]:
                    doc[key] = self.docs[key][key]
            elif op == "append":
                roundtrip.append(doc, args[0])
            else:
                keys, key, value = args
                roundtrip.put(doc, keys, key, value)


class Documents(dict[str, Any]):
    """A case's round-trip documents by kind, each built from its text when first used:
    a command that changes one file pays for parsing that one (the others were read,
    and checked, by the fast reader). A change to one entry of a file (an item of a
    list, a key of adult.yaml) parses only that entry (`entries`) until the whole
    document is asked for; then the change is made on it too."""

    def __init__(
        self, folder: Path, texts: Mapping[str, str | None], plain: Mapping[str, Any]
    ) -> None:
        super().__init__()
        self.folder = folder
        self.texts = texts
        self.plain = plain
        self.entries: dict[str, Entries | None] = {}

    def __missing__(self, kind: str) -> Any:
        cut = self.entries.pop(kind, None)
        text = self.texts[kind] if cut is None else cut.text  # the text the entries are of
        path = self.folder / f"{kind}.yaml"
        doc = roundtrip.parse(path, text, FILES[kind]) if text is not None else None
        if cut is not None:
            cut.replay(doc)
        self[kind] = doc
        return doc

    def cut(self, kind: str) -> Entries | None:
        """The file's entries, to change one at a time; None when the whole document is
        to be used (built already, or the file's layout is not the usual one)."""
        if kind in self:
            return None
        if kind not in self.entries:
            text = self.texts[kind]
            try:
                if text is None or kind not in self.plain:
                    raise Unsplit(self.folder)
                self.entries[kind] = Entries.cut(
                    self.folder / f"{kind}.yaml", text, self.plain[kind]
                )
            except Unsplit:
                self.entries[kind] = None
        return self.entries[kind]
