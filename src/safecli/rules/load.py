"""Read a case's four files for the rules: fast (libyaml), read-only, never raising.

Every refusal the store would make becomes an entry of `CaseView.refusals`
(reported by INT001, INT005 or INT007); the other files are still checked.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from safecli import scan, yamlio
from safecli.errors import FileFormatError
from safecli.model import FILES, JURISDICTIONS
from safecli.rules.base import CaseView, Context, TodayWindow
from safecli.shape import Vocabularies, Walk, walk


def load_view(context: Context, case_id: str, today: date) -> CaseView:
    """The case as the rules see it (the folder must exist)."""
    folder = context.root / "cases" / case_id
    data: dict[str, Any] = {}
    nodes: dict[str, yaml.Node | None] = {}
    texts: dict[str, str | None] = {}
    refusals: dict[str, FileFormatError] = {}
    for kind, expect in FILES.items():
        path = folder / f"{kind}.yaml"
        data[kind] = nodes[kind] = texts[kind] = None
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            refusals[kind] = FileFormatError("file is missing", path=path)
            continue
        except OSError as exc:
            refusals[kind] = FileFormatError(f"cannot read file: {exc.strerror}", path=path)
            continue
        texts[kind] = raw.decode("utf-8", errors="replace")
        try:
            text = yamlio.check_bytes(path, raw)
            nodes[kind] = scan.compose(path, text)
            data[kind] = construct(path, nodes[kind], expect)
        except FileFormatError as exc:
            refusals[kind] = exc
        except (ValueError, RecursionError, yaml.YAMLError) as exc:
            refusals[kind] = FileFormatError(f"not valid YAML: {exc}", path=path)
    adult = data["adult"] if isinstance(data["adult"], dict) else {}
    own = adult.get("jurisdiction")
    jurisdiction = own if own in JURISDICTIONS else context.config.jurisdiction
    vocab = Vocabularies(tuple(context.policy.types), jurisdiction, context.config.tz)
    walks: dict[str, Walk] = {
        kind: walk(kind, value, vocab) for kind, value in data.items() if value is not None
    }
    return CaseView(case_id=case_id, context=context, jurisdiction=jurisdiction, data=data,
                    nodes=nodes, texts=texts, refusals=refusals, walks=walks,
                    window=TodayWindow(today))


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
