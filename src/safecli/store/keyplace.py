"""Where a key of a round-trip mapping is: the place an error about its value names.

Read from the positions ruamel keeps on the mappings it loads (`lc`), so asking
needs no YAML library: the settings and the policy pack, read by every command,
name their errors' places without importing the round-trip reader until a
document of it is at hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def key_position(root: Any, *keys: str) -> dict[str, int]:
    """`line` and `column` (1-based) of the deepest of `keys` (a path of keys from root)
    found in a round-trip mapping; {} when not even the first is known.

    Given as keyword arguments for an error: `FileFormatError(..., **key_position(m, "a"))`.
    """
    place: dict[str, int] = {}
    node = root
    for key in keys:
        marks = getattr(node, "lc", None)
        if marks is None or not isinstance(node, Mapping) or key not in node:
            break
        try:
            line, column = marks.key(key)
        except (KeyError, TypeError):
            break
        place = {"line": line + 1, "column": column + 1}
        node = node[key]
    return place
