"""A document in one language or in two, the first language first.

Each language is a whole copy of the document, rendered by the same template
with that language's catalogue. Markdown and plain text put the copies one
after the other; HTML puts each copy's `content` block in an article of one
page (`bilingual.html.j2`), each article starting on a new page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from markupsafe import Markup

from safecli.render.context import Document
from safecli.render.i18n import TAGS
from safecli.render.templates import Templates
from safecli.render.words import Words

PAGE = "bilingual.html.j2"
SEPARATORS = {"md": "\n---\n\n", "txt": "\n" + "=" * 74 + "\n\n"}


@dataclass(frozen=True)
class Part:
    """One language's copy of a document, for the bilingual HTML page."""

    lang: str
    tag: str
    title: str
    body: Markup


def localised(doc: Document, lang: str, heading: str, **values: str) -> Document:
    """The document's title and marking in a language; `values` are translated too."""
    words = Words(lang)
    shown = {key: words.gettext(value) for key, value in values.items()}
    return replace(doc, title=words.gettext(heading) % shown, marking=words.gettext(doc.marking))


def compose(
    templates: Templates,
    name: str,
    fmt: str,
    variables: Callable[[str], Mapping[str, Any]],
    languages: tuple[str, ...],
) -> str:
    """Render the template `name` in each language and put the copies together."""
    each = {lang: variables(lang) for lang in languages}
    if len(languages) == 1:
        return templates.render_file(name, fmt, each[languages[0]], lang=languages[0])
    if fmt != "html":
        return SEPARATORS[fmt].join(
            templates.render_file(name, fmt, each[lang], lang=lang) for lang in languages
        )
    first = languages[0]
    parts = tuple(
        Part(
            lang,
            TAGS[lang],
            each[lang]["doc"].title,
            Markup(templates.render_block(name, "content", each[lang], lang=lang, required=True)),
        )
        for lang in languages
    )
    docs = [each[lang]["doc"] for lang in languages]
    page = {
        **each[first],
        "doc": replace(
            docs[0],
            title=" / ".join(doc.title for doc in docs),
            marking=" / ".join(doc.marking for doc in docs),
        ),
        "sections": parts,
        "reference": Markup(templates.render_block(name, "reference", each[first], lang=first)),
        "own_style": Markup(
            templates.render_block(name, "page_style", each[first], lang=first).strip()
        ),
        "page_label": " / ".join(Words(lang).gettext("Page") for lang in languages),
        "of_label": " / ".join(Words(lang).gettext("of") for lang in languages),
    }
    return templates.render_file(PAGE, "html", page, lang=first)
