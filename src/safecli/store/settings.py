"""Change a setting of an existing book: safecli.yaml rewritten in place.

The round-trip writer keeps the file's comments and layout and changes only the
setting's value (or adds the key where the key order puts it); the write is atomic.
The caller's `check` sees the settings as they would be and raises to refuse them,
before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path

from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from safecli.errors import FileFormatError
from safecli.store import atomic, roundtrip
from safecli.store.book import lock
from safecli.store.caseids import parse_format
from safecli.store.config import CONFIG_KEYS, CONFIG_NAME, Config, read_config


def set_case_id_format(root: Path, text: str, check: Callable[[Config], None]) -> bool:
    """Set `case_id_format` in the book's safecli.yaml; whether the file changed.

    Refuses (InvalidInput) a format that `parse_format` refuses, and whatever `check`
    refuses, writing nothing."""
    path = root / CONFIG_NAME
    if not path.exists():
        raise FileFormatError("no case book here (safecli init makes one)", path=path)
    parse_format(text)
    cases = root / "cases"
    # Under the lock `case new` takes to choose an id, so no case is made meanwhile.
    with lock(cases) if cases.is_dir() else nullcontext():
        config = read_config(path)
        if config.case_id_format == text:
            return False
        check(replace(config, case_id_format=text))
        data, original = roundtrip.read(path, dict)
        roundtrip.put(data, CONFIG_KEYS, "case_id_format", DoubleQuotedScalarString(text))
        changed = roundtrip.changed_text(path, data, original, dict)
        if changed is None:
            return False
        atomic.write_atomic(path, changed)
        return True
