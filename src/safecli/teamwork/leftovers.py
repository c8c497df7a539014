"""What interrupted writes leave behind: journals, temp files and half-made case folders.

`doctor` reports them; `doctor --clean` finishes each journal (the folder becomes
entirely new, see `atomic.recover`) and removes the temp files, each folder under
its writer's lock so that no running command loses its own temp files.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from safecli.store import atomic
from safecli.store.book import Book, lock


def folders(book: Book) -> list[Path]:
    """The cases folder and every case folder (where writes happen)."""
    if not book.cases_dir.is_dir():
        return []
    return [book.cases_dir, *(book.cases_dir / case_id for case_id in book.case_ids())]


def found(book: Book) -> list[Path]:
    """Every journal, temp file and temp folder in the book's case folders."""
    return [path for folder in folders(book) for path in atomic.leftovers(folder)]


def clean(book: Book) -> list[Path]:
    """Finish interrupted writes and remove their temp files; what was removed."""
    removed: list[Path] = []
    for folder in folders(book):
        if not atomic.leftovers(folder):
            continue
        with lock(folder):  # taking the lock finishes a journal (atomic.recover)
            for path in atomic.leftovers(folder):
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                else:
                    path.unlink()
                removed.append(path)
    return removed
