"""The digest's stat-checked cache: never an answer that differs from a cold run."""

from __future__ import annotations

import json
import marshal
import os
import shutil
import time
from pathlib import Path

import pytest
from digest_book import SECRETS, action, adult, make_book, meeting, write_case
from typer.testing import CliRunner

from safecli.cli.main import app
from safecli.digest import cache as digestcache
from safecli.digest.cache import CACHE_NAME, collect
from safecli.store.book import find_book

LATER = 10**9 * 3600  # pretend the scan runs an hour after the files were written


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = make_book(tmp_path / "book")
    write_case(
        root,
        "C1",
        meetings=[meeting("M1", review="2026-11-20", shared=("police",))],
        actions=[action("A1", "2026-11-30"), action("A2", "2026-12-03", lead="asc")],
    )
    write_case(root, "C2", adult_text=adult("C2", opened="2026-11-01"))
    write_case(
        root,
        "C3",
        meetings=[meeting("M1", review="2027-01-01")],
        actions=[action("A1", "2026-11-25", lead="gp")],
    )
    return root


def digest_json(root: Path, *extra: str) -> dict[str, object]:
    result = CliRunner().invoke(
        app, ["--book", str(root), "overdue", "--as-of", "2026-12-01", "-f", "json", *extra]
    )
    assert result.exit_code in (0, 3), result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def warm(root: Path) -> None:
    """Build the cache as if the files had settled long ago (so it trusts every entry)."""
    collect(find_book(root), now_ns=time.time_ns() + LATER)


def entries(root: Path) -> dict[str, digestcache.Entry]:
    return digestcache.read_entries(root / ".safecli" / CACHE_NAME)


def assert_same_as_cold(root: Path) -> None:
    assert digest_json(root) == digest_json(root, "--no-cache")


def case_ids(digest: dict[str, object]) -> set[str]:
    return {item["case"] for item in digest["items"]}  # type: ignore[attr-defined, index]


def test_the_warm_digest_equals_the_cold_one(root: Path) -> None:
    cold = digest_json(root, "--no-cache")
    assert not (root / ".safecli").exists()
    warm(root)
    assert set(entries(root)) == {"C1", "C2", "C3"}
    assert digest_json(root) == cold
    assert digest_json(root) == cold


def test_an_edit_shows_up(root: Path) -> None:
    warm(root)
    path = root / "cases" / "C3" / "actions.yaml"
    path.write_text(path.read_text().replace("due: 2026-11-25", "due: 2026-11-02"))
    digest = digest_json(root)
    assert [i["days_overdue"] for i in digest["items"] if i["case"] == "C3"] == [29]
    assert_same_as_cold(root)


def test_an_added_case_shows_up(root: Path) -> None:
    warm(root)
    write_case(
        root,
        "C4",
        actions=[action("A1", "2026-11-30")],
        meetings=[meeting("M1", review="2027-01-01")],
    )
    assert "C4" in case_ids(digest_json(root))
    assert_same_as_cold(root)


def test_a_deleted_case_goes_and_leaves_the_cache(root: Path) -> None:
    warm(root)
    shutil.rmtree(root / "cases" / "C3")
    assert "C3" not in case_ids(digest_json(root))
    assert "C3" not in entries(root)
    assert_same_as_cold(root)


def test_a_renamed_case_shows_up_under_its_new_id(root: Path) -> None:
    warm(root)
    (root / "cases" / "C3").rename(root / "cases" / "C9")
    path = root / "cases" / "C9" / "adult.yaml"
    path.write_text(path.read_text().replace("case: C3", "case: C9"))
    assert {"C9"} <= case_ids(digest_json(root)) and "C3" not in case_ids(digest_json(root))
    assert_same_as_cold(root)


def test_a_renamed_folder_whose_id_was_not_changed_is_unreadable(root: Path) -> None:
    warm(root)
    (root / "cases" / "C3").rename(root / "cases" / "C9")
    [item] = [i for i in digest_json(root)["items"] if i["kind"] == "unreadable"]
    assert item["detail"] == (
        "cases/C9/adult.yaml:2:7: case 'C3' does not match the folder name 'C9'"
    )


def test_a_same_size_edit_with_the_old_mtime_shows_up(root: Path) -> None:
    warm(root)
    path = root / "cases" / "C3" / "actions.yaml"
    before = path.stat()
    path.write_text(path.read_text().replace("due: 2026-11-25", "due: 2026-11-24"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
    assert [i["days_overdue"] for i in digest_json(root)["items"] if i["case"] == "C3"] == [7]
    assert_same_as_cold(root)


def test_a_touch_with_the_same_content_and_size_reads_the_case_again(root: Path) -> None:
    warm(root)
    path = root / "cases" / "C1" / "meetings.yaml"
    old = entries(root)["C1"][0]
    os.utime(path, ns=(time.time_ns() - LATER // 2, time.time_ns() - LATER // 2))
    collect(find_book(root), now_ns=time.time_ns() + LATER)
    assert entries(root)["C1"][0] != old
    assert_same_as_cold(root)


def test_racily_clean_files_are_not_trusted(root: Path) -> None:
    """A file changed within the timestamp granularity of the scan may change again with
    the same size and mtime: such a case is cached untrusted and read again next time."""
    book = find_book(root)
    collect(book, now_ns=time.time_ns())  # the files were written just now
    assert {case: entry[0] for case, entry in entries(root).items()} == dict.fromkeys(
        ("C1", "C2", "C3")
    )
    path = root / "cases" / "C3" / "actions.yaml"
    before = path.stat()
    path.write_text(path.read_text().replace("due: 2026-11-25", "due: 2026-11-24"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert [i["days_overdue"] for i in digest_json(root)["items"] if i["case"] == "C3"] == [7]
    # Once the files are older than the window, the entries are trusted.
    collect(book, now_ns=time.time_ns() + LATER)
    assert all(entry[0] is not None for entry in entries(root).values())


def test_a_partial_run_keeps_the_other_cases_entries(root: Path) -> None:
    warm(root)
    result = CliRunner().invoke(
        app, ["--book", str(root), "overdue", "C1", "--as-of", "2026-12-01"]
    )
    assert result.exit_code == 0
    assert set(entries(root)) == {"C1", "C2", "C3"}


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not a cache at all",
        b"\xe3" + b"\x00" * 40,
        "truncated",
        "flipped",
        "other version",
        "other format",
    ],
)
def test_a_corrupt_or_foreign_cache_is_rebuilt_silently(root: Path, damage: object) -> None:
    warm(root)
    path = root / ".safecli" / CACHE_NAME
    data = path.read_bytes()
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "flipped":
        data = data[:-20] + bytes([data[-20] ^ 0xFF]) + data[-19:]
    elif damage == "other version":
        header, checksum, payload = marshal.loads(data)
        data = marshal.dumps((header[:2] + ("0.0.1",) + header[3:], checksum, payload))
    elif damage == "other format":
        data = marshal.dumps((("safecli-digest-cache", 999), 0, b""))
    else:
        assert isinstance(damage, bytes)
        data = damage
    path.write_bytes(data)
    result = CliRunner().invoke(
        app, ["--book", str(root), "overdue", "--as-of", "2026-12-01", "-f", "json"]
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout) == digest_json(root, "--no-cache")
    assert set(entries(root)) == {"C1", "C2", "C3"}


def test_a_cache_others_can_read_is_ignored_and_replaced(root: Path) -> None:
    warm(root)
    path = root / ".safecli" / CACHE_NAME
    os.chmod(path, 0o644)
    assert entries(root) == {}
    assert_same_as_cold(root)
    assert path.stat().st_mode & 0o777 == 0o600


def test_cache_folder_and_file_are_private(root: Path) -> None:
    digest_json(root)
    assert (root / ".safecli").stat().st_mode & 0o777 == 0o700
    assert (root / ".safecli" / CACHE_NAME).stat().st_mode & 0o777 == 0o600
    assert [p.name for p in (root / ".safecli").iterdir()] == [CACHE_NAME]


def test_the_cache_holds_no_names_addresses_or_free_text(root: Path) -> None:
    digest_json(root)
    data = (root / ".safecli" / CACHE_NAME).read_bytes()
    for secret in SECRETS:
        assert secret.encode() not in data, secret


def test_a_symlinked_cache_folder_is_not_written_through(root: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir()
    (root / ".safecli").symlink_to(target)
    assert_same_as_cold(root)
    assert list(target.iterdir()) == []


def test_an_unwritable_cache_place_only_costs_speed(root: Path) -> None:
    (root / ".safecli").write_text("a file where the folder should be")
    assert_same_as_cold(root)
    assert (root / ".safecli").read_text() == "a file where the folder should be"


def test_an_unreadable_file_is_cached_and_fixing_it_shows_up(root: Path) -> None:
    path = root / "cases" / "C3" / "meetings.yaml"
    good = path.read_text()
    path.write_text(good.replace("  type: s42-strategy\n", "  type: s42-strategy\n  type: x\n"))
    warm(root)
    assert [i["kind"] for i in digest_json(root)["items"] if i["case"] == "C3"] == ["unreadable"]
    assert_same_as_cold(root)
    path.write_text(good)
    assert [i["kind"] for i in digest_json(root)["items"] if i["case"] == "C3"] == [
        "action-overdue"
    ]
    assert_same_as_cold(root)


def test_a_missing_file_is_unreadable(root: Path) -> None:
    warm(root)
    (root / "cases" / "C2" / "agencies.yaml").unlink()
    [item] = [i for i in digest_json(root)["items"] if i["case"] == "C2"]
    assert (item["kind"], item["detail"]) == (
        "unreadable",
        "cases/C2/agencies.yaml: file is missing",
    )
    assert_same_as_cold(root)
