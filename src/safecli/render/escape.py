"""Escaping for the three output syntaxes: Markdown, plain text and mail headers.

Case data is free text written by people; rendered documents must show it as
text, never let it become markup. HTML is escaped by Jinja's autoescape; this
module does the same job for Markdown and plain text, and keeps line breaks
out of anything that goes into a mail or calendar header.
"""

from __future__ import annotations

import re
import textwrap

from markupsafe import Markup

from safecli.output.markdown import md_text

# C0 and C1 control characters except tab and newline, DEL, and the Unicode
# bidirectional overrides that can make text read differently from what it is.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
# At the start of a paragraph these turn text into a list, heading or rule.
_TXT_MARKER = re.compile(r"\s*(?:[-*] |\d+\. |[A-Z][A-Za-z' ]{0,38}:\s+)?")


def strip_controls(text: str) -> str:
    """Text without control characters (tabs and newlines kept; CR dropped)."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(text: str) -> str:
    """Text on one line: every run of line breaks and spaces becomes one space."""
    return " ".join(strip_controls(_LINE_BREAKS.sub(" ", text)).split())


def md_inline(value: object) -> Markup:
    """A value as Markdown text on one line: safe in a table cell, heading or list item."""
    if isinstance(value, Markup):
        return value
    return Markup(md_text(one_line(str(value))))


def md_block(value: object) -> Markup:
    """A value as Markdown paragraphs: blank lines kept, each paragraph escaped inline."""
    if isinstance(value, Markup):
        return value
    paragraphs = re.split(r"\n\s*\n", strip_controls(str(value)).strip())
    return Markup("\n\n".join(md_inline(p) for p in paragraphs if p.strip()))


def txt_block(value: object, width: int = 78) -> Markup:
    """A value as plain text lines: the writer's line breaks kept, long lines wrapped.

    Returned as Markup only to mark it done, so the text environment's finalize
    does not fold it onto one line.
    """
    if isinstance(value, Markup):
        return value
    lines = strip_controls(str(value)).strip("\n").split("\n")
    wrapped = (
        textwrap.fill(line.rstrip(), width, break_long_words=False, break_on_hyphens=False)
        if len(line.rstrip()) > width
        else line.rstrip()
        for line in lines
    )
    return Markup("\n".join(wrapped))


def header_text(value: object) -> str:
    """A value safe inside one mail or calendar header: one line, no controls."""
    return one_line(str(value))


def txt_wrap(value: object, width: int = 78) -> Markup:
    """Plain text with every line longer than width wrapped under its own label or bullet.

    `- item`, `1. item` and `Label: value` lines continue under the text after
    the marker, so lists and label columns stay readable.
    """
    return Markup("\n".join(_wrap_line(line, width) for line in str(value).split("\n")))


def _wrap_line(line: str, width: int) -> str:
    if len(line) <= width:
        return line
    marker = _TXT_MARKER.match(line)
    hang = " " * min(len(marker.group(0)) if marker else 0, width // 2)
    return textwrap.fill(
        line, width, subsequent_indent=hang, break_long_words=False, break_on_hyphens=False
    )


# Inside a quoted CSS string in a <style> element only these could end the string
# or the element (or start an escape); everything else stands for itself.
_CSS_SPECIAL = re.compile(r"[\"\\<>&]")


def css_string(value: object) -> Markup:
    """A value as a quoted CSS string (for `content:`): quotes, `\\`, `<`, `>`, `&` hex-escaped.

    HTML already escaped (Markup) is unescaped first, since a `<style>` element
    shows entities literally; with `<`, `&` and quotes escaped nothing can end the
    string or the style element.
    """
    raw = value.unescape() if isinstance(value, Markup) else str(value)
    shown = _LINE_BREAKS.sub(" ", strip_controls(raw))
    body = _CSS_SPECIAL.sub(lambda m: f"\\{ord(m.group()):06x}", shown)
    return Markup(f'"{body}"')
