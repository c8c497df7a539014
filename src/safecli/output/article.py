"""The indefinite article for a word safecli prints: an s126-strategy, a MARAC, an MDT.

Messages name meeting types, concern and event kinds, languages and frameworks, some
of them a team's own; the article follows how the word is said, not how it is spelt.
"""

from __future__ import annotations

import re

# Letters whose names start with a vowel sound ("ess", "em", "aitch", …).
_VOWEL_LETTERS = frozenset("aefhilmnorsx")
# A letter then a digit (s42, s126): said letter by letter.
_SECTION = re.compile(r"^[a-z][0-9]")
# Vowel-spelt beginnings said with a consonant ("a unit", "a European", "a one-off").
_CONSONANT_SOUND = ("uni", "use", "usu", "uti", "ure", "ukr", "uga", "eu", "one", "once", "ewe")
# Consonant-spelt beginnings said with a vowel ("an hour", "an honest").
_VOWEL_SOUND = ("hour", "honest", "honour", "honor", "heir")


def a_or_an(phrase: str) -> str:
    """`phrase` with "a" or "an" before it, as the first word is said."""
    return f"{article(phrase)} {phrase}"


def article(phrase: str) -> str:
    """ "a" or "an" for a phrase, as its first word is said."""
    word = re.split(r"[\s/(]", phrase.strip(), maxsplit=1)[0]
    lower = word.lower()
    if not word:
        return "a"
    if _is_spelt_out(word):
        return "an" if lower[0] in _VOWEL_LETTERS else "a"
    if lower[0].isdigit():
        digits = re.match(r"[0-9]+", lower)
        number = digits.group(0) if digits else ""
        return "an" if number.startswith("8") or number in ("11", "18") else "a"
    if lower.startswith(_VOWEL_SOUND):
        return "an"
    if lower.startswith(_CONSONANT_SOUND):
        return "a"
    return "an" if lower[0] in "aeiou" else "a"


def _is_spelt_out(word: str) -> bool:
    """Said letter by letter: s42, MDT, CQC, LA; not MARAC or MAPPA, said as words."""
    if _SECTION.match(word.lower()):
        return True
    letters = re.match(r"[A-Za-z]+", word)
    head = letters.group(0) if letters else ""
    if len(head) < 2 or not head.isupper():
        return False
    said_as_a_word = len(head) >= 4 and head[1] in "AEIOU"
    return not said_as_a_word
