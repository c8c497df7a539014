"""The store's YAML: byte-identical round trips, refusals with positions, safe writes."""

from __future__ import annotations

import difflib
import string
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from safecli.errors import FileFormatError, UnsafeWrite
from safecli.model import ACTION_KEYS, FILES
from safecli.store import scan, yamlio

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
    data, text = yamlio.read(path, list)
    assert yamlio.dump(data) == text == HAND_FORMATTED
    assert yamlio.save(path, data, text, list) is False


@pytest.mark.parametrize("path", example_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_example_file_round_trips_byte_identical(path: Path) -> None:
    data, text = yamlio.read(path, expect_of(path))
    assert yamlio.dump(data) == text


def test_changing_one_field_changes_one_line(tmp_path: Path) -> None:
    path = tmp_path / "actions.yaml"
    path.write_text(HAND_FORMATTED)
    data, text = yamlio.read(path, list)
    data[1]["due"] = date(2026, 12, 8)
    assert yamlio.save(path, data, text, list) is True
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
    text = yamlio.dump(yamlio.record(list(values), values))
    assert text == (
        'phone: "01632 960123"\nnhs: "485 777 3456"\npostcode: "EX1 2AB"\n'
        'number: "12345"\nwords: Flat three\n'
    )


def test_an_empty_list_with_comments_is_left_as_written(tmp_path: Path) -> None:
    path = tmp_path / "actions.yaml"
    path.write_text("# No actions agreed yet.\n[]\n")
    data, text = yamlio.read(path, list)
    assert yamlio.save(path, data, text, list) is False
    assert path.read_text() == "# No actions agreed yet.\n[]\n"


def test_appending_to_an_empty_list_writes_a_block_list(tmp_path: Path) -> None:
    data = yamlio.parse(tmp_path / "actions.yaml", "[]\n", list)
    yamlio.append(
        data, yamlio.record(("id", "lead"), {"id": "A1", "lead": yamlio.person("gp", "Dr Rao")})
    )
    assert yamlio.dump(data) == "- id: A1\n  lead: {agency: gp, name: Dr Rao}\n"


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
    seq = yamlio.parse(path, "[]\n", list)
    yamlio.append(seq, yamlio.record(ACTION_KEYS, values))
    assert yamlio.save(path, seq, None, list)
    loaded, text = yamlio.read(path, list)
    expected = dict(values, lead={"agency": "police", "name": _as_written(name)})
    expected["description"] = _as_written(description)
    if note is not None:
        expected["note"] = _as_written(note)
    assert _plain(loaded[0]) == expected
    assert yamlio.dump(loaded) == text
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


def test_write_atomic_refuses_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.yaml"
    target.write_text("a: 1\n")
    link = tmp_path / "adult.yaml"
    link.symlink_to(target)
    with pytest.raises(UnsafeWrite):
        yamlio.write_atomic(link, "a: 2\n")
    assert target.read_text() == "a: 1\n"


def test_new_files_are_private_and_existing_modes_kept(tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    yamlio.write_atomic(new, "a: 1\n")
    assert new.stat().st_mode & 0o777 == 0o600
    shared = tmp_path / "shared.yaml"
    shared.write_text("a: 1\n")
    shared.chmod(0o640)
    yamlio.write_atomic(shared, "a: 2\n")
    assert shared.stat().st_mode & 0o777 == 0o640
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("loader", ["roundtrip", "fast"])
@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("a: &x 1\nb: *x\n", (1, 4), "anchors"),
        ("a: 1\nb: !!python/object:os.system x\n", (2, 4), "tags"),
        ("a: 1\na: 2\n", (2, 1), "duplicate key"),
        ("a: 1\n---\nb: 2\n", (2, 1), "more than one"),
        ("a: 2023-02-29\n", (1, 4), "impossible date"),
        ("a:\n\tb: 1\n", (2, 1), "not valid YAML"),
        ("a: 1\n<<<<<<< HEAD\nb: 2\n=======\nb: 3\n>>>>>>> theirs\n", (2, 1), "conflict"),
        ("a: " + "[" * 5000 + "]" * 5000 + "\n", (1, 35), "nesting"),
        ("- 1\n", (1, 1), "expected a mapping"),
        ("? [a, b]\n: c\n", (1, 3), "complex keys"),
        ("a:\n  {x: 1}: y\n", (2, 3), "complex keys"),
    ],
)
def test_refusals_name_line_and_column(
    tmp_path: Path, loader: str, text: str, where: tuple[int, int], words: str
) -> None:
    path = tmp_path / "adult.yaml"
    with pytest.raises(FileFormatError) as caught:
        if loader == "roundtrip":
            yamlio.parse(path, text, dict)
        else:
            scan.load_text(path, text, dict)
    assert (caught.value.line, caught.value.column) == where
    assert words in caught.value.message
