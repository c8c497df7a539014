"""The merge driver's first run in a `git merge` works out every file's answer;
later runs take their own: the same answers as each run working alone."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from gitbook import (
    NEW_CASE,
    action,
    append,
    case_file,
    commit_all,
    git,
    isolate,
    make_repo,
    meeting,
    ok,
    write,
)

from safecli.teamwork.aheadstore import FOLDER, AheadStore

TEXTS = (b"- id: A1\n", b"- id: A1\n  note: ours\n", b"- id: A1\n  note: theirs\n")
PATH = "cases/SG-2026-0001/actions.yaml"


@pytest.fixture(autouse=True)
def _git_env(monkeypatch: pytest.MonkeyPatch) -> None:
    isolate(monkeypatch)


def test_an_answer_is_taken_once_by_the_same_merge_for_the_same_versions(tmp_path: Path) -> None:
    store = AheadStore(str(tmp_path / FOLDER), b"merge 1")
    store.start()
    store.put(PATH, TEXTS, (1, ("a message",), "merged\n"))
    assert AheadStore(str(tmp_path / FOLDER), b"merge 2").take(PATH, TEXTS) is None
    store.put(PATH, TEXTS, (1, ("a message",), "merged\n"))
    assert store.take(PATH, (TEXTS[0], TEXTS[1], TEXTS[1])) is None
    assert store.take("cases/SG-2026-0002/actions.yaml", TEXTS) is None
    assert store.take(PATH, TEXTS) == (1, ("a message",), "merged\n")
    assert store.take(PATH, TEXTS) is None


def test_an_entry_under_another_files_name_is_never_taken(tmp_path: Path) -> None:
    store = AheadStore(str(tmp_path / FOLDER), b"merge 1")
    store.start()
    store.put(PATH, TEXTS, (0, (), "merged\n"))
    other = (b"[]\n", b"[]\n", b"- id: A9\n")
    (entry,) = (p for p in (tmp_path / FOLDER).iterdir() if not p.name.startswith("ready-"))
    entry.rename(tmp_path / FOLDER / Path(store._entry(PATH, other)).name)
    assert store.take(PATH, other) is None


def test_starting_forgets_the_last_merges_answers(tmp_path: Path) -> None:
    old = AheadStore(str(tmp_path / FOLDER), b"merge 1")
    old.start()
    old.put(PATH, TEXTS, (0, (), "merged\n"))
    new = AheadStore(str(tmp_path / FOLDER), b"merge 2")
    assert old.is_ready() and not new.is_ready()
    new.start()
    assert new.is_ready() and not old.is_ready()
    assert [p.name for p in (tmp_path / FOLDER).iterdir()] == [Path(new._ready).name]


def kept_under_git(folder: Path, **env: str) -> bool:
    """Whether answers can be kept for a run started by git (a shell alias) in folder."""
    script = (
        "import os, sys; from safecli.teamwork.aheadstore import AheadStore; "
        "print(AheadStore.current(os.getcwd()) is not None)"
    )
    alias = f"alias.ahead=!cd {folder} && {sys.executable} -c '{script}'"
    done = subprocess.run(
        ["git", "-c", alias, "ahead"],
        cwd=folder,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip() == "True"


@pytest.mark.parametrize("why", ["no GITHEAD_", "GIT_DIR set", "not the top", "no git"])
def test_nothing_is_kept_outside_a_git_merge_at_the_top_of_a_work_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, why: str
) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "cases").mkdir()
    for name in [name for name in os.environ if name.startswith("GITHEAD_")]:
        monkeypatch.delenv(name)
    merging = {"GITHEAD_" + "a" * 40: "theirs"}
    assert kept_under_git(tmp_path, **merging)
    if why == "no GITHEAD_":  # a rebase, a cherry-pick, or run by hand
        assert not kept_under_git(tmp_path)
    elif why == "GIT_DIR set":
        assert not kept_under_git(tmp_path, GIT_DIR=str(tmp_path / ".git"), **merging)
    elif why == "not the top":
        assert not kept_under_git(tmp_path / "cases", **merging)
    else:  # not started by git
        monkeypatch.setenv("GITHEAD_" + "a" * 40, "theirs")
        assert AheadStore.current(str(tmp_path)) is None


def two_branches(tmp_path: Path) -> Path:
    """Both add an action A2 (one is renumbered, and its reference in meetings.yaml
    follows), both change A1's due date (a conflict), one changes M1's time."""
    book = make_repo(tmp_path / "book")
    ok(book, *NEW_CASE, "--commit")
    write(case_file(book, "meetings"), meeting("M1", risk_actions="A1"))
    write(case_file(book, "actions"), action("A1"))
    commit_all(book, "M1 and A1")
    meetings = case_file(book, "meetings").read_text(encoding="utf-8")
    git(book, "checkout", "-q", "-b", "bob")
    write(case_file(book, "actions"), action("A1", due="2026-12-20"))
    append(case_file(book, "actions"), action("A2", lead="asc:Bob Okoro"))
    write(case_file(book, "meetings"), meetings.replace("[A1]", "[A1, A2]"))
    commit_all(book, "bob")
    git(book, "checkout", "-q", "main")
    write(case_file(book, "actions"), action("A1", due="2026-12-24"))
    append(case_file(book, "actions"), action("A2", lead="asc:Ann Tester", due="2026-12-12"))
    write(case_file(book, "meetings"), meetings.replace("10:00", "11:00"))
    commit_all(book, "ann")
    return book


def merged(book: Path, *, ahead: bool) -> tuple[int, list[str], dict[str, str]]:
    """git merge bob: its exit code, safecli's messages, the case files; undone after."""
    env = dict(os.environ)
    if not ahead:
        env["GIT_DIR"] = str(book / ".git")  # git's folder named: nothing worked out ahead
    done = subprocess.run(
        ["git", "merge", "--no-edit", "bob"],
        cwd=book,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    messages = sorted(line for line in done.stderr.splitlines() if line.startswith("safecli:"))
    files = {
        kind: case_file(book, kind).read_text(encoding="utf-8") for kind in ("meetings", "actions")
    }
    git(book, "reset", "-q", "--hard", "main")
    return done.returncode, messages, files


@pytest.mark.slow
def test_a_merge_worked_out_ahead_gives_each_runs_own_answers(tmp_path: Path) -> None:
    book = two_branches(tmp_path)
    alone = merged(book, ahead=False)
    assert not (book / ".git" / FOLDER).exists()
    ahead = merged(book, ahead=True)
    assert ahead == alone
    code, messages, files = ahead
    assert code == 1
    assert any("action A2 is now A3" in message for message in messages)
    assert any("conflict" in message for message in messages)
    assert "[A1, A3]" in files["meetings"] and "11:00" in files["meetings"]
    folder = book / ".git" / FOLDER
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    (left,) = folder.iterdir()  # every answer was taken; the mark of this merge stays
    assert left.name.startswith("ready-") and stat.S_IMODE(left.stat().st_mode) == 0o600
