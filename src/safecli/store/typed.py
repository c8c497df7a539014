"""Typed records as safecli writes them: by their declared shape (`safecli.shape`).

A typed record's fields are named as its declared keys, so one function writes any
of them: the keys in their declared order, each person `{agency, name}` on one line,
a list of ids on one line, every text as `roundtrip.scalar` writes it.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedSeq

from safecli import shape
from safecli.store import roundtrip


def stored(declared: shape.Shape, value: Any) -> Any:
    """The round-trip value that stands for `value` (a typed record, its parts, their values)."""
    if value is None:
        return None
    if isinstance(declared, shape.Record):
        return roundtrip.record(
            declared.keys,
            {key: stored(field, getattr(value, key)) for key, field in declared.fields.items()},
        )
    if isinstance(declared, shape.ListOf):
        seq = CommentedSeq(stored(declared.item, item) for item in value)
        if isinstance(declared.item, shape.Ref):
            seq.fa.set_flow_style()
        return seq
    if isinstance(declared, shape.PersonRef):
        return roundtrip.person(value.agency, value.name)
    return roundtrip.scalar(value)
