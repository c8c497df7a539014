"""The pre-commit hook, with the real pre-commit tool, against temporary git repositories.

pre-commit installs safecli (from a git copy of this project) into its own
environment, from PyPI: the first run takes a minute. `pre-commit run` keeps that
environment in a folder of the pytest cache, so later runs reuse it; `try-repo`
always builds a fresh one (it uses a temporary store), helped by a shared pip cache.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO
from rules_table import ACTIONS, CLEAN, make_book

pytestmark = pytest.mark.slow

PRE_COMMIT = str(Path(sys.executable).parent / "pre-commit")
PROJECT_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml")
PROJECT_DIRS = ("src", "templates")
# Fixed identity and dates: the same project files give the same commit, so pre-commit
# finds the environment it built last time.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "safecli tests",
    "GIT_AUTHOR_EMAIL": "tests@example.org",
    "GIT_COMMITTER_NAME": "safecli tests",
    "GIT_COMMITTER_EMAIL": "tests@example.org",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
    "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT_ENV}
    )


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's and pip's caches for this module: a temp folder, never inside the repo."""
    return tmp_path_factory.mktemp("pre-commit")


@pytest.fixture(scope="module")
def hook_repo(cache_dir: Path) -> Path:
    """A git repository holding a copy of this project, committed."""
    repo = cache_dir / "hook-repo"
    shutil.rmtree(repo, ignore_errors=True)
    repo.mkdir()
    for name in PROJECT_FILES:
        shutil.copy2(REPO / name, repo / name)
    for name in PROJECT_DIRS:
        shutil.copytree(
            REPO / name,
            repo / name,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*cache*"),
        )
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "safecli")
    return repo


def _book_repo(root: Path, actions: str) -> Path:
    make_book(root, {**CLEAN, "actions": actions})
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "cases")
    return root


def _pre_commit(cwd: Path, cache_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        **GIT_ENV,
        "PRE_COMMIT_HOME": str(cache_dir / "home"),
        "PIP_CACHE_DIR": str(cache_dir / "pip"),
    }
    env.pop("SAFECLI_BOOK", None)
    return subprocess.run(
        [PRE_COMMIT, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_try_repo_fails_on_a_broken_case(tmp_path: Path, hook_repo: Path, cache_dir: Path) -> None:
    book = _book_repo(tmp_path / "book", ACTIONS.replace("status: open", "status: opne"))
    result = _pre_commit(
        book,
        cache_dir,
        "try-repo",
        str(hook_repo),
        "safecli-validate",
        "--files",
        "cases/SG-2026-0001/actions.yaml",
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        "cases/SG-2026-0001/actions.yaml:6:11: error INT004 status is not one of" in result.stdout
    )


def test_a_team_config_checks_only_the_cases_staged(
    tmp_path: Path, hook_repo: Path, cache_dir: Path
) -> None:
    book = _book_repo(tmp_path / "book", ACTIONS.replace("status: open", "status: opne"))
    make_book(
        book, {**CLEAN, "adult": CLEAN["adult"].replace("0001", "0002")}, case_id="SG-2026-0002"
    )
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=hook_repo, check=True, capture_output=True, text=True
    ).stdout.strip()
    (book / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {head}\n    hooks: [{{id: safecli-validate}}]\n",
        encoding="utf-8",
    )
    _git(book, "add", ".pre-commit-config.yaml", "cases/SG-2026-0002")
    clean = _pre_commit(book, cache_dir, "run")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "safecli validate" in clean.stdout and "Passed" in clean.stdout
    _git(book, "commit", "-q", "-m", "second case")
    actions = book / "cases" / "SG-2026-0001" / "actions.yaml"
    actions.write_text(actions.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _git(book, "add", "cases/SG-2026-0001/actions.yaml")
    broken = _pre_commit(book, cache_dir, "run")
    assert broken.returncode == 1
    assert "error INT004 status is not one of" in broken.stdout
    assert "1 error, 0 warnings in 1 case (1 checked)" in broken.stdout
