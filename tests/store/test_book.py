"""The book: discovery, settings, locks, crash safety and concurrent writers."""

from __future__ import annotations

import os
import random
import signal
import time
import traceback
from datetime import date
from pathlib import Path

import pytest
from conftest import SPEC

from safecli.casework.cases import AgencyPerson, add_agency, new_case
from safecli.casework.listing import case_rows, case_summary
from safecli.errors import BookNotFound, FileFormatError, InvalidInput, LockHeld, UnknownCase
from safecli.store import atomic, roundtrip
from safecli.store.book import (
    cases_named,
    edit_case,
    find_book,
    load_case,
    lock,
    read_case,
)
from safecli.store.entries import Documents


def test_book_is_found_from_a_subfolder(book: Path) -> None:
    deep = book / "cases" / "x" / "y"
    deep.mkdir(parents=True)
    assert find_book(start=deep).root == book.resolve()


def test_no_book_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BookNotFound, match="safecli init"):
        find_book(start=tmp_path)


def test_bad_setting_names_the_key(book: Path) -> None:
    config = book / "safecli.yaml"
    config.write_text(config.read_text().replace("high: 1", "high: soon"))
    with pytest.raises(FileFormatError) as caught:
        find_book(book)
    assert "lead_times.high" in caught.value.message
    lines = config.read_text().splitlines()
    assert caught.value.line == lines.index("  high: soon") + 1


def test_case_ids_are_generated_in_sequence(book: Path) -> None:
    b = find_book(book)
    first = new_case(b, SPEC, today=date(2026, 11, 20))
    second = new_case(b, SPEC, today=date(2026, 11, 21))
    assert (first.case_id, second.case_id) == ("SG-2026-0001", "SG-2026-0002")
    folder = book / "cases" / "SG-2026-0001"
    assert folder.stat().st_mode & 0o777 == 0o700
    assert {p.stat().st_mode & 0o777 for p in folder.glob("*.yaml")} == {0o600}


def test_lock_held_by_another_writer_is_reported(book: Path) -> None:
    b = find_book(book)
    case = new_case(b, SPEC, today=date(2026, 11, 20))
    with (
        lock(case.folder),
        pytest.raises(LockHeld, match="another safecli command"),
        lock(case.folder, wait=0.1),
    ):
        pass


def test_an_exception_inside_edit_case_writes_nothing(book: Path) -> None:
    b = find_book(book)
    case = new_case(b, SPEC, today=date(2026, 11, 20))
    before = case.path("adult").read_bytes()
    with pytest.raises(RuntimeError), edit_case(b, case.case_id) as editing:
        editing.adult["risk_level"] = "low"
        raise RuntimeError("interrupted")
    assert case.path("adult").read_bytes() == before


def _writer(path: Path, versions: list[str]) -> None:
    """Child process: save the two versions alternately until killed."""
    while True:
        for text in versions:
            atomic.write_atomic(path, text)


@pytest.mark.slow
def test_a_writer_killed_while_saving_leaves_old_or_new(tmp_path: Path) -> None:
    path = tmp_path / "actions.yaml"
    old = "".join(f"- id: A{i}\n  description: old version {i}\n" for i in range(1, 400))
    new = "".join(f"- id: A{i}\n  description: new version {i}\n" for i in range(1, 400))
    path.write_text(old)
    rng = random.Random(42)
    for _ in range(60):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child never returns
            try:
                _writer(path, [new, old])
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0, 0.01))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        assert path.read_text() in (old, new)
        roundtrip.parse(path, path.read_text(), list)


def _add_agencies(book: Path, case_id: str, prefix: str) -> None:
    b = find_book(book)
    for i in range(20):
        add_agency(
            b,
            case_id,
            f"{prefix}{i}",
            name=f"Agency {prefix}{i}",
            kind="other",
            people=[AgencyPerson(f"Person {i}")],
            lead=False,
        )


@pytest.mark.slow
def test_two_processes_adding_agencies_lose_nothing(book: Path) -> None:
    case = new_case(find_book(book), SPEC, today=date(2026, 11, 20))
    children = []
    for prefix in ("a", "b"):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child never returns
            code = 0
            try:
                _add_agencies(book, case.case_id, prefix)
            except BaseException:  # noqa: BLE001 - the parent reports it
                (book / f"child-{prefix}.err").write_text(traceback.format_exc())
                code = 1
            finally:
                os._exit(code)
        children.append(pid)
    statuses = [os.waitpid(pid, 0)[1] for pid in children]
    errors = [p.read_text() for p in sorted(book.glob("child-*.err"))]
    assert statuses == [0, 0], "\n".join(errors)
    handles = [a["handle"] for a in load_case(find_book(book), case.case_id).agencies]
    assert len(handles) == 41
    assert set(handles) == {"asc"} | {f"{p}{i}" for p in "ab" for i in range(20)}


def test_every_loader_refuses_an_adult_file_of_another_case(example_book: Path) -> None:
    adult = example_book / "cases" / "SG-2026-0001" / "adult.yaml"
    adult.write_text(adult.read_text().replace("case: SG-2026-0001", "case: SG-2026-0009"))
    book = find_book(example_book)
    for load in (
        lambda: load_case(book, "SG-2026-0001"),
        lambda: read_case(book, "SG-2026-0001"),
        lambda: case_summary(book, "SG-2026-0001"),
    ):
        with pytest.raises(FileFormatError, match="does not match the folder name") as caught:
            load()
        assert caught.value.path == adult
        # at the value, as validate's INT002 places it, whichever loader read it
        assert (caught.value.line, caught.value.column) == (2, 7)
    # the case list goes on, and lists the case as unreadable with the same refusal
    [row] = [r for r in case_rows(book, "all") if r["case"] == "SG-2026-0001"]
    assert row["status"] == "unreadable"
    assert str(adult) in row["problem"] and "does not match the folder name" in row["problem"]


def test_arguments_name_cases_the_same_way_for_every_command(
    example_book: Path, tmp_path: Path
) -> None:
    book = find_book(example_book)
    every = book.case_ids()
    case = example_book / "cases" / "SG-2026-0002"
    assert cases_named(book, []) == every
    assert cases_named(book, [str(example_book)]) == every
    assert cases_named(book, [str(example_book / "cases")]) == every
    assert cases_named(book, [str(case / "actions.yaml"), "SG-2026-0001"]) == [
        "SG-2026-0001",
        "SG-2026-0002",
    ]
    with pytest.raises(UnknownCase, match="not in this book's cases folder"):
        cases_named(book, [str(tmp_path)])
    with pytest.raises(InvalidInput, match="no case folder nowhere/SG-1"):
        cases_named(book, ["nowhere/SG-1"])
    with pytest.raises(UnknownCase, match="no case 'SG-2026-9999'"):
        cases_named(book, ["SG-2026-9999"])


def test_read_gives_the_fast_data_until_the_document_is_built_then_the_document(
    example_book: Path,
) -> None:
    book = find_book(example_book)
    case = load_case(book, "SG-2026-0001")
    first = case.read("meetings")
    assert "meetings" not in case.docs  # reading built no round-trip document
    assert roundtrip.parse(case.path("meetings"), case.texts["meetings"] or "", list) == first
    case.meetings[0]["where"] = "Room 4"  # builds the document, and changes it
    assert case.read("meetings") is case.meetings
    assert case.read("meetings")[0]["where"] == "Room 4"
    assert case.find("meetings", "M1", change=False)["where"] == "Room 4"


def test_adding_an_action_builds_only_the_document_it_changes(example_book: Path) -> None:
    from safecli.casework.actions import NewAction, add_action
    from safecli.model import Person

    book = find_book(example_book)
    before = {p.name: p.read_bytes() for p in (example_book / "cases" / "SG-2026-0001").iterdir()}
    spec = NewAction("M1", "Ring the bank", Person("police", "DC Rachel Quinn"), date(2026, 12, 20))
    case, action_id = add_action(book, "SG-2026-0001", spec)
    # Not even actions.yaml is parsed for editing: the new action is added after its
    # last entry, which is written back as it was.
    assert not case.docs
    assert isinstance(case.docs, Documents) and set(case.docs.entries) == {"actions"}
    assert [p.name for p in case.written] == ["actions.yaml"]
    after = {p.name: p.read_bytes() for p in (example_book / "cases" / "SG-2026-0001").iterdir()}
    assert {name for name in before if before[name] != after[name]} == {"actions.yaml"}
    assert f"- id: {action_id}\n" in after["actions.yaml"].decode()


def test_settings_read_fast_or_round_trip_are_the_same(example_book: Path) -> None:
    from dataclasses import asdict

    from safecli.store.config import _checked

    path = example_book / "safecli.yaml"
    fast = find_book(example_book).config
    assert asdict(fast) == asdict(_checked(path, roundtrip.read(path, dict)[0]))


def test_settings_after_a_document_start_are_still_checked_whole(example_book: Path) -> None:
    # The fast reader reads what follows a leading `---`; a second document, or an
    # anchor, after it is refused as before.
    path = example_book / "safecli.yaml"
    text = path.read_text()
    assert text.startswith("---\n")
    anchored = text.replace("council: Exampletown", "council: &c Exampletown")
    assert anchored != text
    for bad in (text + "---\nshow_names: true\n", anchored):
        path.write_text(bad)
        with pytest.raises(FileFormatError):
            find_book(example_book)
