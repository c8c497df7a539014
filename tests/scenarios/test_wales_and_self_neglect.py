"""A Welsh s126 strategy discussion, and a self-neglect meeting when the adult meets
the three tests but will not engage: built only with commands."""

from __future__ import annotations

from pathlib import Path

import pytest
from practice import Practice, open_book

CASE = "SG-2026-0001"


def _case(p: Practice, on: str, *args: str) -> None:
    p.do("case", "new", *args, "--lead-agency", "asc", "--lead-agency-name",
         "Adult Social Care", "--care-needs", "--at-risk", "--unable-to-protect",
         on=on)  # fmt: skip


@pytest.mark.parametrize("left_out", [None, "feedback"])
def test_wales_s126_strategy_discussion(tmp_path: Path, left_out: str | None) -> None:
    """Gwen Pritchard, 79, has dementia and lives in a care home in Gwynedd. A care
    worker sees bruises on her arms and the home reports it the same afternoon. Rhys
    Owen, the council's lead coordinator, holds an s126 strategy discussion by video
    the next day with the home's manager. Gwen cannot take part but her daughter
    says Gwen wants to stay where she is. They agree a body map and a review. Rhys
    types the minutes up that evening, before anyone has decided how Gwen will be
    told: in Wales that feedback is required, but not by a given day, so the
    minutes are saved with a warning (EMP003) and the digest lists it as due. The
    next morning Rhys visits her daughter and records it with `meeting feedback`.
    Left out: the feedback is never recorded; the case cannot be closed without it."""
    p = open_book(tmp_path, "wales")
    _case(p, "2026-11-02", "--name", "Gwen Pritchard", "--dob", "1947-02-11",
          "--risk", "high", "--coordinator", "Rhys Owen", "--concern-type", "physical",
          "--concern-summary", "Bruises on both arms")  # fmt: skip
    p.do("agency", "add", CASE, "home", "--name", "Bryn Care Home", "--kind",
         "care-provider", "--person", "Sian Hughes;Manager")  # fmt: skip
    p.do("case", "update", CASE, "--engagement", "partial", "--representative",
         "Mair Pritchard;daughter", on="2026-11-02")  # fmt: skip
    p.do("case", "wishes", CASE, "--asked-on", "2026-11-02", "--outcome",
         "To stay at Bryn with her friends", on="2026-11-02")  # fmt: skip
    p.do("case", "others-at-risk", CASE, "--no-children", "--adults", "--notes",
         "Other residents", "--referral-made", "2026-11-02", on="2026-11-02")  # fmt: skip
    p.do("meeting", "new", CASE, "--type", "s126-strategy", "--format", "discussion",
         "--mode", "virtual", "--link", "https://meet.example.org/g", "--when",
         "2026-11-03 14:00", "--purpose", "Keep Gwen safe at Bryn", "--chair",
         "asc:Rhys Owen", "--invite", "home:Sian Hughes:Runs the home",
         "--adult-not-invited-reason", "Dementia; her daughter speaks for her",
         on="2026-11-02")  # fmt: skip
    recorded = p.do("meeting", "record", CASE, "M1", "--held-on", "2026-11-03", "--attendee",
                    "asc:Rhys Owen", "--attendee", "home:Sian Hughes", "--wishes",
                    "To stay at Bryn", "--wishes-obtained-by", "Her daughter, by phone",
                    "--risk",
                    "Rough handling at night|Two staff at night|Agency staff change often",
                    "--others-reviewed", "--adults", "Other residents: referred", "--children",
                    "None visit", "--no-children-at-risk", "--adults-at-risk",
                    "--referral-made", "2026-11-02", "--decision", "Body map and a review",
                    "--review", "2026-11-17", on="2026-11-03")  # fmt: skip
    assert "meetings.yaml:53:5: warning EMP003 M1: how and by whom the adult hears" in recorded
    assert "in Wales it is required" in recorded
    p.do("action", "add", CASE, "--meeting", "M1", "--lead", "home:Sian Hughes",
         "--due", "2026-11-05", "--risk", "1", "Body map each morning", on="2026-11-03")  # fmt: skip
    p.do("meeting", "share", CASE, "M1", "--with", "asc", "--with", "home", "--on",
         "2026-11-04", on="2026-11-04")  # fmt: skip
    owed = ("overdue", "--kind", "feedback-not-given")
    assert "feedback to the adult" in p.do(*owed, on="2026-11-20")
    if left_out == "feedback":
        assert p.findings("2026-11-05") == [("EMP003", "meetings", 53, 5)]
        p.do("action", "done", CASE, "A1", "--on", "2026-11-05", on="2026-11-20")
        refused = p.refused("case", "close", CASE, "--reason", "Safe at Bryn",
                            "--outcomes-asked", "--outcomes-expressed", "--achieved",
                            "fully", on="2026-11-20")  # fmt: skip
        assert "error EMP003 M1: the case is closed, but how and by whom the adult" in refused
        assert f"(safecli meeting feedback {CASE} M1 --how --by)" in refused
        return
    # Rhys visits her daughter the next morning: how, by whom and when, after the minutes.
    told = p.do("meeting", "feedback", CASE, "M1", "--how", "Visit to her daughter", "--by",
                "asc:Rhys Owen", "--due", "2026-11-05", "--given-on", "2026-11-04",
                on="2026-11-04")  # fmt: skip
    assert "EMP003" not in told
    assert p.findings("2026-11-05") == []
    assert "feedback to the adult" not in p.do(*owed, on="2026-11-20")


@pytest.mark.parametrize("left_out", [None, "engage lead"])
def test_self_neglect_with_the_three_tests_met(tmp_path: Path, left_out: str | None) -> None:
    """Frank Doyle, 67, has COPD; his flat is so full that paramedics could not reach
    him when he fell, and he has been admitted three times since summer. He will
    not let the district nurses in. `meeting suggest` puts the s42 strategy
    discussion first because the three tests are met, with the self-neglect meeting
    to consider; the team holds both. At the self-neglect meeting the fire service
    and the GP agree that the GP, whom Frank trusts, is the one agency to engage him,
    with a review in a month. Left out: nobody is named to engage him (PRE001)."""
    p = open_book(tmp_path)
    day = "2026-11-02"
    _case(p, day, "--name", "Frank Doyle", "--dob", "1959-06-30", "--risk", "high",
          "--coordinator", "Ben Ash", "--concern-type", "self-neglect",
          "--concern-summary", "Hoarding; falls; refuses care")  # fmt: skip
    p.do("agency", "add", CASE, "gp", "--name", "Elm Surgery", "--kind", "gp",
         "--person", "Dr Ada Kerr")  # fmt: skip
    p.do("agency", "add", CASE, "fire", "--name", "Fire and Rescue", "--kind", "fire",
         "--person", "Sam Cole;Safety officer")  # fmt: skip
    for admitted in ("2026-07-04", "2026-08-19", "2026-10-28"):
        p.do("case", "event", "add", CASE, "--on", admitted, "--kind", "hospital-admission",
             "--by", "gp", "--summary", "Fall at home", on=day)  # fmt: skip
    p.do("case", "update", CASE, "--engagement", "not-engaging", on=day)
    p.do("case", "wishes", CASE, "--asked-on", day, "--outcome", "To be left in my home",
         on=day)  # fmt: skip
    p.do("case", "others-at-risk", CASE, "--no-children", "--no-adults", on=day)
    suggested = p.do("meeting", "suggest", CASE)
    assert "s42-strategy" in suggested.split("\n", 1)[0], suggested
    assert "self-neglect" in suggested
    p.do("meeting", "new", CASE, "--type", "self-neglect", "--format", "meeting",
         "--mode", "in-person", "--where", "Elm Surgery", "--when", "2026-11-09 10:00",
         "--purpose", "A plan to engage Frank", "--chair", "asc:Ben Ash",
         "--invite", "gp:Dr Ada Kerr:Frank trusts her", "--invite",
         "fire:Sam Cole:Fire risk in the flat", "--adult-invited", on=day)  # fmt: skip
    lead = [] if left_out == "engage lead" else ["--engage-lead", "gp"]
    p.do("meeting", "record", CASE, "M1", "--held-on", "2026-11-09", "--attendee",
         "asc:Ben Ash", "--attendee", "gp:Dr Ada Kerr", "--attendee", "fire:Sam Cole",
         *lead, "--wishes", "To stay at home, no strangers in", "--wishes-obtained-by",
         "He came with his GP", "--risk", "Fire and falls|Smoke alarms fitted|"
         "He refuses visits", "--others-reviewed", "--adults", "None",
         "--children", "None", "--decision", "The GP leads the contact",
         "--review", "2026-12-09", "--feedback-how", "At the meeting",
         "--feedback-by", "gp:Dr Ada Kerr", "--feedback-due", "2026-11-09",
         on="2026-11-09")  # fmt: skip
    p.do("action", "add", CASE, "--meeting", "M1", "--lead", "fire:Sam Cole", "--due",
         "2026-11-16", "--risk", "1", "Home fire safety visit with the GP", on="2026-11-09")  # fmt: skip
    p.do("meeting", "share", CASE, "M1", "--with", "asc", "--with", "gp", "--with", "fire",
         "--on", "2026-11-10", on="2026-11-10")  # fmt: skip
    expected = [] if left_out is None else [("PRE001", "meetings", 37, 5)]
    assert p.findings("2026-11-11") == expected
