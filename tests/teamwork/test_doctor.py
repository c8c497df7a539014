"""`safecli doctor`: the book's git setup, names, sizes and permissions."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from gitbook import CASE, NEW_CASE, case_file, cli, git, isolate, make_repo, ok, write

from safecli.store import refusals
from safecli.teamwork.aheadstore import FOLDER, AheadStore

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _git_env(monkeypatch: pytest.MonkeyPatch) -> None:
    isolate(monkeypatch)


def private(root: Path) -> None:
    for path in (root / "safecli.yaml", root / "cases", *(root / "cases").rglob("*")):
        os.chmod(path, 0o700 if path.is_dir() else 0o600)


def statuses(output: str) -> dict[str, str]:
    return {
        line.split(":")[0][6:]: line[:5].strip()
        for line in output.splitlines()
        if not line.startswith(" ")
    }


@pytest.fixture
def book(tmp_path: Path) -> Path:
    root = make_repo(tmp_path / "book")
    ok(root, *NEW_CASE, "--commit")
    private(root)
    return root


def test_a_well_set_up_book_passes(book: Path) -> None:
    result = ok(book, "doctor")
    assert statuses(result.output) == {
        "git repository": "ok",
        "merge driver": "ok",
        "merge attribute": "ok",
        ".gitignore": "ok",
        "case files readable": "ok",
        "case folder names": "ok",
        "no personal names in paths": "ok",
        "file sizes": "ok",
        "permissions": "ok",
        "interrupted writes": "ok",
        "merge answers": "ok",
        "symbolic links": "ok",
        "meetings about several adults": "ok",
    }
    assert "hint" not in result.output


def test_missing_git_setup_fails_with_hints(book: Path) -> None:
    git(book, "config", "--unset", "merge.safecli.driver")
    write(book / ".gitattributes", "# nothing here\n")
    write(book / ".gitignore", ".safecli.lock\n")
    result = cli(book, "doctor")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "fail  merge driver: merge.safecli.driver is not set in git config" in lines
    assert "      hint: run 'safecli git setup'" in lines
    assert "fail  merge attribute: case files have merge=unspecified in .gitattributes" in lines
    assert "fail  .gitignore: not ignored: .safecli/, .*.tmp" in lines
    ok(book, "git", "setup")
    assert statuses(cli(book, "doctor").output)["merge attribute"] == "ok"


def test_a_driver_whose_program_is_gone_fails(book: Path) -> None:
    git(book, "config", "merge.safecli.driver", "/no/such/safecli merge-file %O %A %B %P")
    result = cli(book, "doctor")
    assert result.exit_code == 1
    assert (
        "fail  merge driver: the driver's program '/no/such/safecli' is not there" in result.output
    )


def test_an_older_driver_command_is_a_warning_until_setup_runs_again(book: Path) -> None:
    older = f"{shutil.which('safecli') or sys.executable} merge-file %O %A %B %P"
    git(book, "config", "merge.safecli.driver", older)
    result = cli(book, "doctor")
    assert result.exit_code == 0, result.output
    assert "warn  merge driver:" in result.output
    assert "starts more slowly for each file" in result.output
    assert cli(book, "doctor", "--strict").exit_code == 1
    ok(book, "git", "setup")
    assert statuses(cli(book, "doctor").output)["merge driver"] == "ok"


def test_a_book_outside_git(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    ok(tmp_path, "init", str(root), "--organisation", "T", "--jurisdiction", "england")
    result = cli(root, "doctor")
    assert result.exit_code == 1
    assert result.output.startswith(
        "fail  git repository: the case book is not in a git repository\n"
        "      hint: run 'git init' in the book, then 'safecli git setup'\n"
    )


def test_folders_and_files_named_after_a_person(book: Path) -> None:
    write(book / "cases" / CASE / "marlow-notes.txt", "x\n")
    named = book / "cases" / "SG-2026-edie"
    named.mkdir(mode=0o700)
    for kind in ("adult", "agencies", "meetings", "actions"):
        write(named / f"{kind}.yaml", case_file(book, kind).read_text(encoding="utf-8"))
    (book / "cases" / "Edith Marlow").mkdir(mode=0o700)
    private(book)
    result = cli(book, "doctor")
    assert result.exit_code == 1
    assert (
        "fail  no personal names in paths: cases/SG-2026-0001/marlow-notes.txt, "
        "cases/SG-2026-edie\n"
    ) in result.output
    assert "fail  case folder names: cases/Edith Marlow\n" in result.output


def test_a_person_of_an_agency_counts_too(book: Path) -> None:
    ok(
        book,
        "agency",
        "add",
        CASE,
        "police",
        "--name",
        "Police",
        "--kind",
        "police",
        "--person",
        "DC Rachel Quinn;Officer",
    )
    write(book / "cases" / CASE / "from-QUINN.txt", "x\n")
    private(book)
    assert statuses(cli(book, "doctor").output)["no personal names in paths"] == "fail"


def test_conflict_markers_oversized_files_and_permissions(book: Path) -> None:
    actions = case_file(book, "actions")
    write(actions, "[]\n<<<<<<< ours\n")
    write(book / "cases" / CASE / "scan.pdf", "x" * (refusals.MAX_BYTES + 1))
    os.chmod(case_file(book, "adult"), 0o644)
    result = cli(book, "doctor")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (
        f"fail  case files readable: cases/{CASE}/actions.yaml:2:1: git conflict marker:"
        " this file was not merged; resolve the conflict first"
    ) in lines
    assert f"fail  file sizes: cases/{CASE}/scan.pdf (1,048,577 bytes)" in lines
    assert f"warn  permissions: cases/{CASE}/adult.yaml, cases/{CASE}/scan.pdf" in lines


def test_answers_an_earlier_merge_left_are_named_and_cleaned(book: Path) -> None:
    store = AheadStore(str(book / ".git" / FOLDER), b"a merge that has ended")
    store.start()
    store.put("cases/SG-2026-0001/actions.yaml", (b"base", b"ours", b"theirs"), (0, (), "x"))
    found = cli(book, "doctor")
    assert statuses(found.output)["merge answers"] == "warn"
    assert "1 answer(s) of an earlier git merge" in found.output
    assert "safecli doctor --clean" in found.output
    cleaned = ok(book, "doctor", "--clean")
    assert "removed 1 merge answer(s) kept in the git folder" in cleaned.output
    assert statuses(cleaned.output)["merge answers"] == "ok"
    assert list((book / ".git" / FOLDER).iterdir()) == []


def test_warnings_fail_only_when_strict(book: Path) -> None:
    os.chmod(book / "cases", 0o755)
    assert cli(book, "doctor").exit_code == 0
    strict = cli(book, "doctor", "--strict")
    assert strict.exit_code == 1
    assert "warn  permissions: cases\n      hint: chmod -R go-rwx" in strict.output


def test_git_setup_registers_the_running_safecli(tmp_path: Path) -> None:
    import sys

    root = make_repo(tmp_path / "book", setup=False)
    write(root / ".gitattributes", "*.pdf binary\n")
    result = ok(root, "git", "setup")
    entry = "'from safecli.cli import run; run()'"
    driver = f"{sys.executable} -P -c {entry} merge-file %O %A %B %P"
    assert result.output.splitlines() == [
        "set git config merge.safecli.name = safecli: merge case files by identity",
        f"set git config merge.safecli.driver = {driver}",
        "added 'cases/**/*.yaml merge=safecli text eol=lf' to .gitattributes",
    ]
    assert git(root, "config", "--local", "merge.safecli.driver").stdout.strip() == driver
    assert (root / ".gitattributes").read_text(encoding="utf-8") == (
        "*.pdf binary\ncases/**/*.yaml merge=safecli text eol=lf\n"
    )
    again = ok(root, "git", "setup")
    assert again.output == "git setup: merge driver and attributes already in place\n"


def test_the_driver_command_runs_safecli_s_entry_point(tmp_path: Path) -> None:
    import shlex
    import subprocess
    import sys

    from safecli.teamwork import gitrepo as gitwork

    command = gitwork.driver_command()
    assert shlex.split(command)[0] == sys.executable
    done = subprocess.run(
        [*shlex.split(command.removesuffix(gitwork.DRIVER_ARGS)), "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.startswith("safecli ")


def test_the_driver_imports_nothing_from_the_work_tree(tmp_path: Path) -> None:
    import shlex
    import subprocess

    from safecli.teamwork import gitrepo as gitwork

    write(tmp_path / "zlib.py", "raise SystemExit('imported from the work tree')\n")
    command = shlex.split(gitwork.driver_command().removesuffix(gitwork.DRIVER_ARGS))
    script = "import zlib; print(zlib.__name__)"
    done = subprocess.run(
        [command[0], command[1], "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout == "zlib\n", done.stderr


def test_init_in_a_git_repository_offers_the_setup(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from safecli.cli.main import app

    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    args = ["init", "--organisation", "T", "--jurisdiction", "england"]
    hinted = CliRunner().invoke(app, [*args, str(repo / "a")])
    assert hinted.output.endswith(
        "hint: run 'safecli git setup' so git merges case files by identity\n"
    )
    assert git(repo, "config", "--get", "merge.safecli.driver", check=False).returncode == 1
    asked = CliRunner().invoke(
        app, [*args, str(repo / "b")], input="y\n", env={"SAFECLI_INTERACTIVE": "1"}
    )
    assert "Register safecli's merge driver in this git repository?" in asked.output
    assert "set git config merge.safecli.driver" in asked.output
    git(repo, "config", "--unset", "merge.safecli.driver")
    flagged = CliRunner().invoke(app, [*args, str(repo / "c"), "--git-setup"])
    assert flagged.exit_code == 0, flagged.output
    assert "set git config merge.safecli.driver" in flagged.output
    outside = CliRunner().invoke(app, [*args, str(tmp_path / "d"), "--git-setup"])
    assert outside.output.endswith(
        "not in a git repository: run 'git init', then 'safecli git setup'\n"
    )
