"""Markdown escaping of user text: it shows as text, never as a link, image or emphasis."""

from __future__ import annotations

import re

from safecli.output.terminal import visible

# Every character that can start or end Markdown syntax inside a line: links and
# images ([..](..), ![..]), emphasis (* _ ~), code, HTML, headings, table cells.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~!])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# At the start of a line these turn text into a list, heading, quote or rule.
_LEADING = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")
# The same at the start of each line of texts joined by line ends (none starts with a space).
_LEADING_LINES = re.compile(r"(?m)^()([-+=]|\d+(?=[.)]))")


def md_text(text: str) -> str:
    """One line of user text as Markdown that shows exactly that text."""
    escaped = _ENTITY.sub(r"\\&", _SPECIAL.sub(r"\\\1", visible(" ".join(text.split()))))
    return _LEADING.sub(_escape_leading, escaped)


def md_column(texts: list[str]) -> list[str]:
    """`[md_text(text) for text in texts]` for texts with their white space evened
    (`" ".join(text.split()) == text`), escaped all at once, joined by line ends."""
    if not texts:
        return []
    joined = visible("\n".join(texts))
    escaped = _ENTITY.sub(r"\\&", _SPECIAL.sub(r"\\\1", joined))
    return _LEADING_LINES.sub(_escape_leading, escaped).split("\n")


def _escape_leading(match: re.Match[str]) -> str:
    return (
        f"{match.group(1)}\\{match.group(2)}"
        if not match.group(2).isdigit()
        else f"{match.group(1)}{match.group(2)}\\"
    )
