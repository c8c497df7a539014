"""What a digest takes from a book's settings, kept beside its cache for a warm run.

A warm digest reads no case file: the cache answers for each. It need not read
safecli.yaml either, nor load the policy pack, whose readers cost a warm run as
much as the rest of its work: `remember` keeps what the digest takes from them
(the timezone, `show_names`, the digest settings, the statutory clocks, and
which meeting types owe the adult feedback) in `.safecli/digest.settings`, with
the size, mtime_ns, inode and ctime_ns of safecli.yaml, and `recall` gives them
back while that signature is unchanged. The file is written and checked as the
digest's cache is (`digest.cache`: the same header, checksum, owner and mode
checks; 0600, atomically), and a safecli.yaml changed within the racy window of
the command's start is not remembered, as a racily clean case is not trusted.
No name or free text is kept.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from datetime import date
from typing import TYPE_CHECKING, Any

from safecli.digest.cache import RACY_NS, read_entries, write_entries
from safecli.digest.clocks import Clocks
from safecli.store.digest_settings import DigestSettings, RiskDays

if TYPE_CHECKING:
    from safecli.store.book import Book

SETTINGS_NAME = "digest.settings"
CONFIG_NAME = "safecli.yaml"  # store.config's CONFIG_NAME (a test holds them equal)
CACHE_DIR = ".safecli"  # store.book's CACHE_DIR (likewise)


@dataclass(frozen=True)
class BookSettings:
    """What the digest takes from a book's settings (safecli.yaml and its policy)."""

    timezone: str
    show_names: bool
    digest: DigestSettings
    clocks: Clocks
    owing: frozenset[str]

    @classmethod
    def of(cls, book: Book) -> BookSettings:
        """The settings of a book as read by every command (its Config and policy)."""
        from safecli.digest.due import owing_feedback
        from safecli.policy.pack import book_policy

        config = book.config
        return cls(
            config.timezone,
            config.show_names,
            config.digest,
            Clocks.of(config),
            owing_feedback(book_policy(book)),
        )


def remember(book: Book, settings: BookSettings, *, started_ns: int) -> None:
    """Keep the settings for a warm run, unless safecli.yaml changed too lately to trust
    its signature (within RACY_NS of `started_ns`, when the command began) or they are
    kept already."""
    signature = _signature(str(book.root / CONFIG_NAME))
    if signature is None or max(signature[1], signature[3]) >= started_ns - RACY_NS:
        return
    entry = {"settings": (signature, _plain(settings))}
    if read_entries(book.cache_dir / SETTINGS_NAME) != entry:
        write_entries(book, SETTINGS_NAME, entry)


def recall(root: str) -> BookSettings | None:
    """The settings kept for the book at `root` while its safecli.yaml is unchanged; None
    when there are none to trust (the command must read safecli.yaml)."""
    kept = read_entries(os.path.join(root, CACHE_DIR, SETTINGS_NAME)).get("settings")
    if not isinstance(kept, tuple) or len(kept) != 2:
        return None
    signature, plain = kept
    if signature != _signature(os.path.join(root, CONFIG_NAME)):
        return None
    try:
        return _settings(plain)
    except (TypeError, ValueError):
        return None


def _signature(path: str) -> tuple[int, int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)


_DIGEST_FIELDS = tuple(f.name for f in fields(DigestSettings))


def _plain(settings: BookSettings) -> tuple[Any, ...]:
    """The settings as plain values (what marshal keeps)."""
    digest = settings.digest
    days = digest.first_meeting_days
    clocks = settings.clocks
    return (
        settings.timezone,
        settings.show_names,
        tuple(
            (days.high, days.medium, days.low)
            if name == "first_meeting_days"
            else getattr(digest, name)
            for name in _DIGEST_FIELDS
        ),
        (
            clocks.jurisdiction,
            {where: dict(values) for where, values in clocks.days.items()},
            tuple(day.toordinal() for day in clocks.closure_days),
        ),
        tuple(sorted(settings.owing)),
    )


def _settings(plain: Any) -> BookSettings:
    """The settings from their plain values (`_plain`)."""
    timezone, show_names, digest, (jurisdiction, days, closure_days), owing = plain
    values = dict(zip(_DIGEST_FIELDS, digest, strict=True))
    values["first_meeting_days"] = RiskDays(*values["first_meeting_days"])
    return BookSettings(
        timezone,
        show_names,
        DigestSettings(**values),
        Clocks(jurisdiction, days, tuple(date.fromordinal(day) for day in closure_days)),
        frozenset(owing),
    )
