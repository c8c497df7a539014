"""Care Act s42 strategy discussion, then a conference and a case closed after the
enquiry: England, built only with commands."""

from __future__ import annotations

from pathlib import Path

import pytest
from practice import Practice, open_book

CASE = "SG-2026-0001"


def opened(p: Practice, on: str) -> None:
    """The referral: Edith's three tests are met and she can say what she wants."""
    p.do(*("case", "new", "--name", "Edith Marsh", "--dob", "1938-05-04", "--risk", "high"),
         *("--lead-agency", "asc", "--lead-agency-name", "Adult Social Care"),
         *("--coordinator", "Priya Nair", "--concern-type", "financial"),
         *("--concern-summary", "Pension taken", "--care-needs", "--at-risk"),
         "--unable-to-protect", on=on)  # fmt: skip
    p.do("agency", "add", CASE, "asc", "--person", "Jo Lewis;Team manager")
    p.do("agency", "add", CASE, "police", "--name", "Police", "--kind", "police",
         "--person", "DC Tom Reid")  # fmt: skip
    p.do("case", "update", CASE, "--engagement", "engaging", on=on)
    p.do("case", "wishes", CASE, "--asked-on", on, "--outcome", "I want my money kept safe",
         on=on)  # fmt: skip
    p.do("case", "others-at-risk", CASE, "--no-children", "--no-adults", on=on)


def strategy(p: Practice, called: str, on: str, *, share_with_police: bool = True,
             feedback: bool = True) -> None:  # fmt: skip
    """A telephone strategy discussion the next morning, chaired by the team manager."""
    p.do("meeting", "new", CASE, "--type", "s42-strategy", "--format", "discussion",
         "--mode", "telephone", "--when", f"{on} 10:00", "--purpose", "Agree protection",
         "--chair", "asc:Jo Lewis", "--invite", "police:DC Tom Reid:Investigating the theft",
         "--adult-invited", "--invited-on", called, on=called)  # fmt: skip
    told = ["--feedback-how", "Home visit", "--feedback-by", "asc:Priya Nair",
            "--feedback-due", on] if feedback else []  # fmt: skip
    p.do("meeting", "record", CASE, "M1", "--held-on", on, "--attendee", "asc:Jo Lewis",
         "--attendee", "police:DC Tom Reid", "--wishes", "Wants her money kept safe",
         "--wishes-obtained-by", "Home visit", "--risk",
         "Her nephew takes her pension|Bank alerted|He holds her card",
         "--others-reviewed", "--adults", "None found", "--children", "None found",
         "--no-children-at-risk", "--no-adults-at-risk",
         "--decision", "Proceed to an s42 enquiry", "--review", "2026-11-24", *told,
         on=on)  # fmt: skip
    p.do("action", "add", CASE, "--meeting", "M1", "--lead", "asc:Priya Nair", "--due",
         "2026-11-10", "--risk", "1", "Ask the bank to stop the card", on=on)  # fmt: skip
    agencies = ["--with", "asc", *(["--with", "police"] if share_with_police else [])]
    p.do("meeting", "share", CASE, "M1", *agencies, "--on", on, on=on)


@pytest.mark.parametrize("left_out", [None, "sharing with police", "feedback"])
def test_financial_abuse_strategy_discussion(tmp_path: Path, left_out: str | None) -> None:
    """Edith Marsh, 88, lives alone with carers twice a day. Her bank rings the council:
    her nephew has drawn most of her pension each week for two months. The duty social
    worker, Priya Nair, visits the same day; Edith says she is frightened of him and
    wants her money kept safe. Priya's manager, Jo Lewis, holds a strategy discussion
    by phone the next morning with DC Tom Reid: they agree an s42 enquiry, the bank
    stops the card, Priya tells Edith what was agreed, and the minutes go to both
    agencies. Left out: the police never get the minutes (ACC005), or nobody records
    how Edith hears what was agreed (EMP003)."""
    p = open_book(tmp_path)
    opened(p, "2026-11-02")
    strategy(p, "2026-11-02", "2026-11-03", share_with_police=left_out != "sharing with police",
             feedback=left_out != "feedback")  # fmt: skip
    expected = {
        None: [],
        "sharing with police": [("ACC005", "meetings", 58, 5)],
        "feedback": [("EMP003", "meetings", 53, 5)],
    }[left_out]
    assert p.findings("2026-11-12") == expected
