"""Every rule: documented (with a passing and a failing example), a known code, tested."""

from __future__ import annotations

import inspect
import re
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import REPO

from safecli.validation.rules import RULES

# The standards table of the domain description (DOMAIN.md), plus integrity (INT0xx there)
# and the waiver checks.
DOMAIN_CODES = [
    "EMP001", "EMP002", "EMP003", "EMP004", "PRE001", "PRO001", "PRO002", "PRO003",
    "PRT001", "PRT002", "PRT003", "PRT004", "PRT005", "PAR001", "ACC001", "ACC002", "ACC003", "ACC004",
    "ACC005", "ACC006", "ACC007", "ACC008", "ACC009",
]  # fmt: skip
# The statutory return's facts (the enquiry and its allegations).
RETURN_CODES = ["ACC010"]
# What the policy pack's `must_record` asks of held minutes beyond the table (decisions).
PACK_CODES = ["ACC011"]
INTEGRITY = [f"INT{n:03d}" for n in range(1, 11)]
WAIVERS = ["WAV001", "WAV002"]
PRINCIPLES = {
    "integrity",
    "empowerment",
    "prevention",
    "proportionality",
    "protection",
    "partnership",
    "accountability",
}
TESTS = Path(__file__).parent


def test_the_rules_are_exactly_the_known_codes() -> None:
    assert sorted(RULES) == sorted(DOMAIN_CODES + RETURN_CODES + PACK_CODES + INTEGRITY + WAIVERS)


@pytest.mark.parametrize("code", RULES)
def test_every_rule_is_documented(code: str) -> None:
    rule = RULES[code]
    doc = inspect.cleandoc(rule.doc)
    assert doc.startswith(f"{code} "), code
    assert "Why:" in doc or "Why" in doc
    assert rule.summary and rule.principle in PRINCIPLES
    assert rule.severity in ("error", "warning")
    assert rule.waivable == (code not in INTEGRITY + WAIVERS)
    for section in ("Passes:", "Fails:"):
        example = _example(doc, section)
        assert example.strip(), f"{code}: {section} has no example"
    yaml.safe_load(_example(doc, "Passes:"))


def _example(doc: str, section: str) -> str:
    after = doc.split(f"\n{section}\n", 1)[1]
    block = re.match(r"((?:\n| {4}.*\n?)+)", "\n" + after)
    assert block is not None
    return textwrap.dedent(block.group(1))


@pytest.mark.parametrize("code", RULES)
def test_every_rule_has_tests(code: str) -> None:
    pattern = re.compile(rf"^def test_{code.lower()}_\w+\(", re.MULTILINE)
    assert any(
        pattern.search(path.read_text(encoding="utf-8")) for path in TESTS.glob("test_*.py")
    ), f"no test_{code.lower()}_... test"


def test_the_documentation_lists_every_rule() -> None:
    text = (REPO / "docs" / "validate.md").read_text(encoding="utf-8")
    for code, rule in RULES.items():
        assert f"| {code} | {rule.summary} |" in text, code


def test_a_rule_finds_the_same_run_alone_or_with_all_the_others(tmp_path: Path) -> None:
    """The guard, before a change, runs only the rules of the codes found after it."""
    import shutil
    from datetime import date

    from safecli.store.book import find_book
    from safecli.validation.load import load_view
    from safecli.validation.run import check_view, context_of

    shutil.copy(REPO / "safecli.yaml", tmp_path / "safecli.yaml")
    shutil.copytree(REPO / "cases", tmp_path / "cases")
    meetings = tmp_path / "cases" / "SG-2026-0001" / "meetings.yaml"
    text = meetings.read_text()
    meetings.write_text(
        text.replace("  chair: {agency: asc, name: Helen Forsyth}", "  chair: null", 1)
    )
    context = context_of(find_book(tmp_path))
    found_any = False
    for case_id in ("SG-2026-0001", "SG-2026-0002"):
        view = load_view(context, case_id, date(2026, 12, 1))
        every, _ = check_view(view)
        found_any = found_any or bool(every)
        for code in {*RULES, "NOPE01"}:
            alone, _ = check_view(view, {code})
            assert alone == [f for f in every if f.code == code]
    assert found_any
