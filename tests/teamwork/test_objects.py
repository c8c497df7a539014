"""One `git cat-file --batch` process answering the merge driver's lookups, with real git."""

from __future__ import annotations

from pathlib import Path

import pytest
from gitbook import git, isolate

from safecli.errors import GitFailure
from safecli.teamwork import gitrepo
from safecli.teamwork.objects import Objects


@pytest.fixture(autouse=True)
def _git_env(monkeypatch: pytest.MonkeyPatch) -> None:
    isolate(monkeypatch)


def repo(tmp_path: Path) -> Path:
    """Two commits: `a b.yaml` holds "one" then "two"."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    for text in ("one\n", "two\n"):
        (root / "a b.yaml").write_text(text)
        git(root, "add", "-A")
        git(root, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", text)
    return root


def test_answers_questions_in_turn_from_one_process(tmp_path: Path) -> None:
    root = repo(tmp_path)
    head = git(root, "rev-parse", "HEAD").stdout.strip()
    parent = git(root, "rev-parse", "HEAD^").stdout.strip()
    with Objects(root) as objects:
        assert objects.commit("HEAD") == head
        assert objects.commit(f"{head}^") == parent
        assert objects.content(f"{head}:a b.yaml") == b"two\n"
        assert objects.content(f"{parent}:a b.yaml") == b"one\n"
        # Missing names (with a space, as paths may have) and non-commits are None.
        assert objects.content(f"{head}:no such.yaml") is None
        assert objects.commit(f"{parent}^") is None
        assert objects.commit(f"{head}:a b.yaml") is None
        assert objects.content("two\nlines") is None
        assert objects.content(f"{head}:a b.yaml") == b"two\n"


def test_outside_a_repository_every_answer_is_none_or_a_git_failure(tmp_path: Path) -> None:
    with Objects(tmp_path) as objects, pytest.raises(GitFailure):
        objects.commit("HEAD")
    with pytest.raises(GitFailure), Objects(tmp_path / "missing") as objects:
        objects.commit("HEAD")


def test_repo_root_names_the_git_folder_in_the_same_answer(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / "sub").mkdir()
    assert gitrepo.repo_root(root / "sub") == root.resolve()
    assert gitrepo.git_dir(root.resolve()) == (root / ".git").resolve()
    assert gitrepo.repo_root(tmp_path) is None
