"""The invitation to a meeting: to one invitee, or to all of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from safecli.errors import InvalidInput
from safecli.policy.pack import MeetingType, book_policy
from safecli.render.adults import Interpreter, interpreters
from safecli.render.context import (
    AdultView,
    Document,
    InviteeView,
    MeetingView,
    adult_view,
    document,
    meeting_type,
    meeting_view,
)
from safecli.render.i18n import N_
from safecli.render.views import AgencyView, Directory
from safecli.store.book import Book, Case

TITLE = N_("Invitation: %(title)s")


@dataclass(frozen=True)
class Addressee:
    """Who an invitation is for, as given to --to: an agency, and maybe a name."""

    agency: str
    name: str | None = None

    @classmethod
    def parse(cls, value: str) -> Addressee:
        """Read `police` or `police:DC Rachel Quinn`."""
        agency, _, name = value.partition(":")
        if not agency.strip():
            raise InvalidInput(f"invalid --to {value!r}: write agency or agency:Name")
        return cls(agency.strip(), name.strip() or None)

    def __str__(self) -> str:
        return f"{self.agency}:{self.name}" if self.name else self.agency


@dataclass(frozen=True)
class Invitation:
    """Everything an invitation shows."""

    doc: Document
    adult: AdultView
    meeting: MeetingView
    meeting_type: MeetingType
    recipient: InviteeView | None
    agencies: tuple[AgencyView, ...]
    removed: bool = False  # the recipient was taken off the meeting
    interpreters: tuple[Interpreter, ...] = ()  # the other adults' (a meeting about several)

    @property
    def is_cancellation(self) -> bool:
        """Whether this is a cancellation: of the meeting, or for a removed invitee."""
        return self.removed or self.meeting.status == "cancelled"

    def variables(self) -> dict[str, Any]:
        """The template variables."""
        return {
            "doc": self.doc,
            "adult": self.adult,
            "meeting": self.meeting,
            "meeting_type": self.meeting_type,
            "recipient": self.recipient,
            "agencies": self.agencies,
            "interpreters": self.interpreters,
        }


def build(
    book: Book, case: Case, meeting_id: str, *, to: Addressee | None, show_names: bool, today: date
) -> Invitation:
    """The invitation to a meeting, for one invitee (`to`) or a general one; for a cancelled
    meeting, or `to` an invitee taken off it, the cancellation."""
    raw = case.find("meetings", meeting_id)
    people = Directory.of(case)
    mtype = meeting_type(book_policy(book), raw)
    meeting = meeting_view(raw, mtype, people, book, case)
    removed = to is not None and _removed(meeting, to) is not None
    recipient = None
    if to is not None:
        recipient = _removed(meeting, to) if removed else find_invitee(meeting, to)
    agencies: list[AgencyView] = []
    for invitee in meeting.invitees:
        agency = people.agency(invitee.person.agency)
        if agency is not None and agency not in agencies:
            agencies.append(agency)
    title = TITLE % {"title": meeting.title}
    return Invitation(
        doc=document(book, case, title, today),
        adult=adult_view(case, people, show_names=show_names),
        meeting=meeting,
        meeting_type=mtype,
        recipient=recipient,
        agencies=tuple(agencies),
        removed=removed,
        interpreters=interpreters(book, case, raw, show_names=show_names),
    )


def _removed(meeting: MeetingView, to: Addressee) -> InviteeView | None:
    """The invitee taken off the meeting that `to` names (None if `to` is still invited)."""
    if any(
        i.person.agency == to.agency and to.name in (None, i.person.name) for i in meeting.invitees
    ):
        return None
    return next(
        (
            i
            for i in reversed(meeting.uninvited)
            if i.person.agency == to.agency and to.name in (None, i.person.name)
        ),
        None,
    )


def find_invitee(meeting: MeetingView, to: Addressee) -> InviteeView:
    """The one invitee `to` names; InvalidInput when none or several match."""
    matches = [
        i
        for i in meeting.invitees
        if i.person.agency == to.agency and (to.name is None or i.person.name == to.name)
    ]
    if len(matches) == 1:
        return matches[0]
    invited = ", ".join(f"{i.person.agency}:{i.person.name}" for i in meeting.invitees)
    if not matches:
        raise InvalidInput(
            f"{to} is not invited to {meeting.id} (invitees: {invited or 'none'}); "
            "invite them first with: safecli meeting invite"
        )
    raise InvalidInput(
        f"--to {to} matches several invitees of {meeting.id}; "
        f"give the name too, e.g. --to {matches[0].person.agency}:"
        f'"{matches[0].person.name}"'
    )
