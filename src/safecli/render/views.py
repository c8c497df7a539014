"""Plain, read-only views of case data for templates.

The case files are round-trip YAML documents that may be incomplete (validate
reports that); these readers turn them into small frozen records with every
field present, so a template never meets a missing key, and a value that is
not recorded is None.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from babel.dates import format_date

from safecli.raw import day, items, mapping, text
from safecli.render.i18n import N_
from safecli.shape import ACTION, AGENCY, shown
from safecli.store.book import Case

RESPONSE_LABELS = {
    "invited": N_("no reply yet"),
    "accepted": N_("attending"),
    "declined": N_("not attending"),
    "deputy": N_("sending a deputy"),
    "written-update": N_("sending a written update"),
}
MODE_LABELS = {
    "in-person": N_("In person"),
    "telephone": N_("Telephone"),
    "virtual": N_("Virtual (video)"),
}


@dataclass(frozen=True)
class PersonView:
    """A person of an agency, with what agencies.yaml says about them."""

    name: str
    agency: str
    agency_name: str
    role: str | None
    email: str | None
    phone: str | None
    language: str | None = None
    large_print: int | None = None

    def __str__(self) -> str:
        return f"{self.name} ({self.agency_name})"


@dataclass(frozen=True)
class AgencyView:
    """An agency of the case."""

    handle: str
    name: str
    kind: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Directory:
    """The case's agencies and people, to look references up in."""

    agencies: Mapping[str, AgencyView]
    people: Mapping[tuple[str, str], Mapping[str, Any]]

    @classmethod
    def of(cls, case: Case) -> Directory:
        """Index agencies.yaml."""
        agencies: dict[str, AgencyView] = {}
        people: dict[tuple[str, str], Mapping[str, Any]] = {}
        for raw in items(case.agencies):
            agency = mapping(raw)
            handle = text(agency.get("handle"))
            if handle is None:
                continue
            agencies[handle] = AgencyView(
                handle,
                text(agency.get("name")) or handle,
                text(shown(agency.get("kind"), AGENCY, "kind")) or "other",
            )
            for entry in items(agency.get("people")):
                person = mapping(entry)
                if text(person.get("name")):
                    people[(handle, str(text(person.get("name"))))] = person
        return cls(agencies, people)

    def agency(self, handle: Any) -> AgencyView | None:
        """The agency with this handle, or None."""
        found = text(shown(handle, AGENCY, "handle"))
        if found is None:
            return None
        return self.agencies.get(found) or AgencyView(found, found, "other")

    def person(self, raw: Any) -> PersonView | None:
        """The person a stored `{agency, name}` names, or None when it names nobody."""
        ref = mapping(raw)
        name, handle = text(ref.get("name")), text(shown(ref.get("agency"), AGENCY, "handle"))
        if name is None:
            return None
        handle = handle or ""
        entry = mapping(self.people.get((handle, name)))
        agency = self.agencies.get(handle)
        return PersonView(
            name=name,
            agency=handle,
            agency_name=agency.name if agency else handle,
            role=text(entry.get("role")),
            email=text(entry.get("email")),
            phone=text(entry.get("phone")),
            language=text(entry.get("language")),
            large_print=points(entry.get("large_print")),
        )

    def persons(self, raw: Any) -> tuple[PersonView, ...]:
        """Every person of a stored list that names someone."""
        found = (self.person(entry) for entry in items(raw))
        return tuple(person for person in found if person is not None)


@dataclass(frozen=True)
class ActionRow:
    """One action, as a row of an actions table."""

    id: str
    meeting: str | None
    description: str
    lead: PersonView | None
    due: date | None
    status: str
    done_on: date | None
    note: str | None
    cancel_reason: str | None
    overdue: bool
    moves: int
    first_due: date | None = None  # the due date first agreed, when it was moved since

    @property
    def status_text(self) -> str:
        """open, open (overdue), done on 8 Oct 2026, cancelled."""
        if self.status == "open" and self.overdue:
            return "open (OVERDUE)"
        if self.status == "done" and self.done_on is not None:
            return f"done {format_day(self.done_on)}"
        return self.status


def as_it_stood(raw: Any, on: date) -> dict[str, Any]:
    """An actions.yaml entry as it stood at the end of day `on`: not done or cancelled if
    that came later, and due when it was due before the moves made after that day."""
    action = dict(mapping(raw))
    if action.get("status") == "done" and (day(action.get("done_on")) or date.min) > on:
        action.update(status="open", done_on=None)
    if action.get("status") == "cancelled" and (day(action.get("cancelled_on")) or date.min) > on:
        action.update(status="open", cancel_reason=None)
    moves = [mapping(m) for m in items(action.get("moves"))]
    kept = [m for m in moves if (day(m.get("moved_on")) or date.min) <= on]
    later = [m for m in moves if m not in kept]
    if later:
        action.update(due=later[0].get("from"), moves=kept)
    return action


def action_row(raw: Any, people: Directory, today: date) -> ActionRow:
    """An actions.yaml entry as a row, as it stood on `today` (`as_it_stood`); overdue
    when open and due before today."""
    action = as_it_stood(raw, today)
    due = day(action.get("due"))
    status = text(shown(action.get("status"), ACTION, "status")) or "open"
    moves = [mapping(m) for m in items(action.get("moves"))]
    return ActionRow(
        id=text(shown(action.get("id"), ACTION, "id")) or "?",
        meeting=text(shown(action.get("meeting"), ACTION, "meeting")),
        description=text(action.get("description")) or N_("(no description recorded)"),
        lead=people.person(action.get("lead")),
        due=due,
        status=status,
        done_on=day(action.get("done_on")),
        note=text(action.get("note")),
        cancel_reason=text(action.get("cancel_reason")),
        overdue=status == "open" and due is not None and due < today,
        moves=len(moves),
        first_due=first if (first := day(moves[0].get("from")) if moves else None) != due else None,
    )


def points(value: Any) -> int | None:
    """A recorded point size (an integer, not a flag), or None."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def format_day(value: date | None) -> str:
    """A date as `8 Oct 2026`; empty when not recorded."""
    return f"{value.day} {value:%b %Y}" if value is not None else ""


def format_long_day(value: date | None) -> str:
    """A date as `Tuesday 1 December 2026`; empty when not recorded."""
    return f"{value:%A} {value.day} {value:%B %Y}" if value is not None else ""


def format_when(value: datetime) -> str:
    """A meeting time as `Tuesday 1 December 2026, 10:00 GMT (Europe/London)`."""
    zone = getattr(value.tzinfo, "key", None)
    suffix = f" ({zone})" if zone else ""
    return f"{format_long_day(value.date())}, {value:%H:%M} {value.tzname()}{suffix}"


def local_day(value: date | None, *, lang: str) -> str:
    """A date in full in a document's language: `Tuesday 1 December 2026`, `Dydd Mawrth…`."""
    if value is None:
        return ""
    return format_date(value, "EEEE d MMMM y", locale="cy" if lang == "cy" else "en_GB")


def clock(value: datetime | None) -> str:
    """The time of day of a meeting, `10:00`."""
    return f"{value:%H:%M}" if value is not None else ""
