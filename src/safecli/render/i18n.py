"""The languages documents are written in: message catalogues and who gets which language.

Every fixed phrase of a template goes through gettext (Jinja's i18n extension).
The catalogues are Babel-maintained `.po` files shipped inside the package
(`safecli/locale/<lang>/LC_MESSAGES/safecli.po`) and compiled when first used,
so a council's translation service edits the `.po` and nothing else. Welsh
entries are marked fuzzy until the council's translators have reviewed them;
they are used all the same (a document in reviewed-later Welsh is better than
none), and `pybabel` lists them for review.

In a Welsh book a document is in both languages, Welsh first, unless the
person it is addressed to has a recorded preference for one.
"""

from __future__ import annotations

import gettext
from functools import cache
from importlib.resources import files
from io import BytesIO

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from safecli.errors import InvalidInput
from safecli.model import DOCUMENT_LANGUAGES

DOMAIN = "safecli"
CHOICES = ("cy", "en", "both")
# The HTML language tag of each document language.
TAGS = {"cy": "cy", "en": "en-GB"}
# What a person's recorded language may say, per document language.
_NAMES = {"cy": ("cy", "welsh", "cymraeg"), "en": ("en", "english", "saesneg")}
_BOTH = ("both", "bilingual", "dwyieithog")


class Phrase(str):
    """A fixed phrase of the catalogue carried as a value, e.g. what stands in for a
    field that is not recorded: a template shows it in the document's language."""

    __slots__ = ()


def N_(message: str) -> Phrase:
    """Mark a phrase for the catalogue; it is translated where it is shown."""
    return Phrase(message)


def catalogue_path(lang: str) -> str:
    """The `.po` file of a language, inside the installed package."""
    return str(files("safecli") / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po")


class _Source(gettext.NullTranslations):
    """English, the source language: each phrase as written, as plain text."""

    def gettext(self, message: str) -> str:
        return str(message)


class _Catalogue(gettext.GNUTranslations):
    """A compiled catalogue; a phrase it lacks is shown as written, as plain text."""

    def gettext(self, message: str) -> str:
        return str(super().gettext(message))


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of a language (English is the source: no catalogue).

    What it gives is plain text, never a `Phrase` again, so a phrase once shown in
    one language is not translated a second time into another."""
    if lang == "en":
        return _Source()
    with open(catalogue_path(lang), "rb") as po:
        catalog = read_po(po, locale=lang, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=True)
    compiled.seek(0)
    return _Catalogue(compiled)


def preference(recorded: object) -> str | None:
    """cy or en from a recorded language (`cy`, `Welsh`, `Cymraeg`, `English`…); else None."""
    if not isinstance(recorded, str):
        return None
    shown = recorded.strip().lower()
    return next((lang for lang, names in _NAMES.items() if shown in names), None)


def languages_for(jurisdiction: str, recorded: object, requested: str | None) -> tuple[str, ...]:
    """The languages of one document, first language first.

    `requested` (cy, en or both) wins; otherwise the recipient's recorded
    preference; otherwise, in Wales, both with Welsh first, and English elsewhere.
    """
    if requested is not None:
        if requested not in CHOICES:
            raise InvalidInput(f"unknown --lang {requested!r}; choose one of: {', '.join(CHOICES)}")
        return DOCUMENT_LANGUAGES if requested == "both" else (requested,)
    if isinstance(recorded, str) and recorded.strip().lower() in _BOTH:
        return DOCUMENT_LANGUAGES
    chosen = preference(recorded)
    if chosen is not None:
        return (chosen,)
    return DOCUMENT_LANGUAGES if jurisdiction == "wales" else ("en",)
