"""The calendar (.ics) and email (.eml) forms of an invitation."""

from __future__ import annotations

import email
import re
import uuid
from email import policy
from pathlib import Path

import pytest
from icalendar import Calendar
from test_render import INJECT, make_book, run

from safecli.errors import InvalidInput
from safecli.render.mail import address, parse_sender

PRIVATE = (
    "Rosa",
    "Fictional",
    "Ro's",
    "Test Lane",
    "Sampleton",
    "SA1 1AA",
    "01632 960999",
    "lodger",
    "pension",
)


# RFC 4122 name-based UUIDs, worked out here rather than by safecli's own code: the
# test book has no book_id, so its identity is the one named after its organisation.
BOOK = uuid.uuid5(uuid.NAMESPACE_URL, "urn:safecli:book:Test Council")
UID_M3 = str(uuid.uuid5(BOOK, "SG-2026-0100/M3"))


@pytest.fixture
def rbook(tmp_path: Path) -> Path:
    return make_book(tmp_path / "book")


def ics_of(book: Path, meeting: str, *extra: str) -> str:
    result = run(
        book,
        "render",
        "invitation",
        "SG-2026-0100",
        meeting,
        "--format",
        "ics",
        "--as-of",
        "2026-12-01",
        *extra,
    )
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def test_ics_is_a_request_with_a_stable_uid_and_a_timezone(rbook: Path) -> None:
    text = ics_of(rbook, "M3")
    assert text == ics_of(rbook, "M3")
    cal = Calendar.from_ical(text)
    assert str(cal["METHOD"]) == "REQUEST"
    [zone] = cal.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/London"
    [event] = cal.walk("VEVENT")
    assert str(event["UID"]) == UID_M3
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    start = event.decoded("DTSTART")
    assert (start.isoformat(), start.tzinfo.key) == ("2026-12-15T10:00:00+00:00", "Europe/London")
    assert event.decoded("DTEND").isoformat() == "2026-12-15T11:00:00+00:00"
    assert event.decoded("DTSTAMP").isoformat() == "2026-12-01T00:00:00+00:00"
    assert event.decoded("SEQUENCE") == 0
    assert str(event["SUMMARY"]) == "Safeguarding review meeting — SG-2026-0100"
    assert str(event["ORGANIZER"]) == "mailto:ann.chair@example.org"
    attendees = {str(a): (a.params["ROLE"], a.params["PARTSTAT"]) for a in event["ATTENDEE"]}
    # Dr Who has no email: not an attendee line.
    assert attendees == {
        "mailto:ann.chair@example.org": ("CHAIR", "ACCEPTED"),
        "mailto:lee.jones@example.org": ("REQ-PARTICIPANT", "ACCEPTED"),
    }
    assert str(event["LOCATION"]) == "County Hall, room 4"


def test_ics_duration_option(rbook: Path) -> None:
    cal = Calendar.from_ical(ics_of(rbook, "M3", "--duration", "90"))
    [event] = cal.walk("VEVENT")
    assert event.decoded("SEQUENCE") == 0
    assert event.decoded("DTEND").isoformat() == "2026-12-15T11:30:00+00:00"


@pytest.mark.parametrize("meeting", ["M1", "M2", "M3"])
def test_ics_says_nothing_about_the_adult(rbook: Path, meeting: str) -> None:
    text = ics_of(rbook, meeting)
    unfolded = text.replace("\r\n ", "")
    for word in PRIVATE:
        assert word.lower() not in unfolded.lower(), word
    assert "Stop the lodger" not in unfolded  # the purpose stays out of the calendar


def test_ics_place_at_the_adults_home_is_left_out(rbook: Path) -> None:
    [event] = Calendar.from_ical(ics_of(rbook, "M2")).walk("VEVENT")
    assert str(event["LOCATION"]) == "given in the invitation from the chair"
    [event] = Calendar.from_ical(ics_of(rbook, "M1")).walk("VEVENT")
    assert str(event["LOCATION"]) == "https://meet.example.org/m1"


def eml_of(book: Path, *extra: str) -> email.message.EmailMessage:
    result = run(
        book,
        "render",
        "invitation",
        "SG-2026-0100",
        "M3",
        "--format",
        "eml",
        "--as-of",
        "2026-12-01",
        *extra,
    )
    assert result.exit_code == 0, result.output
    message = email.message_from_string(result.stdout, policy=policy.default)
    assert isinstance(message, email.message.EmailMessage)
    return message


def test_eml_has_text_html_and_the_calendar(rbook: Path) -> None:
    message = eml_of(rbook)
    assert message["From"] == "Ann Chair <ann.chair@example.org>"
    assert message["To"] == "DC Lee Jones <lee.jones@example.org>"
    assert message["Subject"] == (
        "OFFICIAL-SENSITIVE: Invitation: Safeguarding review meeting, "
        "SG-2026-0100 M3, Tuesday 15 December 2026"
    )
    # unique per message (email.utils.make_msgid), under the sender's own domain
    assert re.fullmatch(r"<[0-9.]+\.SG-2026-0100\.M3@example\.org>", message["Message-ID"].strip())
    assert eml_of(rbook)["Message-ID"] != message["Message-ID"]
    assert message.get_content_type() == "multipart/mixed"
    types = [part.get_content_type() for part in message.walk()]
    assert types == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "text/calendar",
    ]
    body = message.get_body(("plain",))
    assert body is not None and "Dear colleague," in body.get_content()
    html = message.get_body(("html",))
    assert html is not None and html.get_content().startswith("<!DOCTYPE html>")
    [calendar] = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert calendar.get_param("method") == "REQUEST"
    assert calendar.get_filename() == "invitation.ics"
    cal = Calendar.from_ical(calendar.get_content())
    assert str(cal.walk("VEVENT")[0]["UID"]) == UID_M3
    assert "Rosa" not in message["Subject"] and "Fictional" not in str(message)


def test_eml_without_an_email_for_an_invitee_says_so(rbook: Path) -> None:
    result = run(rbook, "render", "invitation", "SG-2026-0100", "M3", "--format", "eml")
    assert result.exit_code == 0
    assert (
        "safecli: note: no email address is recorded for gp:Dr Who; "
        "the email is not addressed to them"
    ) in result.stderr
    only_gp = run(
        rbook, "render", "invitation", "SG-2026-0100", "M3", "--format", "eml", "--to", "gp"
    )
    assert only_gp.exit_code == 3
    assert "no email address is recorded for gp:Dr Who of M3" in only_gp.stderr


def test_eml_from_option(rbook: Path) -> None:
    message = eml_of(rbook, "--from", "Safeguarding Hub <hub@example.org>")
    assert message["From"] == "Safeguarding Hub <hub@example.org>"
    result = run(
        rbook,
        "render",
        "invitation",
        "SG-2026-0100",
        "M3",
        "--format",
        "eml",
        "--from",
        "hub@example.org\r\nBcc: evil@example.org",
    )
    assert result.exit_code == 3
    assert "invalid --from" in result.stderr


def test_a_name_cannot_add_a_mail_header(tmp_path: Path) -> None:
    book = make_book(tmp_path / "book", police=INJECT)
    result = run(
        book,
        "render",
        "invitation",
        "SG-2026-0100",
        "M3",
        "--format",
        "eml",
        "--as-of",
        "2026-12-01",
    )
    assert result.exit_code == 0, result.output
    raw = result.stdout
    assert "\r" not in raw
    assert not any(line.lower().startswith("bcc:") for line in raw.split("\n"))
    message = email.message_from_string(raw, policy=policy.default)
    assert message["Bcc"] is None
    assert '\nTo: "Dr Sly Bcc: evil@example.org" <lee.jones@example.org>\n' in raw
    assert [a.addr_spec for a in message["To"].addresses] == ["lee.jones@example.org"]
    ics = ics_of(book, "M3")
    assert "\r\nBcc" not in ics and "\nBcc" not in ics.replace("\r\n ", "")


def test_an_address_with_a_line_break_is_refused(tmp_path: Path) -> None:
    book = make_book(tmp_path / "book", police_email="lee@example.org\r\nBcc: evil@example.org")
    for fmt in ("eml", "ics"):
        result = run(book, "render", "invitation", "SG-2026-0100", "M3", "--format", fmt)
        assert result.exit_code == 3
        assert result.stdout == ""
        # The store refuses the escaped CR before any document is made.
        assert "agencies.yaml:" in result.stderr
        assert "U+000D (carriage return)" in result.stderr
    with pytest.raises(InvalidInput):
        address("X", "lee@example.org\nBcc: evil@example.org")
    with pytest.raises(InvalidInput):
        parse_sender("Name <a@b.org>\nBcc: evil@example.org")


def test_eml_when_nobody_has_an_email(tmp_path: Path) -> None:
    book = make_book(tmp_path / "book", police_email="")
    result = run(book, "render", "invitation", "SG-2026-0100", "M3", "--format", "eml")
    assert result.exit_code == 3
    assert "no email address is recorded for any invitee of M3" in result.stderr
