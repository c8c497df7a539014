"""Reading cases afresh in two processes: the same answers as one, whatever the second does."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from digest_book import action, make_book, meeting, write_case

from safecli.digest import fresh
from safecli.digest.cache import collect, collect_with
from safecli.store.atomic import JOURNAL
from safecli.store.book import find_book

CASES = [f"C{n:02d}" for n in range(1, 13)]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = make_book(tmp_path / "book")
    for n, case_id in enumerate(CASES):
        write_case(
            root,
            case_id,
            meetings=[meeting("M1", review=f"2026-11-{n + 10}")],
            actions=[action("A1", f"2026-11-{n + 10}"), action("A2", "2026-12-03", lead="asc")],
        )
    (root / "cases" / "C04" / "actions.yaml").write_text("- id: A1\n  due: [unclosed\n")
    (root / "cases" / "C11" / JOURNAL).write_text("{}\n")
    return root


def reads(root: Path) -> list[Any]:
    return [
        (read.case_id, read.facts, read.problems)
        for read in collect(find_book(root), now_ns=time.time_ns(), use_cache=False)
    ]


def by_pid(root: Path, extract: Any) -> list[Any]:
    return collect_with(
        find_book(root), None, now_ns=time.time_ns(), use_cache=False, name="t", extract=extract
    )


def test_two_processes_read_what_one_reads(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = reads(root)
    assert [case_id for case_id, facts, problems in alone if problems] == ["C04", "C11"]
    monkeypatch.setattr(fresh, "FORK_FROM", 2)
    assert reads(root) == alone
    pids = [facts for _, problems, facts in by_pid(root, lambda *files: os.getpid()) if facts]
    assert pids[0] == os.getpid()
    assert len(set(pids)) == 2  # the second half was read by another process


def test_a_second_process_that_fails_changes_nothing(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = by_pid(root, lambda *files: os.getpid())
    here = os.getpid()

    def fails_elsewhere(*files: Any) -> int:
        if os.getpid() != here:
            raise RuntimeError("the second process fails")
        return here

    monkeypatch.setattr(fresh, "FORK_FROM", 2)
    assert by_pid(root, fails_elsewhere) == alone


def test_a_second_process_only_for_many_cases(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fresh, "FORK_FROM", len(CASES) + 1)
    pids = {facts for _, _, facts in by_pid(root, lambda *files: os.getpid()) if facts}
    assert pids == {os.getpid()}
