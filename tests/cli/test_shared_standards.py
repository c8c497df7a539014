"""The standards about the adult are checked for each adult of a meeting about several,
in her own case: her communication needs (EMP004), the agency to engage her (PRE001)."""

from __future__ import annotations

from pathlib import Path

from conftest import snapshot
from meeting_book import CASE, meeting, run
from shared_book import NEW, OTHER, RECORD, codes, shared_book

# The same meeting as an s42 strategy meeting (whose type asks for an advocate or an
# interpreter where needed), chaired by the local authority.
STRATEGY = tuple(
    "s42-strategy" if a == "cuckooing" else "asc:Helen Forsyth" if a == "police:DC Lee Jones" else a
    for a in NEW
)


def validate(book: Path, code: str) -> list[str]:
    return codes(run(book, "validate", "--as-of", "2026-11-02", "--select", code), code)


def test_her_interpreter_is_checked_in_her_case_and_set_on_her_part(tmp_path: Path) -> None:
    book = shared_book(tmp_path, new=STRATEGY, interpreter="Polish")
    assert validate(book, "EMP004") == [f"cases/{OTHER}/meetings.yaml:5:3"]
    checked = run(book, "validate", "--as-of", "2026-11-02", "--select", "EMP004")
    assert (
        f"M1: the adult needs an interpreter, but the meeting does not record that one is "
        f"arranged (adult.interpreter_arranged; safecli meeting update {OTHER} M1 "
        "--interpreter-arranged)"
    ) in checked.stdout
    done = run(book, "meeting", "update", OTHER, "M1", "--interpreter-arranged")
    assert done.exit_code == 0, done.output
    assert meeting(book, "M1", OTHER)["adult"]["interpreter_arranged"] is True
    assert "interpreter_arranged" not in meeting(book, "M1")["adult"]
    assert validate(book, "EMP004") == []


def test_the_rest_of_the_meeting_still_changes_only_where_it_was_called(tmp_path: Path) -> None:
    book = shared_book(tmp_path, new=STRATEGY, interpreter="Polish")
    before = snapshot(book)
    refused = run(
        book, "meeting", "update", OTHER, "M1", "--interpreter-arranged", "--where", "Hall"
    )
    assert refused.exit_code == 3
    assert f"change the meeting there, in {CASE} M1" in refused.output
    assert snapshot(book) == before


def test_her_advocate_is_looked_for_among_the_meetings_invitees(tmp_path: Path) -> None:
    book = shared_book(tmp_path, new=STRATEGY, needs_advocate=True)
    checked = run(book, "validate", "--as-of", "2026-11-02", "--select", "EMP004")
    assert codes(checked, "EMP004") == [f"cases/{OTHER}/meetings.yaml:8:3"]
    assert (
        f"M1: the adult needs an advocate, but no advocate is invited (invite one to the "
        f"meeting, where it was called: {CASE} M1)"
    ) in checked.stdout
    invited = run(book, "meeting", "invite", CASE, "M1", "advocacy:Bea Rowe", "--reason", "Hers")
    assert invited.exit_code == 0, invited.output
    assert validate(book, "EMP004") == []


def test_the_first_adults_needs_are_not_read_for_the_other(tmp_path: Path) -> None:
    book = shared_book(tmp_path, new=STRATEGY)
    assert validate(book, "EMP004") == []


def test_each_adult_has_her_own_agency_to_engage_her(tmp_path: Path) -> None:
    book = shared_book(tmp_path)
    done = run(book, *RECORD)
    assert done.exit_code == 0, done.output
    assert "PRE001" in done.output
    found = run(book, "validate", "--as-of", "2026-11-04", "--select", "PRE001")
    assert codes(found, "PRE001") == [f"cases/{OTHER}/meetings.yaml:9:3"]
    assert f"--engage-lead-of {OTHER}=HANDLE" in found.stdout


def test_engage_lead_of_names_an_agency_of_her_case(tmp_path: Path) -> None:
    book = shared_book(tmp_path)
    done = run(book, *RECORD, "--engage-lead-of", f"{OTHER}=housing")
    assert done.exit_code == 0, done.output
    assert meeting(book, "M1", OTHER)["minutes"]["engage_lead"] == "housing"
    assert meeting(book, "M1")["minutes"]["engage_lead"] == "asc"
    assert validate(book, "PRE001") == []


def test_engage_lead_of_an_unknown_agency_is_refused(tmp_path: Path) -> None:
    book = shared_book(tmp_path)
    before = snapshot(book)
    done = run(book, *RECORD, "--engage-lead-of", f"{OTHER}=bank")
    assert done.exit_code == 3
    assert "bank" in done.output
    assert snapshot(book) == before


def test_her_letter_says_what_her_part_records_about_her_interpreter(tmp_path: Path) -> None:
    """The letter to the second adult reads her own part: unknown, not yet, arranged."""
    book = shared_book(tmp_path, interpreter="Polish")

    def letter() -> str:
        shown = run(book, "render", "invitation", OTHER, "M1", "--to", "adult", "--format", "txt")
        assert shown.exit_code == 0, shown.output
        return " ".join(shown.stdout.split())

    assert "Tell us if you want an interpreter for Polish." in letter()
    run(book, "meeting", "update", OTHER, "M1", "--interpreter-not-arranged")
    assert "We have not booked an interpreter for Polish yet." in letter()
    run(book, "meeting", "update", OTHER, "M1", "--interpreter-arranged")
    assert "An interpreter for Polish will be there for you." in letter()
