"""The book's trend, week by week, from the files committed in git.

For each of the last N weeks (the last one ending on the report's date), the
week's state is the book as committed at the last commit made by the end of
that day (on the first-parent line of HEAD, in the book's timezone); a week
with no commit of its own carries the state before it. From that state come
the open cases, the actions overdue as of the week's end (the digest's own
count) and the median days from concern to first meeting held.

The blobs are read with git (`ls-tree`, then one `cat-file --batch` for the
files not seen before), never from the work tree. `.safecli/history.cache`
keeps each case version's facts by the ids of its four blobs (a version never
changes, so no stat checks are needed) and each commit's figures by commit
and date: a warm run reads no blob at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from safecli.digest import cache as digestcache
from safecli.digest.items import compute
from safecli.errors import FileFormatError, GitFailure
from safecli.model import FILES
from safecli.raw import mapping
from safecli.reports.overview.facts import both
from safecli.reports.overview.read import records
from safecli.reports.overview.timeliness import days_to_first_meeting
from safecli.store import fastload
from safecli.store.book import Book
from safecli.store.digest_settings import DigestSettings
from safecli.teamwork import gitrepo

CACHE_NAME = "history.cache"
_NAMES = tuple(FILES)


@dataclass(frozen=True)
class Week:
    """One week of the trend: its last day, the commit read, and the figures then."""

    end: date
    commit: str | None
    open_cases: int | None
    overdue_actions: int | None
    median_days: float | None
    unreadable: int = 0


def weekly(
    book: Book, weeks: int, today: date, settings: DigestSettings, *, use_cache: bool = True
) -> tuple[Week, ...]:
    """The last `weeks` weeks of the book's committed history, oldest first."""
    top = gitrepo.repo_root(book.root)
    if top is None:
        raise GitFailure("--history needs the case book to be in a git repository", path=book.root)
    prefix = gitrepo.inside(top, book.cases_dir)
    log = _first_parent_log(top)
    path = book.cache_dir / CACHE_NAME
    cached = digestcache.read_entries(path) if use_cache else {}
    known: dict[Any, Any] = mapping(mapping(cached).get("cases"))
    points: dict[Any, Any] = mapping(mapping(cached).get("points"))
    used_cases: dict[Any, Any] = {}
    used_points: dict[Any, Any] = {}
    changed = False
    result = []
    tz = book.config.tz
    for index in range(weeks):
        end = today - timedelta(days=7 * (weeks - 1 - index))
        commit = _last_before(log, _end_of_day(end, tz))
        if commit is None:
            result.append(Week(end, None, None, None, None))
            continue
        key = (commit, end.toordinal(), repr(settings))  # marshal stores text, not settings objects
        point = points.get(key)
        if point is None:
            changed = True
            point = _figures(top, prefix, commit, end, settings, known, used_cases)
        else:
            used_cases.update(_case_keys(point, known))
        used_points[key] = point
        result.append(Week(end, commit, *point[:4]))
    if use_cache and (changed or len(used_points) != len(points)):
        digestcache.write_entries(book, CACHE_NAME, {"cases": used_cases, "points": used_points})
    return tuple(result)


def _case_keys(point: tuple[Any, ...], known: dict[Any, Any]) -> dict[Any, Any]:
    return {key: known[key] for key in point[4] if key in known}


def _figures(
    top: Path,
    prefix: str,
    commit: str,
    end: date,
    settings: DigestSettings,
    known: dict[Any, Any],
    used: dict[Any, Any],
) -> tuple[Any, ...]:
    """(open cases, overdue actions, median days, unreadable, case keys) at a commit."""
    cases = _tree(top, prefix, commit)
    missing = {blob for blobs in cases.values() if blobs not in known for blob in blobs if blob}
    texts = gitrepo.blob_texts(top, sorted(missing)) if missing else {}
    entries = []
    for case_id, blobs in sorted(cases.items()):
        if blobs not in known:
            known[blobs] = _facts(prefix, case_id, blobs, texts)
        used[blobs] = known[blobs]
        problems, facts = known[blobs]
        entries.append((case_id, problems, facts))
    found = records(entries)
    items = compute((r.read for r in found), end, end, settings)
    summaries = [
        r.summary
        for r in found
        if r.summary is not None and (r.summary.opened or 0) <= end.toordinal()
    ]
    return (
        sum(1 for s in summaries if s.is_open),
        sum(1 for item in items if item.kind == "action-overdue"),
        days_to_first_meeting(summaries, end),
        sum(1 for r in found if r.summary is None),
        tuple(cases.values()),
    )


def _facts(
    prefix: str, case_id: str, blobs: tuple[str, ...], texts: dict[str, bytes | None]
) -> tuple[tuple[str, ...], Any]:
    """(problems, facts) of one case version from its blobs, as `digest.cache` reads files."""
    data: dict[str, Any] = {}
    problems: list[str] = []
    for name, blob in zip(_NAMES, blobs, strict=True):
        rel = Path(prefix) / case_id / f"{name}.yaml"
        raw = texts.get(blob) if blob else None
        if raw is None:
            problems.append(f"{rel}: missing in this commit")
            continue
        try:
            data[name] = fastload.load_text(rel, raw.decode("utf-8"), FILES[name])
        except UnicodeDecodeError:
            problems.append(f"{rel}: not UTF-8 text")
        except FileFormatError as exc:
            problems.append(str(exc))
    adult = data.get("adult")
    if adult is not None and adult.get("case") != case_id:
        problems.append(f"{prefix}/{case_id}/adult.yaml: case does not match the folder name")
    if problems:
        return tuple(problems), None
    return (), both(data["adult"], data["agencies"], data["meetings"], data["actions"])


def _tree(top: Path, prefix: str, commit: str) -> dict[str, tuple[str, ...]]:
    """Each case folder at a commit: the blob ids of its four files ('' when absent)."""
    out = gitrepo.run(top, "ls-tree", "-r", "-z", "--full-tree", commit, "--", f"{prefix}/")
    found: dict[str, dict[str, str]] = {}
    start = len(prefix) + 1
    for entry in out.decode("utf-8", "replace").split("\0"):
        if not entry:
            continue
        meta, _, path = entry.partition("\t")
        parts = path[start:].split("/")
        mode, kind, blob = meta.split()
        if len(parts) != 2 or kind != "blob" or parts[0].startswith("."):
            continue
        name = parts[1].removesuffix(".yaml")
        if name in FILES and parts[1].endswith(".yaml") and mode != "120000":
            found.setdefault(parts[0], {})[name] = blob
    return {case: tuple(files.get(n, "") for n in _NAMES) for case, files in found.items()}


def _first_parent_log(top: Path) -> list[tuple[str, int]]:
    """(commit, committer time) along HEAD's first parents, newest first; [] if no commit."""
    if gitrepo.run(top, "rev-parse", "--verify", "--quiet", "HEAD", check=False) == b"":
        return []
    out = gitrepo.git(top, "log", "--first-parent", "--format=%H %ct", "HEAD")
    result = []
    for line in out.splitlines():
        sha, _, stamp = line.partition(" ")
        result.append((sha, int(stamp)))
    return result


def _last_before(log: Sequence[tuple[str, int]], cutoff: float) -> str | None:
    for sha, stamp in log:
        if stamp < cutoff:
            return sha
    return None


def _end_of_day(day: date, tz: ZoneInfo) -> float:
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz).timestamp()
