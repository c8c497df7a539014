"""The validate cache: reused while a case's files are unchanged, recomputed when not."""

from __future__ import annotations

import os
import stat
import time
from datetime import date
from pathlib import Path

from rules_table import ACTIONS, CLEAN, CONFIG, HELD, make_book

from safecli.store.book import find_book
from safecli.validation.run import validate

CASE = "SG-2026-0001"
PAST = 1_600_000_000  # 2020-09-13: files older than the cache, as in a real book


def _book(
    tmp_path: Path, files: dict[str, str | bytes | None] | None = None, config: str = CONFIG
) -> Path:
    root = make_book(tmp_path / "book", files or CLEAN, config)
    _age(root)
    return root


def _age(root: Path) -> None:
    for path in (root / "cases" / CASE).iterdir():
        os.utime(path, (PAST, PAST))


def _codes(root: Path, as_of: date = date(2026, 12, 1), *, cache: bool = True) -> list[str]:
    report = validate(find_book(root), [CASE], as_of, use_cache=cache)
    return [f.code for f in report.findings]


def _rewrite_keeping_stat(path: Path, old: str, new: str) -> None:
    """Change a file in place, same size and mtime: only the cache cannot see it."""
    assert len(old) == len(new)
    info = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def test_unchanged_files_reuse_the_cached_findings(tmp_path: Path) -> None:
    root = _book(tmp_path)
    assert _codes(root) == []
    actions = root / "cases" / CASE / "actions.yaml"
    _rewrite_keeping_stat(actions, "status: open", "status: opne")
    assert _codes(root) == []  # from the cache
    assert _codes(root, cache=False) == ["INT004"]  # the truth


def test_a_changed_file_is_checked_again(tmp_path: Path) -> None:
    root = _book(tmp_path)
    assert _codes(root) == []
    actions = root / "cases" / CASE / "actions.yaml"
    actions.write_text(ACTIONS.replace("status: open", "status: opne"), encoding="utf-8")
    assert _codes(root) == ["INT004"]


def test_the_cache_is_private_to_the_owner(tmp_path: Path) -> None:
    root = _book(tmp_path)
    _codes(root)
    folder = root / ".safecli"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "validate-cache.json").stat().st_mode) == 0o600


def test_a_result_that_depends_on_today_is_recomputed_when_today_moves(tmp_path: Path) -> None:
    planned = (
        (HELD[: HELD.index("  minutes:")] + "  minutes: null\n")
        .replace("status: held", "status: planned")
        .replace("2026-11-10T10:00", "2026-12-10T10:00")
    )
    root = _book(
        tmp_path,
        {**CLEAN, "meetings": planned.replace("invited_on: 2026-11-05", "invited_on: null")},
    )
    assert _codes(root, date(2026, 12, 7)) == []
    assert _codes(root, date(2026, 12, 8)) == ["PAR001"]
    assert _codes(root, date(2026, 12, 6)) == []


def test_a_changed_setting_invalidates_the_cache(tmp_path: Path) -> None:
    root = _book(tmp_path)
    assert _codes(root) == []
    (root / "safecli.yaml").write_text(CONFIG.replace("medium: 3", "medium: 9"), encoding="utf-8")
    assert _codes(root) == ["PAR001"]


def test_a_subject_case_appearing_is_noticed(tmp_path: Path) -> None:
    meetings = HELD.replace("subjects: []", "subjects: [SG-2026-0002]").replace(
        "agenda: [Risks and actions]", "agenda: [SG-2026-0001 risks, SG-2026-0002 risks]"
    )
    root = _book(tmp_path, {**CLEAN, "meetings": meetings})
    assert _codes(root) == ["INT003"]
    (root / "cases" / "SG-2026-0002").mkdir()
    assert _codes(root) == []


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    root = _book(tmp_path, {**CLEAN, "actions": ACTIONS.replace("status: open", "status: opne")})
    assert _codes(root) == ["INT004"]
    (root / ".safecli" / "validate-cache.json").write_text('{"key": 1, "cases": [', "utf-8")
    assert _codes(root) == ["INT004"]


def test_files_as_new_as_the_cache_are_not_trusted(tmp_path: Path) -> None:
    """A file changed in the same clock tick as the cache was written could have the
    same stat before and after the change (git's "racily clean" files)."""
    root = _book(tmp_path)
    actions = root / "cases" / CASE / "actions.yaml"
    soon = time.time_ns() + 3600 * 10**9
    os.utime(actions, ns=(soon, soon))
    assert _codes(root) == []
    _rewrite_keeping_stat(actions, "status: open", "status: opne")
    assert _codes(root) == ["INT004"]


def test_a_cache_that_is_a_symlink_is_neither_read_nor_written(tmp_path: Path) -> None:
    root = _book(tmp_path)
    target = tmp_path / "elsewhere.json"
    target.write_text("{}", encoding="utf-8")
    (root / ".safecli").mkdir(mode=0o700)
    (root / ".safecli" / "validate-cache.json").symlink_to(target)
    assert _codes(root) == []
    assert target.read_text(encoding="utf-8") == "{}"
