"""Running git for safecli: commit just the files a command changed, register the
merge driver, and read the versions of files that history and the driver need."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from safecli.errors import GitFailure

DRIVER_NAME = "safecli"
DRIVER_ARGS = "merge-file %O %A %B %P"
DRIVER_ENTRY = "from safecli.cli import run; run()"
ATTRIBUTES_PATTERN = "cases/**/*.yaml"
ATTRIBUTES_LINE = f"{ATTRIBUTES_PATTERN} merge={DRIVER_NAME} text eol=lf"


def run(root: Path, *args: str, check: bool = True, data: bytes | None = None) -> bytes:
    """Run a git command in root and return its raw standard output."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, input=data, check=False
        )
    except FileNotFoundError as exc:
        raise GitFailure("git is not installed (or not on PATH)") from exc
    except NotADirectoryError as exc:
        raise GitFailure("not a folder", path=root) from exc
    if check and done.returncode != 0:
        message = (done.stderr or done.stdout).decode("utf-8", "replace").strip()
        raise GitFailure(f"git {args[0]} failed: {message}")
    return done.stdout


def git(root: Path, *args: str, check: bool = True) -> str:
    """Run a git command in root and return its standard output as text."""
    return run(root, *args, check=check).decode("utf-8", "replace")


def repo_root(path: Path) -> Path | None:
    """The top of the git work tree holding path, or None. git names the repository's
    folder in the same answer, and `git_dir` then needs no second process."""
    folder = path if path.is_dir() else path.parent
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--show-toplevel", "--absolute-git-dir"],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError as exc:
        raise GitFailure("git is not installed (or not on PATH)") from exc
    lines = done.stdout.splitlines()
    if done.returncode != 0 or len(lines) != 2:
        return None
    top = Path(lines[0]).resolve()
    _GIT_DIRS[top] = Path(lines[1]).resolve()
    return top


# The .git folder of each work tree top `repo_root` found, as git named it then.
_GIT_DIRS: dict[Path, Path] = {}


def inside(top: Path, path: Path) -> str:
    """path relative to the work tree top, as git names it; GitFailure if outside."""
    try:
        return Path(path).resolve().relative_to(top).as_posix()
    except ValueError:
        raise GitFailure(
            "--commit: this file is outside the git repository of the case book", path=path
        ) from None


def check_can_commit(book_root: Path) -> None:
    """Refuse --commit before a command writes anything, when it could not commit after:
    no repository, a merge in progress, or other changes already staged."""
    top = repo_root(book_root)
    if top is None:
        raise GitFailure(
            "--commit: the case book is not inside a git repository "
            "(run 'git init' there, or leave out --commit)",
            path=book_root,
        )
    if (git_dir(top) / "MERGE_HEAD").exists():
        raise GitFailure(
            "--commit: a git merge is in progress; finish it first "
            "(resolve, 'git commit'), then run the command again"
        )
    staged = [
        name for name in git(top, "diff", "--cached", "--name-only", "-z").split("\0") if name
    ]
    if staged:
        raise GitFailure(
            "--commit: the index already holds other staged changes "
            f"({', '.join(staged[:3])}); commit or unstage them first"
        )


def commit_paths(book_root: Path, paths: Sequence[Path], message: str) -> str:
    """Commit exactly `paths` with `message` and return the new commit's id.

    Refuses (GitFailure) when the book is not in a git repository, a path lies
    outside it, the index already holds other staged changes (they would not be
    ours to commit), a merge is in progress, or the files match the last commit.
    """
    top = repo_root(book_root)
    if top is None:
        raise GitFailure(
            "--commit: the case book is not inside a git repository "
            "(run 'git init' there, or leave out --commit)",
            path=book_root,
        )
    if not paths:
        raise GitFailure("--commit: nothing to commit")
    mine = sorted({inside(top, Path(p)) for p in paths})
    if (git_dir(top) / "MERGE_HEAD").exists():
        raise GitFailure(
            "--commit: a git merge is in progress; finish it first "
            "(resolve, 'git commit'), then run the command again"
        )
    staged = set(git(top, "diff", "--cached", "--name-only", "-z").split("\0")) - {""}
    unrelated = sorted(staged - set(mine))
    if unrelated:
        raise GitFailure(
            "--commit: the index already holds other staged changes "
            f"({', '.join(unrelated[:3])}); commit or unstage them first"
        )
    git(top, "add", "--", *mine)
    has_head = run(top, "rev-parse", "--verify", "--quiet", "HEAD", check=False) != b""
    if has_head and not git(top, "diff", "--cached", "--name-only", "HEAD", "--", *mine):
        raise GitFailure("--commit: nothing to commit: the files are as in the last commit")
    try:
        git(top, "commit", "--quiet", "-m", message, "--", *mine)
    except GitFailure as exc:
        if has_head:
            git(top, "reset", "--quiet", "--", *mine, check=False)
        if "tell me who you are" in exc.message:
            raise GitFailure(
                "--commit: git does not know who you are: set it with "
                "'git config user.name \"Your Name\"' and "
                "'git config user.email you@example.org'"
            ) from exc
        raise
    return git(top, "rev-parse", "HEAD").strip()


def git_dir(top: Path) -> Path:
    """The repository's .git folder (a worktree's own, when in a linked worktree)."""
    known = _GIT_DIRS.get(top)
    if known is not None and known.is_dir():
        return known
    return (top / git(top, "rev-parse", "--git-dir").strip()).resolve()


def driver_command() -> str:
    """The shell command git should run for the merge driver: this very safecli, as
    the Python running it (a venv's, even when the venv is not active) calling the
    command line's entry point. Neither the installed `safecli` script (it imports
    `re` first) nor `python -m safecli` (runpy): git starts the driver once a file,
    and either would be a third of a run that takes an answer worked out ahead.
    `-P`: git runs the driver at the top of the work tree, and no file there may be
    imported in place of a module."""
    import shlex  # here: the merge driver itself never needs it

    program = f"{shlex.quote(sys.executable)} -P -c {shlex.quote(DRIVER_ENTRY)}"
    return f"{program} {DRIVER_ARGS}"


def configured_driver(top: Path) -> str | None:
    """The merge.safecli.driver command git will run, or None."""
    value = git(top, "config", "--get", f"merge.{DRIVER_NAME}.driver", check=False).strip()
    return value or None


def merge_attribute(top: Path, rel_path: str) -> str:
    """The `merge` attribute git applies to a path ('unspecified' when none)."""
    out = git(top, "check-attr", "merge", "--", rel_path).strip()
    return out.rsplit(": ", 1)[-1] if out else "unspecified"


def setup_driver(book_root: Path, command: str) -> list[str]:
    """Register the merge driver in the repository's local config and make sure the
    book's .gitattributes sends case files to it; return what was done, in words."""
    top = repo_root(book_root)
    if top is None:
        raise GitFailure(
            "the case book is not inside a git repository (run 'git init')", path=book_root
        )
    done: list[str] = []
    wanted = {"name": "safecli: merge case files by identity", "driver": command}
    for key, value in wanted.items():
        name = f"merge.{DRIVER_NAME}.{key}"
        if git(top, "config", "--local", "--get", name, check=False).strip() != value:
            git(top, "config", "--local", name, value)
            done.append(f"set git config {name} = {value}")
    probe = inside(top, book_root / "cases" / "SG-0000-0000" / "actions.yaml")
    if merge_attribute(top, probe) != DRIVER_NAME:
        done.append(_add_attributes(book_root / ".gitattributes"))
    return done


def _add_attributes(path: Path) -> str:
    from safecli.store import atomic

    if path.is_symlink():
        raise GitFailure("refusing to change .gitattributes: it is a symbolic link", path=path)
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    joined = existing + ("\n" if existing and not existing.endswith("\n") else "")
    atomic.write_atomic(path, joined + ATTRIBUTES_LINE + "\n")
    return f"added '{ATTRIBUTES_LINE}' to {path.name}"


def is_ignored(top: Path, rel_path: str) -> bool:
    """Whether git ignores rel_path (by .gitignore rules, tracked or not)."""
    done = subprocess.run(
        ["git", "check-ignore", "-q", "--no-index", "--", rel_path],
        cwd=top,
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def blob_texts(top: Path, specs: Iterable[str]) -> dict[str, bytes | None]:
    """Contents of objects named like `<commit>:<path>` or by blob id, in one git call;
    None for an object that does not exist."""
    wanted = list(dict.fromkeys(specs))
    if not wanted:
        return {}
    out = run(top, "cat-file", "--batch", data="".join(f"{s}\n" for s in wanted).encode())
    result: dict[str, bytes | None] = {}
    pos = 0
    for spec in wanted:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) == 3 and header[1] != b"missing":
            size = int(header[2])
            result[spec] = out[pos : pos + size]
            pos += size + 1
        else:
            result[spec] = None
    return result


def line_merge(ours: Path, base: Path, theirs: Path) -> int:
    """git's own line-by-line merge of three files into ours; the number of conflicts
    (negative when git could not merge at all)."""
    try:
        done = subprocess.run(
            [
                "git",
                "merge-file",
                "-L",
                "ours",
                "-L",
                "base",
                "-L",
                "theirs",
                str(ours),
                str(base),
                str(theirs),
            ],
            capture_output=True,
            check=False,
        )
    except FileNotFoundError as exc:
        raise GitFailure("git is not installed (or not on PATH)") from exc
    return done.returncode if done.returncode < 128 else -1
