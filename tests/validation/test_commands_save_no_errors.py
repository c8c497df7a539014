"""Issue 11's "commands save what validate rejects", item by item: each command is now
refused with the error validate reports on the same record written by hand (same code,
message and place; exit 3; nothing written). The date of birth in the future is held by
tests/cli/test_rulebook.py, the case for a 15-year-old with no transition reason by the
PRT005 row of test_rule_commands.py; the rest are here."""

from __future__ import annotations

from pathlib import Path

from conftest import snapshot
from practice import Practice, open_book

CASE = "SG-2026-0001"
YOUNG = "SG-2026-0002"
CASE_NEW = ("case", "new", "--risk", "high", "--lead-agency", "asc", "--lead-agency-name",
            "Adult Social Care", "--coordinator", "Sam Patel", "--concern-type", "financial",
            "--concern-summary", "Cash", "--care-needs", "--at-risk", "--unable-to-protect",
            "--as-of", "2026-11-20")  # fmt: skip
MEETING = ("meeting", "new", CASE, "--format", "discussion", "--mode", "telephone", "--when",
           "2026-11-24 10:00", "--purpose", "Plan", "--chair", "asc:Sam Patel",
           "--adult-invited")  # fmt: skip


def _errors(output: str, code: str) -> list[str]:
    return [
        line.removeprefix("safecli: error: ").strip()
        for line in output.splitlines()
        if f"error {code} " in line
    ]


def _refused(p: Practice, code: str, *command: str) -> list[str]:
    before = snapshot(p.root)
    status, output = p.run(*command)
    assert status == 3, output
    assert f"nothing written: the change would break {code}" in output
    assert snapshot(p.root) == before
    return _errors(output, code)


def _validated(p: Practice, code: str, on: str) -> list[str]:
    _, output = p.run("validate", "--no-cache", "--select", code, "--as-of", on)
    return _errors(output, code)


def _hand_edit(p: Practice, case: str, kind: str, old: str, new: str) -> None:
    path = p.root / "cases" / case / f"{kind}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_invitations_dated_after_the_meeting_are_refused_as_validate_reports_them(
    tmp_path: Path,
) -> None:
    p = open_book(tmp_path)
    p.do(*CASE_NEW, "--name", "Ann Example")
    refused = _refused(p, "INT005", *MEETING, "--type", "s42-strategy", "--invited-on",
                       "2026-11-25", "--as-of", "2026-11-25")  # fmt: skip
    assert refused == [
        (
            f"cases/{CASE}/meetings.yaml:12:15: error INT005 invited_on 2026-11-25 is after the "
            "meeting's date (2026-11-24) (integrity)"
        )
    ]
    p.do(*MEETING, "--type", "s42-strategy", "--invited-on", "2026-11-20", "--as-of",
         "2026-11-20")  # fmt: skip
    _hand_edit(p, CASE, "meetings", "invited_on: 2026-11-20", "invited_on: 2026-11-25")
    assert _validated(p, "INT005", "2026-11-25") == refused


def test_a_case_as_its_own_subject_is_refused_as_validate_reports_it(tmp_path: Path) -> None:
    p = open_book(tmp_path)
    p.do(*CASE_NEW, "--name", "Ann Example")
    refused = _refused(p, "INT003", *MEETING, "--type", "s42-strategy", "--subject", CASE,
                       "--as-of", "2026-11-20")  # fmt: skip
    assert len(refused) == 1 and "a case is not its own subject" in refused[0]
    p.do(*MEETING, "--type", "s42-strategy", "--as-of", "2026-11-20")
    _hand_edit(p, CASE, "meetings", "subjects: []", f"subjects:\n    - {CASE}")
    assert _validated(p, "INT003", "2026-11-20") == refused


def test_a_best_interests_meeting_for_a_15_year_old_is_refused_as_validate_reports_it(
    tmp_path: Path,
) -> None:
    p = open_book(tmp_path)
    p.do(*CASE_NEW, "--name", "Ann Example")
    p.do(*CASE_NEW, "--name", "Kay Young", "--dob", "2011-06-01", "--transition-reason",
         "Planning the move to adult services")  # fmt: skip
    young = tuple(YOUNG if arg == CASE else arg for arg in MEETING)
    refused = _refused(p, "PRT003", *young, "--type", "best-interests", "--decision-maker",
                       "asc:Sam Patel", "--as-of", "2026-11-20")  # fmt: skip
    assert refused == [
        (
            f"cases/{YOUNG}/meetings.yaml:2:9: error PRT003 M1: the person is under 16 on the day "
            "of the meeting; the Mental Capacity Act applies from 16 (protection)"
        )
    ]
    p.do(*young, "--type", "s42-strategy", "--as-of", "2026-11-20")
    _hand_edit(p, YOUNG, "meetings", "type: s42-strategy", "type: best-interests")
    _hand_edit(
        p,
        YOUNG,
        "meetings",
        "decision_maker: null",
        "decision_maker: {agency: asc, name: Sam Patel}",
    )
    assert _validated(p, "PRT003", "2026-11-20") == refused


def test_s126_feedback_with_no_one_to_give_it_warns_and_closing_so_is_refused(
    tmp_path: Path,
) -> None:
    """Feedback how, by no one: a warning while the case is open (it may be given after
    the minutes), printed by the command as validate prints it; an error once closed, so
    `case close` is refused as validate reports a case closed by hand."""
    p = open_book(tmp_path, "wales")
    p.do(*CASE_NEW, "--name", "Ann Example")
    p.do(*MEETING, "--type", "s126-strategy", "--as-of", "2026-11-20")
    status, output = p.run("meeting", "record", CASE, "M1", "--held-on", "2026-11-24",
                           "--attendee", "asc:Sam Patel", "--feedback-how", "Visit",
                           "--as-of", "2026-11-24")  # fmt: skip
    assert status == 0, output
    warned = [line for line in output.splitlines() if "warning EMP003" in line]
    assert len(warned) == 1 and "by whom the adult hears" in warned[0], output
    _, shown = p.run("validate", "--no-cache", "--select", "EMP003", "--as-of", "2026-11-24")
    assert [line for line in shown.splitlines() if "EMP003" in line] == warned
    refused = _refused(p, "EMP003", "case", "close", CASE, "--reason", "Safe",
                       "--outcomes-asked", "--outcomes-not-expressed", "--as-of",
                       "2026-11-30")  # fmt: skip
    assert len(refused) == 1 and "M1: the case is closed, but by whom" in refused[0]
    _hand_edit(p, CASE, "adult", "status: open", "status: closed")
    assert _validated(p, "EMP003", "2026-11-30") == refused


def test_case_update_corrects_the_date_of_birth_through_the_rulebook(tmp_path: Path) -> None:
    p = open_book(tmp_path)
    p.do(*CASE_NEW, "--name", "Ann Example", "--dob", "1950-01-01")
    update = ("case", "update", CASE, "--as-of", "2026-11-21", "--dob")
    refused = _refused(p, "INT005", *update, "2030-01-01")
    assert refused == [
        (
            f"cases/{CASE}/adult.yaml:7:16: error INT005 date_of_birth is after the case was "
            "opened (2026-11-20) (integrity)"
        )
    ]
    assert _refused(p, "PRT005", *update, "2011-06-01")
    p.do(*update, "14/03/1941")
    adult = (p.root / "cases" / CASE / "adult.yaml").read_text(encoding="utf-8")
    assert "date_of_birth: 1941-03-14\n" in adult
    _hand_edit(p, CASE, "adult", "date_of_birth: 1941-03-14", "date_of_birth: 2030-01-01")
    assert _validated(p, "INT005", "2026-11-21") == refused
