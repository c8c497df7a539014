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

    root = str(PACKAGE)
    found: list[str] = []
    folders = [""]
    while folders:  # os.scandir and plain strings: os.walk and Path cost a digest ~10 ms
        folder = folders.pop()
        with os.scandir(os.path.join(root, folder)) as entries:
            for entry in entries:
                name = folder + entry.name
                if entry.is_dir():  # a linked folder is listed, as os.walk lists it, not entered
                    if entry.name != "__pycache__" and not entry.is_symlink():
                        folders.append(name + "/")
                elif entry.name.endswith(_SUFFIXES):
                    found.append(name)
    digest = hashlib.sha256()
    for name in sorted(found, key=lambda n: n.split("/")):  # in the order of their Paths
        info = os.stat(os.path.join(root, name))
        digest.update(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()
