"""Letters to the adult: the invitation to a meeting and the feedback of what was agreed.

A letter follows what adult.yaml records about communication: easy read (one
idea per picture, one short sentence per line), large print (a point size) and
a language. The CLI may ask for easy read or a language explicitly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from safecli.casework.adult_reader import read_adult
from safecli.casework.minutes_parts import Review
from safecli.errors import InvalidInput
from safecli.model import JURISDICTIONS
from safecli.policy.pack import book_policy
from safecli.render import i18n, minutes
from safecli.render.context import (
    AdultView,
    Document,
    MeetingView,
    adult_view,
    meeting_type,
    meeting_view,
)
from safecli.render.i18n import N_
from safecli.render.views import ActionRow, Directory, PersonView
from safecli.store.book import Book, Case

STANDARD_PRINT = 12
EASY_READ_PRINT = 14
KINDS = ("invitation", "feedback")
BODIES = {"invitation": "invitation-adult.j2", "feedback": "feedback.j2"}
LANGUAGE_TAGS = i18n.TAGS


MARKING = N_("PRIVATE AND CONFIDENTIAL")
TITLES = {"invitation": N_("Invitation to a meeting"), "feedback": N_("What the meeting agreed")}


@dataclass(frozen=True)
class Section:
    """The letter in one language, rendered."""

    lang: str
    tag: str
    title: str
    marking: str
    page: str
    of: str
    body: str


@dataclass(frozen=True)
class LetterOptions:
    """What the CLI asks for; None means: as recorded for the adult."""

    easy_read: bool | None = None
    large_print: int | None = None
    lang: str | None = None
    show_names: bool = False


@dataclass(frozen=True)
class Form:
    """How a letter is written and printed."""

    easy_read: bool
    point_size: int
    large_print: bool
    languages: tuple[str, ...]


@dataclass(frozen=True)
class Letter:
    """Everything a letter to the adult shows."""

    kind: str
    doc: Document
    form: Form
    adult: AdultView
    greeting: str
    meeting: MeetingView
    people: tuple[PersonView, ...]
    contact: PersonView | None
    advocate: PersonView | None
    welsh_offer: bool
    wales: bool
    decisions: tuple[str, ...] = ()
    actions: tuple[ActionRow, ...] = ()
    review: Review | None = None

    def variables(self, fmt: str, lang: str) -> dict[str, Any]:
        """The template variables for one language of the letter."""
        return {
            "fmt": fmt,
            "lang": lang,
            "letter": self,
            "doc": self.doc,
            "form": self.form,
            "adult": self.adult,
            "meeting": self.meeting,
        }


def section(letter: Letter, lang: str, body: str) -> Section:
    """One language's part of a letter, its title and marking in that language."""
    words = i18n.translations(lang)
    return Section(
        lang=lang,
        tag=LANGUAGE_TAGS[lang],
        title=words.gettext(TITLES[letter.kind]),
        marking=words.gettext(MARKING),
        page=words.gettext("Page"),
        of=words.gettext("of"),
        body=body,
    )


def jurisdiction(book: Book, case: Case) -> str:
    """The case's own jurisdiction, else the book's."""
    own = case.adult.get("jurisdiction")
    return own if own in JURISDICTIONS else book.config.jurisdiction


def form_of(book: Book, case: Case, adult: AdultView, options: LetterOptions) -> Form:
    """The form the letter takes: what the CLI asks, else what is recorded."""
    needs = adult.communication
    easy = needs.easy_read is True if options.easy_read is None else options.easy_read
    points = options.large_print or needs.large_print
    standard = EASY_READ_PRINT if easy else STANDARD_PRINT
    languages = i18n.languages_for(jurisdiction(book, case), needs.language, options.lang)
    return Form(
        easy_read=easy,
        point_size=max(points or standard, standard),
        large_print=points is not None,
        languages=languages,
    )


def invitation(
    book: Book, case: Case, meeting_id: str, options: LetterOptions, *, today: date
) -> Letter:
    """The invitation to the adult; InvalidInput when they are not invited."""
    raw = case.find("meetings", meeting_id)
    people = Directory.of(case)
    meeting = meeting_view(raw, meeting_type(book_policy(book), raw), people, book, case)
    if meeting.status == "cancelled":
        raise InvalidInput(f"meeting {meeting_id} of {case.case_id} was cancelled")
    if meeting.adult_invited is not True:
        raise InvalidInput(
            f"the adult is not recorded as invited to {meeting_id} of {case.case_id} "
            "(meetings.yaml: adult.invited); invite them first"
        )
    return _letter("invitation", book, case, meeting, people, options, today)


def feedback(
    book: Book, case: Case, meeting_id: str, options: LetterOptions, *, today: date
) -> Letter:
    """The letter telling the adult what a held meeting agreed."""
    held = minutes.build(book, case, meeting_id, show_names=options.show_names, today=today)
    letter = _letter("feedback", book, case, held.meeting, Directory.of(case), options, today)
    return replace(
        letter,
        decisions=held.decisions,
        actions=tuple(a for a in held.actions if a.status == "open"),
        review=held.review,
    )


def _letter(
    kind: str,
    book: Book,
    case: Case,
    meeting: MeetingView,
    people: Directory,
    options: LetterOptions,
    today: date,
) -> Letter:
    adult = adult_view(case, people, show_names=options.show_names)
    form = form_of(book, case, adult, options)
    attending = [meeting.chair] if meeting.chair else []
    for invitee in meeting.invitees:
        if invitee.response in ("declined", "written-update"):
            continue
        if invitee.person not in attending:
            attending.append(invitee.person)
    return Letter(
        kind=kind,
        doc=Document(
            organisation=book.config.organisation or "",
            marking=MARKING,
            title=kind,
            case_id=case.case_id,
            as_of=today,
        ),
        form=form,
        adult=adult,
        greeting=(adult.preferred_name or adult.name or adult.label),
        meeting=meeting,
        people=tuple(attending),
        contact=adult.coordinator or meeting.chair,
        advocate=_advocate(case, people, attending),
        welsh_offer="cy" in form.languages or jurisdiction(book, case) == "wales",
        wales=jurisdiction(book, case) == "wales",
    )


def _advocate(case: Case, people: Directory, attending: list[PersonView]) -> PersonView | None:
    named = read_adult(case.adult, people.person).communication.advocate
    for person in attending:
        kind = people.agencies.get(person.agency)
        if person.name == named or (kind is not None and kind.kind == "advocacy"):
            return person
    return None
