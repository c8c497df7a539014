"""A book's case id format: how `case new` numbers its cases, and the ids INT002 accepts.

`case_id_format` in safecli.yaml is fixed text (letters, digits, `.`, `_`, `-`) with
two fields: `{year}`, the year the case was opened (four digits), and `{number}`, the
next free number, which `{number:04d}` pads to at least four digits and which grows
past them. The default, `SG-{year}-{number:04d}`, gives SG-2026-0001, then
SG-2026-0002, and on past SG-2026-9999 to SG-2026-10000. A format holds no field but
these two, so no id carries a name or anything else about the adult.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from safecli.errors import InvalidInput

DEFAULT_FORMAT = "SG-{year}-{number:04d}"
_TEXT = re.compile(r"[A-Za-z0-9._-]*")
_WIDTH = re.compile(r"(?:0([1-9]))?d?")
_MAX_TEXT = 40  # fixed text; with a year and a long number the id stays within 64
FORMS = "fixed text and the fields {year} and {number} (e.g. SG-{year}-{number:04d})"


@dataclass(frozen=True)
class CaseIdFormat:
    """A parsed `case_id_format`: the regular expression ids must match, and how to number."""

    text: str
    pattern: re.Pattern[str]
    width: int

    @property
    def shape(self) -> str:
        """The format as a person reads it: `SG-YYYY-NNNN`."""
        shown = self.text.replace("{year}", "YYYY")
        return re.sub(r"\{number[^}]*\}", "N" * self.width, shown)

    def matches(self, case_id: str) -> bool:
        """Whether a case id follows the format."""
        return self.pattern.fullmatch(case_id) is not None

    def next_id(self, used: Iterable[str], year: int) -> str:
        """The id after the highest number used in `year` (the first: number 1)."""
        numbers = [
            int(found["number"])
            for case_id in used
            if (found := self.pattern.fullmatch(case_id))
            and found.groupdict().get("year") in (None, f"{year:04d}")
        ]
        return self.text.format(year=f"{year:04d}", number=max(numbers, default=0) + 1)


@lru_cache(maxsize=16)
def parse_format(text: str) -> CaseIdFormat:
    """Parse a `case_id_format`, refusing one that could make an unsafe or ambiguous id."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise InvalidInput(f"case_id_format: unbalanced braces; use {FORMS}") from exc
    regex, width, fields, fixed = "", 0, [], ""
    for literal, name, spec, conversion in parts:
        if not _TEXT.fullmatch(literal) or ".." in literal:
            raise InvalidInput(
                f"case_id_format: the fixed text may hold letters, digits, '.', '_' and '-' "
                f"only; use {FORMS}"
            )
        fixed += literal
        regex += re.escape(literal)
        if name is None:
            continue
        fields.append(name)
        padding = _WIDTH.fullmatch(spec or "")
        if conversion or name not in ("year", "number") or (name == "year" and spec):
            raise InvalidInput(f"case_id_format: a field is {{year}} or {{number}}; use {FORMS}")
        if name == "number" and padding is None:
            raise InvalidInput("case_id_format: {number} pads with zeros only, as {number:04d}")
        if name == "year":
            regex += "(?P<year>[0-9]{4})"
        else:
            assert padding is not None
            width = int(padding.group(1) or 1)
            regex += f"(?P<number>[0-9]{{{width},}})"
    if fields.count("number") != 1 or fields.count("year") > 1:
        raise InvalidInput(
            f"case_id_format: give {{number}} once and {{year}} at most once; use {FORMS}"
        )
    if len(fixed) > _MAX_TEXT or (text[:1] and not text[0].isalnum() and text[0] != "{"):
        raise InvalidInput(
            f"case_id_format: start with a letter, a digit or a field, and keep the fixed "
            f"text to {_MAX_TEXT} characters"
        )
    return CaseIdFormat(text, re.compile(regex), width)
