"""Render a document of a case in one format: the library behind `safecli render`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from safecli.errors import InvalidInput
from safecli.render import (
    FORMATS,
    INVITATION_FORMATS,
    bilingual,
    calendar,
    i18n,
    invitation,
    letters,
    mail,
    minutes,
    plan,
)
from safecli.render.templates import templates_for
from safecli.store import identity
from safecli.store.book import Book, read_case


@dataclass(frozen=True)
class InvitationOptions:
    """How to render an invitation."""

    fmt: str = "md"
    to: invitation.Addressee | None = None
    show_names: bool = False
    sender: str | None = None
    duration: timedelta = timedelta(hours=1)
    lang: str | None = None


@dataclass(frozen=True)
class Rendered:
    """A rendered document, and invitees an email could not be addressed to."""

    text: str
    unaddressed: tuple[str, ...] = ()


def check_format(fmt: str, allowed: tuple[str, ...]) -> str:
    """fmt if allowed, else InvalidInput listing the allowed ones."""
    if fmt not in allowed:
        raise InvalidInput(f"unknown format {fmt!r}; choose one of: {', '.join(allowed)}")
    return fmt


def render_invitation(
    book: Book, case_id: str, meeting_id: str, options: InvitationOptions, *, now: datetime
) -> Rendered:
    """An invitation in md, html, txt, ics or eml; `now` stamps the calendar and email.

    In the recipient's recorded language (agencies.yaml), else as the book's
    jurisdiction says (Welsh first and English in Wales), unless `options.lang`."""
    fmt = check_format(options.fmt, INVITATION_FORMATS)
    case = read_case(book, case_id)
    inv = invitation.build(
        book,
        case,
        meeting_id,
        to=options.to,
        show_names=options.show_names,
        today=now.astimezone(book.config.tz).date(),
    )
    recorded = inv.recipient.person.language if inv.recipient else None
    languages = i18n.languages_for(letters.jurisdiction(book, case), recorded, options.lang)

    def variables(lang: str) -> dict[str, Any]:
        doc = bilingual.localised(inv.doc, lang, invitation.TITLE, title=inv.meeting.title)
        return {**inv.variables(), "doc": doc}

    templates = templates_for(book)
    if fmt in FORMATS:
        if inv.is_cancellation:
            whom = f" for {options.to}" if inv.removed else ""
            raise InvalidInput(
                f"meeting {meeting_id} of {case_id} was cancelled{whom}; its cancellation "
                "is a calendar file or an email: --format ics or --format eml"
            )
        return Rendered(
            bilingual.compose(templates, "invitation." + fmt + ".j2", fmt, variables, languages)
        )
    uid = identity.meeting_uid(book.config, case.case_id, meeting_id)
    ics = calendar.invitation_ics(
        inv, case, uid=uid, now=now, duration=options.duration, languages=languages
    )
    if fmt == "ics":
        return Rendered(ics)
    sender = mail.parse_sender(options.sender) if options.sender else None
    message = mail.invitation_email(
        inv,
        text_body=bilingual.compose(templates, "invitation.txt.j2", "txt", variables, languages),
        html_body=bilingual.compose(templates, "invitation.html.j2", "html", variables, languages),
        ics=ics,
        now=now,
        sender=sender,
        domain=book.config.mail_domain,
        languages=languages,
    )
    return Rendered(message.text, tuple(f"{p.agency}:{p.name}" for p in message.unaddressed))


def render_minutes(
    book: Book,
    case_id: str,
    meeting_id: str,
    fmt: str,
    *,
    show_names: bool,
    today: date,
    lang: str | None = None,
) -> Rendered:
    """The minutes of a held meeting in md, html or txt (Welsh first and English in Wales)."""
    check_format(fmt, FORMATS)
    case = read_case(book, case_id)
    built = minutes.build(book, case, meeting_id, show_names=show_names, today=today)

    def variables(lang: str) -> dict[str, Any]:
        doc = bilingual.localised(built.doc, lang, minutes.TITLE, title=built.meeting.title)
        return {**built.variables(), "doc": doc}

    languages = i18n.languages_for(letters.jurisdiction(book, case), None, lang)
    return Rendered(
        bilingual.compose(templates_for(book), f"minutes.{fmt}.j2", fmt, variables, languages)
    )


def render_plan(
    book: Book,
    case_id: str,
    fmt: str,
    *,
    show_names: bool,
    today: date,
    lang: str | None = None,
) -> Rendered:
    """The protection plan of a case in md, html or txt (Welsh first and English in Wales)."""
    check_format(fmt, FORMATS)
    case = read_case(book, case_id)
    built = plan.build(book, case, show_names=show_names, today=today)

    def variables(lang: str) -> dict[str, Any]:
        return {**built.variables(), "doc": bilingual.localised(built.doc, lang, plan.TITLE)}

    languages = i18n.languages_for(letters.jurisdiction(book, case), None, lang)
    return Rendered(
        bilingual.compose(templates_for(book), f"plan.{fmt}.j2", fmt, variables, languages)
    )


def render_letter(
    book: Book,
    case_id: str,
    meeting_id: str,
    kind: str,
    fmt: str,
    options: letters.LetterOptions,
    *,
    today: date,
) -> Rendered:
    """A letter to the adult (kind: invitation or feedback) in md, html or txt."""
    check_format(fmt, FORMATS)
    case = read_case(book, case_id)
    build = letters.invitation if kind == "invitation" else letters.feedback
    letter = build(book, case, meeting_id, options, today=today)
    templates = templates_for(book)
    sections = [
        letters.section(
            letter,
            lang,
            templates.render_file(
                letters.BODIES[kind], fmt, letter.variables(fmt, lang), lang=lang
            ),
        )
        for lang in letter.form.languages
    ]
    doc = replace(
        letter.doc,
        title=" / ".join(s.title for s in sections),
        marking=" / ".join(s.marking for s in sections),
    )
    page = {**letter.variables(fmt, sections[0].lang), "doc": doc, "sections": sections}
    return Rendered(templates.render("letter", fmt, page, lang=sections[0].lang))
