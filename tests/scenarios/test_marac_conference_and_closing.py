"""A MARAC referral for domestic abuse without care and support needs, and an s42
enquiry that ends in a conference and a closed case: built only with commands."""

from __future__ import annotations

from pathlib import Path

import pytest
from practice import open_book

CASE = "SG-2026-0001"


@pytest.mark.parametrize("left_out", [None, "no care needs"])
def test_marac_for_domestic_abuse_without_care_needs(tmp_path: Path, left_out: str | None) -> None:
    """Dana Kerr, 34, is hit by her partner; she has no care and support needs and
    manages her own life. The police risk assessment scores her high, and the
    police refer her to MARAC, where the IDVA and housing agree a safety plan.
    Safeguarding adults is not the route for her. The named fact: her lack of care
    and support needs. Had the record said she has them (`case update
    --care-needs`), MARAC would be the wrong route and ACC009 warns."""
    p = open_book(tmp_path)
    day = "2026-11-02"
    p.do("case", "new", "--name", "Dana Kerr", "--dob", "1992-08-09", "--risk", "high",
         "--lead-agency", "police", "--lead-agency-name", "Police", "--lead-agency-kind",
         "police", "--coordinator", "DS Neil Park", "--concern-type", "domestic",
         "--concern-summary", "Assaults by partner", "--no-care-needs", "--at-risk",
         "--able-to-protect", on=day)  # fmt: skip
    p.do("agency", "add", CASE, "housing", "--name", "Housing", "--kind", "housing",
         "--person", "Rita Holt")  # fmt: skip
    p.do("agency", "add", CASE, "idva", "--name", "IDVA Service", "--kind", "voluntary",
         "--person", "Lou Grant;IDVA")  # fmt: skip
    p.do("case", "update", CASE, "--engagement", "engaging", on=day)
    p.do("case", "wishes", CASE, "--asked-on", day, "--outcome", "To be safe at home",
         on=day)  # fmt: skip
    p.do("case", "others-at-risk", CASE, "--no-children", "--no-adults", on=day)
    if left_out:
        p.do("case", "update", CASE, "--care-needs", on=day)
    p.do("meeting", "new", CASE, "--type", "marac", "--format", "meeting", "--mode",
         "virtual", "--link", "https://meet.example.org/m", "--when", "2026-11-05 10:00",
         "--purpose", "Safety plan for Dana", "--chair", "police:DS Neil Park",
         "--invite", "housing:Rita Holt:Can change the locks", "--invite",
         "idva:Lou Grant:Supports Dana", "--adult-not-invited-reason",
         "MARAC does not invite the victim; the IDVA speaks for her", on=day)  # fmt: skip
    p.do("meeting", "record", CASE, "M1", "--held-on", "2026-11-05", "--attendee",
         "police:DS Neil Park", "--attendee", "housing:Rita Holt", "--attendee",
         "idva:Lou Grant", "--risk", "Further assault|Bail conditions|He knows where she "
         "lives", "--decision", "Safety plan agreed", "--review-not-required",
         "MARAC is not long term", "--feedback-how", "Call from the IDVA",
         "--feedback-by", "idva:Lou Grant", "--feedback-due", "2026-11-05",
         on="2026-11-05")  # fmt: skip
    p.do("action", "add", CASE, "--meeting", "M1", "--lead", "housing:Rita Holt", "--due",
         "2026-11-07", "--risk", "1", "Change the locks", on="2026-11-05")  # fmt: skip
    p.do("meeting", "share", CASE, "M1", "--with", "police", "--with", "housing",
         "--with", "idva", "--on", "2026-11-05", on="2026-11-05")  # fmt: skip
    expected = [] if left_out is None else [("ACC009", "meetings", 2, 9)]
    assert p.findings("2026-11-06") == expected


@pytest.mark.parametrize("left_out", [None, "review decision"])
def test_conference_after_the_enquiry_and_the_case_closed(
    tmp_path: Path, left_out: str | None
) -> None:
    """Rose Tait, 91, lives in a care home where a night carer was seen slapping her.
    After the strategy discussion the enquiry runs for three weeks: the carer is
    dismissed and referred to the barring service. At the conference the council's
    chair, the home's manager and the police agree abuse took place, the risk is
    removed, and Rose, who joined with her niece, says she feels safe again; no
    review is needed and the case is closed with her outcomes met. Left out: the
    conference's word on a review (neither a date nor why none is needed: PRO003)."""
    p = open_book(tmp_path)
    day = "2026-10-05"
    p.do("case", "new", "--name", "Rose Tait", "--dob", "1935-04-02", "--risk", "high",
         "--lead-agency", "asc", "--lead-agency-name", "Adult Social Care",
         "--coordinator", "Kim Byrne", "--concern-type", "physical", "--concern-summary",
         "Slapped by a night carer", "--care-needs", "--at-risk", "--unable-to-protect",
         on=day)  # fmt: skip
    p.do("agency", "add", CASE, "home", "--name", "Oak House", "--kind", "care-provider",
         "--person", "Mel Dunn;Manager")  # fmt: skip
    p.do("agency", "add", CASE, "police", "--name", "Police", "--kind", "police",
         "--person", "DC Ray Fox")  # fmt: skip
    p.do("case", "update", CASE, "--engagement", "engaging", "--representative",
         "Ann Tait;niece", on=day)  # fmt: skip
    p.do("case", "wishes", CASE, "--asked-on", day, "--outcome", "Not to see that carer",
         on=day)  # fmt: skip
    p.do("case", "others-at-risk", CASE, "--no-children", "--adults", "--notes",
         "Residents on nights", "--referral-made", day, on=day)  # fmt: skip
    p.do("case", "enquiry", CASE, "--kind", "s42", "--decided-on", day, "--started-on",
         day, "--council", "Test Council", on=day)  # fmt: skip
    p.do("meeting", "new", CASE, "--type", "s42-conference", "--format", "meeting",
         "--mode", "in-person", "--where", "Oak House", "--when", "2026-10-26 11:00",
         "--purpose", "What the enquiry found", "--chair", "asc:Kim Byrne", "--invite",
         "home:Mel Dunn:Ran the home's part of the enquiry", "--invite",
         "police:DC Ray Fox:Investigated the assault", "--adult-invited",
         on="2026-10-19")  # fmt: skip
    review = [] if left_out else ["--review-not-required", "Risk removed"]
    p.do("meeting", "record", CASE, "M1", "--held-on", "2026-10-26", "--attendee",
         "asc:Kim Byrne", "--attendee", "home:Mel Dunn", "--attendee", "police:DC Ray Fox",
         "--wishes", "Feels safe again", "--wishes-obtained-by", "She joined with her niece",
         "--risk", "Harm from the carer|Carer dismissed|None left", "--others-reviewed",
         "--adults", "Night residents: referred", "--children", "None", "--adults-at-risk",
         "--no-children-at-risk", "--referral-made", day, "--decision",
         "Abuse took place; risk removed", *review, "--feedback-how", "At the conference", "--feedback-by", "asc:Kim Byrne",
         "--feedback-due", "2026-10-26", on="2026-10-26")  # fmt: skip
    p.do("action", "add", CASE, "--meeting", "M1", "--lead", "home:Mel Dunn", "--due",
         "2026-10-30", "--risk", "1", "Refer the carer to the barring service",
         on="2026-10-26")  # fmt: skip
    p.do("action", "done", CASE, "A1", "--on", "2026-10-29", on="2026-10-29")
    p.do("meeting", "share", CASE, "M1", "--with", "asc", "--with", "home", "--with",
         "police", "--on", "2026-10-27", on="2026-10-27")  # fmt: skip
    p.do("case", "allegation", "add", CASE, "--type", "physical", "--location",
         "care-home-residential", "--source", "service-provider", "--action",
         "risk-action-taken", "--risk-outcome", "removed")  # fmt: skip
    p.do("case", "enquiry", CASE, "--concluded-on", "2026-10-26", on="2026-10-30")
    p.do("case", "close", CASE, "--reason", "Risk removed; Rose feels safe", "--outcomes-asked",
         "--outcomes-expressed", "--achieved", "fully", on="2026-10-30")  # fmt: skip
    expected = [] if left_out is None else [("PRO003", "meetings", 56, 5)]
    assert p.findings("2026-10-31") == expected
