"""`--commit`: commit just what a command changed, with a message free of personal data."""

from __future__ import annotations

from pathlib import Path

import pytest
from gitbook import CASE, NEW_CASE, PERSONAL, case_file, cli, git, isolate, make_repo, ok, write

from safecli.errors import GitFailure
from safecli.teamwork import gitrepo as gitwork

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _git_env(monkeypatch: pytest.MonkeyPatch) -> None:
    isolate(monkeypatch)


def messages(book: Path) -> list[str]:
    return git(book, "log", "--format=%B%x00").stdout.split("\0")


def committed_files(book: Path, rev: str = "HEAD") -> list[str]:
    return git(book, "show", "--format=", "--name-only", rev).stdout.split()


def test_writing_commands_commit_just_their_files(tmp_path: Path) -> None:
    book = make_repo(tmp_path / "book")
    opened = ok(book, *NEW_CASE, "--commit")
    assert (
        f"committed {git(book, 'rev-parse', '--short=10', 'HEAD').stdout.strip()} "
        f"{CASE}: open case" in opened.output
    )
    assert committed_files(book) == [
        f"cases/{CASE}/{kind}.yaml" for kind in ("actions", "adult", "agencies", "meetings")
    ]
    ok(
        book,
        "agency",
        "add",
        CASE,
        "police",
        "--name",
        "Exampleshire Police",
        "--kind",
        "police",
        "--person",
        "DC Lee Jones;Investigating officer;lee@example.org;01632 960311",
        "--commit",
    )
    assert committed_files(book) == [f"cases/{CASE}/agencies.yaml"]
    ok(
        book,
        "meeting",
        "new",
        CASE,
        "--type",
        "s42-strategy",
        "--format",
        "discussion",
        "--mode",
        "telephone",
        "--when",
        "2026-11-21 10:00",
        "--purpose",
        "Protect Edith Marlow's pension",
        "--chair",
        "asc:Sam Patel",
        "--invite",
        "police:DC Lee Jones:the withdrawals from her account",
        "--adult-not-invited-reason",
        "Her grandson Liam answers her phone",
        "--as-of",
        "2026-11-20",
        "--commit",
    )
    assert committed_files(book) == [f"cases/{CASE}/meetings.yaml"]
    ok(
        book,
        "action",
        "add",
        CASE,
        "--meeting",
        "M1",
        "--lead",
        "police:DC Lee Jones",
        "--due",
        "2026-12-03",
        "Ask Edith Marlow's bank at 4 Hawthorn Close about the pension withdrawals",
        "--as-of",
        "2026-11-20",
        "--commit",
    )
    assert committed_files(book) == [f"cases/{CASE}/actions.yaml"]
    assert git(book, "status", "--porcelain").stdout == ""
    log = messages(book)
    assert [m.strip() for m in log if m.strip()][:4] == [
        f"{CASE}: add action A1 (lead: police)",
        f"{CASE}: new meeting M1 (s42-strategy)",
        f"{CASE}: add agency police",
        f"{CASE}: open case",
    ]
    for message in log:
        for value in (
            *PERSONAL,
            "Lee Jones",
            "lee@example.org",
            "01632 960311",
            "bank",
            "Liam",
            "withdrawals",
        ):
            assert value not in message


def test_the_books_commit_setting_makes_it_the_default(tmp_path: Path) -> None:
    book = make_repo(tmp_path / "book")
    config = book / "safecli.yaml"
    write(config, config.read_text(encoding="utf-8").replace("commit: false", "commit: true"))
    git(book, "commit", "-q", "-am", "commit by default")
    ok(book, *NEW_CASE)
    assert messages(book)[0].strip() == f"{CASE}: open case"
    ok(book, "agency", "add", CASE, "police", "--name", "Police", "--kind", "police", "--no-commit")
    assert messages(book)[0].strip() == f"{CASE}: open case"
    assert git(book, "status", "--porcelain").stdout.strip() == f"M cases/{CASE}/agencies.yaml"


def test_commit_refuses_when_other_changes_are_staged(tmp_path: Path) -> None:
    book = make_repo(tmp_path / "book")
    ok(book, *NEW_CASE, "--commit")
    write(book / "notes.txt", "staged by hand\n")
    git(book, "add", "notes.txt")
    agencies = case_file(book, "agencies").read_bytes()
    refused = cli(book, "agency", "add", CASE, "gp", "--name", "GP", "--kind", "gp", "--commit")
    assert refused.exit_code == 3
    assert "the index already holds other staged changes (notes.txt)" in refused.output
    assert messages(book)[0].strip() == f"{CASE}: open case"
    assert case_file(book, "agencies").read_bytes() == agencies  # refused before writing


def test_commit_outside_a_repository_says_so(tmp_path: Path) -> None:
    book = tmp_path / "book"
    ok(tmp_path, "init", str(book), "--organisation", "T", "--jurisdiction", "england")
    refused = cli(book, *NEW_CASE, "--commit")
    assert refused.exit_code == 3
    assert "--commit: the case book is not inside a git repository" in refused.output
    assert not [p for p in (book / "cases").iterdir() if not p.name.startswith(".")]


def test_commit_paths_refusals(tmp_path: Path) -> None:
    book = make_repo(tmp_path / "book")
    ok(book, *NEW_CASE, "--commit")
    outside = tmp_path / "elsewhere.yaml"
    write(outside, "[]\n")
    with pytest.raises(GitFailure, match="outside the git repository"):
        gitwork.commit_paths(book, [outside], "x")
    with pytest.raises(GitFailure, match="nothing to commit: the files are as in the last"):
        gitwork.commit_paths(book, [case_file(book, "actions")], f"{CASE}: nothing")
    with pytest.raises(GitFailure, match="nothing to commit"):
        gitwork.commit_paths(book, [], "x")
    write(case_file(book, "actions"), "[]\n\n")
    git(book, "checkout", "-q", "-b", "side")
    git(book, "commit", "-q", "-am", "side")
    git(book, "checkout", "-q", "main")
    write(
        case_file(book, "adult"),
        case_file(book, "adult").read_text(encoding="utf-8").replace("high", "medium"),
    )
    git(book, "commit", "-q", "-am", "main")
    git(book, "merge", "--no-commit", "--no-ff", "side")
    with pytest.raises(GitFailure, match="a git merge is in progress"):
        gitwork.commit_paths(book, [case_file(book, "adult")], "x")


def test_commit_without_a_git_identity_says_how_to_set_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = make_repo(tmp_path / "book")
    git(book, "config", "--unset", "user.name")
    git(book, "config", "--unset", "user.email")
    for name in (
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "EMAIL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    git(book, "config", "user.useConfigOnly", "true")
    refused = cli(book, *NEW_CASE, "--commit")
    assert refused.exit_code == 3
    assert "--commit: git does not know who you are" in refused.output
    assert git(book, "diff", "--cached", "--name-only").stdout == ""
