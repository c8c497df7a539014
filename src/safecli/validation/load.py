"""Read a case's four files for the rules: fast (libyaml), read-only, never raising.

Every refusal the store would make becomes an entry of `CaseView.refusals`
(reported by INT001, INT005 or INT007); the other files are still checked.
The data comes from `fastload` (the store's answers, without a node tree); a
file's node tree, which only places findings, is built the first time a finding
in that file asks for it (`Nodes`), and for a file the store accepted without the
tags of its scalars, which no place depends on.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from yaml._yaml import CParser

from safecli.errors import FileFormatError
from safecli.model import FILES, JURISDICTIONS
from safecli.output.article import a_or_an
from safecli.policy.pack import MeetingType
from safecli.raw import mapping
from safecli.store import fastload, scan
from safecli.store.book import Read, check_no_journal
from safecli.store.refusals import check_bytes, read_bytes
from safecli.validation.rules.base import CaseView, Context, TodayWindow
from safecli.validation.rules.shapecheck import Vocabularies, Walk, walk

_UNSEEN: Any = object()


def load_view(context: Context, case_id: str, today: date) -> CaseView:
    """The case as the rules see it (the folder must exist)."""
    folder = context.root / "cases" / case_id
    raws: dict[str, bytes | FileFormatError] = {}
    for kind in FILES:
        path = folder / f"{kind}.yaml"
        try:
            raws[kind] = read_bytes(path)
        except FileFormatError as exc:
            raws[kind] = exc
    try:
        check_no_journal(folder)
    except FileFormatError as exc:
        # Some files may be new and some old: INT001 says so, at the top of adult.yaml.
        exc.line, exc.column = 1, 1
        raws["adult"] = exc
    return view_of(context, case_id, raws, today)


def view_of(
    context: Context,
    case_id: str,
    raws: Mapping[str, bytes | FileFormatError],
    today: date,
    seen: Read | None = None,
    *,
    by_nodes: bool = False,
) -> CaseView:
    """The case as the rules see it, from each file's bytes (or why they could not be read);
    a command checks the case it is about to write this way. `seen`: the fast reader's
    data of texts it has read already, by (kind, text): a file whose text is there is
    not read again. `by_nodes`: findings are placed from libyaml's node trees only (the
    same places), never rapidyaml's: importing rapidyaml costs a command that checks
    one case more than placing its few findings."""
    folder = context.root / "cases" / case_id
    data: dict[str, Any] = {}
    nodes = Nodes(folder)
    texts: dict[str, str | None] = {}
    refusals: dict[str, FileFormatError] = {}
    for kind, expect in FILES.items():
        path = folder / f"{kind}.yaml"
        data[kind] = texts[kind] = None
        raw = raws[kind]
        if isinstance(raw, FileFormatError):
            refusals[kind] = raw
            continue
        try:
            text = check_bytes(path, raw)
        except FileFormatError as exc:
            texts[kind] = raw.decode("utf-8", errors="replace")
            refusals[kind] = exc
            continue
        texts[kind] = text
        try:
            nodes.checked[kind] = text
            known = seen.get((kind, text), _UNSEEN) if seen else _UNSEEN
            data[kind] = fastload.load_checked(path, text, expect) if known is _UNSEEN else known
            nodes.accepted.add(kind)
        except FileFormatError as exc:
            refusals[kind] = exc
        except (ValueError, TypeError, RecursionError, yaml.YAMLError) as exc:
            # Whatever slipped past the store's refusals is still not a case file.
            refusals[kind] = FileFormatError(f"not valid YAML: {exc}", path=path)
    adult = mapping(data["adult"])
    own = adult.get("jurisdiction")
    jurisdiction = own if own in JURISDICTIONS else context.config.jurisdiction
    vocab = Vocabularies(
        meeting_types=tuple(
            mt.id for mt in context.policy.types.values() if mt.applies_in(jurisdiction)
        ),
        jurisdiction=jurisdiction,
        tz=context.config.tz,
        elsewhere={
            mt.id: instead(mt)
            for mt in context.policy.types.values()
            if not mt.applies_in(jurisdiction)
        },
    )
    walks: dict[str, Walk] = {
        kind: walk(kind, value, vocab) for kind, value in data.items() if value is not None
    }
    return CaseView(
        case_id=case_id,
        context=context,
        jurisdiction=jurisdiction,
        data=data,
        nodes=nodes,
        texts=texts,
        refusals=refusals,
        walks=walks,
        window=TodayWindow(today),
        trees=dict.fromkeys(FILES) if by_nodes else {},
    )


class Nodes(Mapping[str, yaml.Node | None]):
    """The node trees of a case's files, each composed when first asked for.

    Only a finding's place needs one, and most files have no finding: composing
    every file up front cost validate more than reading the data. A file whose
    text was refused has no tree (None), as before.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.checked: dict[str, str] = {}
        self.accepted: set[str] = set()
        self._trees: dict[str, yaml.Node | None] = {}

    def __getitem__(self, kind: str) -> yaml.Node | None:
        if kind not in FILES:
            raise KeyError(kind)
        if kind not in self._trees:
            text = self.checked.get(kind)
            tree = None
            if text is not None:
                try:
                    if kind in self.accepted:
                        tree = untagged(text)
                    else:
                        tree = scan.compose(self.folder / f"{kind}.yaml", text)
                except (FileFormatError, ValueError, TypeError, RecursionError, yaml.YAMLError):
                    tree = None
            self._trees[kind] = tree
        return self._trees[kind]

    def __iter__(self) -> Iterator[str]:
        return iter(FILES)

    def __len__(self) -> int:
        return len(FILES)


class _Untagged(CParser):
    """libyaml's composer, leaving every node's tag empty: a tree for places only."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return ""

    def descend_resolver(self, parent: Any, index: Any) -> None:
        """No tag depends on a node's place."""

    def ascend_resolver(self) -> None:
        """No tag depends on a node's place."""


def untagged(text: str) -> yaml.Node | None:
    """The node tree of a file the store accepted (so `scan.compose` would give this
    tree with tags, and its refusals cannot apply): its nodes start where scan's do."""
    composer = _Untagged(text)
    try:
        return composer.get_single_node()
    finally:
        composer.dispose()


def instead(mt: MeetingType) -> str:
    """What to use instead of a meeting type of the other jurisdiction."""
    where = str(mt.jurisdiction).title()
    instead = f"use {mt.counterpart}" if mt.counterpart else "choose another type"
    return f"it is {a_or_an(mt.framework)} meeting ({where}); {instead}"
