"""INT010: a meeting about several adults and each adult's part of it, checked both ways."""

from __future__ import annotations

from pathlib import Path

from meeting_book import CASE, run
from shared_book import OTHER, codes, edit, shared_book

VALIDATE = ("validate", "--as-of", "2026-11-04", "--select", "INT")


def test_int010_a_meeting_and_its_part_agree(tmp_path: Path) -> None:
    book = shared_book(tmp_path, held=True)
    result = run(book, *VALIDATE)
    assert result.exit_code == 0, result.output
    assert "INT010" not in result.output


def test_int010_a_subject_with_no_part(tmp_path: Path) -> None:
    book = shared_book(tmp_path)
    (book / "cases" / OTHER / "meetings.yaml").write_text("[]\n", encoding="utf-8")
    result = run(book, *VALIDATE)
    assert result.exit_code == 1
    assert codes(result, "INT010") == [f"cases/{CASE}/meetings.yaml:17:7"]
    assert f"M1 is about the adult of {OTHER}, whose meetings.yaml has no part" in result.stdout


def test_int010_a_part_of_no_meeting(tmp_path: Path) -> None:
    book = shared_book(tmp_path)
    edit(book, OTHER, "meeting: M1}", "meeting: M7}")
    result = run(book, *VALIDATE)
    assert codes(result, "INT010") == [
        f"cases/{CASE}/meetings.yaml:17:7",
        f"cases/{OTHER}/meetings.yaml:8:46",
    ]
    assert f"M1 is a part of M7 of {CASE}, which has no such meeting" in result.stdout


def test_int010_a_part_whose_meeting_does_not_list_it(tmp_path: Path) -> None:
    book = shared_book(tmp_path)
    edit(book, CASE, f"subjects:\n    - {OTHER}\n", "subjects: []\n")
    result = run(book, *VALIDATE)
    assert codes(result, "INT010") == [f"cases/{OTHER}/meetings.yaml:8:3"]
    assert f"whose subjects do not list {OTHER}" in result.stdout


def test_int010_a_part_that_says_otherwise(tmp_path: Path) -> None:
    book = shared_book(tmp_path, held=True)
    edit(book, OTHER, "when: 2026-11-03T10:00", "when: 2026-11-04T10:00")
    edit(book, OTHER, "held_on: 2026-11-03", "held_on: 2026-11-04")
    result = run(book, *VALIDATE)
    assert codes(result, "INT010") == [
        f"cases/{OTHER}/meetings.yaml:3:3",
        f"cases/{OTHER}/meetings.yaml:10:5",
    ]
    assert "M1's when is not that of SG-2026-0001 M1" in result.stdout


def test_int010_a_part_in_its_own_case(tmp_path: Path) -> None:
    book = shared_book(tmp_path)
    edit(book, OTHER, f"case: {CASE}", f"case: {OTHER}")
    result = run(book, *VALIDATE)
    assert f"cases/{OTHER}/meetings.yaml:8:23" in codes(result, "INT010")
    assert "a case is not its own subject" in result.stdout


def test_int010_the_cache_sees_a_change_to_the_other_case(tmp_path: Path) -> None:
    book = shared_book(tmp_path)
    assert run(book, *VALIDATE).exit_code == 0
    edit(book, CASE, "when: 2026-11-03T10:00", "when: 2026-11-03T11:00")
    result = run(book, *VALIDATE)
    assert codes(result, "INT010") == [f"cases/{OTHER}/meetings.yaml:3:3"]
