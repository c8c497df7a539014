"""`safecli action …`: add, done, move (with its history), cancel, list; ids never reused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from meeting_book import CASE, STRATEGY, WELSH, action, load, make_book, record_args, run, snapshot

from safecli import shape
from safecli.shape import MOVE

MOVE_KEYS = MOVE.keys


@pytest.fixture
def book(tmp_path: Path) -> Path:
    root = make_book(tmp_path)
    assert run(root, *STRATEGY).exit_code == 0
    return root


def add(
    book: Path,
    *extra: str,
    lead: str = "police:DC Lee Jones",
    due: str = "2026-11-17",
    text: str = "Interview the son",
    case: str = CASE,
) -> str:
    result = run(
        book,
        "action",
        "add",
        case,
        "--meeting",
        "M1",
        "--lead",
        lead,
        "--due",
        due,
        text,
        "--as-of",
        "2026-11-03",
        *extra,
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def test_add_writes_a_complete_open_action(book: Path) -> None:
    out = add(book)
    assert out.startswith(
        "added action A1 to SG-2026-0001: lead police:DC Lee Jones, due "
        "2026-11-17\nwrote cases/SG-2026-0001/actions.yaml\n"
    )
    stored = action(book, "A1")
    assert tuple(stored) == shape.ACTION.keys
    assert (
        (book / "cases" / CASE / "actions.yaml").read_text()
        == """\
- id: A1
  meeting: M1
  description: Interview the son
  lead: {agency: police, name: DC Lee Jones}
  due: 2026-11-17
  status: open
  done_on: null
  note: null
  cancel_reason: null
  cancelled_on: null
  moves: []
"""
    )


@pytest.mark.parametrize(
    ("typed", "due"),
    [
        ("2026-12-03", "2026-12-03"),
        ("today", "2026-11-03"),
        ("tomorrow", "2026-11-04"),
        ("+3d", "2026-11-06"),
        ("+2w", "2026-11-17"),
        ("+1m", "2026-12-03"),
        ("fri", "2026-11-06"),
        ("tuesday", "2026-11-10"),
    ],
)
def test_due_accepts_every_date_form_relative_to_as_of(book: Path, typed: str, due: str) -> None:
    add(book, due=typed)
    assert str(action(book, "A1")["due"]) == due


def test_done(book: Path) -> None:
    add(book)
    result = run(
        book,
        "action",
        "done",
        CASE,
        "A1",
        "--on",
        "yesterday",
        "--note",
        "Son interviewed under caution",
        "--as-of",
        "2026-11-10",
    )
    assert result.exit_code == 0
    assert result.stdout.startswith("A1 done on 2026-11-09\n")
    stored = action(book, "A1")
    assert (stored["status"], str(stored["done_on"]), stored["note"]) == (
        "done",
        "2026-11-09",
        "Son interviewed under caution",
    )
    before = snapshot(book)
    again = run(book, "action", "done", CASE, "A1")
    assert again.exit_code == 3
    assert "A1 is already done (on 2026-11-09); a done action cannot be done again" in again.stderr
    moved = run(
        book,
        "action",
        "move",
        CASE,
        "A1",
        "--to",
        "+1w",
        "--reason",
        "x",
        "--lead-informed",
        "--risk-reassessed",
    )
    assert moved.exit_code == 3
    assert "a done action cannot be moved" in moved.stderr
    cancelled = run(book, "action", "cancel", CASE, "A1", "--reason", "x")
    assert cancelled.exit_code == 3
    assert snapshot(book) == before


def test_move_keeps_the_history(book: Path) -> None:
    add(book)
    first = run(
        book,
        "action",
        "move",
        CASE,
        "A1",
        "--to",
        "2026-11-24",
        "--reason",
        "Son away until the 20th",
        "--lead-informed",
        "--risk-reassessed",
        "--as-of",
        "2026-11-12",
    )
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("A1 now due 2026-11-24\n")
    second = run(
        book,
        "action",
        "move",
        CASE,
        "A1",
        "--to",
        "+1w",
        "--reason",
        "Solicitor not free",
        "--lead-not-informed",
        "--risk-not-reassessed",
        "--as-of",
        "2026-11-23",
    )
    assert second.exit_code == 0
    stored = action(book, "A1")
    assert str(stored["due"]) == "2026-11-30"
    assert [tuple(m) for m in stored["moves"]] == [MOVE_KEYS, MOVE_KEYS]
    assert [[str(m[k]) for k in MOVE_KEYS] for m in stored["moves"]] == [
        ["2026-11-17", "2026-11-24", "Son away until the 20th", "2026-11-12", "True", "True"],
        ["2026-11-24", "2026-11-30", "Solicitor not free", "2026-11-23", "False", "False"],
    ]
    same = run(
        book,
        "action",
        "move",
        CASE,
        "A1",
        "--to",
        "2026-11-30",
        "--reason",
        "x",
        "--lead-informed",
        "--risk-reassessed",
    )
    assert same.exit_code == 3
    assert "A1 is already due on 2026-11-30" in same.stderr


def test_move_without_a_terminal_names_the_missing_flags(book: Path) -> None:
    add(book)
    before = snapshot(book)
    result = run(
        book, "action", "move", CASE, "A1", "--to", "+1w", "--reason", "Late", "--risk-reassessed"
    )
    assert result.exit_code == 2
    assert "missing --lead-informed or --lead-not-informed" in result.stderr
    assert snapshot(book) == before


def test_move_by_answering_prompts(book: Path) -> None:
    add(book)
    result = run(
        book,
        "action",
        "move",
        CASE,
        "A1",
        "--as-of",
        "2026-11-10",
        interactive=True,
        input="2026-11-28\nBank statements late\ny\nn\n",
    )
    assert result.exit_code == 0, result.output
    move = action(book, "A1")["moves"][0]
    assert (str(move["to"]), move["reason"], move["lead_informed"], move["risk_reassessed"]) == (
        "2026-11-28",
        "Bank statements late",
        True,
        False,
    )


def test_cancel_then_add_never_reuses_an_id(book: Path) -> None:
    add(book)
    add(book, text="Ask the bank")
    result = run(book, "action", "cancel", CASE, "A2", "--reason", "Bank acted already")
    assert result.exit_code == 0
    assert result.stdout.startswith("cancelled A2\n")
    assert "added action A3" in add(book, text="Check on her")
    assert [(a["id"], a["status"]) for a in load(book, "actions")] == [
        ("A1", "open"),
        ("A2", "cancelled"),
        ("A3", "open"),
    ]
    assert action(book, "A2")["cancel_reason"] == "Bank acted already"
    for verb in (
        ("done", CASE, "A2"),
        ("cancel", CASE, "A2", "--reason", "x"),
        (
            "move",
            CASE,
            "A2",
            "--to",
            "+1w",
            "--reason",
            "x",
            "--lead-informed",
            "--risk-reassessed",
        ),
    ):
        refused = run(book, "action", *verb)
        assert refused.exit_code == 3
        assert "A2 was cancelled; a cancelled action cannot" in refused.stderr


@pytest.mark.parametrize(
    ("lead", "message"),
    [
        (
            "police:DC Nobody",
            (
                "no person 'DC Nobody' in agency 'police' of SG-2026-0001 (people: "
                "DC Lee Jones); to add them: safecli agency add SG-2026-0001 police --person"
            ),
        ),
        ("bank:Gemma Lyle", "no agency 'bank' in SG-2026-0001"),
        ("police", "invalid person 'police': write agency:Name"),
    ],
)
def test_the_lead_must_be_a_person_of_the_case(book: Path, lead: str, message: str) -> None:
    before = snapshot(book)
    result = run(
        book, "action", "add", CASE, "--meeting", "M1", "--lead", lead, "--due", "+1w", "Visit"
    )
    assert result.exit_code == 3
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(book) == before


def test_a_bad_due_date_is_refused(book: Path) -> None:
    result = run(
        book,
        "action",
        "add",
        CASE,
        "--meeting",
        "M1",
        "--lead",
        "asc:Sam Patel",
        "--due",
        "next week",
        "Visit",
    )
    assert result.exit_code == 3
    assert "not a date: 'next week'" in result.stderr


def test_add_without_a_terminal_names_the_missing_flag(book: Path) -> None:
    result = run(book, "action", "add", CASE, "--meeting", "M1", "--lead", "asc:Sam Patel", "Visit")
    assert result.exit_code == 2
    assert "missing --due" in result.stderr


def test_add_links_to_a_risk_of_the_minutes(book: Path) -> None:
    refused = run(
        book,
        "action",
        "add",
        CASE,
        "--meeting",
        "M1",
        "--lead",
        "asc:Sam Patel",
        "--due",
        "+1w",
        "--risk",
        "1",
        "Visit",
    )
    assert refused.exit_code == 3
    assert "M1 has no risk 1 (its minutes record 0 risks)" in refused.stderr
    assert run(book, *record_args()).exit_code == 0
    add(book, "--risk", "1")
    add(book, "--risk", "1", text="Ask the bank")
    text = (book / "cases" / CASE / "meetings.yaml").read_text()
    assert (
        "    risks:\n      - risk: More cash taken\n        in_place: Bank told\n"
        "        barriers: Son has her card\n        actions: [A1, A2]\n" in text
    )


def test_no_actions_for_a_cancelled_meeting(book: Path) -> None:
    assert run(book, "meeting", "cancel", CASE, "M1", "--reason", "Not needed").exit_code == 0
    result = run(
        book,
        "action",
        "add",
        CASE,
        "--meeting",
        "M1",
        "--lead",
        "asc:Sam Patel",
        "--due",
        "+1w",
        "Visit",
    )
    assert result.exit_code == 3
    assert "M1 was cancelled" in result.stderr


def test_list_one_case_or_the_whole_book(book: Path) -> None:
    add(book)
    add(book, lead="asc:Sam Patel", text="Ask the bank")
    assert run(book, "action", "done", CASE, "A2").exit_code == 0
    args = list(STRATEGY)
    args[args.index(CASE)] = WELSH
    args[args.index("s42-strategy")] = "s126-strategy"
    args[args.index("asc:Helen Forsyth")] = "asc:Sam Patel"
    assert run(book, *args).exit_code == 0, run(book, *args).output
    add(book, case=WELSH, lead="gp:Dr Amara Okafor", text="Review her medication")
    rows = json.loads(run(book, "action", "list", "--format", "json").stdout)
    assert [(r["case"], r["id"], r["agency"], r["status"]) for r in rows] == [
        (CASE, "A1", "police", "open"),
        (CASE, "A2", "asc", "done"),
        (WELSH, "A1", "gp", "open"),
    ]
    open_rows = json.loads(run(book, "action", "list", "--open", "--format", "json").stdout)
    assert [(r["case"], r["id"]) for r in open_rows] == [(CASE, "A1"), (WELSH, "A1")]
    police = json.loads(
        run(book, "action", "list", CASE, "--agency", "police", "--format", "json").stdout
    )
    assert [r["id"] for r in police] == ["A1"]
    # The whole book: no free text unless asked for (it can name the adult).
    csv = run(book, "action", "list", "--format", "csv").stdout.splitlines()
    assert csv[0] == "case,id,meeting,agency,lead,due,status,done_on,moves"
    assert csv[1] == "SG-2026-0001,A1,M1,police,DC Lee Jones,2026-11-17,open,,0"
    shown = run(book, "action", "list", "--show-descriptions", "--format", "csv").stdout
    assert shown.splitlines()[1] == (
        "SG-2026-0001,A1,M1,police,DC Lee Jones,2026-11-17,open,,0,Interview the son"
    )
    table = run(book, "action", "list", CASE).stdout
    assert "Interview the son" in table and "Review her medication" not in table
    assert "| A1 " in run(book, "action", "list", "--format", "markdown").stdout
    assert run(book, "action", "list", "SG-2026-0404").exit_code == 3


def test_add_by_answering_prompts_asks_again_for_unknown_people(book: Path) -> None:
    answers = [
        "M9",
        "M1",
        "Ask the bank to flag the account",
        "police:DC Nobody",
        "asc:Sam Patel",
        "next week",
        "fri",
    ]
    result = run(
        book,
        "action",
        "add",
        CASE,
        "--as-of",
        "2026-11-03",
        interactive=True,
        input="\n".join(answers) + "\n",
    )
    assert result.exit_code == 0, result.output
    assert "no meeting 'M9'" in result.output
    assert "no person 'DC Nobody' in agency 'police'" in result.output
    assert "not a date: 'next week'" in result.output
    stored = action(book, "A1")
    assert (stored["meeting"], stored["lead"], str(stored["due"])) == (
        "M1",
        {"agency": "asc", "name": "Sam Patel"},
        "2026-11-06",
    )
