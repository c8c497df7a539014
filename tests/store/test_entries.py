"""A change to one entry of a file writes exactly what the round trip of the whole file writes."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import generated_book
from hypothesis import given, settings
from hypothesis import strategies as st

from safecli import shape
from safecli.store import fastload, roundtrip
from safecli.store.entries import Entries, Unsplit

REPO = Path(__file__).resolve().parents[2]


def _generated(root: Path) -> Path:
    return generated_book(root, 6, seed=3)


def _files(tmp_path: Path) -> list[Path]:
    bundled = sorted((REPO / "cases").glob("*/*.yaml"))
    return bundled + sorted((_generated(tmp_path / "book") / "cases").glob("*/*.yaml"))


def _expect(path: Path) -> type:
    return dict if path.name == "adult.yaml" else list


def _whole(path: Path, text: str, change: Any) -> str:
    """What the round trip of the whole file writes after `change(doc)`."""
    doc = roundtrip.parse(path, text, _expect(path))
    change(doc)
    return roundtrip.document_head(text) + roundtrip.dump(doc)


def _cut(path: Path, text: str) -> Entries:
    return Entries.cut(path, text, fastload.load_text(path, text, _expect(path)))


def _action(number: int) -> Any:
    values = {"id": f"A{number}", "meeting": "M1", "description": "Ring the bank", "moves": []}
    values |= {"lead": roundtrip.person("asc", "Helen Forsyth"), "due": date(2026, 12, 20)}
    return roundtrip.record(shape.ACTION.keys, values)


def test_every_file_of_the_examples_and_a_generated_book_is_cut(tmp_path: Path) -> None:
    for path in _files(tmp_path):
        text = path.read_text()
        cut = _cut(path, text)
        assert "".join([cut.head, *cut.chunks]) == text, path
        assert cut.changed_text() is None


def test_a_changed_item_is_written_as_the_whole_round_trip_writes_it(tmp_path: Path) -> None:
    for path in _files(tmp_path):
        if path.name == "adult.yaml":
            continue
        text = path.read_text()
        count = len(fastload.load_text(path, text, list))
        for index in range(count):
            cut = _cut(path, text)
            cut.item(index)["id"] = "X1"
            cut.item(index)["added"] = "a new key, last"
            assert cut.item(index) is cut.item(index)

            def change(doc: Any, index: int = index) -> None:
                doc[index]["id"] = "X1"
                doc[index]["added"] = "a new key, last"

            wanted = _whole(path, text, change)
            assert cut.new_text() == wanted, (path, index)
            assert cut.changed_text() == wanted
            replayed = roundtrip.parse(path, text, list)
            cut.replay(replayed)
            assert roundtrip.document_head(text) + roundtrip.dump(replayed) == wanted


def test_an_item_added_goes_where_the_whole_round_trip_puts_it(tmp_path: Path) -> None:
    for path in [*_files(tmp_path)]:
        if path.name == "adult.yaml":
            continue
        text = path.read_text()
        cut = _cut(path, text)
        cut.append(_action(90))
        cut.append(_action(91))

        def change(doc: Any) -> None:
            roundtrip.append(doc, _action(90))
            roundtrip.append(doc, _action(91))

        assert cut.changed_text() == _whole(path, text, change), path


def test_an_empty_list_takes_its_first_item(tmp_path: Path) -> None:
    path = tmp_path / "actions.yaml"
    for text in ("[]\n", "---\n[]\n", "# actions\n---\n[]\n"):
        cut = _cut(path, text)
        cut.append(_action(1))
        assert cut.changed_text() == _whole(path, text, lambda d: roundtrip.append(d, _action(1)))


def test_each_key_of_adult_set_or_added_as_the_whole_round_trip_does(tmp_path: Path) -> None:
    for path in _files(tmp_path):
        if path.name != "adult.yaml":
            continue
        text = path.read_text()
        for key in shape.ADULT.keys:
            if key == "case":
                continue
            cut = _cut(path, text)
            cut.put(shape.ADULT.keys, key, "a value set")

            def change(doc: Any, key: str = key) -> None:
                roundtrip.put(doc, shape.ADULT.keys, key, "a value set")

            wanted = _whole(path, text, change)
            assert cut.changed_text() == wanted, (path, key)
            replayed = roundtrip.parse(path, text, dict)
            cut.replay(replayed)
            assert roundtrip.dump(replayed) == roundtrip.dump(roundtrip.parse(path, wanted, dict))


def test_a_part_of_adult_changed_in_place(tmp_path: Path) -> None:
    path = REPO / "cases" / "SG-2026-0001" / "adult.yaml"
    text = path.read_text()
    for key, value in fastload.load_text(path, text, dict).items():
        if not isinstance(value, dict):
            continue
        cut = _cut(path, text)
        cut.value(key)["added"] = "yes"

        def change(doc: Any, key: str = key) -> None:
            doc[key]["added"] = "yes"

        assert cut.changed_text() == _whole(path, text, change), key


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("  - id: A1\n  - id: A2\n", list),  # an indented list
        ("[{id: A1}]\n", list),  # a flow list
        ('"case": SG-1\nstatus: open\n', dict),  # a quoted key
        ("- id: A1\n- id: A2", list),  # no newline at the end
        ("case: SG-1\n...\n", dict),  # a document end
    ],
)
def test_files_of_another_layout_are_left_to_the_whole_round_trip(text: str, expect: type) -> None:
    path = Path("x.yaml")
    with pytest.raises(Unsplit):
        Entries.cut(path, text, fastload.load_text(path, text, expect))


def test_an_entry_read_otherwise_alone_is_left_to_the_whole_round_trip() -> None:
    # A quoted text whose second line starts at column 0: alone, the item does not
    # read as the whole file read it.
    path = Path("actions.yaml")
    text = '- id: A1\n  note: "one\n- two"\n- id: A2\n'
    try:
        plain = fastload.load_text(path, text, list)
    except Exception:  # noqa: BLE001 - not valid YAML to this reader: nothing to test
        return
    try:
        cut = Entries.cut(path, text, plain)
        cut.item(0)["id"] = "A9"
    except Unsplit:
        return
    pytest.fail("an item that does not read alone as in the file was used")


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40)


@settings(max_examples=60, deadline=None)
@given(note=TEXT, comment=st.sampled_from(["", "# a note\n", "\n", "  # indented\n\n"]))
def test_any_text_written_into_an_item_reads_back(note: str, comment: str) -> None:
    path = Path("actions.yaml")
    text = f"- id: A1\n  note: first\n{comment}- id: A2\n  note: second\n{comment}"
    cut = _cut(path, text)
    cut.item(1)["note"] = roundtrip.scalar(note)

    def change(doc: Any) -> None:
        doc[1]["note"] = roundtrip.scalar(note)

    try:
        wanted = _whole(path, text, change)
    except Exception:  # noqa: BLE001 - the round trip refuses it too (tested elsewhere)
        return
    try:
        got = cut.changed_text()
    except Unsplit:
        return  # left to the whole round trip
    assert got == wanted


def test_a_command_on_a_file_of_another_layout_writes_the_whole_round_trip(
    example_book: Path,
) -> None:
    from safecli.casework.actions import NewAction, add_action
    from safecli.model import Person
    from safecli.store.book import find_book

    path = example_book / "cases" / "SG-2026-0001" / "actions.yaml"
    text = "".join(
        "  " + line if line.strip() else line for line in path.read_text().splitlines(True)
    )
    path.write_text(text)
    spec = NewAction("M1", "Ring the bank", Person("police", "DC Rachel Quinn"), date(2026, 12, 20))
    case, action_id = add_action(find_book(example_book), "SG-2026-0001", spec)
    assert "actions" in case.docs  # parsed whole
    doc = roundtrip.parse(path, text, list)
    assert fastload.load(path, list)[:-1] == fastload.load_text(path, text, list)
    assert fastload.load(path, list)[-1]["id"] == action_id
    assert path.read_text().startswith(roundtrip.dump(doc).rstrip("\n"))
