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
from safecli.render.i18n import N_
from safecli.render.invitation import Invitation
from safecli.render.views import PersonView
from safecli.render.words import Words

# Local line ends: what `sendmail -t` reads on its standard input.
POLICY = policy.default.clone(linesep="\n", max_line_length=78)
SEPARATOR = "\n" + "=" * 74 + "\n\n"
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
    languages: tuple[str, ...] = ("en",),
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
    message["Subject"] = " / ".join(subject(inv, Words(lang)) for lang in languages)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(
        idstring=f"{inv.doc.case_id}.{re.sub(r'[^A-Za-z0-9]', '', meeting.id)}",
        domain=domain or sender.domain,
    )
    if inv.is_cancellation:
        text = SEPARATOR.join(cancellation_text(inv, Words(lang)) for lang in languages)
        message.set_content(text, cte="quoted-printable")
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


def subject(inv: Invitation, words: Words) -> str:
    """The subject line in one language: marking, invitation or cancellation, ids, day."""
    meeting = inv.meeting
    _ = words.gettext
    when = words.long_day(meeting.when.date()) if meeting.when else _(N_("date to be confirmed"))
    what = N_("Cancelled") if inv.is_cancellation else N_("Invitation")
    return header_text(
        f"{_(MARKING)}: {_(what)}: {_(meeting.title)}, {inv.doc.case_id} {meeting.id}, {when}"
    )


def cancellation_text(inv: Invitation, words: Words) -> str:
    """The body of a cancellation: ids, type and date only, like the calendar entry."""
    meeting = inv.meeting
    _ = words.gettext
    when = words.long_day(meeting.when.date()) if meeting.when else _(N_("date to be confirmed"))
    if inv.removed:
        news = _("You are no longer needed at this meeting; it goes ahead without you.")
    else:
        news = _("This meeting is cancelled.")
    ids = {"case": inv.doc.case_id, "meeting": meeting.id}
    return "\n".join(
        [
            _(MARKING),
            "",
            _("Dear colleague,"),
            "",
            _("%(title)s, case %(case)s, meeting %(meeting)s, %(day)s.")
            % {"title": _(meeting.title), "day": when, **ids},
            news,
            _("The attached calendar file removes the entry from your calendar."),
            "",
            _("Chair: %(chair)s.") % {"chair": meeting.chair}
            if meeting.chair
            else _("The chair will be in touch."),
            "",
        ]
    )


def _fix_boundaries(message: EmailMessage, content: str) -> None:
    """Derive MIME boundaries from the content, so the same invitation gives the same bytes."""
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:24]
    for index, part in enumerate(message.walk()):
        if part.is_multipart():
            part.set_boundary(f"=_safecli_{digest}_{index}")
