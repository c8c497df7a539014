"""The calendar file (.ics) of an invitation.

Calendars leak: entries are synced to phones, shared with assistants and shown
on lock screens. So the calendar text names the case and meeting by id only,
never the adult's name, address or the concern; the place is left out when it
would say where the adult lives (the invitation itself gives it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, Timezone, vCalAddress

from safecli.errors import InvalidInput
from safecli.raw import mapping, text
from safecli.render.escape import header_text, one_line
from safecli.render.i18n import N_
from safecli.render.invitation import Invitation
from safecli.render.views import PersonView
from safecli.render.words import Words
from safecli.store.book import Case

PRODID = "-//safecli//safeguarding meeting invitation//EN"
PARTSTAT = {
    "invited": "NEEDS-ACTION",
    "accepted": "ACCEPTED",
    "declined": "DECLINED",
    "deputy": "DELEGATED",
    "written-update": "DECLINED",
}
ENGLISH = Words("en")
Languages = tuple[str, ...]
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
_EMAIL = re.compile(r"[^\s<>\"(),;:@\\]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def summary(inv: Invitation, words: Words = ENGLISH) -> str:
    """The calendar title: meeting type and case id, nothing about the adult."""
    return header_text(f"{words.gettext(inv.meeting.title)} — {inv.doc.case_id}")


def email_of(person: PersonView | None) -> str | None:
    """A person's email, None when none is recorded; InvalidInput when it is not one address."""
    if person is None or person.email is None:
        return None
    if not _EMAIL.fullmatch(person.email):
        raise InvalidInput(
            f"the email recorded for {person.agency}:{one_line(person.name)} is "
            "not one plain address; fix it in agencies.yaml"
        )
    return person.email


def private_words(case: Case) -> tuple[str, ...]:
    """Words that identify the adult: names, address lines, postcode, phone."""
    adult = mapping(case.adult)
    words: list[str] = []
    for key in ("name", "preferred_name", "phone"):
        value = text(adult.get(key))
        if value:
            words.append(value)
            words.extend(part for part in value.split() if len(part) >= 3)
    address = text(adult.get("address")) or ""
    words.extend(line.strip(" ,") for line in address.splitlines() if len(line.strip()) >= 3)
    words.extend(
        part.strip(" ,")
        for line in address.splitlines()
        for part in line.split(",")
        if len(part.strip()) >= 3
    )
    words.extend(_POSTCODE.findall(address))
    return tuple(dict.fromkeys(w for w in words if w))


def mentions(value: str, words: Iterable[str]) -> bool:
    """True when value contains any of words (whole words, any case)."""
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", value, re.IGNORECASE) for w in words)


def location(inv: Invitation, words: tuple[str, ...], languages: Languages = ("en",)) -> str:
    """Where, as far as a calendar may say it (a fixed phrase in each language)."""
    meeting = inv.meeting
    if meeting.mode == "virtual" and meeting.link and not mentions(meeting.link, words):
        return meeting.link
    if meeting.where and meeting.mode != "telephone" and not mentions(meeting.where, words):
        return header_text(meeting.where)
    if meeting.mode == "telephone":
        phrase = N_("Telephone: the chair sends the dial-in details")
    else:
        phrase = N_("given in the invitation from the chair")
    return " / ".join(Words(lang).gettext(phrase) for lang in languages)


def description(inv: Invitation, place: str, languages: Languages = ("en",)) -> str:
    """The calendar body: ids, type, chair and how to join; no case details.
    In two languages, the first language's paragraph first."""
    return "\n\n".join(_description(inv, place, Words(lang)) for lang in languages)


def _description(inv: Invitation, place: str, words: Words) -> str:
    meeting = inv.meeting
    chair = meeting.chair
    _ = words.gettext
    lines = [
        f"{_(meeting.title)} ({_(inv.meeting_type.framework)}).",
        _("Case %(case)s, meeting %(meeting)s.") % {"case": inv.doc.case_id, "meeting": meeting.id},
        _("Chair: %(chair)s.") % {"chair": chair} if chair else _("Chair: not yet named."),
        _("How: %(how)s. Where: %(where)s.") % {"how": _(meeting.mode_label), "where": place},
        _("The purpose, agenda and what to bring are in the invitation from the chair."),
        _(
            "If you cannot attend, tell the chair and send a deputy or a written update "
            "before the meeting."
        ),
        _("OFFICIAL-SENSITIVE: do not forward this entry or add case details to it."),
    ]
    return "\n".join(header_text(line) for line in lines)


def method_of(inv: Invitation) -> str:
    """The iTIP method (RFC 5546): CANCEL for a cancellation, else REQUEST."""
    return "CANCEL" if inv.is_cancellation else "REQUEST"


def invitation_ics(
    inv: Invitation,
    case: Case,
    *,
    uid: str,
    now: datetime,
    duration: timedelta = timedelta(hours=1),
    languages: Languages = ("en",),
) -> str:
    """The invitation as an iCalendar REQUEST, or the CANCEL of a cancellation, with the
    meeting's UID and SEQUENCE (CRLF line ends, as RFC 5545 wants)."""
    meeting = inv.meeting
    if meeting.when is None:
        raise InvalidInput(
            f"meeting {meeting.id} of {case.case_id} has no time recorded; "
            "a calendar invitation needs one"
        )
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method_of(inv))
    zone = getattr(meeting.when.tzinfo, "key", None)
    if zone:
        year = meeting.when.year
        cal.add_component(
            Timezone.from_tzid(zone, first_date=date(year, 1, 1), last_date=date(year + 1, 1, 1))
        )
    place = location(inv, private_words(case), languages)
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now.astimezone(UTC))
    event.add("sequence", meeting.sequence)
    event.add("dtstart", meeting.when)
    event.add("dtend", meeting.when + duration)
    titles = (
        (words.gettext(N_("Cancelled: %(title)s")) if inv.is_cancellation else "%(title)s")
        % {"title": summary(inv, words)}
        for words in map(Words, languages)
    )
    event.add("summary", " / ".join(titles))
    event.add("location", place)
    event.add("description", description(inv, place, languages))
    event.add("class", "CONFIDENTIAL")
    event.add("status", "CANCELLED" if inv.is_cancellation else "CONFIRMED")
    event.add("transp", "OPAQUE")
    chair = meeting.chair
    chair_email = email_of(chair)
    if chair is not None and chair_email is not None:
        event.add("organizer", _address(chair, chair_email))
        event.add("attendee", _address(chair, chair_email, role="CHAIR", partstat="ACCEPTED"))
    # A cancellation for a removed invitee goes to them alone; the meeting's to everyone.
    invitees = (inv.recipient,) if inv.removed and inv.recipient else meeting.invitees
    for invitee in invitees:
        address = email_of(invitee.person)
        if address is None or address == chair_email:
            continue
        partstat = PARTSTAT.get(invitee.response, "NEEDS-ACTION")
        if inv.is_cancellation:
            partstat = "NEEDS-ACTION"  # no answer is asked for (RSVP stays off below)
        event.add(
            "attendee",
            _address(
                invitee.person,
                address,
                role="REQ-PARTICIPANT",
                partstat=partstat,
                rsvp=partstat == "NEEDS-ACTION" and not inv.is_cancellation,
            ),
        )
    cal.add_component(event)
    data: bytes = cal.to_ical()
    return data.decode("utf-8")


def _address(
    person: PersonView,
    email: str,
    *,
    role: str | None = None,
    partstat: str | None = None,
    rsvp: bool = False,
) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["CN"] = header_text(person.name)
    if role:
        address.params["ROLE"] = role
    if partstat:
        address.params["PARTSTAT"] = partstat
    if rsvp:
        address.params["RSVP"] = "TRUE"
    return address
