"""`meeting record` of a meeting about several adults asks about each other adult: at a
terminal adult by adult (initials, not names), and on the --edit form a section each;
what is given goes to her part of the meeting in her own case, as the --*-of flags do."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import snapshot
from meeting_book import CASE, meeting, run
from shared_book import OTHER, shared_book

AS_OF = ("--as-of", "2026-11-04")
MAIN = (
    *("--held-on", "2026-11-03", "--attendee", "police:DC Lee Jones", "--engage-lead", "asc"),
    *("--wishes", "He wants the visitors gone", "--review", "2026-12-01"),
)
ANSWERS = [
    "housing",  # the agency best placed to engage her (cuckooing must record it)
    "She wants to stay in her flat",
    "Pressure to hold drugs|Neighbour checks in|Fear of him",
    "",  # no more risks
    "none|none",
    "A phone call|asc:Sam Patel|2026-11-05",
]


def test_at_a_terminal_each_other_adult_is_asked_by_initials(tmp_path: Path) -> None:
    book = shared_book(tmp_path)
    result = run(
        book,
        *("meeting", "record", CASE, "M1", *MAIN, *AS_OF),
        interactive=True,
        input="\n".join(ANSWERS) + "\n",
    )
    assert result.exit_code == 0, result.output
    assert f"The other adult A.E. ({OTHER}):" in result.output
    assert f"A.E. ({OTHER}): their views (optional)" in result.output
    assert "Ann Example" not in result.output
    minutes = meeting(book, "M1", OTHER)["minutes"]
    assert minutes["engage_lead"] == "housing"
    assert minutes["wishes"]["views"] == "She wants to stay in her flat"
    assert minutes["risks"][0]["barriers"] == "Fear of him"
    assert (minutes["others_at_risk"]["reviewed"], minutes["others_at_risk"]["adults"]) == (
        True,
        "none",
    )
    assert minutes["feedback"]["by"] == {"agency": "asc", "name": "Sam Patel"}
    assert "She wants" not in (book / "cases" / CASE / "meetings.yaml").read_text()


def test_a_wrong_answer_is_asked_again(tmp_path: Path) -> None:
    book = shared_book(tmp_path)
    answers = [*ANSWERS[:5], "A phone call|Sam Patel", ANSWERS[5]]
    result = run(
        book,
        *("meeting", "record", CASE, "M1", *MAIN, *AS_OF),
        interactive=True,
        input="\n".join(answers) + "\n",
    )
    assert result.exit_code == 0, result.output
    assert "invalid person" in result.output
    assert meeting(book, "M1", OTHER)["minutes"]["feedback"]["how"] == "A phone call"


def test_flags_for_the_other_adults_leave_nothing_to_ask(tmp_path: Path) -> None:
    book = shared_book(tmp_path)
    result = run(
        book,
        *("meeting", "record", CASE, "M1", *MAIN, *AS_OF),
        *("--views-of", f"{OTHER}=She wants to stay"),
        interactive=True,
        input="\n" * 5,
    )
    assert result.exit_code == 0, result.output
    assert "The other adult" not in result.output
    assert meeting(book, "M1", OTHER)["minutes"]["wishes"]["views"] == "She wants to stay"


# An editor that fills in the minutes form: the meeting's own lines, then hers.
EDITOR = """\
import pathlib, sys
p = pathlib.Path(sys.argv[1])
text = p.read_text()
pathlib.Path(FORM).write_text(text)
text = text.replace("attendees: []", "attendees:\\n  - {agency: police, name: DC Lee Jones}", 1)
text = text.replace("engage_lead: null", "engage_lead: asc", 1)
text = text.replace("  date: null", "  date: 2026-12-01", 1)
head, sep, hers = text.partition("adults:\\n")
hers = hers.replace("views: null", "views: She wants to stay in her flat")
hers = hers.replace("risk: null", "risk: Pressure to hold drugs")
hers = hers.replace("actions: []", "actions: [ACTION]")
p.write_text(head + sep + hers)
"""


def editor(tmp_path: Path, action: str = "") -> dict[str, str]:
    script = tmp_path / "editor.py"
    form = repr(str(tmp_path / "form.txt"))
    script.write_text(EDITOR.replace("ACTION", action).replace("FORM", form))
    return {"EDITOR": f"{sys.executable} {script}", "VISUAL": ""}


def test_the_minutes_form_has_a_section_for_her(tmp_path: Path) -> None:
    book = shared_book(tmp_path)
    result = run(book, "meeting", "record", CASE, "M1", "--edit", *AS_OF, env=editor(tmp_path))
    assert result.exit_code == 0, result.output
    assert f"  and its part in {OTHER}" in result.stdout
    minutes = meeting(book, "M1", OTHER)["minutes"]
    assert minutes["wishes"]["views"] == "She wants to stay in her flat"
    assert minutes["risks"][0]["risk"] == "Pressure to hold drugs"
    assert meeting(book, "M1")["minutes"]["engage_lead"] == "asc"
    blank = (tmp_path / "form.txt").read_text()
    assert f"  # People of {OTHER}: asc (Sam Patel, Helen Forsyth); police" in blank
    assert f"  - case: {OTHER}   # A.E.\n" in blank
    assert "Ann Example" not in blank


def test_a_form_naming_an_action_her_case_lacks_is_refused_with_nothing_written(
    tmp_path: Path,
) -> None:
    book = shared_book(tmp_path)
    before = snapshot(book)
    result = run(
        book, "meeting", "record", CASE, "M1", "--edit", *AS_OF, env=editor(tmp_path, "A9")
    )
    assert result.exit_code == 3, result.output
    assert "names unknown actions A9" in result.output
    assert "minutes not recorded; your form" in result.output
    assert {k: v for k, v in snapshot(book).items() if ".safecli" not in str(k)} == {
        k: v for k, v in before.items() if ".safecli" not in str(k)
    }
