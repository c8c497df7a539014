"""Real git merges where one side's case file is damaged: empty, cut short or unreadable.

The driver must leave a conflict for git to report, say which side is damaged,
and keep every line of the good side in the file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from gitbook import (
    CASE,
    NEW_CASE,
    action,
    case_file,
    cli,
    commit_all,
    git,
    isolate,
    make_repo,
    ok,
    write,
)
from gitbook import meeting as meeting_yaml

pytestmark = pytest.mark.slow

KINDS = ("adult", "agencies", "meetings", "actions")


def _empty(text: str) -> str:
    return ""


def _cut(text: str) -> str:
    lines = text.splitlines(True)
    return "".join(lines[: max(1, len(lines) // 2)])


def _unreadable(text: str) -> str:
    return text + "oops: [not closed\n"


def _not_records(text: str) -> str:
    return text + "- asc\n"


DAMAGE: dict[str, Callable[[str], str]] = {
    "empty": _empty,
    "cut short": _cut,
    "unreadable": _unreadable,
}


@pytest.fixture(autouse=True)
def _git_env(monkeypatch: pytest.MonkeyPatch) -> None:
    isolate(monkeypatch)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One committed book with a case, two meetings and three actions, copied per test."""
    with pytest.MonkeyPatch.context() as patch:
        isolate(patch)
        book = make_repo(tmp_path_factory.mktemp("template") / "book")
        ok(book, *NEW_CASE, "--commit")
        write(
            case_file(book, "meetings"),
            meeting_yaml("M1", risk_actions="A1")
            + "\n"
            + meeting_yaml("M2", when="2026-11-20T10:00"),
        )
        write(
            case_file(book, "actions"),
            "\n".join(action(a, description=f"Task {a}") for a in ("A1", "A2", "A3")),
        )
        commit_all(book, "meetings and actions")
    return book


def _copy(template: Path, tmp_path: Path) -> Path:
    book = tmp_path / "book"
    git(tmp_path, "clone", "-q", str(template), str(book))
    for key, value in (
        ("user.name", "Ann Tester"),
        ("user.email", "ann@example.org"),
        ("commit.gpgsign", "false"),
    ):
        git(book, "config", key, value)
    ok(book, "git", "setup")
    return book


def _merge_damaged(template: Path, tmp_path: Path, kind: str, damage: Callable[[str], str]) -> Path:
    book = _copy(template, tmp_path)
    path = case_file(book, kind)
    original = path.read_text(encoding="utf-8")
    git(book, "checkout", "-q", "-b", "bob")
    write(path, damage(original))
    commit_all(book, "bob damages a file")
    git(book, "checkout", "-q", "main")
    write(path, "# checked with the chair\n" + original)
    commit_all(book, "a comment on main")
    return book


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_side_is_a_conflict_that_keeps_the_good_side(
    template: Path, tmp_path: Path, kind: str, damage: str
) -> None:
    book = _merge_damaged(template, tmp_path, kind, DAMAGE[damage])
    good = case_file(book, kind).read_text(encoding="utf-8")
    merged = git(book, "merge", "-q", "--no-edit", "bob", check=False)
    assert merged.returncode != 0, merged.stderr
    assert "CONFLICT" in merged.stdout
    assert f"{kind}.yaml: not merged, theirs: " in merged.stderr
    result = case_file(book, kind).read_text(encoding="utf-8")
    for line in good.splitlines():
        assert line in result.splitlines(), line
    refused = cli(book, "case", "show", CASE)
    assert refused.exit_code == 3
    assert f"{kind}.yaml:" in refused.output
    assert "conflict marker" in refused.output


@pytest.mark.parametrize("kind", KINDS[1:])
def test_a_list_of_non_records_is_a_damaged_side(template: Path, tmp_path: Path, kind: str) -> None:
    book = _merge_damaged(template, tmp_path, kind, _not_records)
    merged = git(book, "merge", "-q", "--no-edit", "bob", check=False)
    assert merged.returncode != 0, merged.stderr
    assert "is not a mapping" in merged.stderr


def test_an_emptied_ours_is_named_as_ours(template: Path, tmp_path: Path) -> None:
    book = _copy(template, tmp_path)
    path = case_file(book, "meetings")
    original = path.read_text(encoding="utf-8")
    git(book, "checkout", "-q", "-b", "bob")
    write(path, "# checked\n" + original)
    commit_all(book, "a comment on bob")
    git(book, "checkout", "-q", "main")
    write(path, "")
    commit_all(book, "main empties meetings")
    merged = git(book, "merge", "-q", "--no-edit", "bob", check=False)
    assert merged.returncode != 0
    assert "meetings.yaml: not merged, ours: the file is empty" in merged.stderr
    assert "id: M2" in path.read_text(encoding="utf-8")
