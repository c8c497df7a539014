"""`case close`: the Making Safeguarding Personal answers at closure, by flag and at a
terminal, each asked only when the answer before calls for it; EMP001 warns, at the
place validate reports, on a closure that leaves one out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import NEW_CASE, snapshot

CASE = "SG-2026-0001"
CLOSE = ("case", "close", CASE, "--reason", "Risk reduced", "--as-of", "2026-12-20")
TERMINAL = {"SAFECLI_INTERACTIVE": "1"}


def _closure(book: Path) -> str:
    text = (book / "cases" / CASE / "adult.yaml").read_text(encoding="utf-8")
    return text[text.index("closure:") :]


def _emp001(cli: Callable[..., Any]) -> list[str]:
    result = cli("validate", CASE, "--select", "EMP001", "--no-cache", "--as-of", "2026-12-20")
    return [line for line in result.output.splitlines() if "EMP001" in line]


@pytest.fixture
def opened(cli: Callable[..., Any], book: Path) -> Path:
    result = cli(*NEW_CASE)
    assert result.exit_code == 0, result.output
    wishes = ("case", "wishes", CASE, "--asked-on", "2026-11-20", "--outcome", "Stay home")
    assert cli(*wishes, "--as-of", "2026-11-20").exit_code == 0
    return book


def test_a_closure_not_saying_why_the_adult_was_not_asked_warns_emp001(
    cli: Callable[..., Any], opened: Path
) -> None:
    result = cli(*CLOSE, "--outcomes-not-asked")
    assert result.exit_code == 0, result.output
    assert _closure(opened) == (
        "closure:\n  reason: Risk reduced\n  outcomes_asked: false\n  not_asked_reason: null\n"
        "  outcomes_expressed: null\n  outcomes_achieved: null\n"
    )
    message = (
        "warning EMP001 the case is closed and its closure does not record why the adult "
        "could not be asked about their outcomes (closure.not_asked_reason)"
    )
    printed = [line for line in result.output.splitlines() if "EMP001" in line]
    assert len(printed) == 1 and message in printed[0], result.output
    assert _emp001(cli) == [printed[0].strip()]
    assert "cases/SG-2026-0001/adult.yaml:" in printed[0]


def test_a_closure_saying_why_the_adult_could_not_be_asked_is_clean(
    cli: Callable[..., Any], opened: Path
) -> None:
    result = cli(*CLOSE, "--outcomes-not-asked", "--not-asked-reason", "Moved abroad")
    assert result.exit_code == 0, result.output
    assert "EMP001" not in result.output
    assert "  not_asked_reason: Moved abroad\n  outcomes_expressed: null\n" in _closure(opened)
    assert _emp001(cli) == []


def test_an_adult_asked_who_expressed_no_outcomes_needs_no_achieved(
    cli: Callable[..., Any], opened: Path
) -> None:
    result = cli(*CLOSE, "--outcomes-asked", "--outcomes-not-expressed")
    assert result.exit_code == 0, result.output
    assert "outcomes_expressed: false\n  outcomes_achieved: null\n" in _closure(opened)
    assert _emp001(cli) == []


def test_outcomes_expressed_need_whether_they_were_met(
    cli: Callable[..., Any], opened: Path
) -> None:
    before = snapshot(opened)
    result = cli(*CLOSE, "--outcomes-asked", "--outcomes-expressed")
    assert result.exit_code == 2, result.output
    assert "missing --achieved" in result.output
    assert snapshot(opened) == before


@pytest.mark.parametrize(
    ("flags", "words"),
    [
        (("--outcomes-asked", "--not-asked-reason", "X"), "--not-asked-reason goes only with"),
        (("--outcomes-not-asked", "--outcomes-expressed"), "--outcomes-expressed goes only with"),
        (("--outcomes-not-asked", "--achieved", "fully"), "--achieved goes only with"),
        (("--outcomes-asked", "--outcomes-not-expressed", "--achieved", "not"), "--achieved"),
    ],
)
def test_an_answer_the_one_before_makes_meaningless_is_refused(
    cli: Callable[..., Any], opened: Path, flags: tuple[str, ...], words: str
) -> None:
    before = snapshot(opened)
    result = cli(*CLOSE, *flags)
    assert result.exit_code == 2, result.output
    assert words in result.output
    assert snapshot(opened) == before


def test_at_a_terminal_close_asks_each_question_the_answers_call_for(
    cli: Callable[..., Any], opened: Path
) -> None:
    answers = "Risk reduced\ny\ny\nPartially\n"
    result = cli("case", "close", CASE, "--as-of", "2026-12-20", input=answers, env=TERMINAL)
    assert result.exit_code == 0, result.output
    assert "Were they met? (fully, partially, not)" in result.output
    assert "Why could the adult not be asked" not in result.output
    assert "  outcomes_expressed: true\n  outcomes_achieved: partially\n" in _closure(opened)


def test_at_a_terminal_the_reason_for_not_asking_is_asked_and_optional(
    cli: Callable[..., Any], opened: Path
) -> None:
    answers = "Risk reduced\nn\n\n"
    result = cli("case", "close", CASE, "--as-of", "2026-12-20", input=answers, env=TERMINAL)
    assert result.exit_code == 0, result.output
    assert "Why could the adult not be asked? (optional)" in result.output
    assert "Did the adult express" not in result.output
    assert "warning EMP001" in result.output
    assert "  outcomes_asked: false\n  not_asked_reason: null\n" in _closure(opened)


def test_ctrl_c_at_a_close_prompt_exits_130_with_nothing_written(
    cli: Callable[..., Any], opened: Path
) -> None:
    before = snapshot(opened)
    result = cli("case", "close", CASE, input="Risk reduced\n", env=TERMINAL)
    assert result.exit_code == 130, result.output
    assert snapshot(opened) == before


@pytest.mark.parametrize(
    ("flags", "shown"),
    [
        (("--outcomes-not-asked", "--not-asked-reason", "Moved abroad"), "adult not asked about outcomes"),
        (("--outcomes-asked", "--outcomes-not-expressed"), "adult expressed no desired outcomes"),
        (("--outcomes-asked", "--outcomes-expressed", "--achieved", "fully"), "outcomes achieved: fully"),
    ],
)  # fmt: skip
def test_the_chronology_says_what_the_closure_records_of_the_outcomes(
    cli: Callable[..., Any], opened: Path, flags: tuple[str, ...], shown: str
) -> None:
    assert cli(*CLOSE, *flags).exit_code == 0
    rows = cli("chronology", CASE).output.splitlines()
    assert rows[-1] == f"| 2026-12-20 | asc | case closed | {shown} |"


def test_at_a_terminal_the_reason_recorded_in_the_wishes_is_offered(
    cli: Callable[..., Any], book: Path
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    wishes = ("case", "wishes", CASE, "--not-asked-reason", "Lacks capacity to say")
    assert cli(*wishes, "--as-of", "2026-11-20").exit_code == 0
    answers = "Risk reduced\nn\n\n"
    result = cli("case", "close", CASE, "--as-of", "2026-12-20", input=answers, env=TERMINAL)
    assert result.exit_code == 0, result.output
    assert "Why could the adult not be asked? (optional) [Lacks capacity to say]" in result.output
    assert "  not_asked_reason: Lacks capacity to say\n" in _closure(book)
    assert "EMP001" not in result.output
