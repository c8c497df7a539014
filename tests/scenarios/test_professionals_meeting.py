"""A professionals meeting when the s42 tests are not (yet) met: built only with
commands."""

from __future__ import annotations

from pathlib import Path

import pytest
from practice import open_book

CASE = "SG-2026-0001"


@pytest.mark.parametrize("left_out", [None, "sharing with the key worker"])
def test_professionals_meeting_when_the_tests_are_not_met(
    tmp_path: Path, left_out: str | None
) -> None:
    """Len Price, 58, drinks heavily and has stopped paying his rent; the housing
    officer worries about him but he manages his own care and has no care and
    support needs anyone knows of. `meeting suggest` does not propose an s42
    strategy discussion for him. Housing, his GP and the drug and alcohol service
    meet as professionals to share what they know: the GP will see him, housing
    will hold the eviction, and no review is needed unless the GP finds care needs.
    Left out: the minutes going to the key worker, who was there (ACC005)."""
    p = open_book(tmp_path)
    day = "2026-11-02"
    p.do("case", "new", "--name", "Len Price", "--dob", "1968-09-12", "--risk", "low",
         "--lead-agency", "housing", "--lead-agency-name", "Housing", "--lead-agency-kind",
         "housing", "--coordinator", "Amy Cole", "--concern-type", "self-neglect",
         "--concern-summary", "Rent arrears; drinking", "--no-care-needs", "--at-risk",
         "--able-to-protect", on=day)  # fmt: skip
    p.do("agency", "add", CASE, "gp", "--name", "Park Surgery", "--kind", "gp", "--person",
         "Dr Joy Webb")  # fmt: skip
    p.do("agency", "add", CASE, "das", "--name", "Drug and Alcohol Service", "--kind",
         "voluntary", "--person", "Max Hall;Key worker")  # fmt: skip
    p.do("case", "update", CASE, "--engagement", "partial", on=day)
    p.do("case", "wishes", CASE, "--asked-on", day, "--outcome", "To keep my flat", on=day)
    p.do("case", "others-at-risk", CASE, "--no-children", "--no-adults", on=day)
    suggested = p.do("meeting", "suggest", CASE)
    assert "s42-strategy" not in suggested.split("\n", 1)[0], suggested
    p.do("meeting", "new", CASE, "--type", "professionals", "--format", "discussion",
         "--mode", "telephone", "--when", "2026-11-09 15:00", "--purpose",
         "Share what we know about Len", "--chair", "housing:Amy Cole", "--invite",
         "gp:Dr Joy Webb:His GP", "--invite", "das:Max Hall:His key worker",
         "--adult-not-invited-reason", "Professionals only; Len knows it is happening",
         on=day)  # fmt: skip
    p.do("meeting", "record", CASE, "M1", "--held-on", "2026-11-09", "--attendee",
         "housing:Amy Cole", "--attendee", "gp:Dr Joy Webb", "--attendee", "das:Max Hall",
         "--wishes", "To keep his flat", "--wishes-obtained-by", "Housing visit", "--risk",
         "Eviction|Arrears plan|He misses appointments", "--others-reviewed", "--adults",
         "None", "--children", "None", "--decision", "GP to see him; eviction held",
         "--review-not-required", "Unless the GP finds care needs", "--feedback-how",
         "Letter", "--feedback-by", "housing:Amy Cole", "--feedback-due", "2026-11-12",
         on="2026-11-09")  # fmt: skip
    p.do("action", "add", CASE, "--meeting", "M1", "--lead", "gp:Dr Joy Webb", "--due",
         "2026-11-20", "--risk", "1", "See Len at the surgery", on="2026-11-09")  # fmt: skip
    shared = [] if left_out else ["--with", "das"]
    p.do("meeting", "share", CASE, "M1", "--with", "housing", "--with", "gp", *shared,
         "--on", "2026-11-10", on="2026-11-10")  # fmt: skip
    expected = [] if left_out is None else [("ACC005", "meetings", 64, 5)]
    assert p.findings("2026-11-20") == expected
