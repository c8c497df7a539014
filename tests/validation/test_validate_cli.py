"""`safecli validate` end to end: output formats, exit codes, selection, strictness, paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import safecli_in, snapshot
from rules_table import ACTIONS, CLEAN, CONFIG, HELD, make_book
from typer.testing import CliRunner

from safecli.cli.main import app
from safecli.validation.output import escape_data, escape_property

AS_OF = ["--as-of", "2026-12-01"]
# SG-2026-0001: one error (INT004) and two warnings (EMP002, PRO001). SG-2026-0002: clean.
BROKEN = {
    **CLEAN,
    "meetings": HELD.replace("    invited: true\n", "    invited: false\n").replace(
        "reason: Investigating the theft", "reason: null"
    ),
    "actions": ACTIONS.replace("status: open", "status: opne"),
}
# Only warnings: EMP002 and PRO001.
WARNINGS = {**BROKEN, "actions": ACTIONS}
TEXT = (
    "cases/SG-2026-0001/actions.yaml:6:11: error INT004 status is not one of: open, done, "
    "cancelled; did you mean 'open'? (integrity)\n"
    "cases/SG-2026-0001/meetings.yaml:13:3: warning EMP002 M1: the adult is not invited and no "
    "reason is recorded (adult.not_invited_reason) (empowerment)\n"
    "cases/SG-2026-0001/meetings.yaml:20:7: warning PRO001 M1: no reason recorded for inviting "
    "invitee 1 (police) (need to know, can contribute) (proportionality)\n"
    "1 error, 2 warnings in 1 case (2 checked)\n"
)


def two_cases(root: Path, first: dict[str, str | bytes | None], config: str = CONFIG) -> Path:
    make_book(root, first, config)
    clean = {**CLEAN, "adult": CLEAN["adult"].replace("SG-2026-0001", "SG-2026-0002")}
    return make_book(root, clean, config, case_id="SG-2026-0002")


def run(root: Path | None, *args: str) -> object:
    book = ["--book", str(root)] if root is not None else []
    return CliRunner().invoke(app, [*book, "validate", *AS_OF, *args])


def test_text_output_sorted_with_summary_and_exit_1_on_errors(tmp_path: Path) -> None:
    root = two_cases(tmp_path / "book", BROKEN)
    result = run(root)
    assert (result.exit_code, result.stdout) == (1, TEXT)


def test_warnings_pass_unless_strict(tmp_path: Path) -> None:
    root = two_cases(tmp_path / "book", WARNINGS)
    assert run(root).exit_code == 0
    assert run(root, "--strict").exit_code == 1
    assert run(root, "--strict").stdout.endswith("0 errors, 2 warnings in 1 case (2 checked)\n")


def test_the_book_sets_strict_select_and_ignore(tmp_path: Path) -> None:
    config = CONFIG + "validate:\n  strict: true\n  select: []\n  ignore: [PRO]\n"
    root = two_cases(tmp_path / "book", WARNINGS, config)
    result = run(root)
    assert result.exit_code == 1
    assert [line.split()[2] for line in result.stdout.splitlines()[:-1]] == ["EMP002"]
    assert run(root, "--no-strict").exit_code == 0
    assert run(root, "--ignore", "EMP002").exit_code == 0


def test_clean_book(tmp_path: Path) -> None:
    root = two_cases(tmp_path / "book", CLEAN)
    result = run(root, "--strict")
    assert (result.exit_code, result.stdout) == (0, "no problems (2 cases checked)\n")


@pytest.mark.parametrize(
    ("args", "codes"),
    [
        (["--select", "EMP"], ["EMP002"]),
        (["--select", "EMP002,INT"], ["INT004", "EMP002"]),
        (["--select", "emp002", "--select", "PRO001"], ["EMP002", "PRO001"]),
        (["--ignore", "EMP,PRO"], ["INT004"]),
        (["--select", "INT", "--ignore", "INT004"], []),
    ],
)
def test_select_and_ignore_by_code_or_prefix(
    tmp_path: Path, args: list[str], codes: list[str]
) -> None:
    root = two_cases(tmp_path / "book", BROKEN)
    result = run(root, *args)
    assert [line.split()[2] for line in result.stdout.splitlines()[:-1]] == codes
    assert result.exit_code == (1 if "INT004" in codes else 0)


def test_an_unreadable_file_is_reported_whatever_is_selected(tmp_path: Path) -> None:
    root = two_cases(tmp_path / "book", {**CLEAN, "actions": "- id: A1\n  status: [\n"})
    result = run(root, "--select", "EMP", "--ignore", "INT")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith(
        "cases/SG-2026-0001/actions.yaml:3:1: error INT001 not valid YAML"
    )


def test_unknown_code_is_a_usage_error(tmp_path: Path) -> None:
    root = two_cases(tmp_path / "book", CLEAN)
    result = run(root, "--select", "XYZ")
    assert result.exit_code == 2
    assert "no rule code starts with 'XYZ'" in result.stderr


def test_bad_validate_settings_in_the_book_cannot_run(tmp_path: Path) -> None:
    root = two_cases(tmp_path / "book", CLEAN, CONFIG + "validate:\n  select: [BAD]\n")
    result = run(root)
    assert result.exit_code == 3
    assert "validate.select in safecli.yaml: no rule code starts with 'BAD'" in result.stderr


def test_json_output(tmp_path: Path) -> None:
    root = two_cases(tmp_path / "book", BROKEN)
    result = run(root, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert set(data) == {"findings", "waived", "summary"}
    assert data["findings"][0] == {
        "path": "cases/SG-2026-0001/actions.yaml",
        "line": 6,
        "column": 11,
        "severity": "error",
        "code": "INT004",
        "message": "status is not one of: open, done, cancelled; did you mean 'open'?",
        "principle": "integrity",
        "case": "SG-2026-0001",
    }
    assert [f["code"] for f in data["findings"]] == ["INT004", "EMP002", "PRO001"]
    assert data["summary"] == {
        "errors": 1,
        "warnings": 2,
        "cases": 1,
        "checked": 2,
        "waived": 0,
        "strict": False,
        "failed": True,
    }


def test_github_annotations(tmp_path: Path) -> None:
    root = two_cases(tmp_path / "book", BROKEN)
    result = run(root, "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        (
            "::error file=cases/SG-2026-0001/actions.yaml,line=6,col=11,title=INT004::status is "
            "not one of: open, done, cancelled; did you mean 'open'? (integrity)"
        ),
        (
            "::warning file=cases/SG-2026-0001/meetings.yaml,line=13,col=3,title=EMP002::M1: the "
            "adult is not invited and no reason is recorded (adult.not_invited_reason) "
            "(empowerment)"
        ),
        (
            "::warning file=cases/SG-2026-0001/meetings.yaml,line=20,col=7,title=PRO001::M1: no "
            "reason recorded for inviting invitee 1 (police) (need to know, can contribute) "
            "(proportionality)"
        ),
        "1 error, 2 warnings in 1 case (2 checked)",
    ]


def test_github_escapes_per_the_workflow_command_spec(
    tmp_path: Path,
) -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    root = two_cases(
        tmp_path / "a,b:c", {**CLEAN, "meetings": HELD.replace("  purpose:", "  '50%:purpose':")}
    )
    result = safecli_in(
        tmp_path,
        "--book",
        str(root),
        "validate",
        *AS_OF,
        "--format",
        "github",
        "--select",
        "INT006",
    )
    assert result.stdout.splitlines()[0] == (
        "::error file=a%2Cb%3Ac/cases/SG-2026-0001/meetings.yaml,line=8,col=3,title=INT006::"
        "unknown key in a meeting; did you mean 'purpose'? (integrity)"
    )


def test_paths_are_relative_to_the_current_folder(
    tmp_path: Path,
) -> None:
    root = two_cases(tmp_path / "book", BROKEN)
    result = safecli_in(root / "cases", "validate", *AS_OF)
    assert result.stdout.splitlines()[0].startswith("SG-2026-0001/actions.yaml:6:11: error")


def test_file_paths_select_their_cases(tmp_path: Path) -> None:
    root = two_cases(tmp_path / "book", BROKEN)

    def run_here(*args: str) -> object:
        return safecli_in(root, "validate", *AS_OF, *args)

    result = run_here("cases/SG-2026-0002/actions.yaml", "cases/SG-2026-0002/adult.yaml")
    assert (result.exit_code, result.stdout) == (0, "no problems (1 case checked)\n")
    result = run_here("cases/SG-2026-0001/meetings.yaml", "SG-2026-0002")
    assert (result.exit_code, result.stdout) == (1, TEXT)
    assert run_here("cases").stdout == TEXT
    (root / "cases" / "README.yaml").write_text("notes: not a case\n", encoding="utf-8")
    result = run_here("cases/README.yaml")
    assert (result.exit_code, result.stdout) == (0, "no problems (0 cases checked)\n")
    # the book's settings stand for every case (tests/cli/test_validate_book_files.py)
    assert run_here("safecli.yaml").stdout == TEXT
    (root / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    outside = run_here("notes.yaml")
    assert outside.exit_code == 3
    assert "notes.yaml is not in this book's cases folder" in outside.stderr


def test_the_book_is_found_from_a_file_path(
    tmp_path: Path,
) -> None:
    two_cases(tmp_path / "book", BROKEN)
    result = safecli_in(tmp_path, "validate", *AS_OF, "book/cases/SG-2026-0001/actions.yaml")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("book/cases/SG-2026-0001/actions.yaml:6:11:")


def test_could_not_run(tmp_path: Path) -> None:
    root = two_cases(tmp_path / "book", CLEAN)
    unknown = run(root, "SG-2026-0404")
    assert unknown.exit_code == 3
    assert "no case 'SG-2026-0404' in this book" in unknown.stderr
    nobook = safecli_in(tmp_path, "validate", *AS_OF)
    assert nobook.exit_code == 3
    assert "not inside a case book" in nobook.stderr
    assert "Traceback" not in unknown.output + nobook.output


def test_validate_never_changes_a_case_file(tmp_path: Path) -> None:
    root = two_cases(tmp_path / "book", BROKEN)
    before = snapshot(root)
    run(root)
    run(root, "--format", "json")
    assert snapshot(root) == before


def test_parallel_checks_give_the_same_report(tmp_path: Path) -> None:
    root = two_cases(tmp_path / "book", BROKEN)
    assert run(root, "--no-cache", "--jobs", "2").stdout == TEXT


def test_workers_run_in_a_session_of_their_own() -> None:
    # So that on a busy machine two workers get two shares of it, not one between them.
    import multiprocessing
    import os

    from safecli.validation.run import _own_session

    with multiprocessing.get_context("fork").Pool(1, initializer=_own_session) as pool:
        worker, session = pool.apply(_session)
    assert session == worker != os.getsid(0)


def _session() -> tuple[int, int]:
    import os

    return os.getpid(), os.getsid(0)


@pytest.mark.skipif(not Path("/proc/self/autogroup").exists(), reason="no autogroups")
def test_a_niced_commands_workers_sessions_are_as_nice() -> None:
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(1, initializer=_nicer) as pool:
        niceness, autogroup = pool.apply(_autogroup)
    assert niceness >= 7
    assert autogroup.endswith(f" nice {niceness}")


def _nicer() -> None:
    import os

    from safecli.validation.run import _own_session

    os.nice(7)
    _own_session()


def _autogroup() -> tuple[int, str]:
    import os

    return os.nice(0), Path("/proc/self/autogroup").read_text().strip()


def test_rules_lists_every_rule() -> None:
    result = CliRunner().invoke(app, ["rules", "--format", "json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert rows[0] == {
        "code": "INT001",
        "severity": "error",
        "principle": "integrity",
        "summary": "every case file can be read (the store's refusals)",
    }
    by_code = {row["code"]: row for row in rows}
    assert by_code["EMP003"]["severity"] == "warning/error"
    table = CliRunner().invoke(app, ["rules"]).stdout
    assert "\nEMP002  warning        empowerment      the adult (or representative) is" in table


def test_rules_code_prints_its_documentation() -> None:
    result = CliRunner().invoke(app, ["rules", "emp002"])
    assert result.exit_code == 0
    assert result.stdout.startswith("EMP002 adult invited: the adult (or their representative)")
    assert "Passes:" in result.stdout and "Fails:" in result.stdout
    assert result.stdout.endswith(
        "Severity: warning. Principle: empowerment. Can be waived: yes.\n"
    )
    missing = CliRunner().invoke(app, ["rules", "EMP009"])
    assert missing.exit_code == 2
    assert "no rule 'EMP009'; did you mean" in missing.stderr
