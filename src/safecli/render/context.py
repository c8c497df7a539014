"""What every rendered document knows: the book, the case, the adult and a meeting.

Documents show as little about the adult as they can. The adult's name appears
only when the book's `show_names` is true or the command is given
`--show-names`; otherwise they are their initials and the case id. The
adult's address, phone and date of birth never appear in a rendered document.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from safecli.casework.adult_parts import Communication
from safecli.casework.adult_reader import read_adult
from safecli.casework.schedule import sequence_of
from safecli.dates import parse_when
from safecli.errors import FileFormatError, InvalidInput
from safecli.policy.pack import MeetingType, Policy
from safecli.raw import day, items, mapping, text, texts
from safecli.render.i18n import N_
from safecli.render.views import (
    MODE_LABELS,
    RESPONSE_LABELS,
    AgencyView,
    Directory,
    PersonView,
    format_when,
)
from safecli.shape import INVITEE, MEETING, shown
from safecli.store import scan
from safecli.store.book import Book, Case
from safecli.store.refusals import read_text

MARKING = N_("OFFICIAL-SENSITIVE")
_EITHER_FORMAT = re.compile(r"\b(discussion/meeting|meeting/discussion)\b")


@dataclass(frozen=True)
class Document:
    """Facts about the document itself."""

    organisation: str
    marking: str
    title: str
    case_id: str
    as_of: date


@dataclass(frozen=True)
class AdultView:
    """The adult as a document may show them."""

    label: str
    initials: str
    name: str | None
    preferred_name: str | None
    show_names: bool
    communication: Communication
    risk_level: str | None
    lead_agency: AgencyView | None
    coordinator: PersonView | None


@dataclass(frozen=True)
class InviteeView:
    """An invitee and their reply."""

    person: PersonView
    reason: str | None
    response: str
    response_label: str
    deputy: str | None
    responded_on: date | None


@dataclass(frozen=True)
class MeetingView:
    """A meeting, planned or held."""

    id: str
    type_id: str
    title: str
    framework: str
    format: str
    mode: str
    mode_label: str
    when: datetime | None
    when_text: str
    where: str | None
    link: str | None
    purpose: str | None
    chair: PersonView | None
    decision_maker: PersonView | None
    status: str
    invited_on: date | None
    adult_invited: bool | None
    adult_not_invited_reason: str | None
    agenda: tuple[str, ...]
    invitees: tuple[InviteeView, ...]
    held_on: date | None
    sequence: int = 0
    uninvited: tuple[InviteeView, ...] = ()
    adult_interpreter_arranged: bool | None = None


def type_title(name: str, meeting_format: str | None) -> str:
    """A type's name for one meeting: `strategy discussion/meeting` says which it is."""
    if meeting_format not in ("discussion", "meeting"):
        return name
    return _EITHER_FORMAT.sub(meeting_format, name)


def initials(name: str | None) -> str:
    """`Edith Marlow` -> `E.M.`."""
    words = (name or "").replace("-", " ").split()
    letters = [word[0].upper() for word in words if word[0].isalpha()]
    return "".join(f"{letter}." for letter in letters)


def adult_view(case: Case, people: Directory, *, show_names: bool) -> AdultView:
    """The adult, named only when show_names."""
    adult = read_adult(case.adult, people.person)
    name, preferred = adult.name, adult.preferred_name
    marks = initials(name)
    label = (name or N_("the adult")) if show_names else (marks or N_("the adult"))
    return AdultView(
        label=label,
        initials=marks,
        name=name if show_names else None,
        preferred_name=preferred if show_names else None,
        show_names=show_names,
        communication=adult.communication,
        risk_level=adult.risk_level,
        lead_agency=people.agency(adult.lead_agency),
        coordinator=adult.coordinator,
    )


def meeting_type(policy: Policy, raw: Mapping[str, Any]) -> MeetingType:
    """The policy-pack type of a stored meeting."""
    return policy.get(str(raw.get("type")))


def meeting_view(
    raw: Mapping[str, Any], mtype: MeetingType, people: Directory, book: Book, case: Case
) -> MeetingView:
    """A stored meeting as templates see it; a `when` that is not a usable time is refused
    at its place in meetings.yaml."""
    try:
        when = _when(raw.get("when"), book)
    except InvalidInput as exc:
        path = case.folder / "meetings.yaml"
        index = next((i for i, m in enumerate(case.meetings) if m is raw), 0)
        line, column = scan.locate(scan.compose(path, read_text(path)), [index, "when"])
        raise FileFormatError(
            f"when is not a meeting time safecli can use ({_reason(exc)}); see: safecli validate",
            path=path,
            line=line,
            column=column,
        ) from exc
    meeting_format = text(shown(raw.get("format"), MEETING, "format")) or "meeting"
    mode = text(shown(raw.get("mode"), MEETING, "mode")) or ""
    adult = mapping(raw.get("adult"))
    invited = adult.get("invited")
    arranged = adult.get("interpreter_arranged")
    return MeetingView(
        id=str(shown(raw.get("id"), MEETING, "id")),
        type_id=mtype.id,
        title=type_title(mtype.name, meeting_format),
        framework=mtype.framework,
        format=meeting_format,
        mode=mode,
        mode_label=MODE_LABELS.get(mode, mode or N_("not recorded")),
        when=when,
        when_text=format_when(when) if when else N_("time not recorded"),
        where=text(raw.get("where")),
        link=text(raw.get("link")),
        purpose=text(raw.get("purpose")),
        chair=people.person(raw.get("chair")),
        decision_maker=people.person(raw.get("decision_maker")),
        status=text(shown(raw.get("status"), MEETING, "status")) or "planned",
        invited_on=day(raw.get("invited_on")),
        adult_invited=invited if isinstance(invited, bool) else None,
        adult_not_invited_reason=text(adult.get("not_invited_reason")),
        agenda=texts(raw.get("agenda")),
        invitees=tuple(
            view
            for view in (_invitee(e, people) for e in items(raw.get("invitees")))
            if view is not None
        ),
        held_on=day(mapping(raw.get("minutes")).get("held_on")),
        sequence=sequence_of(raw),
        uninvited=tuple(
            view
            for view in (_invitee(e, people) for e in items(raw.get("uninvited")))
            if view is not None
        ),
        adult_interpreter_arranged=arranged if isinstance(arranged, bool) else None,
    )


def _invitee(raw: Any, people: Directory) -> InviteeView | None:
    entry = mapping(raw)
    person = people.person(entry.get("person"))
    if person is None:
        return None
    response = text(shown(entry.get("response"), INVITEE, "response")) or "invited"
    return InviteeView(
        person=person,
        reason=text(entry.get("reason")),
        response=response,
        response_label=RESPONSE_LABELS.get(response, response),
        deputy=text(entry.get("deputy")),
        responded_on=day(entry.get("responded_on")),
    )


def _reason(exc: InvalidInput) -> str:
    """What was wrong with a stored value, without the value itself (it may be free text)."""
    message = exc.message
    if "out of range" in message:
        return message[message.index("out of range") :]
    return "not a date and time YYYY-MM-DDTHH:MM"


def _when(value: Any, book: Book) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=book.config.tz)
    if value is None:
        return None
    return parse_when(str(value).strip(), book.config.tz)


def document(book: Book, case: Case, title: str, as_of: date) -> Document:
    """The document's own facts: organisation, marking, title, date."""
    return Document(
        organisation=book.config.organisation or "",
        marking=MARKING,
        title=title,
        case_id=case.case_id,
        as_of=as_of,
    )
