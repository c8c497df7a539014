"""The morning digest as one email per agency, each with only that agency's items.

An agency is a handle in the cases' agencies.yaml (`police`, `gp`); its digest
holds what `overdue --agency HANDLE` shows it (see `items.select`) and goes to
the people of that agency, in the cases its items are about, who have an email
address. The body is the same text as the digest, so it carries ids, types,
leads and dates and no adult's name or free text unless the command was asked
for them. Messages are ready for `sendmail -t`, or for delivery into a maildir.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from safecli import raw
from safecli.digest import output
from safecli.digest.items import Item, select
from safecli.errors import SafecliError
from safecli.render.mail import POLICY, address
from safecli.store import atomic, fastload
from safecli.store.book import Book

MARKING = "OFFICIAL-SENSITIVE"


@dataclass(frozen=True)
class AgencyMail:
    """One agency's digest email (`text`), or None when no one there has an address."""

    handle: str
    items: int
    text: str | None


def agencies_in(items: Sequence[Item]) -> list[str]:
    """Every agency some item concerns (leads, owes or awaits minutes, involved in a case)."""
    handles: set[str] = set()
    for item in items:
        if item.kind == "unreadable":
            continue
        handles.update(h for h in (item.agency, *item.involved, *(item.missing or ())) if h)
    return sorted(handles)


def people_of(book: Book, case_ids: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
    """(name, email) of the people of each agency handle in these cases (deduplicated)."""
    found: dict[str, dict[str, str]] = {}
    for case_id in case_ids:
        path = book.case_dir(case_id) / "agencies.yaml"
        try:
            agencies = fastload.load(path, list)
        except (SafecliError, OSError):
            continue  # listed as unreadable by the digest itself
        for agency in agencies or []:
            if not isinstance(agency, Mapping) or not isinstance(agency.get("handle"), str):
                continue
            for person in raw.items(agency.get("people")):
                email = person.get("email") if isinstance(person, Mapping) else None
                if isinstance(email, str) and email.strip():
                    by_address = found.setdefault(agency["handle"], {})
                    by_address.setdefault(email.strip().lower(), str(person.get("name") or ""))
    return {
        handle: sorted((name, email) for email, name in emails.items())
        for handle, emails in found.items()
    }


def agency_mails(
    book: Book,
    items: Sequence[Item],
    view: output.View,
    *,
    sender: Address,
    now: datetime,
    domain: str | None = None,
    only: Sequence[str] = (),
) -> list[AgencyMail]:
    """The digest email of every agency that has items (or of those in `only`)."""
    mails = []
    for handle in agencies_in(items):
        if only and handle not in only:
            continue
        own = select(items, agencies=[handle])
        if all(item.kind == "unreadable" for item in own):
            continue
        people = people_of(book, sorted({item.case for item in own}))
        recipients = [address(name, email) for name, email in people.get(handle, [])]
        text = None
        if recipients:
            body = output.render(own, view)
            text = _message(handle, body, len(own), recipients, sender, now, domain, view)
        mails.append(AgencyMail(handle, len(own), text))
    return mails


def _message(
    handle: str,
    body: str,
    count: int,
    recipients: list[Address],
    sender: Address,
    now: datetime,
    domain: str | None,
    view: output.View,
) -> str:
    message = EmailMessage(policy=POLICY)
    message["From"] = sender
    message["To"] = recipients
    plural = "" if count == 1 else "s"
    message["Subject"] = (
        f"{MARKING}: digest for {handle}, {view.as_of.isoformat()}: {count} item{plural}"
    )
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(idstring=f"digest.{handle}", domain=domain or sender.domain)
    message.set_content(
        f"{MARKING}\n\nWhat {handle} needs to know on {view.as_of.isoformat()}:\n\n{body}",
        cte="quoted-printable",
    )
    return message.as_string(policy=POLICY)


def file_name(mail: AgencyMail, view: output.View) -> str:
    """`digest-2026-12-01-police.eml`: the date and the agency handle, no personal data."""
    return f"digest-{view.as_of.isoformat()}-{mail.handle}.eml"


def maildir_name(mail: AgencyMail, now: datetime) -> str:
    """A unique maildir file name (time, a hash of the message, the handle)."""
    stamp = int(now.timestamp())
    digest = hashlib.sha256((mail.text or "").encode("utf-8")).hexdigest()[:16]
    return f"{stamp}.{digest}.safecli-{mail.handle}"


def is_maildir(folder: Path) -> bool:
    """Whether folder is a maildir (it has cur/, new/ and tmp/)."""
    return all((folder / sub).is_dir() for sub in ("cur", "new", "tmp"))


def deliver(
    mails: Sequence[AgencyMail], folder: Path, view: output.View, now: datetime
) -> list[Path]:
    """Write each addressed message into folder (0600, atomically): into a maildir's new/
    through its tmp/, else as digest-DATE-HANDLE.eml files for `sendmail -t`."""
    maildir = is_maildir(folder)
    if not folder.exists():
        atomic.make_private_dir(folder)
    written = []
    for mail in mails:
        if mail.text is None:
            continue
        if maildir:
            name = maildir_name(mail, now)
            atomic.write_atomic(folder / "tmp" / name, mail.text)
            os.replace(folder / "tmp" / name, folder / "new" / name)
            written.append(folder / "new" / name)
        else:
            atomic.write_atomic(folder / file_name(mail, view), mail.text)
            written.append(folder / file_name(mail, view))
    return written
