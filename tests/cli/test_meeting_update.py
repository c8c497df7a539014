"""`safecli meeting update`: the plan of a meeting not yet held changes, through the rulebook."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import safecli_in
from meeting_book import CASE, STRATEGY, make_book, meeting, record_args, run, snapshot


@pytest.fixture
def book(tmp_path: Path) -> Path:
    root = make_book(tmp_path)
    assert run(root, *STRATEGY, "--agenda", "Risks", "--agenda", "Next steps").exit_code == 0
    return root


def update(book: Path, *args: str, **kwargs: object) -> object:
    return run(book, "meeting", "update", CASE, "M1", *args, "--as-of", "2026-11-02", **kwargs)


def test_flags_change_the_plan_and_raise_the_calendar_sequence(book: Path) -> None:
    result = update(
        book,
        "--when",
        "2026-11-04 14:00",
        "--link",
        "https://meet.example/abc",
        "--purpose",
        "Agree protection and the enquiry",
        "--agenda-add",
        "Housing options",
        "--agenda-remove",
        "1",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "updated M1: when, link, purpose, agenda",
        (
            "calendar sequence 1; send the update: safecli render invitation SG-2026-0001 M1 "
            "--format eml | sendmail -t"
        ),
    ]
    assert "wrote cases/SG-2026-0001/meetings.yaml" in result.stdout
    stored = meeting(book, "M1")
    assert stored["when"] == "2026-11-04T14:00"
    assert stored["link"] == "https://meet.example/abc"
    assert stored["purpose"] == "Agree protection and the enquiry"
    assert stored["agenda"] == ["Next steps", "Housing options"]
    assert stored["sequence"] == 1


def test_the_agenda_is_replaced_and_lines_removed_by_text(book: Path) -> None:
    assert update(book, "--agenda", "One", "--agenda", "Two", "--agenda", "Three").exit_code == 0
    result = update(book, "--agenda-remove", "Two", "--agenda-remove", "3")
    assert result.exit_code == 0, result.output
    assert meeting(book, "M1")["agenda"] == ["One"]
    assert "sequence" not in result.stdout  # calendars do not show the agenda


def test_the_same_values_change_nothing(book: Path) -> None:
    before = snapshot(book)
    result = update(book, "--when", "2026-11-03 10:00", "--mode", "VIRTUAL")
    assert result.exit_code == 0, result.output
    assert result.stdout == "M1: nothing changed\n"
    assert snapshot(book) == before


def test_a_change_validate_calls_an_error_is_refused(book: Path) -> None:
    before = snapshot(book)
    result = update(book, "--chair", "police:DC Lee Jones")
    assert result.exit_code == 3
    assert "ACC001" in result.stderr
    assert "nothing written: the change would break ACC001" in result.stderr
    assert snapshot(book) == before


def test_a_warning_the_change_brings_in_is_printed_with_its_code(book: Path) -> None:
    # Invitations went out on 2026-11-02: a meeting the same afternoon gives no notice.
    result = update(book, "--when", "2026-11-02 15:00")
    assert result.exit_code == 0, result.output
    assert "PAR001" in result.stderr
    assert meeting(book, "M1")["when"] == "2026-11-02T15:00"


def test_a_held_meeting_keeps_its_plan(book: Path) -> None:
    assert run(book, *record_args()).exit_code == 0
    before = snapshot(book)
    result = update(book, "--when", "2026-11-05 10:00")
    assert result.exit_code == 3
    assert "M1 was held on 2026-11-03 and its minutes are recorded" in result.stderr
    assert "the plan of a held meeting cannot change" in result.stderr
    assert snapshot(book) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give what changes: --when"),
        (("--mode", "carrier-pigeon"), "invalid mode 'carrier-pigeon'"),
        (("--agenda-remove", "7"), "no agenda line matches to remove; give its number (1 to 2)"),
        (("--agenda-add", " "), "an agenda line cannot be empty"),
        (("--chair", "police:Nobody"), "Nobody"),
        (("--when", "someday"), "someday"),
    ],
)
def test_bad_changes_are_refused_with_nothing_written(
    book: Path, args: tuple[str, ...], message: str
) -> None:
    before = snapshot(book)
    result = update(book, *args)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
    assert snapshot(book) == before


def test_at_a_terminal_each_part_is_asked_and_empty_keeps_it(book: Path) -> None:
    # when; keep mode, place, link, purpose, chair; take off line 2; add one line
    answers = "2026-11-05 09:30\n\n\n\n\n\n2\n\nBank's evidence\n\n"
    result = update(book, interactive=True, input=answers + "\n")
    assert result.exit_code == 0, result.output
    assert "When, e.g. 2026-12-01 10:00 (now 2026-11-03T10:00; empty keeps it)" in result.output
    assert "agenda 2. Next steps" in result.output
    stored = meeting(book, "M1")
    assert stored["when"] == "2026-11-05T09:30"
    assert stored["agenda"] == ["Risks", "Bank's evidence"]
    assert stored["mode"] == "virtual"


def test_ctrl_c_at_a_prompt_exits_130_with_nothing_written(book: Path) -> None:
    before = snapshot(book)
    result = update(book, interactive=True, input="")  # end of input: like Ctrl-C
    assert result.exit_code == 130
    assert snapshot(book) == before


def test_the_installed_command_updates_a_meeting(book: Path) -> None:
    done = safecli_in(
        book, "meeting", "update", CASE, "M1", "--where", "Town Hall", "--mode", "in-person"
    )
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith("updated M1: where, mode\ncalendar sequence 1;")
    assert meeting(book, "M1")["where"] == "Town Hall"


def test_a_meeting_about_several_adults_moves_in_every_case(tmp_path: Path) -> None:
    from shared_book import OTHER, shared_book

    book = shared_book(tmp_path)
    part = run(book, "meeting", "update", OTHER, "M1", "--when", "2026-11-05 10:00")
    assert part.exit_code == 3
    assert f"M1 of {OTHER} is its part of {CASE}'s M1" in part.output
    result = run(book, "meeting", "update", CASE, "M1", "--when", "2026-11-05 10:00")
    assert result.exit_code == 0, result.output
    assert f"wrote cases/{OTHER}/meetings.yaml" in result.stdout
    assert meeting(book, "M1")["when"] == meeting(book, "M1", OTHER)["when"] == "2026-11-05T10:00"
