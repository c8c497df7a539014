"""Messages read the right way round (issue 11's wording list): ACC001 names the chair's
kind against the rule, PAR001 never counts negative notice, ACC006 tells "not told"
from "not recorded", articles follow the word (an s126-strategy, an organisational
concern), an empty answer names its flag, and Ctrl-C at a real terminal exits 130."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import NEW_CASE, snapshot
from rules_table import CONFIG, Row, case_files, findings, make_book
from terminal import SAFECLI, Terminal

CASE = "SG-2026-0001"
POLICE_CHAIR = (
    "chair: {agency: asc, name: Jo Chair}",
    "chair: {agency: police, name: DC Lee Jones}",
)
MOVE = """moves:
    - from: 2026-11-14
      to: 2026-11-21
      reason: Bank needs a signed form
      lead_informed: true
      risk_reassessed: true"""  # fmt: skip


def _messages(tmp_path: Path, code: str, row: Row) -> list[str]:
    root = make_book(tmp_path / "book", case_files(row), row.config)
    return [f.message for f in findings(root, row.as_of) if f.code == code]


def test_acc001_says_who_must_chair_and_who_does(tmp_path: Path) -> None:
    row = Row("police chair", [], edits={"meetings": [POLICE_CHAIR]})
    assert _messages(tmp_path, "ACC001", row) == [
        (
            "chair: M1 (s42-strategy) must be chaired by local-authority; "
            "the chair is from police (kind police)"
        )
    ]


def test_par001_counts_the_days_of_notice_given(tmp_path: Path) -> None:
    row = Row(
        "two days' notice, high risk needing three",
        [],
        edits={
            "adult": [("risk_level: medium", "risk_level: high")],
            "meetings": [("invited_on: 2026-11-05", "invited_on: 2026-11-08")],
        },
        config=CONFIG.replace("high: 1", "high: 3"),
    )
    assert _messages(tmp_path, "PAR001", row) == [
        (
            "invited_on: M1's invitations went out 2 days before the meeting; high-risk cases "
            "need 3 days' notice (lead_times.high)"
        )
    ]


def test_par001_never_counts_invitations_after_the_meeting_as_negative_notice(
    tmp_path: Path,
) -> None:
    row = Row(
        "invited after the meeting",
        [],
        edits={"meetings": [("invited_on: 2026-11-05", "invited_on: 2026-12-10")]},
    )
    root = make_book(tmp_path / "book", case_files(row), row.config)
    found = findings(root, row.as_of)
    assert [f.code for f in found if f.code == "PAR001"] == []
    assert all("-" not in f.message.split("went out")[-1][:3] for f in found)
    assert any(f.code == "INT005" and "invited_on" in f.message for f in found)


@pytest.mark.parametrize(
    ("edits", "says"),
    [
        (
            [("lead_informed: true", "lead_informed: false")],
            (
                "moves: A1's due date was moved to 2026-11-21 and the lead was not told; a moved "
                "due date needs the lead told, the risk re-assessed and the reason recorded"
            ),
        ),
        (
            [("lead_informed: true", "lead_informed: null")],
            (
                "moves: A1's due date was moved to 2026-11-21 and whether the lead was told is "
                "not recorded; a moved due date needs the lead told, the risk re-assessed and "
                "the reason recorded"
            ),
        ),
        (
            [
                ("lead_informed: true", "lead_informed: false"),
                ("risk_reassessed: true", "risk_reassessed: null"),
                ("      reason: Bank needs a signed form\n", ""),
            ],
            (
                "moves: A1's due date was moved to 2026-11-21 and the lead was not told, whether "
                "the risk was re-assessed is not recorded and the reason is not recorded; a moved "
                "due date needs the lead told, the risk re-assessed and the reason recorded"
            ),
        ),
    ],
    ids=["not told", "not recorded", "three gaps"],
)
def test_acc006_tells_not_told_from_not_recorded(
    tmp_path: Path, edits: list[tuple[str, str]], says: str
) -> None:
    row = Row("a move", [], edits={"actions": [("moves: []", MOVE), *edits]})
    assert _messages(tmp_path, "ACC006", row) == [says]


def test_the_article_follows_the_word_in_what_commands_print(
    cli: Callable[..., Any], book: Path
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    concern = cli("case", "concern", "add", CASE, "--type", "organisational", "--summary",
                  "Care home", "--raised-on", "2026-11-20", "--as-of", "2026-11-20")  # fmt: skip
    assert concern.exit_code == 0, concern.output
    assert f"added an organisational concern to {CASE}" in concern.output
    event = cli("case", "event", "add", CASE, "--on", "2026-11-19", "--kind",
                "ambulance-call-out", "--by", "asc", "--as-of", "2026-11-20")  # fmt: skip
    assert event.exit_code == 0, event.output
    assert "added an ambulance-call-out event on 2026-11-19" in event.output


def test_an_s126_strategy_meeting_in_an_english_case_reads_an(
    cli: Callable[..., Any], book: Path
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    result = cli("meeting", "new", CASE, "--type", "s126-strategy", "--format", "meeting",
                 "--mode", "telephone", "--when", "2026-11-27 10:00", "--purpose", "Plan",
                 "--chair", "asc:Sam Patel", "--adult-invited", "--as-of", "2026-11-20")  # fmt: skip
    assert result.exit_code == 3, result.output
    assert " a s1" not in result.output, result.output
    assert "it is a Social Services and Well-being (Wales) Act 2014 s126 meeting" in result.output


def test_an_empty_answer_names_its_flag(cli: Callable[..., Any], book: Path) -> None:
    args = [("" if arg == "Son withdrawing cash" else arg) for arg in NEW_CASE]
    result = cli(*args)
    assert result.exit_code == 3, result.output
    assert "--concern-summary cannot be empty" in result.output
    assert "an answer is needed here" not in result.output


@pytest.mark.slow
def test_ctrl_c_at_a_real_terminal_prompt_exits_130_with_nothing_written(
    cli: Callable[..., Any], book: Path
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    before = snapshot(book)
    term = Terminal([str(SAFECLI), "--book", str(book), "case", "close", CASE])
    term.expect("Reason for closing")
    # A signal that lands between the prompt being written and the read starting is
    # seen only at the next read: send it until the process is at the read and ends.
    for _ in range(30):
        term.proc.send_signal(signal.SIGINT)
        try:
            term.proc.wait(timeout=1)
            break
        except subprocess.TimeoutExpired:
            continue
    assert term.finish() == 130, term.text()
    assert "Traceback" not in term.text()
    assert snapshot(book) == before
