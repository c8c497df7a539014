"""The minutes of a meeting about several adults: every adult, her agenda, her part."""

from __future__ import annotations

from pathlib import Path

from meeting_book import CASE, run
from shared_book import OTHER, shared_book

SECTION = f"""\
## The adults this meeting is about

### {CASE}: A.E.

- **Agenda:** risks at home
- Recorded in the sections below.

### {OTHER}: A.E.

- **Agenda:** risks at home
- A.E. was invited.
- **Their views:** She wants to stay in her flat
- **Risk:** Pressure to hold drugs; in place: Neighbour checks in; barriers: Fear of him
- **Other adults:** none
- **Children:** none
- **Feedback to the adult:** A phone call, Sam Patel (Asc Service), 5 Nov 2026
- **Actions agreed:** No actions were agreed.

## The adult's wishes
"""


def minutes(book: Path, case: str, *extra: str) -> str:
    result = run(
        book, "render", "minutes", case, "M1", "--format", "md", "--as-of", "2026-11-04", *extra
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_minutes_list_every_adult_by_initials_with_her_agenda_and_part(tmp_path: Path) -> None:
    book = shared_book(tmp_path, held=True)
    text = minutes(book, CASE)
    assert SECTION in text
    assert f"- **Adults:** A.E. ({CASE}), A.E. ({OTHER})\n" in text
    assert "Ann Example" not in text
    assert f"### {OTHER}: Ann Example" in minutes(book, CASE, "--show-names")


def test_her_part_renders_the_minutes_of_the_meeting(tmp_path: Path) -> None:
    book = shared_book(tmp_path, held=True)
    assert minutes(book, OTHER) == minutes(book, CASE)


def test_her_plan_draws_on_her_part(tmp_path: Path) -> None:
    book = shared_book(tmp_path, held=True)
    result = run(book, "render", "plan", OTHER, "--format", "md", "--as-of", "2026-11-04")
    assert result.exit_code == 0, result.output
    assert "**Their views at M1 (3 Nov 2026):** She wants to stay in her flat" in result.stdout
    assert "| M1 | Pressure to hold drugs | Neighbour checks in | Fear of him |" in result.stdout
    assert "- M1: Multi-agency planning meeting (cuckooing), held on 3 Nov 2026" in result.stdout


def test_the_invitation_says_whether_her_interpreter_is_arranged(tmp_path: Path) -> None:
    book = shared_book(tmp_path, interpreter="Polish")
    done = run(book, "meeting", "update", OTHER, "M1", "--interpreter-not-arranged")
    assert done.exit_code == 0, done.output
    line = f"- For A.E. ({OTHER}): An interpreter for Polish is needed and is not arranged yet."
    for fmt in ("md", "txt"):
        result = run(
            book, "render", "invitation", CASE, "M1", "--format", fmt, "--as-of", "2026-11-02"
        )
        assert result.exit_code == 0, result.output
        assert line in " ".join(result.stdout.split()), fmt
    done = run(book, "meeting", "update", OTHER, "M1", "--interpreter-arranged")
    assert done.exit_code == 0, done.output
    result = run(
        book, "render", "invitation", CASE, "M1", "--format", "md", "--as-of", "2026-11-02"
    )
    assert f"- For A.E. ({OTHER}): An interpreter for Polish is needed; one is arranged.\n" in (
        result.stdout
    )


def test_the_invitation_names_no_interpreter_for_an_adult_who_needs_none(tmp_path: Path) -> None:
    book = shared_book(tmp_path)
    result = run(
        book, "render", "invitation", CASE, "M1", "--format", "md", "--as-of", "2026-11-02"
    )
    assert result.exit_code == 0, result.output
    assert "interpreter" not in result.stdout
