"""The merge driver's quick path: git's line merge is kept only when its data is the
identity merge's; everything else goes to the identity merge as before."""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safecli.store import fastload
from safecli.teamwork.driver import merge_in_place
from safecli.teamwork.linemerge import clean_line_merge
from safecli.teamwork.merge import Versions, merge_file

ACTIONS = "cases/SG-2026-0001/actions.yaml"
MEETINGS = "cases/SG-2026-0001/meetings.yaml"


def action(number: int, note: str = "null", due: str = "2026-12-03") -> str:
    return (
        f"- id: A{number}\n  meeting: M1\n  description: Task {number}\n"
        f"  lead: {{agency: asc, name: Sam Patel}}\n  due: {due}\n  status: open\n"
        f"  note: {note}\n  moves: []\n"
    )


def actions(*items: str) -> str:
    return "# Actions for SG-2026-0001.\n" + "\n".join(items)


BASE = actions(*(action(n) for n in range(1, 6)))


def quick(folder: Path, base: str, ours: str, theirs: str, path: str = ACTIONS) -> str | None:
    files = []
    for name, text in (("base", base), ("ours", ours), ("theirs", theirs)):
        files.append(folder / f".merge_file_{name}")
        files[-1].write_text(text, encoding="utf-8")
    return clean_line_merge(files, [base, ours, theirs], path, folder)


def by_identity(base: str, ours: str, theirs: str, path: str = ACTIONS) -> Any:
    result = merge_file(Path(path), Versions(base, ours, theirs))
    return result.clean, fastload.load_text(Path(path), result.text, list)


def git_merge(folder: Path, base: str, ours: str, theirs: str) -> str:
    for name, text in (("b", base), ("o", ours), ("t", theirs)):
        (folder / name).write_text(text, encoding="utf-8")
    done = subprocess.run(
        ["git", "merge-file", "-p", "o", "b", "t"], cwd=folder, capture_output=True, check=True
    )
    return done.stdout.decode()


def test_edits_to_different_actions_keep_git_s_text(tmp_path: Path) -> None:
    ours = BASE.replace(action(1), action(1, note="Rang the bank"))
    theirs = BASE.replace(action(5), action(5, due="2026-12-10"))
    text = quick(tmp_path, BASE, ours, theirs)
    assert text == git_merge(tmp_path, BASE, ours, theirs)
    assert by_identity(BASE, ours, theirs) == (True, fastload.load_text(Path(ACTIONS), text, list))


@pytest.mark.parametrize(
    "why",
    ["same new id", "theirs inserts in the middle", "cut short", "unreadable", "empty", "conflict"],
)
def test_what_the_identity_merge_must_decide_is_left_to_it(tmp_path: Path, why: str) -> None:
    ours = BASE.replace(action(1), action(1, note="Rang the bank"))
    theirs = {
        "same new id": actions(*(action(n) for n in range(1, 6)), action(6, note="Theirs")),
        "theirs inserts in the middle": BASE.replace(action(3), action(3) + "\n" + action(9)),
        "cut short": BASE[: BASE.index(action(4))],
        "unreadable": BASE.replace(action(5), "- id: [A5\n"),
        "empty": "",
        "conflict": BASE.replace(action(1), action(1, note="Emailed")),
    }[why]
    if why == "same new id":
        ours = actions(action(6, note="Ours"), *(action(n) for n in range(1, 6)))
    assert quick(tmp_path, BASE, ours, theirs) is None


def test_a_damaged_side_is_still_a_conflict_through_the_driver(tmp_path: Path) -> None:
    cut = BASE[: BASE.index(action(4))]
    ours = BASE.replace(action(1), action(1, note="Rang the bank"))
    files = []
    for name, text in (("base", BASE), ("ours", ours), ("theirs", cut)):
        files.append(tmp_path / f".merge_file_{name}")
        files[-1].write_text(text, encoding="utf-8")
    result = merge_in_place(*files, ACTIONS, tmp_path)
    assert not result.clean
    assert "cut short" in result.messages[0]
    assert files[1].read_text(encoding="utf-8").startswith("<<<<<<< ours\n")


@st.composite
def sides(draw: st.DrawFn) -> tuple[str, str]:
    """Two edits of BASE: notes and due dates set, actions removed, added or inserted."""
    texts = []
    for side in ("ours", "theirs"):
        items = [action(n) for n in range(1, 6)]
        for _ in range(draw(st.integers(0, 3))):
            spot = draw(st.integers(0, len(items) - 1))
            number = int(items[spot].split("\n")[0][7:])
            change = draw(st.sampled_from(["note", "due", "remove", "add", "insert"]))
            if change == "note":
                items[spot] = action(number, note=f"Checked by {side}")
            elif change == "due":
                items[spot] = action(number, due=f"2026-12-{draw(st.integers(10, 28))}")
            elif change == "remove" and len(items) > 1:
                del items[spot]
            elif change in ("add", "insert"):
                new = action(draw(st.integers(6, 8)), note=f"New from {side}")
                if new not in items:
                    items.insert(len(items) if change == "add" else spot, new)
        texts.append(actions(*items))
    return texts[0], texts[1]


@settings(max_examples=60, deadline=None)
@given(sides())
def test_a_kept_line_merge_holds_the_identity_merge_s_data(pair: tuple[str, str]) -> None:
    ours, theirs = pair
    with tempfile.TemporaryDirectory() as folder:
        text = quick(Path(folder), BASE, ours, theirs)
    if text is not None:
        assert by_identity(BASE, ours, theirs) == (
            True,
            fastload.load_text(Path(ACTIONS), text, list),
        )


def test_most_random_edits_of_different_actions_take_the_quick_path(tmp_path: Path) -> None:
    rng = random.Random(7)
    kept = 0
    for _ in range(20):
        first, second = rng.sample(range(1, 6), 2)
        ours = BASE.replace(action(first), action(first, note="Ours"))
        theirs = BASE.replace(action(second), action(second, due="2026-12-20"))
        kept += quick(tmp_path, BASE, ours, theirs) is not None
    assert kept >= 15


def test_the_quick_path_does_not_load_the_round_trip_parser(tmp_path: Path) -> None:
    ours = BASE.replace(action(1), action(1, note="Rang the bank"))
    theirs = BASE.replace(action(5), action(5, due="2026-12-10"))
    files = []
    for name, text in (("base", BASE), ("ours", ours), ("theirs", theirs)):
        files.append(tmp_path / f".merge_file_{name}")
        files[-1].write_text(text, encoding="utf-8")
    script = (
        "import sys; from pathlib import Path; from safecli.cli.mergefile import merge_file; "
        f"code = merge_file({str(files[0])!r}, {str(files[1])!r}, {str(files[2])!r}, {ACTIONS!r}); "
        "print(code, sorted(m for m in sys.modules if m.startswith(('ruamel', 'typer'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert done.stdout == "0 []\n"
    assert files[1].read_text(encoding="utf-8") == git_merge(tmp_path, BASE, ours, theirs)
