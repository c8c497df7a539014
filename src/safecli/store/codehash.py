"""A fingerprint of safecli's own code and data, for the keys of its caches.

A cache built by one version of the code must not answer for another, so the key
covers every source and data file of the package: moving, adding or editing a
module changes it without anyone keeping a list of names. Each file counts by its
name, size and modification time (a stat, not a read), as the caches judge case
files: reading every module's bytes cost every digest some 30 ms.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
_SUFFIXES = (".py", ".yaml", ".j2")


@cache
def code_fingerprint() -> str:
    """The SHA-256 of the package's source and data files: names, sizes and times."""
    import hashlib  # here: importing it (OpenSSL) costs commands that use no cache

    digest = hashlib.sha256()
    found = []
    for folder, subfolders, names in os.walk(PACKAGE):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        found += [Path(folder, name) for name in names if name.endswith(_SUFFIXES)]
    for path in sorted(found):
        info = path.stat()
        name = path.relative_to(PACKAGE).as_posix()
        digest.update(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()
