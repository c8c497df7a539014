"""Running git for safecli: commit just the files a command changed."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

from safecli.errors import GitFailure


def git(root: Path, *args: str, check: bool = True) -> str:
    """Run a git command in root and return its standard output."""
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                              check=False)
    except FileNotFoundError as exc:
        raise GitFailure("git is not installed") from exc
    if check and done.returncode != 0:
        raise GitFailure(f"git {args[0]} failed: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def repo_root(path: Path) -> Path | None:
    """The top of the git work tree holding path, or None."""
    done = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=path,
                          capture_output=True, text=True, check=False)
    return Path(done.stdout.strip()) if done.returncode == 0 else None


def commit_paths(book_root: Path, paths: Sequence[Path], message: str) -> str:
    """Commit exactly `paths` with `message`; refuse if other changes are already staged."""
    top = repo_root(book_root)
    if top is None:
        raise GitFailure("--commit: the case book is not inside a git repository", path=book_root)
    mine = {str(Path(p).resolve().relative_to(top.resolve())) for p in paths}
    staged = set(git(top, "diff", "--cached", "--name-only", "-z").split("\0")) - {""}
    unrelated = sorted(staged - mine)
    if unrelated:
        raise GitFailure(
            "--commit: the index already holds other staged changes "
            f"({', '.join(unrelated[:3])}); commit or unstage them first")
    git(top, "add", "--", *sorted(mine))
    git(top, "commit", "--quiet", "-m", message, "--", *sorted(mine))
    return git(top, "rev-parse", "HEAD").strip()
