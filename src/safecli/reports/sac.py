"""England's Safeguarding Adults Collection (SAC) from the adults of a book.

SG1 counts concerns raised and enquiries started in the year: SG1a–e count
individuals (each adult once per column), SG1f counts the concerns and
enquiries themselves. SG2–SG4 count section 42 enquiries concluded in the year;
within one enquiry each different category counts once. Age is taken on the
last day of the year, or at death. One case is one adult, so in a large-scale
enquiry every adult's case counts. An enquiry into abuse in another council's
area is left out: that council reports it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from safecli import raw, shape
from safecli.errors import Uncountable
from safecli.model import (
    ALLEGATION_ACTIONS,
    ALLEGATION_LOCATIONS,
    ALLEGATION_SOURCES,
    ALLEGATION_TYPES,
    ENQUIRY_KINDS,
    RISK_OUTCOMES,
)
from safecli.reports import sac_tables as T
from safecli.reports.tables import Table, Tally, Year

LISTS = {
    "type": ALLEGATION_TYPES,
    "location": ALLEGATION_LOCATIONS,
    "source": ALLEGATION_SOURCES,
    "action": ALLEGATION_ACTIONS,
    "risk_outcome": RISK_OUTCOMES,
}


@dataclass(frozen=True)
class SacReturn:
    """The year's tables, and the cases left out as another council's to report."""

    year: Year
    tables: tuple[Table, ...]
    other_council: tuple[str, ...]


def sac_return(
    adults: Mapping[str, Mapping[str, Any]], year: Year, *, council: str, jurisdiction: str
) -> SacReturn:
    """Count the return over `adults` (case id → adult.yaml data); refuse what cannot be
    counted, naming each case and field."""
    tallies = T.tallies()
    problems: list[str] = []
    left_out: list[str] = []
    for case_id, adult in sorted(adults.items()):
        if (adult.get("jurisdiction") or jurisdiction) != "england":
            continue
        enquiry = raw.mapping(adult.get("enquiry"))
        if council and _norm(enquiry.get("council")) not in ("", _norm(council)):
            left_out.append(case_id)
            continue
        found: list[str] = []
        _count_case(case_id, adult, enquiry, year, tallies, found)
        problems.extend(f"{case_id}: {problem}" for problem in found)
    if problems:
        raise Uncountable(f"the SAC {year.label}", problems)
    return SacReturn(year, tuple(t.table() for t in tallies.values()), tuple(left_out))


def _count_case(
    case_id: str,
    adult: Mapping[str, Any],
    enquiry: Mapping[str, Any],
    year: Year,
    tallies: dict[str, Tally],
    problems: list[str],
) -> None:
    concerns = _concerns_in(adult, year, problems)
    kind = enquiry.get("kind")
    started = raw.day(enquiry.get("started_on"))
    concluded = raw.day(enquiry.get("concluded_on"))
    if kind is not None and kind not in ENQUIRY_KINDS:
        problems.append(f"enquiry.kind is not one of {', '.join(ENQUIRY_KINDS)}")
        return
    if kind == "s126":
        problems.append("enquiry.kind: s126 is a Welsh enquiry in a case under English law")
        return
    if kind in ("s42", "other"):
        if started is None:
            problems.append("enquiry.started_on: not recorded")
            return
        if concluded is not None and concluded < started:
            problems.append("enquiry.concluded_on: before enquiry.started_on")
            return
    columns = (["concerns"] if concerns else []) + (
        [str(kind)] if kind in ("s42", "other") and year.holds(started) else []
    )
    if columns:
        _count_individual(case_id, adult, columns, year, tallies, problems)
        for _ in concerns:
            tallies["SG1f"].add("count", "concerns", case_id)
        if kind in columns:
            tallies["SG1f"].add("count", str(kind), case_id)
    if kind == "s42" and year.holds(concluded):
        _count_concluded(case_id, adult, enquiry, tallies, problems)


def _concerns_in(adult: Mapping[str, Any], year: Year, problems: list[str]) -> list[int]:
    found = []
    for index, concern in enumerate(raw.items(adult.get("concerns"))):
        raised = raw.day(raw.mapping(concern).get("raised_on"))
        if raised is None:
            problems.append(f"concerns[{index}].raised_on: not recorded")
        elif year.holds(raised):
            found.append(index)
    return found


def _count_individual(
    case_id: str,
    adult: Mapping[str, Any],
    columns: list[str],
    year: Year,
    tallies: dict[str, Tally],
    problems: list[str],
) -> None:
    demographics = raw.mapping(adult.get("demographics"))
    born = raw.day(adult.get("date_of_birth"))
    died = raw.day(demographics.get("died_on"))
    if born is None:
        problems.append("date_of_birth: not recorded (the return counts by age)")
        return
    age = _age(born, min(year.last, died) if died else year.last)
    band = T.age_band(age)
    if band is None:
        problems.append(f"date_of_birth: aged {age} on {year.last}, the return counts adults")
        return
    rows = {"SG1a": band}
    for code, (key, labels) in zip(("SG1b", "SG1c", "SG1d"), T.DEMOGRAPHIC_LABELS.items()):
        value = demographics.get(key) or "not-known"
        if value not in dict(labels):
            problems.append(f"demographics.{key} is not one of the return's values")
            return
        rows[code] = value
    flags = [flag for flag in ("autism", "asperger") if demographics.get(flag) is True]
    for column in columns:
        for code, row in rows.items():
            tallies[code].add(str(row), column, case_id)
        for flag in flags:
            tallies["SG1e"].add(flag, column, case_id)


def _count_concluded(
    case_id: str,
    adult: Mapping[str, Any],
    enquiry: Mapping[str, Any],
    tallies: dict[str, Tally],
    problems: list[str],
) -> None:
    allegations = [raw.mapping(item) for item in raw.items(enquiry.get("allegations"))]
    if not allegations:
        problems.append("enquiry.allegations: none recorded for a concluded enquiry")
        return
    missing = [
        f"enquiry.allegations[{index}].{key}"
        + (" is not one of the return's values" if item.get(key) else ": not recorded")
        for index, item in enumerate(allegations)
        for key in shape.ALLEGATION.keys
        if item.get(key) not in LISTS[key]
    ]
    if missing:
        problems.extend(missing)
        return
    total = "total"
    tallies["SG2a"].add_once(
        [(a["type"], a["source"]) for a in allegations] + [(a["type"], total) for a in allegations],
        case_id,
    )
    tallies["SG2b"].add_once(
        [(a["location"], a["source"]) for a in allegations]
        + [(a["location"], total) for a in allegations],
        case_id,
    )
    tallies["SG2c"].add_once([(a["action"], "enquiries") for a in allegations], case_id)
    for code, action in (("SG2d", "risk-action-taken"), ("SG2e", "inconclusive-action-taken")):
        tallies[code].add_once(
            [(a["risk_outcome"], "enquiries") for a in allegations if a["action"] == action],
            case_id,
        )
    capacity = enquiry.get("capacity")
    if capacity is not None and capacity not in T.CAPACITY_ROWS:
        problems.append("enquiry.capacity is not one of the return's values")
        return
    tallies["SG3a"].add(T.CAPACITY_ROWS.get(str(capacity), "not-recorded"), "enquiries", case_id)
    if capacity == "lacked" and enquiry.get("capacity_support") is True:
        tallies["SG3a"].add("supported", "enquiries", case_id)
    for row in T.msp_rows(adult.get("closure")):
        tallies["SG4a"].add(row, "enquiries", case_id)


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _norm(value: Any) -> str:
    return " ".join(str(value).split()).casefold() if isinstance(value, str) else ""
