"""Find a case's agencies and their people, refusing references that do not resolve.

Every person safecli writes into meetings.yaml or actions.yaml goes through
`resolve`, so a stored `{agency, name}` always names someone in agencies.yaml.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from safecli import raw
from safecli.errors import FileFormatError, InvalidInput
from safecli.model import Person
from safecli.store import scan
from safecli.store.book import Case


def agency_of(case: Case, handle: str) -> Mapping[str, Any]:
    """The agency of the case with this handle; InvalidInput listing the known ones."""
    for agency in case.read("agencies"):
        if isinstance(agency, Mapping) and agency.get("handle") == handle:
            return agency
    known = ", ".join(handles(case)) or "none yet"
    raise InvalidInput(
        f"no agency {handle!r} in {case.case_id} (agencies: {known}); to add it: "
        f'safecli agency add {case.case_id} {handle} --name NAME --kind KIND --person "Name;role"'
    )


def handles(case: Case) -> list[str]:
    """The handles of the case's agencies, in file order."""
    return [
        str(a.get("handle"))
        for a in case.read("agencies")
        if isinstance(a, Mapping) and a.get("handle")
    ]


def names(agency: Mapping[str, Any]) -> list[str]:
    """The names of an agency's people, in file order."""
    return [
        str(p.get("name"))
        for p in raw.items(agency.get("people"))
        if isinstance(p, Mapping) and p.get("name")
    ]


def resolve(case: Case, person: Person) -> Person:
    """Return person if it names someone listed in that agency of the case."""
    agency = agency_of(case, person.agency)
    if not isinstance(agency.get("people"), (list, type(None))):
        path = case.path("agencies")
        index = next(i for i, a in enumerate(case.read("agencies")) if a is agency)
        line, column = scan.locate(
            scan.compose(path, case.texts["agencies"] or ""), [index, "people"]
        )
        raise FileFormatError(
            "people is not a list of people (- name: …); see: safecli validate",
            path=path,
            line=line,
            column=column,
        )
    listed = names(agency)
    if person.name not in listed:
        known = ", ".join(listed) or "nobody yet"
        raise InvalidInput(
            f"no person {person.name!r} in agency {person.agency!r} of {case.case_id} "
            f"(people: {known}); to add them: safecli agency add {case.case_id} "
            f'{person.agency} --person "{person.name};role"'
        )
    return person


def kind_of(case: Case, handle: str) -> str:
    """The kind (police, gp, …) of an agency of the case."""
    return str(agency_of(case, handle).get("kind") or "other")


def people_of_kinds(case: Case, kinds: tuple[str, ...]) -> list[tuple[Person, str]]:
    """(person, role) for every person of the case's agencies whose kind is in kinds."""
    found: list[tuple[Person, str]] = []
    for agency in case.read("agencies"):
        if not isinstance(agency, Mapping) or agency.get("kind") not in kinds:
            continue
        for entry in raw.items(agency.get("people")):
            if isinstance(entry, Mapping) and entry.get("name"):
                found.append(
                    (
                        Person(str(agency["handle"]), str(entry["name"])),
                        str(entry.get("role") or ""),
                    )
                )
    return found
