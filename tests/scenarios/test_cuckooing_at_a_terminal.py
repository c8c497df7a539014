"""Cuckooing: the case opened by answering `case new`'s prompts at a real terminal
(the installed safecli on a pty), the planning meeting recorded with flags."""

from __future__ import annotations

from pathlib import Path

import pytest
from practice import open_book
from terminal import SAFECLI, Terminal

CASE = "SG-2026-0001"


@pytest.mark.skipif(not SAFECLI.exists(), reason="the safecli console script is not installed")
@pytest.mark.parametrize("left_out", [None, "disagreement outcome"])
def test_cuckooing_opened_at_a_terminal(tmp_path: Path, left_out: str | None) -> None:
    """Tom Reeve, 45, has a learning disability and lives alone in a council flat.
    Neighbours report young men coming and going at all hours; housing finds that
    a county line is dealing from his flat. The housing officer opens the case at
    her terminal, typing his birth date the way she writes it (14/03/1981), and the
    council calls a multi-agency planning meeting with the police. The police want
    to close the flat at once; housing wants Tom moved first: they record the
    disagreement and that it went to the managers, and agree housing will engage
    Tom, with a review in two weeks. Left out: the outcome of the disagreement
    (ACC007)."""
    p = open_book(tmp_path)
    term = Terminal([str(SAFECLI), "--book", str(p.root), "case", "new", "--as-of",
                     "2026-11-02"])  # fmt: skip
    term.answer("Adult's full name", "Tom Reeve")
    term.answer("Preferred name", "Tom")
    term.answer("Date of birth", "14/03/1981")
    term.answer("Address", "")
    term.answer("Interpreter language", "")
    term.answer("Risk level", "High")
    term.answer("Lead agency handle", "asc")
    term.answer("Lead agency's name", "Adult Social Care")
    term.answer("Lead coordinator's name", "Nia Rowe")
    term.answer("Concern type", "financial")
    term.answer("Concern summary", "Flat taken over by dealers")
    term.answer("Has care and support needs?", "yes")
    term.answer("at risk of abuse or neglect?", "y")
    term.answer("cannot protect themselves?", "yes")
    term.answer("Open this case?", "y")
    assert term.finish() == 0, term.text()
    assert f"opened case {CASE}" in term.text()
    day = "2026-11-02"
    p.do("agency", "add", CASE, "housing", "--name", "Housing", "--kind", "housing",
         "--person", "Eve Lang;Housing officer")  # fmt: skip
    p.do("agency", "add", CASE, "police", "--name", "Police", "--kind", "police",
         "--person", "PC Dan Wu")  # fmt: skip
    p.do("case", "update", CASE, "--engagement", "partial", on=day)
    p.do("case", "wishes", CASE, "--asked-on", day, "--outcome", "My flat back", on=day)
    p.do("case", "others-at-risk", CASE, "--no-children", "--no-adults", on=day)
    p.do("meeting", "new", CASE, "--type", "cuckooing", "--format", "meeting", "--mode",
         "in-person", "--where", "Civic Centre", "--when", "2026-11-04 13:00",
         "--purpose", "Get Tom's flat back", "--chair", "asc:Nia Rowe", "--invite",
         "housing:Eve Lang:His landlord", "--invite", "police:PC Dan Wu:The county line",
         "--adult-not-invited-reason", "Not safe to contact him yet", on=day)  # fmt: skip
    outcome = "" if left_out else "Moved first; closure after"
    p.do("meeting", "record", CASE, "M1", "--held-on", "2026-11-04", "--attendee",
         "asc:Nia Rowe", "--attendee", "housing:Eve Lang", "--attendee", "police:PC Dan Wu",
         "--engage-lead", "housing", "--wishes", "Wants his flat back",
         "--wishes-obtained-by", "Housing officer's visit", "--risk",
         "Exploited in his home|Patrols|He lets them in", "--others-reviewed", "--adults",
         "None found", "--children", "None found", "--decision", "Move Tom, then close",
         "--disagreement", f"police:PC Dan Wu|When to close the flat|{outcome}|yes",
         "--review", "2026-11-18", "--feedback-how", "Visit with housing",
         "--feedback-by", "housing:Eve Lang", "--feedback-due", "2026-11-05",
         on="2026-11-04")  # fmt: skip
    p.do("action", "add", CASE, "--meeting", "M1", "--lead", "housing:Eve Lang", "--due",
         "2026-11-11", "--risk", "1", "Offer Tom a safe move", on="2026-11-04")  # fmt: skip
    p.do("meeting", "share", CASE, "M1", "--with", "asc", "--with", "housing", "--with",
         "police", "--on", "2026-11-05", on="2026-11-05")  # fmt: skip
    adult = (p.root / "cases" / CASE / "adult.yaml").read_text()
    assert "date_of_birth: 1981-03-14" in adult and "risk_level: high" in adult
    expected = [] if left_out is None else [("ACC007", "meetings", 56, 9)]
    assert p.findings("2026-11-06") == expected
