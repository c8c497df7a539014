"""Cases and their agencies: open, close, add agencies and people."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from ruamel.yaml.comments import CommentedSeq

from safecli import shape
from safecli.errors import InvalidInput
from safecli.model import (
    ABUSE_TYPES,
    AGENCY_KINDS,
    DOCUMENT_LANGUAGES,
    FILES,
    HANDLE,
    OUTCOMES_ACHIEVED,
    RISK_LEVELS,
    WALES_ABUSE_TYPES,
    check_case_id,
    check_choice,
)
from safecli.shape import AGENCY, AGENCY_PERSON, CLOSURE
from safecli.store import atomic, roundtrip
from safecli.store.book import Book, Case, edit_case, load_case, lock
from safecli.store.config import CONFIG_NAME, read_config


@dataclass(frozen=True)
class NewCase:
    """What `case new` records about the adult and the first concern."""

    name: str
    risk_level: str
    lead_agency: str
    lead_agency_name: str
    concern_type: str
    concern_summary: str
    lead_agency_kind: str = "local-authority"
    coordinator: str | None = None
    preferred_name: str | None = None
    date_of_birth: date | None = None
    transition_reason: str | None = None
    address: str | None = None
    phone: str | None = None
    interpreter: str | None = None
    advocate: str | None = None
    needs_advocate: bool = False
    easy_read: bool = False
    large_print: int | None = None
    language: str | None = None
    communication_notes: str | None = None
    care_and_support: dict[str, bool | None] = field(default_factory=dict)
    jurisdiction: str | None = None


@dataclass(frozen=True)
class AgencyPerson:
    """A person of an agency, as given with `--person "Name;role;email;phone"`."""

    name: str
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    language: str | None = None
    large_print: int | None = None

    @classmethod
    def parse(cls, value: str) -> AgencyPerson:
        parts = [part.strip() or None for part in value.split(";")]
        if not parts[0] or len(parts) > 4:
            raise InvalidInput(f'invalid --person {value!r}: write "Name;role;email;phone"')
        parts += [None] * (4 - len(parts))
        return cls(*parts)  # type: ignore[arg-type]

    def speaking(self, language: str | None) -> AgencyPerson:
        """This person with a language preference for documents (cy or en)."""
        if language is None:
            return self
        check_choice(language, DOCUMENT_LANGUAGES, "language")
        return replace(self, language=language)

    def printed_at(self, points: int | None) -> AgencyPerson:
        """This person with documents to them in large print at `points`."""
        return self if points is None else replace(self, large_print=points)

    def as_record(self) -> dict[str, Any]:
        """The agencies.yaml entry; a language and a print size only when recorded."""
        record = {key: getattr(self, key) for key in AGENCY_PERSON.keys}
        for optional in ("language", "large_print"):
            if record[optional] is None:
                del record[optional]
        return record


def next_case_id(book: Book, year: int) -> str:
    """The next free id in the book's case id format (by default `SG-<year>-<NNNN>`)."""
    return book.config.case_ids.next_id(book.case_ids(), year)


def new_case(book: Book, spec: NewCase, *, today: date, case_id: str | None = None) -> Case:
    """Create a case folder with its four files; return the loaded case."""
    check_choice(spec.risk_level, RISK_LEVELS, "risk level")
    check_choice(spec.concern_type, ABUSE_TYPES + WALES_ABUSE_TYPES, "concern type")
    check_choice(spec.lead_agency_kind, AGENCY_KINDS, "agency kind")
    check_handle(spec.lead_agency)
    if case_id is not None:
        check_case_id(case_id)
    if not book.cases_dir.is_dir():
        atomic.make_private_dir(book.cases_dir)
    with lock(book.cases_dir):
        if read_config(book.root / CONFIG_NAME).case_id_format != book.config.case_id_format:
            raise InvalidInput(
                "the book's case id format changed while this command ran; "
                "nothing was written: run the command again"
            )
        chosen = case_id or next_case_id(book, today.year)
        folder = book.cases_dir / chosen
        if folder.exists() or folder.is_symlink():
            raise InvalidInput(f"case {chosen} already exists")
        docs = _new_documents(chosen, spec, today)
        texts = {
            path: roundtrip.checked_text(path, data, FILES[kind])
            for kind, data in docs.items()
            for path in [folder / f"{kind}.yaml"]
        }
        if book.guard is not None:
            book.guard(chosen, dict.fromkeys(FILES), {p.stem: t for p, t in texts.items()})
        atomic.write_folder(folder, texts)
    case = load_case(book, chosen)
    case.written = list(texts)
    return case


def _new_documents(case_id: str, spec: NewCase, today: date) -> dict[str, Any]:
    people = [AgencyPerson(spec.coordinator).as_record()] if spec.coordinator else []
    adult: dict[str, Any] = {
        "case": case_id,
        "jurisdiction": spec.jurisdiction,
        "status": "open",
        "opened": today,
        "name": spec.name,
        "preferred_name": spec.preferred_name,
        "date_of_birth": spec.date_of_birth,
        "transition_reason": spec.transition_reason,
        "address": spec.address,
        "phone": spec.phone,
        "communication": roundtrip.record(
            shape.COMMUNICATION.keys,
            {
                "language": spec.language,
                "interpreter": spec.interpreter,
                "advocate": spec.advocate,
                "needs_advocate": spec.needs_advocate or bool(spec.advocate),
                "easy_read": spec.easy_read,
                "large_print": spec.large_print,
                "notes": spec.communication_notes,
            },
        ),
        "representative": None,
        "care_and_support": {
            key: spec.care_and_support.get(key)
            for key in ("has_needs", "at_risk", "unable_to_protect")
        },
        "engagement": None,
        "risk_level": spec.risk_level,
        "lead_agency": spec.lead_agency,
        "coordinator": (
            roundtrip.person(spec.lead_agency, spec.coordinator) if spec.coordinator else None
        ),
        "concerns": [
            roundtrip.record(
                shape.CONCERN.keys,
                {
                    "type": spec.concern_type,
                    "summary": spec.concern_summary,
                    "source": None,
                    "location": None,
                    "raised_on": today,
                    "raised_by": None,
                    "offender_risk": False,
                },
            )
        ],
        "capacity": [],
        "wishes": {"asked_on": None, "outcomes": [], "not_asked_reason": None},
        "others_at_risk": {"children": None, "adults": None, "notes": None, "referral_made": None},
        "closed": None,
        "closure": None,
    }
    agency = roundtrip.record(
        AGENCY.keys,
        {
            "handle": spec.lead_agency,
            "name": spec.lead_agency_name,
            "kind": spec.lead_agency_kind,
            "people": people,
        },
    )
    return {
        "adult": roundtrip.record(shape.ADULT.keys, adult),
        "agencies": CommentedSeq([agency]),
        "meetings": CommentedSeq(),
        "actions": CommentedSeq(),
    }


def check_handle(handle: str) -> str:
    """Return handle if it is a valid agency handle."""
    if not HANDLE.match(handle):
        raise InvalidInput(
            f"invalid agency handle {handle!r}: use lower-case letters, digits "
            "and '-', e.g. asc, police, gp"
        )
    return handle


def close_case(
    book: Book,
    case_id: str,
    *,
    today: date,
    reason: str,
    outcomes_asked: bool,
    not_asked_reason: str | None = None,
    outcomes_expressed: bool | None = None,
    achieved: str | None = None,
) -> Case:
    """Close a case, recording Making Safeguarding Personal outcomes; open actions block it.

    Each answer follows from the one before: why the adult could not be asked only
    when not asked; whether they expressed outcomes only when asked; whether those
    were met only when expressed (EMP001 reports an answer left out).
    """
    if outcomes_asked and not_asked_reason is not None:
        raise InvalidInput(
            "closure.not_asked_reason: a reason for not asking is only for an adult not asked"
        )
    if not outcomes_asked and outcomes_expressed is not None:
        raise InvalidInput(
            "closure.outcomes_expressed: only an adult who was asked can have expressed outcomes"
        )
    if not outcomes_expressed and achieved is not None:
        raise InvalidInput(
            "closure.outcomes_achieved: only outcomes the adult expressed can have been met"
        )
    if achieved is not None:
        check_choice(achieved, OUTCOMES_ACHIEVED, "outcomes achieved")
    with edit_case(book, case_id) as case:
        if case.adult.get("status") == "closed":
            raise InvalidInput(f"case {case_id} is already closed")
        still_open = [a.get("id") for a in case.actions if a.get("status") == "open"]
        if still_open:
            raise InvalidInput(
                f"case {case_id} has open actions ({', '.join(map(str, still_open))}); "
                "mark them done or cancelled before closing"
            )
        case.adult["status"] = "closed"
        case.adult["closed"] = today
        case.adult["closure"] = roundtrip.record(
            CLOSURE.keys,
            {
                "reason": reason,
                "outcomes_asked": outcomes_asked,
                "not_asked_reason": not_asked_reason,
                "outcomes_expressed": outcomes_expressed,
                "outcomes_achieved": achieved,
            },
        )
    return case


def add_agency(
    book: Book,
    case_id: str,
    handle: str,
    *,
    name: str | None,
    kind: str | None,
    people: Sequence[AgencyPerson],
    lead: bool,
) -> Case:
    """Add an agency (or more people to an existing one); `lead` makes it the lead agency."""
    check_handle(handle)
    with edit_case(book, case_id) as case:
        existing = next((a for a in case.agencies if a.get("handle") == handle), None)
        if existing is None:
            if not name or not kind:
                raise InvalidInput(f"agency {handle!r} is new: give --name and --kind")
            check_choice(kind, AGENCY_KINDS, "agency kind")
            existing = roundtrip.record(
                AGENCY.keys, {"handle": handle, "name": name, "kind": kind, "people": []}
            )
            roundtrip.append(case.agencies, existing)
        elif name or kind:
            raise InvalidInput(
                f"agency {handle!r} already exists in {case_id}; to add people give only --person"
            )
        if existing.get("people") is None:
            existing["people"] = CommentedSeq()
        known = {str(p.get("name")) for p in existing["people"] if isinstance(p, dict)}
        for person in people:
            if person.name in known:
                raise InvalidInput(f"{person.name!r} is already listed for {handle}")
            roundtrip.append(
                existing["people"], roundtrip.record(AGENCY_PERSON.keys, person.as_record())
            )
            known.add(person.name)
        if lead:
            case.adult["lead_agency"] = handle
    return case
