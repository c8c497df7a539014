"""The invitation as an email, ready for `sendmail -t`.

Text and HTML alternatives, with the calendar file attached as
`text/calendar; method=REQUEST`; a cancellation is a short text with the
`method=CANCEL` calendar file. Every header is built from ids and from
addresses checked here: a name can never carry a line break into a header,
and an address with anything but one plain `user@domain` is refused. The
Message-ID is unique (`email.utils.make_msgid`) under the book's `mail_domain`,
or the sender's own domain.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from safecli.errors import InvalidInput
from safecli.render.calendar import email_of
from safecli.render.context import MARKING
from safecli.render.escape import header_text
from safecli.render.invitation import Invitation
from safecli.render.views import PersonView, format_long_day

# Local line ends: what `sendmail -t` reads on its standard input.
POLICY = policy.default.clone(linesep="\n", max_line_length=78)
_ADDR_SPEC = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?"
)


@dataclass(frozen=True)
class Mail:
    """The email text, and the invitees it could not be addressed to (no email known)."""

    text: str
    unaddressed: tuple[PersonView, ...]


def address(name: str | None, email: str) -> Address:
    """A mail address; refuses an address that is not one plain user@domain."""
    if not _ADDR_SPEC.fullmatch(email):
        raise InvalidInput(f"not a plain email address: {email!r}")
    local, _, domain = email.partition("@")
    return Address(display_name=header_text(name or ""), username=local, domain=domain)


def parse_sender(value: str) -> Address:
    """Read --from: `user@domain` or `Name <user@domain>`."""
    match = re.fullmatch(r"\s*(?:(?P<name>[^<>]*?)\s*<(?P<addr>[^<>]+)>|(?P<bare>\S+))\s*", value)
    if match is None or "\r" in value or "\n" in value:
        raise InvalidInput(f"invalid --from {value!r}: write user@domain or 'Name <user@domain>'")
    return address(match["name"], match["addr"] or match["bare"])


def invitation_email(
    inv: Invitation,
    *,
    text_body: str,
    html_body: str,
    ics: str,
    now: datetime,
    sender: Address | None = None,
    domain: str | None = None,
) -> Mail:
    """The invitation email (or the cancellation): To the recipient (or every invitee
    with an email)."""
    meeting = inv.meeting
    if sender is None:
        chair_email = email_of(meeting.chair)
        if chair_email is None:
            raise InvalidInput(
                f"no email is recorded for the chair of {meeting.id}; give --from ADDRESS"
            )
        sender = address(meeting.chair.name if meeting.chair else None, chair_email)
    people = [inv.recipient.person] if inv.recipient else [i.person for i in meeting.invitees]
    recipients = [address(p.name, e) for p in people if (e := email_of(p))]
    unaddressed = tuple(p for p in people if email_of(p) is None)
    if not recipients:
        who = f"{people[0].agency}:{people[0].name}" if len(people) == 1 else "any invitee"
        raise InvalidInput(
            f"no email address is recorded for {who} of {meeting.id}; add one in agencies.yaml"
        )
    message = EmailMessage(policy=POLICY)
    message["From"] = sender
    message["To"] = recipients
    when = format_long_day(meeting.when.date()) if meeting.when else "date to be confirmed"
    what = "Cancelled" if inv.is_cancellation else "Invitation"
    message["Subject"] = header_text(
        f"{MARKING}: {what}: {meeting.title}, {inv.doc.case_id} {meeting.id}, {when}"
    )
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(
        idstring=f"{inv.doc.case_id}.{re.sub(r'[^A-Za-z0-9]', '', meeting.id)}",
        domain=domain or sender.domain,
    )
    if inv.is_cancellation:
        message.set_content(cancellation_text(inv, when), cte="quoted-printable")
    else:
        message.set_content(text_body, cte="quoted-printable")
        message.add_alternative(html_body, subtype="html", cte="quoted-printable")
    message.add_attachment(
        ics,
        subtype="calendar",
        cte="quoted-printable",
        filename="cancellation.ics" if inv.is_cancellation else "invitation.ics",
        params={"method": "CANCEL" if inv.is_cancellation else "REQUEST"},
    )
    _fix_boundaries(message, text_body + html_body + ics)
    return Mail(message.as_string(policy=POLICY), unaddressed)


def cancellation_text(inv: Invitation, when: str) -> str:
    """The body of a cancellation: ids, type and date only, like the calendar entry."""
    meeting = inv.meeting
    if inv.removed:
        news = "You are no longer needed at this meeting; it goes ahead without you."
    else:
        news = "This meeting is cancelled."
    return "\n".join(
        [
            MARKING,
            "",
            "Dear colleague,",
            "",
            f"{meeting.title}, case {inv.doc.case_id}, meeting {meeting.id}, {when}.",
            news,
            "The attached calendar file removes the entry from your calendar.",
            "",
            f"Chair: {meeting.chair}." if meeting.chair else "The chair will be in touch.",
            "",
        ]
    )


def _fix_boundaries(message: EmailMessage, content: str) -> None:
    """Derive MIME boundaries from the content, so the same invitation gives the same bytes."""
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:24]
    for index, part in enumerate(message.walk()):
        if part.is_multipart():
            part.set_boundary(f"=_safecli_{digest}_{index}")
