"""A number longer than Python reads (over 4,300 digits) is refused at its place by
every reader: the round-trip store, scan, and fastload (validate's reader too)."""

from __future__ import annotations

from pathlib import Path

import pytest

from safecli.errors import FileFormatError
from safecli.store import fastload, roundtrip, scan

LONG = "9" * 5000
PATH = Path("cases/C1/adult.yaml")


READERS = {
    "roundtrip": roundtrip.parse,
    "scan": scan.load_text,
    "fastload": fastload.load_text,
    "validate's": fastload.load_checked,
}
TEXTS = {
    "a value": ("case: C1\nrisk_level: high\nextra: " + LONG + "\n", dict, (3, 8)),
    "in a list": ("- id: A1\n  people:\n    - " + LONG + "\n", list, (3, 7)),
    "negative": ("case: C1\nn: -" + LONG + "\n", dict, (2, 4)),
}


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("sample", TEXTS)
def test_a_number_of_thousands_of_digits_is_refused_at_its_place(reader: str, sample: str) -> None:
    text, expect, (line, column) = TEXTS[sample]
    with pytest.raises(FileFormatError) as refused:
        READERS[reader](PATH, text, expect)
    assert (refused.value.line, refused.value.column) == (line, column)
    assert "5,000 digits" in refused.value.message
    assert "set_int_max_str_digits" not in refused.value.message


@pytest.mark.parametrize("reader", READERS)
def test_the_same_digits_quoted_are_text(reader: str) -> None:
    data = READERS[reader](PATH, f'case: C1\nextra: "{LONG}"\n', dict)
    assert data["extra"] == LONG
