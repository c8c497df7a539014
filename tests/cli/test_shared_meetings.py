"""A meeting about several adults, from every side: each adult's case, actions, minutes."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import safecli_in, snapshot
from meeting_book import CASE, load, meeting, run
from shared_book import NEW, OTHER, RECORD, shared_book, text


def test_the_meeting_is_in_each_adults_case(tmp_path: Path) -> None:
    book = shared_book(tmp_path)
    part = meeting(book, "M1", OTHER)
    assert dict(part["convened_in"]) == {"case": CASE, "meeting": "M1"}
    assert (part["type"], part["when"], part["status"]) == (
        "cuckooing",
        "2026-11-03T10:00",
        "planned",
    )
    assert part["adult"]["invited"] is True
    rows = json.loads(run(book, "meeting", "list", OTHER, "--format", "json").stdout)
    assert [(r["id"], r["chair"], r["invitees"], r["part_of"]) for r in rows] == [
        ("M1", "police:DC Lee Jones", 1, f"{CASE} M1")
    ]
    shown = run(book, "case", "show", OTHER).stdout
    assert f"M1    cuckooing  2026-11-03T10:00  planned   also {CASE} (recorded there as M1)" in (
        shown
    )
    assert f"also {OTHER}" in run(book, "case", "show", CASE).stdout


def test_meeting_new_says_where_each_part_went(tmp_path: Path) -> None:
    from meeting_book import add_case, make_book

    book = make_book(tmp_path)
    add_case(book, OTHER)
    result = run(book, *NEW)
    assert result.exit_code == 0, result.output
    assert f"  its part in {OTHER}: M1 (that adult's actions: safecli action add {OTHER}" in (
        result.stdout
    )
    assert f"wrote cases/{CASE}/meetings.yaml\nwrote cases/{OTHER}/meetings.yaml" in result.stdout


def test_a_case_is_not_its_own_subject(tmp_path: Path) -> None:
    book = shared_book(tmp_path)
    before = snapshot(book)
    args = [CASE if a == OTHER else a for a in NEW]
    result = run(book, *args)
    assert result.exit_code == 3
    assert "INT003 a case is not its own subject" in result.output
    assert snapshot(book) == before


def test_her_actions_live_in_her_case_and_refer_to_her_part(tmp_path: Path) -> None:
    book = shared_book(tmp_path)
    done = run(
        book,
        *("action", "add", OTHER, "--meeting", "M1", "--lead", "asc:Sam Patel"),
        *("--due", "2026-11-20", "Visit her at home", "--as-of", "2026-11-03"),
    )
    assert done.exit_code == 0, done.output
    assert load(book, "actions", OTHER)[0]["meeting"] == "M1"
    assert load(book, "actions", CASE) == []


def test_the_minutes_record_each_adults_part_in_her_case(tmp_path: Path) -> None:
    book = shared_book(tmp_path)
    result = run(book, *RECORD)
    assert result.exit_code == 0, result.output
    assert f"  and its part in {OTHER}" in result.stdout
    part = meeting(book, "M1", OTHER)
    assert part["status"] == "held"
    minutes = part["minutes"]
    assert minutes["held_on"].isoformat() == "2026-11-03"
    assert minutes["wishes"]["views"] == "She wants to stay in her flat"
    assert minutes["risks"][0]["risk"] == "Pressure to hold drugs"
    assert minutes["others_at_risk"]["reviewed"] is True
    assert minutes["feedback"]["by"] == {"agency": "asc", "name": "Sam Patel"}
    own = meeting(book, "M1")["minutes"]
    assert own["wishes"]["views"] == "He wants the visitors gone"
    assert "She wants" not in text(book, CASE)
    checked = run(book, "validate", "--as-of", "2026-11-04", "--select", "INT,EMP003,PRT")
    assert checked.exit_code == 0, checked.output


def test_views_of_an_adult_the_meeting_is_not_about_are_refused(tmp_path: Path) -> None:
    book = shared_book(tmp_path)
    before = snapshot(book)
    args = [a.replace(f"{OTHER}=She", "SG-2026-0002=She") for a in RECORD]
    result = run(book, *args)
    assert result.exit_code == 3
    assert f"M1 is not about the adult of SG-2026-0002 (its other adults: {OTHER})" in (
        result.output
    )
    assert snapshot(book) == before


def test_the_meeting_is_changed_on_the_meeting_not_on_a_part(tmp_path: Path) -> None:
    book = shared_book(tmp_path)
    refused = run(book, "meeting", "cancel", OTHER, "M1", "--reason", "Not needed")
    assert refused.exit_code == 3
    assert f"M1 of {OTHER} is its part of {CASE}'s M1" in refused.output
    done = run(book, "meeting", "cancel", CASE, "M1", "--reason", "Both moved away")
    assert done.exit_code == 0, done.output
    part = meeting(book, "M1", OTHER)
    assert (part["status"], part["cancel_reason"]) == ("cancelled", "Both moved away")


def test_no_no_meeting_nudge_once_her_meeting_was_held(tmp_path: Path) -> None:
    def nudged(book: Path) -> list[tuple[str, str]]:
        digest = run(book, "overdue", "--as-of", "2026-11-30", "--format", "json")
        return [(i["kind"], i["case"]) for i in json.loads(digest.stdout)["items"]]

    # Called for her too: once its time passed with no minutes, both cases say so.
    planned = nudged(shared_book(tmp_path / "planned"))
    assert ("minutes-not-recorded", OTHER) in planned
    assert ("no-meeting", OTHER) not in planned
    held = nudged(shared_book(tmp_path / "held", held=True))
    # Held: no meeting nudge for either adult; each is owed the feedback (EMP003 too).
    assert sorted((kind, case) for kind, case in held if case in (CASE, OTHER)) == [
        ("feedback-not-given", CASE),
        ("feedback-not-given", OTHER),
        ("minutes-not-shared", CASE),
    ]
    assert ("minutes-not-shared", CASE) in held


def test_the_installed_command_writes_both_cases(tmp_path: Path) -> None:
    from meeting_book import add_case, make_book

    book = make_book(tmp_path)
    add_case(book, OTHER)
    done = safecli_in(book, *NEW)
    assert done.exit_code == 0, done.stderr
    assert "convened_in: {case: SG-2026-0001, meeting: M1}" in text(book, OTHER)
    assert list((book / "cases" / OTHER).glob(".safecli-*")) == []


def test_moving_the_meeting_moves_it_in_her_case(tmp_path: Path) -> None:
    book = shared_book(tmp_path)
    moved = run(
        book,
        "meeting",
        "reschedule",
        CASE,
        "M1",
        "--when",
        "2026-11-04 14:00",
        "--as-of",
        "2026-11-01",
    )
    assert moved.exit_code == 0, moved.output
    assert f"wrote cases/{OTHER}/meetings.yaml" in moved.stdout
    assert meeting(book, "M1", OTHER)["when"] == "2026-11-04T14:00"
    refused = run(book, "meeting", "reschedule", OTHER, "M1", "--when", "2026-11-05 14:00")
    assert refused.exit_code == 3
    assert f"change the meeting there, in {CASE} M1" in refused.output
    checked = run(book, "validate", "--as-of", "2026-11-01", "--select", "INT")
    assert checked.exit_code == 0, checked.output


def test_her_part_shows_the_meeting_with_what_was_recorded_for_her(tmp_path: Path) -> None:
    book = shared_book(tmp_path, held=True)
    shown = run(book, "meeting", "show", OTHER, "M1").stdout
    assert f"  Part of: {CASE} M1 (a meeting about several adults, recorded there" in shown
    assert "  Chair: police:DC Lee Jones" in shown
    assert "  Attended: police:DC Lee Jones, asc:Sam Patel" in shown
    assert "  Adult's wishes: She wants to stay in her flat" in shown
    shared = run(book, "meeting", "share", OTHER, "M1", "--with", "police", "--as-of", "2026-11-04")
    assert shared.exit_code == 3
    assert f"change the meeting there, in {CASE} M1" in shared.output


def test_another_adult_may_be_left_out_of_the_meeting_with_a_reason(tmp_path: Path) -> None:
    from meeting_book import add_case, make_book

    book = make_book(tmp_path)
    add_case(book, OTHER)
    done = run(book, *NEW, "--subject-not-invited", f"{OTHER}=Seen alone the day before")
    assert done.exit_code == 0, done.output
    assert dict(meeting(book, "M1", OTHER)["adult"]) == {
        "invited": False,
        "not_invited_reason": "Seen alone the day before",
    }
    assert meeting(book, "M1")["adult"]["invited"] is True
    wrong = run(book, *NEW, "--subject-not-invited", "SG-2026-0002=Not a subject")
    assert wrong.exit_code == 3
    assert "naming a case also given with --subject" in wrong.output


def test_feedback_to_the_other_adult_is_added_to_her_part_afterwards(tmp_path: Path) -> None:
    from shared_book import RECORD

    book = shared_book(tmp_path)
    at = RECORD.index("--feedback-of")
    recorded = run(book, *RECORD[:at], *RECORD[at + 2 :])
    assert recorded.exit_code == 0, recorded.output
    assert meeting(book, "M1", OTHER)["minutes"].get("feedback") is None
    told = run(
        book,
        *("meeting", "feedback", OTHER, "M1", "--how", "A phone call", "--by", "asc:Sam Patel"),
        *("--given-on", "2026-11-04", "--as-of", "2026-11-04"),
    )
    assert told.exit_code == 0, told.output
    feedback = meeting(book, "M1", OTHER)["minutes"]["feedback"]
    assert (feedback["how"], feedback["given_on"].isoformat()) == ("A phone call", "2026-11-04")
    assert meeting(book, "M1")["minutes"]["feedback"]["how"] == "A visit"
    digest = run(book, "overdue", "--as-of", "2026-11-30", "--format", "json")
    owed = [
        i["case"] for i in json.loads(digest.stdout)["items"] if i["kind"] == "feedback-not-given"
    ]
    assert owed == [CASE]
    minutes = run(book, "render", "minutes", CASE, "M1", "--as-of", "2026-11-30").stdout
    assert "A phone call, Sam Patel (" in minutes
    assert "given on 4 Nov 2026" in minutes
