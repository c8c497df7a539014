"""Two adults, one meeting: cuckooing of a flat where a mother and her adult son live,
built only with commands, checked from each adult's side."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from practice import found_in, open_book

MUM = "SG-2026-0001"
SON = "SG-2026-0002"


def case_new(name: str, dob: str, summary: str) -> tuple[str, ...]:
    return ("case", "new", "--name", name, "--dob", dob, "--risk", "high", "--lead-agency",
            "asc", "--lead-agency-name", "Adult Social Care", "--coordinator", "Nia Rowe",
            "--concern-type", "financial", "--concern-summary", summary, "--care-needs",
            "--at-risk", "--unable-to-protect")  # fmt: skip


@pytest.mark.parametrize("left_out", [None, "the risks to the son"])
def test_one_meeting_about_a_mother_and_her_son(tmp_path: Path, left_out: str | None) -> None:
    """Rose Hart, 71, and her son Carl, 44, who has a learning disability, live in
    her flat; men from a county line have moved in and take her pension. Each has
    a case. The council calls one planning meeting about both, with an agenda for
    each. At it, Rose wants the men gone and Carl wants to stay with his mother;
    housing will engage Rose and the learning disability team Carl. Each adult's
    actions go in her or his own case, against the meeting. The minutes list both
    adults by their initials, each with an agenda. Left out: the risks to Carl
    (PRT001, in his case only)."""
    p = open_book(tmp_path)
    day = "2026-11-02"
    p.do(*case_new("Rose Hart", "1955-02-10", "Pension taken by dealers"), on=day)
    p.do(*case_new("Carl Hart", "1982-06-30", "Exploited by dealers"), on=day)
    for case in (MUM, SON):
        p.do("agency", "add", case, "housing", "--name", "Housing", "--kind", "housing",
             "--person", "Eve Lang;Housing officer")  # fmt: skip
        p.do("agency", "add", case, "police", "--name", "Police", "--kind", "police",
             "--person", "PC Dan Wu")  # fmt: skip
        p.do("case", "update", case, "--engagement", "partial", on=day)
        p.do("case", "wishes", case, "--asked-on", day, "--outcome", "The men gone", on=day)
        p.do("case", "others-at-risk", case, "--no-children", "--no-adults", on=day)
    p.do("agency", "add", SON, "ldt", "--name", "Learning Disability Team", "--kind",
         "local-authority", "--person", "Joe Bell;Nurse")  # fmt: skip
    p.do("meeting", "new", MUM, "--type", "cuckooing", "--format", "meeting", "--mode",
         "in-person", "--where", "Civic Centre", "--when", "2026-11-04 13:00",
         "--purpose", "Make the flat safe for both", "--chair", "asc:Nia Rowe",
         "--invite", "housing:Eve Lang:Their landlord", "--invite",
         "police:PC Dan Wu:The county line", "--subject", SON, "--agenda",
         f"{MUM}: her money and safety at home", "--agenda", f"{SON}: his support",
         "--adult-not-invited-reason", "Not safe to contact them yet", on=day)  # fmt: skip
    shown = p.do("case", "show", SON)
    assert f"also {MUM} (recorded there as M1)" in shown
    risks = [] if left_out else ["--risk-of",
                                 f"{SON}=Made to hold drugs|Police patrols|He trusts the men"]  # fmt: skip
    p.do("meeting", "record", MUM, "M1", "--held-on", "2026-11-04", "--attendee",
         "asc:Nia Rowe", "--attendee", "housing:Eve Lang", "--attendee", "police:PC Dan Wu",
         "--engage-lead", "housing", "--wishes", "Wants the men gone",
         "--wishes-obtained-by", "Housing officer's visit", "--risk",
         "Pension taken|Bank told|The men watch her", "--others-reviewed", "--adults",
         "Her son, who has his own case", "--children", "None found", "--decision",
         "Close the flat to visitors", "--review", "2026-11-18", "--feedback-how",
         "Visit with housing", "--feedback-by", "housing:Eve Lang", "--feedback-due",
         "2026-11-05", "--engage-lead-of", f"{SON}=ldt", "--views-of",
         f"{SON}=Wants to stay with his mum", *risks, "--others-of",
         f"{SON}=His mother, who has her own case|None found", "--feedback-of",
         f"{SON}=Visit with his nurse|ldt:Joe Bell|2026-11-05",
         on="2026-11-04")  # fmt: skip
    p.do("action", "add", MUM, "--meeting", "M1", "--lead", "housing:Eve Lang", "--due",
         "2026-11-11", "--risk", "1", "Change the locks", on="2026-11-04")  # fmt: skip
    risk = [] if left_out else ["--risk", "1"]
    p.do("action", "add", SON, "--meeting", "M1", "--lead", "ldt:Joe Bell", "--due",
         "2026-11-11", *risk, "Plan his days away from the flat", on="2026-11-04")  # fmt: skip
    p.do("meeting", "share", MUM, "M1", "--with", "asc", "--with", "housing", "--with",
         "police", "--on", "2026-11-05", on="2026-11-05")  # fmt: skip
    for case, by in ((MUM, "housing:Eve Lang"), (SON, "ldt:Joe Bell")):
        p.do("meeting", "feedback", case, "M1", "--given-on", "2026-11-05", "--by", by,
             on="2026-11-05")  # fmt: skip

    minutes = p.do("render", "minutes", MUM, "M1", "--format", "md", on="2026-11-06")
    assert "Rose" not in minutes and "Carl" not in minutes
    assert f"- **Adults:** R.H. ({MUM}), C.H. ({SON})\n" in minutes
    assert f"### {MUM}: R.H.\n\n- **Agenda:** her money and safety at home\n" in minutes
    assert f"### {SON}: C.H.\n\n- **Agenda:** his support\n" in minutes
    assert "- **Agency best placed to engage the adult:** Learning Disability Team" in minutes
    # His action, in his case against his part of the meeting, is in the minutes too.
    assert (
        "| A1 | Plan his days away from the flat | Joe Bell | Learning Disability Team | "
        "11 Nov 2026 | open |"
    ) in minutes
    assert p.do("render", "minutes", SON, "M1", "--format", "md", on="2026-11-06") == minutes

    digest = json.loads(p.do("overdue", "--format", "json", on="2026-11-06"))
    # Each adult's own action is due soon; no "no meeting" for either, feedback given.
    assert sorted((i["kind"], i["case"]) for i in digest["items"]) == [
        ("action-due-soon", MUM),
        ("action-due-soon", SON),
    ]
    # The review set at the meeting is each adult's: once it passes, both cases say so.
    later = json.loads(p.do("overdue", "--format", "json", on="2026-11-19"))
    assert sorted((i["kind"], i["case"]) for i in later["items"]) == [
        ("action-overdue", MUM),
        ("action-overdue", SON),
        ("review-passed", MUM),
        ("review-passed", SON),
    ]

    code, output = p.run("validate", "--strict", "--no-cache", on="2026-11-06")
    expected = [] if left_out is None else [("PRT001", "meetings", 0, 0)]
    found = [(c, f, 0, 0) for c, f, _, _ in found_in(output)]
    assert found == expected, output
    assert (code == 0) == (not expected)
    if left_out:
        assert f"cases/{SON}/meetings.yaml" in output and f"cases/{MUM}/" not in output
