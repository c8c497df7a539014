"""The adult's communication needs, recorded with case update, drive every letter to them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from test_render import run

CASE = "SG-2026-0001"  # records 18pt large print and English
AS_OF = ("--as-of", "2026-12-01")


def letter(book: Path, *args: str) -> str:
    result = run(book, "render", "invitation", CASE, "M3", "--to", "adult", *args, *AS_OF)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def update(book: Path, *flags: str) -> Any:
    return run(book, "case", "update", CASE, *flags, *AS_OF)


def test_large_print_and_easy_read_are_recorded_and_followed(example_book: Path) -> None:
    assert "body { font-size: 18pt;" in letter(example_book, "-f", "html")
    assert update(example_book, "--large-print", "24").exit_code == 0
    adult = (example_book / "cases" / CASE / "adult.yaml").read_text(encoding="utf-8")
    assert "  large_print: 24 " in adult
    assert "body { font-size: 24pt;" in letter(example_book, "-f", "html")
    assert update(example_book, "--standard-print", "--easy-read").exit_code == 0
    page = letter(example_book, "-f", "html")
    assert "body { font-size: 14pt;" in page  # easy read is never below 14pt
    assert '<svg class="pictogram"' in page
    assert update(example_book, "--no-easy-read").exit_code == 0
    assert "body { font-size: 12pt;" in letter(example_book, "-f", "html")


def test_the_recorded_language_chooses_the_letters_language(example_book: Path) -> None:
    assert "Dear " in letter(example_book, "-f", "txt")
    assert update(example_book, "--language", "cy").exit_code == 0
    welsh = letter(example_book, "-f", "txt")
    assert "Annwyl" in welsh and "Dear " not in welsh
    assert update(example_book, "--language", "both").exit_code == 0
    both = letter(example_book, "-f", "txt")
    assert both.index("GWAHODDIAD I GYFARFOD") < both.index("INVITATION TO A MEETING")
    feedback = run(example_book, "render", "feedback", CASE, "M2", *AS_OF)
    assert feedback.stdout.index("Annwyl") < feedback.stdout.index("Dear ")


def test_bad_needs_are_refused_and_nothing_changes(example_book: Path) -> None:
    adult = example_book / "cases" / CASE / "adult.yaml"
    before = adult.read_bytes()
    french = update(example_book, "--language", "fr")
    assert french.exit_code == 3
    assert "invalid language 'fr'; choose one of: cy, en, both" in french.stderr
    tiny = update(example_book, "--large-print", "10")
    assert tiny.exit_code == 2
    both = update(example_book, "--large-print", "18", "--standard-print")
    assert both.exit_code == 2
    assert adult.read_bytes() == before


def test_emp004_sees_a_need_the_notes_ask_for_and_the_record_drops(example_book: Path) -> None:
    notes = "Send every letter in 18pt large print."
    result = update(example_book, "--standard-print", "--communication-notes", notes)
    assert result.exit_code == 0, result.output
    assert "warning EMP004 the communication notes ask for large print" in result.stderr
    mended = update(example_book, "--large-print", "18")
    assert "EMP004" not in mended.stderr


def test_the_letter_promises_an_interpreter_only_when_the_meeting_records_one(
    example_book: Path,
) -> None:
    assert update(example_book, "--interpreter", "Polish").exit_code == 0
    unknown = " ".join(letter(example_book, "-f", "txt").split())
    assert "Tell us if you want an interpreter for Polish." in unknown
    assert "will be there for you" not in unknown

    def arranged(flag: str) -> str:
        result = run(example_book, "meeting", "update", CASE, "M3", flag, *AS_OF)
        assert result.exit_code == 0, result.output
        return " ".join(letter(example_book, "-f", "txt").split())

    not_arranged = arranged("--interpreter-not-arranged")
    assert "We have not booked an interpreter for Polish yet." in not_arranged
    assert "We will ask you how you want to be helped to take part." in not_arranged
    assert "will be there for you" not in not_arranged
    booked = arranged("--interpreter-arranged")
    assert "An interpreter for Polish will be there for you." in booked
    assert "not booked" not in booked


def test_the_invitation_says_whether_the_interpreter_is_arranged(example_book: Path) -> None:
    def invitation() -> str:
        result = run(example_book, "render", "invitation", CASE, "M3", "-f", "txt", *AS_OF)
        assert result.exit_code == 0, result.output
        return " ".join(str(result.stdout).split())

    assert "interpreter" not in invitation()
    assert update(example_book, "--interpreter", "Polish").exit_code == 0
    unknown = invitation()
    assert "An interpreter for Polish is needed; whether one is arranged is not recorded." in (
        unknown
    )
    for flag, said in (
        ("--interpreter-not-arranged", "is needed and is not arranged yet."),
        ("--interpreter-arranged", "is needed; one is arranged."),
    ):
        result = run(example_book, "meeting", "update", CASE, "M3", flag, *AS_OF)
        assert result.exit_code == 0, result.output
        shown = invitation()
        assert f"An interpreter for Polish {said}" in shown
        assert shown.count("An interpreter for Polish") == 1
