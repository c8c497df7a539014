"""Round-trip YAML: byte-identical files, one changed line per change, quoting, empty lists."""

from __future__ import annotations

import difflib
import string
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from safecli import shape
from safecli.model import FILES
from safecli.store import roundtrip, scan

HAND_FORMATTED = """\
# Actions agreed for this case.
# Keep one blank line between actions.

- id: A1            # agreed at the strategy discussion
  meeting: M1
  description: |
    Ask the bank to flag the account.

    Second paragraph, kept as written.
  lead: {agency: asc, name: Sam Patel}
  due: 2026-11-14
  status: open
  phone: "01632 960123"
  quoted: 'single quoted'
  folded: >
    folded text
    over two lines
  moves: []
  custom_key: kept even though safecli does not know it

- id: A2
  meeting: M1
  description: Plain one-liner
  lead:
    agency: police
    name: DC Lee Jones
  due: 2026-12-01
  status: done
  done_on: 2026-11-30
"""


def example_files() -> list[Path]:
    return sorted((REPO / "cases").glob("*/*.yaml")) + [REPO / "safecli.yaml"]


def expect_of(path: Path) -> type:
    return FILES.get(path.stem, dict)


def test_hand_formatted_file_round_trips_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "actions.yaml"
    path.write_text(HAND_FORMATTED)
    data, text = roundtrip.read(path, list)
    assert roundtrip.dump(data) == text == HAND_FORMATTED
    assert roundtrip.save(path, data, text, list) is False


@pytest.mark.parametrize("path", example_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_example_file_round_trips_byte_identical(path: Path) -> None:
    data, text = roundtrip.read(path, expect_of(path))
    assert roundtrip.document_head(text) + roundtrip.dump(data) == text
    assert roundtrip.changed_text(path, data, text, expect_of(path)) is None


def test_changing_one_field_changes_one_line(tmp_path: Path) -> None:
    path = tmp_path / "actions.yaml"
    path.write_text(HAND_FORMATTED)
    data, text = roundtrip.read(path, list)
    data[1]["due"] = date(2026, 12, 8)
    assert roundtrip.save(path, data, text, list) is True
    diff = [
        line
        for line in difflib.unified_diff(
            text.splitlines(), path.read_text().splitlines(), lineterm="", n=0
        )
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert diff == ["-  due: 2026-12-01", "+  due: 2026-12-08"]


def test_numeric_looking_strings_are_written_quoted() -> None:
    values = {
        "phone": "01632 960123",
        "nhs": "485 777 3456",
        "postcode": "EX1 2AB",
        "number": "12345",
        "words": "Flat three",
    }
    text = roundtrip.dump(roundtrip.record(list(values), values))
    assert text == (
        'phone: "01632 960123"\nnhs: "485 777 3456"\npostcode: "EX1 2AB"\n'
        'number: "12345"\nwords: Flat three\n'
    )


def test_an_empty_list_with_comments_is_left_as_written(tmp_path: Path) -> None:
    path = tmp_path / "actions.yaml"
    path.write_text("# No actions agreed yet.\n[]\n")
    data, text = roundtrip.read(path, list)
    assert roundtrip.save(path, data, text, list) is False
    assert path.read_text() == "# No actions agreed yet.\n[]\n"


def test_appending_to_an_empty_list_writes_a_block_list(tmp_path: Path) -> None:
    data = roundtrip.parse(tmp_path / "actions.yaml", "[]\n", list)
    roundtrip.append(
        data,
        roundtrip.record(("id", "lead"), {"id": "A1", "lead": roundtrip.person("gp", "Dr Rao")}),
    )
    assert roundtrip.dump(data) == "- id: A1\n  lead: {agency: gp, name: Dr Rao}\n"


# Text that hypothesis may put in any field: letters, digits, punctuation, spaces,
# new lines, non-ASCII; never control characters (YAML cannot hold them plainly).
free_text = st.text(
    alphabet=st.sampled_from(
        string.ascii_letters + string.digits + string.punctuation + " \n" + "éßŁ€—’"
    ),
    max_size=60,
)


@settings(max_examples=80, deadline=None)
@given(
    description=free_text,
    name=free_text.filter(lambda s: s.strip() != ""),
    due=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    status=st.sampled_from(["open", "done", "cancelled"]),
    note=st.none() | free_text,
)
def test_any_valid_record_saves_and_loads_back_equal(
    tmp_path_factory: pytest.TempPathFactory,
    description: str,
    name: str,
    due: date,
    status: str,
    note: str | None,
) -> None:
    values = {
        "id": "A1",
        "meeting": "M1",
        "description": description,
        "lead": {"agency": "police", "name": name},
        "due": due,
        "status": status,
        "note": note,
    }
    path = tmp_path_factory.mktemp("rt") / "actions.yaml"
    seq = roundtrip.parse(path, "[]\n", list)
    roundtrip.append(seq, roundtrip.record(shape.ACTION.keys, values))
    assert roundtrip.save(path, seq, None, list)
    loaded, text = roundtrip.read(path, list)
    expected = dict(values, lead={"agency": "police", "name": _as_written(name)})
    expected["description"] = _as_written(description)
    if note is not None:
        expected["note"] = _as_written(note)
    assert _plain(loaded[0]) == expected
    assert roundtrip.dump(loaded) == text
    assert scan.load(path, list) == [_plain(loaded[0])]


def _as_written(value: str) -> str:
    """Multi-line text is stored as a block: outer blank lines and trailing spaces trimmed."""
    if "\n" in value.strip("\n"):
        return value.strip("\n").rstrip() + "\n"
    return value.strip("\n") if "\n" in value else value


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value
