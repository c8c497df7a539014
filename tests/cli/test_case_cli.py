"""init, case and agency commands end to end, and the refusal corpus through a command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import NEW_CASE, snapshot
from typer.testing import CliRunner

from safecli.cli.main import app

CASE = "SG-2026-0001"


def test_init_refuses_to_overwrite_a_book(book: Path) -> None:
    before = snapshot(book)
    result = CliRunner().invoke(
        app, ["init", str(book), "--organisation", "X", "--jurisdiction", "wales"]
    )
    assert result.exit_code == 3
    assert "already exists" in result.output
    assert snapshot(book) == before


@pytest.mark.parametrize(
    ("zone", "words"),
    [
        ("localtime", "timezone 'localtime' depends on the machine; name one"),
        ("Mars/Olympus", "unknown timezone: 'Mars/Olympus'"),
        ("../../etc/passwd", "unknown timezone"),
    ],
)
def test_init_refuses_a_timezone_that_is_not_one_named_zone(
    tmp_path: Path, zone: str, words: str
) -> None:
    result = CliRunner().invoke(
        app,
        ["init", str(tmp_path / "b"), "--organisation", "X", "--jurisdiction", "wales"]
        + ["--timezone", zone],
    )
    assert result.exit_code == 3
    assert words in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "b").exists()


def test_a_book_whose_timezone_is_localtime_is_refused_at_the_key(book: Path) -> None:
    config = book / "safecli.yaml"
    config.write_text(config.read_text().replace("timezone: Europe/London", "timezone: localtime"))
    result = CliRunner().invoke(app, ["--book", str(book), "case", "list"])
    assert result.exit_code == 3
    line = config.read_text().splitlines().index("timezone: localtime") + 1
    assert f"safecli.yaml:{line}:1: timezone 'localtime' depends on the machine" in result.output


def test_init_writes_gitignore_and_attributes(book: Path) -> None:
    assert ".safecli.lock" in (book / ".gitignore").read_text()
    assert "merge=safecli" in (book / ".gitattributes").read_text()
    assert (book / "cases").stat().st_mode & 0o777 == 0o700


def test_init_without_a_terminal_names_the_missing_flag(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["init", str(tmp_path / "b"), "--organisation", "X"])
    assert result.exit_code == 2
    assert "missing --jurisdiction" in result.output
    assert not (tmp_path / "b").exists()


def test_case_new_list_show(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(*NEW_CASE)
    assert result.exit_code == 0, result.output
    assert "opened case SG-2026-0001" in result.output
    assert "wrote cases/SG-2026-0001/adult.yaml" in result.output
    listed = cli("case", "list", "--format", "json")
    rows = json.loads(listed.output)
    assert rows == [
        {
            "case": CASE,
            "status": "open",
            "opened": "2026-11-20",
            "risk": "high",
            "lead_agency": "asc",
            "open_actions": 0,
        }
    ]
    assert "Ann Example" not in cli("case", "list").output
    assert "Ann Example" in cli("case", "list", "--show-names").output
    shown = cli("case", "show", CASE)
    assert "Concern: financial: Son withdrawing cash" in shown.output
    data = json.loads(cli("case", "show", CASE, "--format", "json").output)
    assert list(data) == ["adult", "agencies", "meetings", "actions"]
    assert data["adult"]["case"] == CASE and data["actions"] == []
    assert data["agencies"][0]["handle"] == "asc"


def test_case_new_without_a_terminal_names_the_missing_flag(cli, book: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("case", "new", "--name", "Ann Example")
    assert result.exit_code == 2
    assert "missing --risk" in result.output
    assert not [p for p in (book / "cases").iterdir() if p.name != ".safecli.lock"]


def test_case_new_prompts_at_a_terminal(cli, book: Path) -> None:  # type: ignore[no-untyped-def]
    answers = "".join(
        f"{line}\n"
        for line in [
            "Ann Example",  # name
            "",  # preferred name
            "1950-02-30",  # impossible date of birth: asked again
            "1950-02-28",
            "",  # address
            "",  # interpreter
            "extreme",  # not a risk level: asked again
            "high",
            "asc",
            "Exampletown ASC",
            "",  # coordinator
            "Financial",  # any case
            "Son withdrawing cash",
            "y",  # has care and support needs
            "maybe",  # not yes or no: asked again
            "yes",  # at risk
            "",  # unable to protect: not known
            "y",  # the summary: open it
        ]
    )
    result = cli(
        "case", "new", "--as-of", "2026-11-20", input=answers, env={"SAFECLI_INTERACTIVE": "1"}
    )
    assert result.exit_code == 0, result.output
    assert "Preferred name (optional):" in result.output
    assert "Date of birth (YYYY-MM-DD or DD/MM/YYYY) (optional):" in result.output
    assert "answer yes or no, not 'maybe'" in result.output
    assert "About to open a case:" in result.output
    assert "  unable to protect themselves: not known" in result.output
    adult = (book / "cases" / CASE / "adult.yaml").read_text()
    assert "date_of_birth: 1950-02-28\n" in adult
    assert "risk_level: high\n" in adult
    assert "- type: financial\n" in adult
    assert "  has_needs: true\n  at_risk: true\n  unable_to_protect: null\n" in adult


def test_a_misspelt_choice_gets_a_did_you_mean(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(*[("hihg" if arg == "high" else arg) for arg in NEW_CASE])
    assert result.exit_code == 3
    assert "invalid risk level 'hihg'; did you mean 'high'?" in result.output


@pytest.mark.parametrize("bad_id", ["../x", "a/b", ".hidden", "x" * 65, "a..b"])
def test_case_ids_that_are_not_safe_folder_names_are_refused(cli, book: Path, bad_id: str) -> None:  # type: ignore[no-untyped-def]
    result = cli(*NEW_CASE, "--id", bad_id)
    assert result.exit_code == 3
    assert "invalid case id" in result.output
    assert not [p for p in (book / "cases").iterdir() if p.name != ".safecli.lock"]
    assert not (book / "x").exists()


def test_agency_add_people_and_lead(cli, book: Path) -> None:  # type: ignore[no-untyped-def]
    cli(*NEW_CASE)
    result = cli(
        "agency",
        "add",
        CASE,
        "police",
        "--name",
        "Exampleshire Police",
        "--kind",
        "police",
        "--person",
        "DC Lee Jones;Investigating officer;lee@example.org;07700 900123",
        "--lead",
    )
    assert result.exit_code == 0, result.output
    assert result.output == (
        "wrote cases/SG-2026-0001/adult.yaml\nwrote cases/SG-2026-0001/agencies.yaml\n"
    )
    text = (book / "cases" / CASE / "agencies.yaml").read_text()
    assert text.endswith(
        "- handle: police\n  name: Exampleshire Police\n  kind: police\n"
        "  people:\n    - name: DC Lee Jones\n      role: Investigating officer\n"
        '      email: lee@example.org\n      phone: "07700 900123"\n'
    )
    rows = json.loads(cli("agency", "list", CASE, "-f", "json").output)
    assert [(r["handle"], r["lead"]) for r in rows] == [("asc", False), ("police", True)]
    again = cli("agency", "add", CASE, "police", "--person", "DC Lee Jones")
    assert again.exit_code == 3
    assert "already listed" in again.output
    unknown_kind = cli("agency", "add", CASE, "fire", "--name", "Fire", "--kind", "brigade")
    assert unknown_kind.exit_code == 3
    assert "invalid agency kind 'brigade'" in unknown_kind.output


def test_case_close_records_outcomes(cli, book: Path) -> None:  # type: ignore[no-untyped-def]
    cli(*NEW_CASE)
    result = cli(
        "case",
        "close",
        CASE,
        "--reason",
        "Risk reduced",
        "--outcomes-asked",
        "--outcomes-expressed",
        "--achieved",
        "partially",
        "--as-of",
        "2026-12-20",
    )
    assert result.exit_code == 0, result.output
    adult = (book / "cases" / CASE / "adult.yaml").read_text()
    assert (
        "closed: 2026-12-20\nclosure:\n  reason: Risk reduced\n  outcomes_asked: true\n"
        "  not_asked_reason: null\n  outcomes_expressed: true\n  outcomes_achieved: partially\n"
    ) in adult
    assert "status: closed" in adult
    assert cli("case", "list", "-f", "csv").output == (
        "case,status,opened,risk,lead_agency,open_actions\n"
    )
    assert CASE in cli("case", "list", "--status", "closed", "-f", "csv").output


EDITOR_SCRIPT = """\
import sys, pathlib
p = pathlib.Path(sys.argv[1])
p.write_text(p.read_text().replace({old!r}, {new!r}))
"""


def _editor(tmp_path: Path, old: str, new: str) -> str:
    script = tmp_path / "editor.py"
    script.write_text(EDITOR_SCRIPT.format(old=old, new=new))
    return f"{sys.executable} {script}"


def test_edit_saves_a_valid_change(cli, book: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cli(*NEW_CASE)
    result = cli(
        "edit",
        CASE,
        "adult",
        env={"EDITOR": _editor(tmp_path, "risk_level: high", "risk_level: medium")},
    )
    assert result.exit_code == 0, result.output
    assert "wrote cases/SG-2026-0001/adult.yaml" in result.output
    assert "risk_level: medium" in (book / "cases" / CASE / "adult.yaml").read_text()


def test_edit_never_saves_a_broken_file(cli, book: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cli(*NEW_CASE)
    before = snapshot(book)
    result = cli(
        "edit", CASE, "adult", env={"EDITOR": _editor(tmp_path, "status: open", "status: [open")}
    )
    assert result.exit_code == 3
    assert "not saved; your edit is kept at .safecli/rejected/" in result.output
    assert snapshot(book) == before
    kept = list((book / ".safecli" / "rejected").iterdir())
    assert len(kept) == 1 and "status: [open" in kept[0].read_text()
    assert kept[0].stat().st_mode & 0o777 == 0o600


BIG = "a: " + "x" * (1024 * 1024) + "\n"
CORPUS = {
    "anchor-alias": ("adult.yaml", None, "name: &n Ann\npreferred_name: *n\n", ":1:7:"),
    "alias-bomb": (
        "adult.yaml",
        None,
        "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n",
        ":1:4:",
    ),
    "python-tag": ("adult.yaml", None, "name: !!python/object:os.system rm\n", ":1:7:"),
    "duplicate-key": (
        "adult.yaml",
        "risk_level: high\n",
        "risk_level: high\nrisk_level: low\n",
        "",
    ),
    "two-documents": ("actions.yaml", None, "[]\n---\n[]\n", ":2:1:"),
    "wrong-root": ("actions.yaml", None, "id: A1\n", ":1:1:"),
    "oversized": ("actions.yaml", None, BIG, "actions.yaml: file is"),
    "not-utf8": ("actions.yaml", None, "- id: A1\n  description: caf\xe9\n", ":2:"),
    "nul-byte": ("actions.yaml", None, "- id: A1\x00\n", ":1:9:"),
    "conflict-markers": (
        "actions.yaml",
        None,
        "<<<<<<< HEAD\n- id: A1\n=======\n- id: A2\n>>>>>>> theirs\n",
        ":1:1:",
    ),
    "impossible-date": ("adult.yaml", "opened: 2026-11-20\n", "opened: 2023-02-29\n", ""),
    "bom": ("actions.yaml", None, "\ufeff[]\n", ":1:1:"),
    "crlf": ("actions.yaml", None, "[]\r\n", ":1:3:"),
    "tab-indent": ("actions.yaml", None, "- id: A1\n\tdue: 2026-12-01\n", ":2:1:"),
    "empty": ("actions.yaml", None, "", "actions.yaml:1:1: file is empty"),
    "deep-nesting": ("actions.yaml", None, "[" * 5000 + "]" * 5000 + "\n", ":1:33:"),
}


@pytest.mark.parametrize("name", list(CORPUS))
def test_refusal_corpus(cli, book: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    cli(*NEW_CASE)
    file, old, new, where = CORPUS[name]
    path = book / "cases" / CASE / file
    text = path.read_text()
    content = text.replace(old, new) if old else new
    data = content.encode("latin-1") if name == "not-utf8" else content.encode("utf-8")
    path.write_bytes(data)
    before = snapshot(book)
    result = cli("agency", "add", CASE, "police", "--name", "Police", "--kind", "police")
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    assert result.output.startswith(f"safecli: error: {path}")
    line = result.output.splitlines()[0]
    assert where in line
    if where == "":
        assert line.split(str(path))[1][:1] == ":" and line.split(":")[3].strip().isdigit()
    assert snapshot(book) == before


@pytest.mark.parametrize("file", ["actions", "agencies"])
def test_a_symlinked_case_file_is_never_written_through(
    cli,
    book: Path,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    file: str,
) -> None:
    cli(*NEW_CASE)
    cli(
        "meeting",
        "new",
        CASE,
        "--type",
        "professionals",
        "--format",
        "meeting",
        "--mode",
        "telephone",
        "--when",
        "2026-11-25 10:00",
        "--purpose",
        "Share information",
        "--chair",
        "asc:Sam Patel",
        "--adult-invited",
        "--as-of",
        "2026-11-20",
    )
    path = book / "cases" / CASE / f"{file}.yaml"
    outside = tmp_path / "outside.yaml"
    outside.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(outside)
    before, before_outside = snapshot(book), outside.read_bytes()
    command = {
        "actions": [
            "action",
            "add",
            CASE,
            "--meeting",
            "M1",
            "--lead",
            "asc:Sam Patel",
            "--due",
            "2026-12-01",
            "--as-of",
            "2026-11-20",
            "Visit",
        ],
        "agencies": ["agency", "add", CASE, "police", "--name", "Police", "--kind", "police"],
    }[file]
    result = cli(*command)
    assert result.exit_code == 3, result.output
    # Refused when it is read, before any write is attempted.
    assert f"{file}.yaml: file is a symbolic link" in result.output
    assert outside.read_bytes() == before_outside
    assert snapshot(book) == before


def test_the_installed_command_runs_without_a_terminal(tmp_path: Path) -> None:
    safecli = Path(sys.executable).parent / "safecli"
    env = {"PATH": os.environ["PATH"], "LANG": "C"}
    run = lambda *args: subprocess.run(
        [str(safecli), *args],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run("init", "book", "--organisation", "T", "--jurisdiction", "wales").returncode == 0
    created = subprocess.run(
        [str(safecli), *NEW_CASE],
        cwd=tmp_path / "book",
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    assert created.returncode == 0, created.stderr
    listed = subprocess.run(
        [str(safecli), "case", "list", "-f", "csv"],
        cwd=tmp_path / "book",
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    assert listed.stdout == (
        "case,status,opened,risk,lead_agency,open_actions\n"
        "SG-2026-0001,open,2026-11-20,high,asc,0\n"
    )
    missing = subprocess.run(
        [str(safecli), "case", "new"],
        cwd=tmp_path / "book",
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == 2
    assert "missing --name" in missing.stderr
    module = subprocess.run(
        [sys.executable, "-m", "safecli", "--version"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert module.stdout.startswith("safecli ")


def test_edit_refuses_what_validate_calls_an_error(cli, book: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cli(*NEW_CASE)
    before = snapshot(book)
    result = cli(
        "edit",
        CASE,
        "adult",
        env={"EDITOR": _editor(tmp_path, "risk_level: high", "risk_level: extreme")},
    )
    assert result.exit_code == 3, result.output
    assert (
        "cases/SG-2026-0001/adult.yaml:25:13: error INT004 risk_level is not one of"
        in result.stderr
    )
    assert snapshot(book) == before


def test_a_command_changing_two_files_changes_neither_when_one_cannot_be_written(
    cli, book: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    cli(*NEW_CASE)
    agencies = book / "cases" / CASE / "agencies.yaml"
    outside = tmp_path / "outside.yaml"
    outside.write_bytes(agencies.read_bytes())
    agencies.unlink()
    agencies.symlink_to(outside)
    before = snapshot(book)
    # --lead changes adult.yaml (lead_agency) and agencies.yaml (the new agency).
    result = cli("agency", "add", CASE, "police", "--name", "Police", "--kind", "police", "--lead")
    assert result.exit_code == 3
    assert snapshot(book) == before
    assert "lead_agency: asc" in (book / "cases" / CASE / "adult.yaml").read_text()
    assert not list((book / "cases" / CASE).glob(".*.tmp"))


def test_agency_add_records_the_peoples_language(cli, book: Path) -> None:  # type: ignore[no-untyped-def]
    cli(*NEW_CASE)
    added = cli(
        "agency", "add", CASE, "gp", "--name", "Meddygfa", "--kind", "gp",
        "--person", "Dr Ffion Evans;GP", "--person", "Siôn Rees", "--language", "cy",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    text = (book / "cases" / CASE / "agencies.yaml").read_text()
    assert text.endswith(
        "  people:\n    - name: Dr Ffion Evans\n      role: GP\n      email: null\n"
        "      phone: null\n      language: cy\n    - name: Siôn Rees\n      role: null\n"
        "      email: null\n      phone: null\n      language: cy\n"
    )
    assert cli("validate", CASE).exit_code in (0, 1)
    assert "INT0" not in cli("validate", CASE).output
    wrong = cli("agency", "add", CASE, "gp", "--person", "Ann Other", "--language", "fr")
    assert wrong.exit_code == 3
    assert "invalid language 'fr'; choose one of: cy, en" in wrong.output
    alone = cli("agency", "add", CASE, "gp", "--language", "en")
    assert alone.exit_code == 2
    assert "give --person too" in alone.output
    assert (book / "cases" / CASE / "agencies.yaml").read_text() == text


def test_case_new_records_large_print(cli, book: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli(*NEW_CASE, "--large-print", "18")
    assert result.exit_code == 0, result.output
    adult = (book / "cases" / CASE / "adult.yaml").read_text()
    assert "  easy_read: false\n  large_print: 18\n  notes: null\n" in adult
    too_small = cli(*NEW_CASE, "--large-print", "9")
    assert too_small.exit_code == 2


def test_case_list_lists_what_it_can_and_flags_the_rest(example_book: Path) -> None:
    import json

    from typer.testing import CliRunner

    from safecli.cli.main import app

    adult = example_book / "cases" / "SG-2026-0003" / "adult.yaml"
    adult.write_text("case: SG-2026-0003\nname: [unclosed\n")
    result = CliRunner().invoke(app, ["--book", str(example_book), "case", "list", "-f", "json"])
    assert result.exit_code == 3
    rows = {row["case"]: row["status"] for row in json.loads(result.stdout)}
    assert rows["SG-2026-0003"] == "unreadable"
    assert len(rows) == 5 and list(rows.values()).count("open") == 4
    assert "SG-2026-0003/adult.yaml:3:1: not valid YAML" in result.stderr
    assert "1 case(s) could not be read; they are listed as unreadable" in result.stderr
    closed = CliRunner().invoke(
        app, ["--book", str(example_book), "case", "list", "--status", "closed"]
    )
    assert closed.exit_code == 3 and "SG-2026-0003" in closed.stdout
