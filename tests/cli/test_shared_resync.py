"""After a hand edit or a merge leaves a meeting about several adults out of step with
its parts (INT010), doctor names it and `meeting update --resync` mends it, all or none."""

from __future__ import annotations

from pathlib import Path

from conftest import snapshot
from meeting_book import CASE, meeting, run
from shared_book import OTHER, codes, edit, shared_book

RESYNC = ("meeting", "update", CASE, "M1", "--resync")


def doctor_line(book: Path) -> list[str]:
    out = run(book, "doctor").stdout.splitlines()
    at = next(i for i, line in enumerate(out) if "meetings about several adults" in line)
    return out[at : at + 2]


def int010(book: Path) -> list[str]:
    return codes(run(book, "validate", "--as-of", "2026-11-04", "--select", "INT010"), "INT010")


def test_a_hand_moved_meeting_is_named_by_doctor_and_resynced(tmp_path: Path) -> None:
    book = shared_book(tmp_path)
    edit(book, CASE, "when: 2026-11-03T10:00", "when: 2026-11-05T10:00")
    checked = run(book, "validate", "--as-of", "2026-11-02", "--select", "INT010")
    assert codes(checked, "INT010") == [f"cases/{OTHER}/meetings.yaml:3:3"]
    assert (
        f"M1's when is not that of {CASE} M1, which it is a part of (when: 2026-11-05T10:00; "
        f"safecli meeting update {CASE} M1 --resync rewrites the part)"
    ) in checked.stdout
    assert doctor_line(book) == [
        f"fail  meetings about several adults: out of step: {CASE} M1",
        f"      hint: safecli meeting update {CASE} M1 --resync",
    ]
    done = run(book, *RESYNC)
    assert done.exit_code == 0, done.output
    assert f"M1: brought its part in {OTHER} in step" in done.stdout
    assert f"wrote cases/{OTHER}/meetings.yaml" in done.stdout
    assert f"wrote cases/{CASE}/" not in done.stdout
    assert meeting(book, "M1", OTHER)["when"] == "2026-11-05T10:00"
    assert int010(book) == []
    assert doctor_line(book)[0] == (
        "ok    meetings about several adults: each adult's part is in step with its meeting"
    )
    again = run(book, *RESYNC)
    assert again.exit_code == 0, again.output
    assert f"M1: every part is in step ({OTHER})" in again.stdout


def test_a_lost_part_is_written_again(tmp_path: Path) -> None:
    book = shared_book(tmp_path)
    (book / "cases" / OTHER / "meetings.yaml").write_text("[]\n", encoding="utf-8")
    assert int010(book) == [f"cases/{CASE}/meetings.yaml:17:7"]
    done = run(book, *RESYNC)
    assert done.exit_code == 0, done.output
    part = meeting(book, "M1", OTHER)
    assert dict(part["convened_in"]) == {"case": CASE, "meeting": "M1"}
    assert int010(book) == []


def test_a_held_meetings_day_is_written_into_her_part(tmp_path: Path) -> None:
    book = shared_book(tmp_path, held=True)
    edit(book, CASE, "held_on: 2026-11-03", "held_on: 2026-11-02")
    assert int010(book) == [f"cases/{OTHER}/meetings.yaml:10:5"]
    done = run(book, *RESYNC)
    assert done.exit_code == 0, done.output
    assert meeting(book, "M1", OTHER)["minutes"]["held_on"].isoformat() == "2026-11-02"
    assert meeting(book, "M1", OTHER)["minutes"]["wishes"]["views"] == (
        "She wants to stay in her flat"
    )
    assert int010(book) == []


def test_resync_is_asked_of_the_meeting_not_a_part_and_goes_alone(tmp_path: Path) -> None:
    book = shared_book(tmp_path)
    edit(book, CASE, "when: 2026-11-03T10:00", "when: 2026-11-05T10:00")
    before = snapshot(book)
    on_part = run(book, "meeting", "update", OTHER, "M1", "--resync")
    assert on_part.exit_code == 3
    assert f"safecli meeting update {CASE} M1 --resync" in on_part.output
    with_more = run(book, *RESYNC, "--where", "Town Hall")
    assert with_more.exit_code == 2
    assert "--resync goes alone; leave out --where" in with_more.output
    alone = run(book, "meeting", "update", "SG-2026-0002", "M1", "--resync")
    assert alone.exit_code == 3
    assert snapshot(book) == before


def test_nothing_is_written_when_a_part_cannot_be_written(tmp_path: Path) -> None:
    from meeting_book import add_case, make_book
    from shared_book import NEW

    book = make_book(tmp_path)
    third = "SG-2026-0004"
    add_case(book, OTHER)
    add_case(book, third)
    made = run(book, *NEW, "--subject", third)
    assert made.exit_code == 0, made.output
    edit(book, CASE, "when: 2026-11-03T10:00", "when: 2026-11-05T10:00")
    edit(book, third, "- id: M1", "<<<<<<< HEAD\n- id: M1")
    before = snapshot(book)
    done = run(book, *RESYNC)
    assert done.exit_code == 3, done.output
    assert f"cases/{third}/meetings.yaml" in done.output
    assert snapshot(book) == before


def test_the_meetings_review_is_hers_too_and_follows_a_hand_edit(tmp_path: Path) -> None:
    book = shared_book(tmp_path, held=True)
    review = meeting(book, "M1", OTHER)["minutes"]["review"]
    assert review["date"].isoformat() == "2026-12-01"
    plan = run(book, "render", "plan", OTHER, "--format", "md", "--as-of", "2026-11-04")
    assert "- **Next review:** Tuesday 1 December 2026 (agreed at M1)" in plan.stdout
    edit(book, CASE, "date: 2026-12-01", "date: 2026-12-08")
    checked = run(book, "validate", "--as-of", "2026-11-04", "--select", "INT010")
    assert codes(checked, "INT010") == [f"cases/{OTHER}/meetings.yaml:26:5"]
    assert "M1's minutes.review is not that of SG-2026-0001 M1 (its review date" in (checked.stdout)
    done = run(book, *RESYNC)
    assert done.exit_code == 0, done.output
    assert meeting(book, "M1", OTHER)["minutes"]["review"]["date"].isoformat() == "2026-12-08"
    assert int010(book) == []
