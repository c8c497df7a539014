"""A fingerprint of safecli's own code and data, for the keys of its caches.

A cache built by one version of the code must not answer for another, so the key
hashes every source and data file of the package: moving, adding or editing a
module changes it without anyone keeping a list of names.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
_SUFFIXES = (".py", ".yaml", ".j2")


@cache
def code_fingerprint() -> str:
    """The SHA-256 of the package's source and data files, names and contents."""
    digest = hashlib.sha256()
    for path in sorted(p for p in PACKAGE.rglob("*") if p.suffix in _SUFFIXES and p.is_file()):
        digest.update(str(path.relative_to(PACKAGE)).encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()
