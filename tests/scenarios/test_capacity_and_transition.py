"""A best interests meeting under the Mental Capacity Act, and a young person of 17
moving to adult services: built only with commands."""

from __future__ import annotations

from pathlib import Path

import pytest
from practice import Practice, found_in, open_book

CASE = "SG-2026-0001"


def _case(p: Practice, on: str, *args: str) -> None:
    p.do("case", "new", *args, "--lead-agency", "asc", "--lead-agency-name",
         "Adult Social Care", "--care-needs", "--at-risk", "--unable-to-protect",
         on=on)  # fmt: skip


@pytest.mark.parametrize("left_out", [None, "capacity outcome"])
def test_best_interests_decision_about_where_to_live(tmp_path: Path, left_out: str | None) -> None:
    """Arthur Bell, 84, has advanced dementia and was found wandering at night twice.
    His son wants him in a care home; Arthur says he wants to go home. Dr Ravi Menon
    on the ward assesses that Arthur cannot make the decision about where to live,
    and as decision maker calls a best interests meeting, chaired by the social
    worker Lena Ford so the decision maker is not the chair. They decide on a
    return home with night carers. Left out: the outcome of the capacity
    assessment. Then the record no longer shows he lacked capacity, and the
    decision taken for him is an error (PRT003) `meeting record` refuses."""
    p = open_book(tmp_path)
    day = "2026-11-02"
    _case(p, day, "--name", "Arthur Bell", "--dob", "1942-01-20", "--risk", "medium",
          "--coordinator", "Lena Ford", "--concern-type", "neglect",
          "--concern-summary", "Left alone at night")  # fmt: skip
    p.do("agency", "add", CASE, "health", "--name", "City Hospital", "--kind", "health",
         "--person", "Dr Ravi Menon;Consultant")  # fmt: skip
    p.do("case", "update", CASE, "--engagement", "partial", "--representative",
         "Ian Bell;son", on=day)  # fmt: skip
    p.do("case", "wishes", CASE, "--asked-on", day, "--outcome", "I want to go home",
         on=day)  # fmt: skip
    p.do("case", "others-at-risk", CASE, "--no-children", "--no-adults", on=day)
    p.do("case", "capacity", "add", CASE, "--decision", "Where to live", "--outcome",
         "lacks", "--assessed-on", day, "--by", "health:Dr Ravi Menon", on=day)  # fmt: skip
    p.do("meeting", "new", CASE, "--type", "best-interests", "--format", "meeting",
         "--mode", "in-person", "--where", "Ward 4", "--when", "2026-11-06 14:00",
         "--purpose", "Where Arthur lives", "--chair", "asc:Lena Ford",
         "--decision-maker", "health:Dr Ravi Menon", "--adult-invited", on=day)  # fmt: skip
    outcome = [] if left_out == "capacity outcome" else ["--capacity-outcome", "lacks"]
    record = ("meeting", "record", CASE, "M1", "--held-on", "2026-11-06", "--attendee",
              "asc:Lena Ford", "--attendee", "health:Dr Ravi Menon", "--wishes",
              "Wants to go home", "--wishes-obtained-by", "He came to the meeting",
              "--decision", "Home with night carers", "--capacity-decision",
              "Where to live", "--capacity-assessed-on", day, "--capacity-assessed-by",
              "health:Dr Ravi Menon", *outcome, "--best-interests-decision",
              "Home with night carers", "--review", "2026-12-06", "--feedback-how",
              "At the meeting", "--feedback-by", "asc:Lena Ford", "--feedback-due",
              "2026-11-06")  # fmt: skip
    if left_out:
        refused = p.refused(*record, on="2026-11-06")
        assert found_in(refused) == [("PRT003", "meetings", 48, 5)], refused
        return
    p.do(*record, on="2026-11-06")
    p.do("action", "add", CASE, "--meeting", "M1", "--lead", "asc:Lena Ford", "--due",
         "2026-11-20", "Arrange night carers", on="2026-11-06")  # fmt: skip
    p.do("meeting", "share", CASE, "M1", "--with", "asc", "--with", "health", "--on",
         "2026-11-07", on="2026-11-07")  # fmt: skip
    assert p.findings("2026-11-09") == []


@pytest.mark.parametrize("left_out", [None, "transition reason"])
def test_seventeen_year_old_moving_to_adult_services(tmp_path: Path, left_out: str | None) -> None:
    """Kayla Moss is 17 and three months from her eighteenth birthday; she has a
    learning disability and an older man has been giving her money and lifts. Her
    children's social worker refers her to the transition team, and the adult team
    opens a case to plan with her before she turns 18, chairing an s42 strategy
    discussion with the police. Left out: why a 17-year-old has an adult case. Then
    `case new` refuses (PRT005) and validate on such a file says the same."""
    p = open_book(tmp_path)
    day = "2026-11-02"
    person = ("--name", "Kayla Moss", "--dob", "2009-02-14", "--risk", "high",
              "--coordinator", "Omar Shah", "--concern-type", "sexual",
              "--concern-summary", "Older man giving money and lifts")  # fmt: skip
    if left_out:
        refused = p.refused("case", "new", *person, "--lead-agency", "asc",
                            "--lead-agency-name", "Adult Social Care", "--care-needs",
                            "--at-risk", "--unable-to-protect", on=day)  # fmt: skip
        assert found_in(refused) == [("PRT005", "adult", 7, 1)], refused
        return
    _case(p, day, *person, "--transition-reason", "Transition: 18 in February")
    p.do("agency", "add", CASE, "police", "--name", "Police", "--kind", "police",
         "--person", "DC Amy Roe")  # fmt: skip
    p.do("agency", "add", CASE, "csc", "--name", "Children's Social Care", "--kind",
         "children-social-care", "--person", "Jess Park")  # fmt: skip
    p.do("case", "update", CASE, "--engagement", "partial", on=day)
    p.do("case", "wishes", CASE, "--asked-on", day, "--outcome", "Keep my phone",
         "--outcome", "Not get him in trouble", on=day)  # fmt: skip
    p.do("case", "others-at-risk", CASE, "--no-children", "--adults", "--notes",
         "Her friend at college", "--referral-made", day, on=day)  # fmt: skip
    p.do("meeting", "new", CASE, "--type", "s42-strategy", "--format", "discussion",
         "--mode", "telephone", "--when", "2026-11-03 09:30", "--purpose",
         "Keep Kayla safe", "--chair", "asc:Omar Shah", "--invite",
         "police:DC Amy Roe:Investigating", "--invite", "csc:Jess Park:Her social worker",
         "--adult-not-invited-reason", "Seen alone the day before", on=day)  # fmt: skip
    p.do("meeting", "record", CASE, "M1", "--held-on", "2026-11-03", "--attendee",
         "asc:Omar Shah", "--attendee", "police:DC Amy Roe", "--attendee", "csc:Jess Park",
         "--wishes", "Keep her phone", "--wishes-obtained-by", "Visit with Jess",
         "--risk", "Grooming|College aware|She trusts him", "--others-reviewed",
         "--adults", "A friend at college", "--children", "None",
         "--adults-at-risk", "--no-children-at-risk", "--decision", "s42 enquiry",
         "--review", "2026-11-17", "--feedback-how", "Visit with Jess", "--feedback-by",
         "csc:Jess Park", "--feedback-due", "2026-11-04", on="2026-11-03")  # fmt: skip
    p.do("action", "add", CASE, "--meeting", "M1", "--lead", "police:DC Amy Roe", "--due",
         "2026-11-10", "--risk", "1", "Speak to the man", on="2026-11-03")  # fmt: skip
    p.do("meeting", "share", CASE, "M1", "--with", "asc", "--with", "police", "--with",
         "csc", "--on", "2026-11-03", on="2026-11-03")  # fmt: skip
    assert p.findings("2026-11-05") == []
