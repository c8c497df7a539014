"""Babel's extractor for the built-in policy pack: the meeting types' words in documents.

A meeting type's name, legal framework, purpose, what to bring and who should
attend are printed in invitations, minutes and plans, so they are phrases of
the catalogue like the templates' own (babel.cfg names this extractor for
`meeting_types.yaml`). A book that changes a type's words gets them as written.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

import yaml

from safecli.render.context import type_title

# The fields documents print, in the order the catalogue lists them.
FIELDS = ("name", "framework", "purpose", "expectations", "seniority")


def extract_pack(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Each printed phrase of each meeting type (and its name for each format)."""
    pack = yaml.safe_load(fileobj.read().decode("utf-8")) or {}
    for type_id, fields in pack.items():
        if not isinstance(fields, dict):
            continue
        for field in FIELDS:
            value = fields.get(field)
            if not isinstance(value, str):
                continue
            shown = [value]
            if field == "name":
                shown += [type_title(value, fmt) for fmt in fields.get("formats") or ()]
            for phrase in dict.fromkeys(shown):
                yield 0, "gettext", phrase, [f"Meeting type {type_id}: {field}."]
