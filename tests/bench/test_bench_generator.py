"""The benchmark generator makes valid, deterministic books (small N; nothing is timed)."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from conftest import bench_generator

from safecli.digest.cache import collect
from safecli.digest.items import compute
from safecli.store import roundtrip, scan
from safecli.store.book import find_book


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    return bench_generator()


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_every_file_is_valid_and_round_trips(generate: ModuleType, tmp_path: Path) -> None:
    root = generate.generate(tmp_path / "book", 8, seed=3)
    ids = find_book(root).case_ids()
    assert len(ids) == 8
    for case_id in ids:
        folder = root / "cases" / case_id
        assert sorted(p.name for p in folder.iterdir()) == [
            "actions.yaml",
            "adult.yaml",
            "agencies.yaml",
            "meetings.yaml",
        ]
        for path in folder.iterdir():
            expect = dict if path.name == "adult.yaml" else list
            scan.load(path, expect)
            document, text = roundtrip.read(path, expect)
            assert roundtrip.dump(document) == text, path  # the store's own format
        adult = scan.load(folder / "adult.yaml", dict)
        actions = scan.load(folder / "actions.yaml", list)
        meetings = scan.load(folder / "meetings.yaml", list)
        assert adult["case"] == case_id
        if any(m["status"] == "held" for m in meetings):
            assert 3 <= len(actions) <= 10
        held = {m["id"] for m in meetings if m["status"] == "held"}
        assert {a["meeting"] for a in actions} <= held
        assert (folder / "meetings.yaml").read_text().startswith(("# ", "[]"))


def test_same_seed_same_bytes_other_seed_other_book(generate: ModuleType, tmp_path: Path) -> None:
    one = tree(generate.generate(tmp_path / "one", 8, seed=5))
    assert tree(generate.generate(tmp_path / "two", 8, seed=5)) == one
    assert tree(generate.generate(tmp_path / "three", 8, seed=6)) != one


def test_the_digest_finds_every_kind_in_a_generated_book(
    generate: ModuleType, tmp_path: Path
) -> None:
    book = find_book(generate.generate(tmp_path / "book", 60, seed=1))
    today = date(2026, 12, 1)
    items = compute(collect(book, now_ns=time.time_ns(), use_cache=False), today, date(2026, 12, 8))
    kinds = {item.kind for item in items}
    assert kinds == {
        "action-overdue",
        "action-due-soon",
        "review-passed",
        "minutes-not-recorded",
        "minutes-not-shared",
        "feedback-not-given",
        "no-meeting",
    }


def test_generated_books_pass_their_own_validate(generate: ModuleType, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from safecli.cli.main import app

    root = generate.generate(tmp_path / "book", 120, seed=5)
    result = CliRunner().invoke(
        app, ["--book", str(root), "validate", "--no-cache", "--jobs", "1", "--as-of", "2026-12-01"]
    )
    assert result.exit_code == 0, result.output[-2000:]
    assert result.stdout.splitlines()[-1].startswith("0 errors, ")
