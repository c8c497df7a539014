"""A fixture book for the statutory returns: each case exercises one counting rule.

Year 2025-26 (1 April 2025 to 31 March 2026), council "Testshire Council".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

CONFIG = """\
organisation: Testshire Safeguarding Adults Board
jurisdiction: england
timezone: Europe/London
council: Testshire  Council
"""


def allegation(type_: str, location: str, source: str, action: str, outcome: str) -> dict[str, Any]:
    return {
        "type": type_,
        "location": location,
        "source": source,
        "action": action,
        "risk_outcome": outcome,
    }


def enquiry(
    kind: str,
    started: str | None,
    concluded: str | None = None,
    *allegations: dict[str, Any],
    council: str = "Testshire Council",
    capacity: str | None = None,
    support: bool | None = None,
    large_scale: str | None = None,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "decided_on": started,
        "started_on": started,
        "concluded_on": concluded,
        "council": council,
        "large_scale": large_scale,
        "capacity": capacity,
        "capacity_support": support,
        "allegations": list(allegations),
    }


def demographics(
    gender: str, ethnicity: str, reason: str, autism: bool = False, asperger: bool = False
) -> dict[str, Any]:
    return {
        "gender": gender,
        "ethnicity": ethnicity,
        "support_reason": reason,
        "autism": autism,
        "asperger": asperger,
        "died_on": None,
    }


def closure(asked: bool | None, expressed: bool | None, achieved: str | None) -> dict[str, Any]:
    return {
        "reason": "Enquiry concluded.",
        "outcomes_asked": asked,
        "outcomes_expressed": expressed,
        "outcomes_achieved": achieved,
    }


def concern(raised: str, type_: str = "physical") -> dict[str, Any]:
    return {"type": type_, "summary": "A concern.", "raised_on": raised}


HOME_STRANGER = allegation("physical", "own-home", "unknown", "risk-action-taken", "reduced")
CARE_HOME = allegation(
    "organisational", "care-home-residential", "service-provider", "inconclusive-action-taken",
    "reduced",
)  # fmt: skip

CASES: dict[str, dict[str, Any]] = {
    # Two concerns and an s42 enquiry about one person: counted once in SG1a-e per
    # column, twice as concerns in SG1f. Two strangers as sources count once.
    "C01": {
        "date_of_birth": "1950-06-15",
        "concerns": [concern("2025-05-01"), concern("2025-06-01", "financial")],
        "demographics": demographics("female", "white", "physical"),
        "enquiry": enquiry(
            "s42",
            "2025-05-10",
            "2025-09-01",
            HOME_STRANGER,
            HOME_STRANGER,
            allegation("financial", "own-home", "known", "risk-action-taken", "removed"),
            capacity="had",
        ),
        "closure": closure(True, True, "partially"),
    },
    # Aged 64 when the concern was raised, 65 on 31 March: 65-74. Concluded in the
    # next year, so not in SG2-SG4.
    "C02": {
        "date_of_birth": "1961-03-31",
        "concerns": [concern("2025-04-20")],
        "demographics": demographics("male", "asian", "mental-health", autism=True),
        "enquiry": enquiry(
            "s42",
            "2025-04-25",
            "2026-04-10",
            allegation("psychological", "own-home", "known", "risk-action-taken", "reduced"),
        ),
    },
    # The concern came in the previous year, the enquiry started in this one: an
    # enquiry, not a concern. Nothing of the demographics recorded: not known. Ceased
    # at the adult's request. Lacked capacity, supported by family.
    "C04": {
        "date_of_birth": "1940-01-01",
        "concerns": [concern("2025-03-15", "self-neglect")],
        "enquiry": enquiry(
            "s42",
            "2025-04-02",
            "2025-06-30",
            allegation("self-neglect", "own-home", "known", "ceased-at-request", "remained"),
            capacity="lacked",
            support=True,
        ),
    },
    # A large-scale enquiry in a care home: every adult counts.
    "C05": {
        "date_of_birth": "1930-02-01",
        "concerns": [concern("2025-11-03", "organisational")],
        "demographics": demographics("female", "black", "physical"),
        "enquiry": enquiry(
            "s42",
            "2025-11-05",
            "2026-02-20",
            CARE_HOME,
            allegation(
                "neglect",
                "care-home-residential",
                "service-provider",
                "inconclusive-action-taken",
                "removed",
            ),
            capacity="lacked",
            support=False,
            large_scale="LS-1",
        ),
        "closure": closure(True, False, None),
    },
    "C06": {
        "date_of_birth": "1935-12-31",
        "concerns": [concern("2025-11-03", "organisational")],
        "demographics": demographics("female", "mixed", "memory-cognition", asperger=True),
        "enquiry": enquiry(
            "s42", "2025-11-05", "2026-02-20", CARE_HOME, capacity="dont-know", large_scale="LS-1"
        ),
        "closure": closure(False, False, None),
    },
    "C07": {
        "date_of_birth": "1944-04-01",
        "concerns": [concern("2025-11-03", "organisational")],
        "demographics": demographics("male", "refused", "memory-cognition"),
        "enquiry": enquiry("s42", "2025-11-05", "2026-02-20", CARE_HOME, large_scale="LS-1"),
        "closure": closure(None, None, None),
    },
    # An other (non-statutory) enquiry: SG1 only.
    "C08": {
        "date_of_birth": "1990-01-01",
        "concerns": [concern("2025-07-01", "domestic")],
        "demographics": demographics("male", "other", "social"),
        "enquiry": enquiry(
            "other",
            "2025-07-02",
            "2025-08-01",
            allegation("domestic", "own-home", "known", "risk-action-taken", "reduced"),
        ),
    },
    # Concerns only, one on the last day of the year.
    "C09": {
        "date_of_birth": "1980-05-05",
        "concerns": [concern("2025-08-01", "financial"), concern("2026-03-31", "financial")],
        "demographics": demographics("female", "white", "learning-disability", autism=True),
        "enquiry": enquiry("none", None),
    },
    # The abuse happened in another council's area: that council reports it.
    "C10": {
        "date_of_birth": "1950-01-01",
        "concerns": [concern("2025-06-01")],
        "enquiry": enquiry(
            "s42", "2025-06-01", "2025-07-01", HOME_STRANGER, council="Elsewhere Council"
        ),
    },
    # A case in Wales: not in England's return.
    "C11": {
        "jurisdiction": "wales",
        "date_of_birth": "1950-01-01",
        "concerns": [concern("2025-06-01")],
    },
    # A concern in the next year only; its missing date of birth does not matter.
    "C12": {"concerns": [concern("2026-04-01")]},
    # Died at 84; would have been 85 on 31 March: age at death.
    "C13": {
        "date_of_birth": "1940-12-15",
        "concerns": [concern("2025-10-01", "neglect")],
        "demographics": {**demographics("female", "white", "sensory"), "died_on": "2025-12-01"},
    },
}


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def adult_yaml(case_id: str, fields: dict[str, Any]) -> str:
    adult: dict[str, Any] = {
        "case": case_id,
        "jurisdiction": None,
        "status": "closed" if "closure" in fields else "open",
        "opened": "2025-04-01",
        "risk_level": "medium",
        "lead_agency": "asc",
        **fields,
    }
    text = yaml.dump(adult, Dumper=_NoAliases, sort_keys=False, allow_unicode=True)
    # Dates as YAML dates, not strings.
    return text.replace("'", "")


AGENCIES = "- handle: asc\n  name: Adult Social Care\n  kind: local-authority\n  people: []\n"


def write_book(root: Path, cases: dict[str, dict[str, Any]], config: str = CONFIG) -> Path:
    """A book at root holding these cases (their adult.yaml and empty other files)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "safecli.yaml").write_text(config, encoding="utf-8")
    for case_id, fields in cases.items():
        folder = root / "cases" / case_id
        folder.mkdir(parents=True)
        (folder / "adult.yaml").write_text(adult_yaml(case_id, fields), encoding="utf-8")
        (folder / "agencies.yaml").write_text(AGENCIES, encoding="utf-8")
        (folder / "meetings.yaml").write_text("[]\n", encoding="utf-8")
        (folder / "actions.yaml").write_text("[]\n", encoding="utf-8")
    return root
