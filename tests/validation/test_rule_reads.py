"""What each rule reads, and the guard that runs only the rules a change can affect.

The registry says, for every rule, which files of the case it reads (and whether it
reads other cases); a writing command's guard runs only the rules that read a file
the change touches. Held here: every rule reads no more than it says (watched on
every bundled and generated case, and on changed ones), and the guard refuses and
warns exactly as validate's findings before and after the change say it should.
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, generated_book
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shared_book import CASE, OTHER, shared_book

from safecli.model import FILES
from safecli.store import fastload, roundtrip
from safecli.store.book import Book, find_book
from safecli.store.refusals import read_text
from safecli.validation.guard import Refused, Rulebook, brought_in
from safecli.validation.load import load_view, view_of
from safecli.validation.rules import OTHER_CASES, READS, RULES, code_of
from safecli.validation.rules.base import ERROR, KINDS, CaseView, Finding, Rule
from safecli.validation.run import Selection, book_defaults, check_view, context_of

TODAY = date(2026, 12, 1)
RULES_DIR = REPO / "src" / "safecli" / "validation" / "rules"


def test_the_registry_lists_every_rule_module_by_its_code() -> None:
    modules = sorted(p.stem for p in RULES_DIR.glob("*.py") if re.match(r"[a-z]{3}\d{3}_", p.stem))
    assert sorted(READS) == modules
    for module in READS:
        assert RULES[code_of(module)].code == code_of(module)
    assert list(RULES) == [code_of(module) for module in READS]
    assert RULES.waivable() == {code for code, rule in RULES.items() if rule.waivable}
    for what in READS.values():
        assert what and set(what) <= {*KINDS, OTHER_CASES}


def test_listing_the_codes_imports_no_rule() -> None:
    code = (
        "import sys\n"
        "from safecli.validation.rules import RULES\n"
        "codes = list(RULES); RULES.waivable(); 'ACC003' in RULES\n"
        "RULES.reading(['actions'])\n"
        "print(sorted(m for m in sys.modules if m.rsplit('.', 1)[-1][:3].isalpha()"
        " and m.startswith('safecli.validation.rules.') and m[-1] != 's'"
        " and m.rsplit('.', 1)[-1][3:6].isdigit()))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_change_to_actions_runs_only_the_rules_that_read_actions() -> None:
    reading = RULES.reading(["actions"])
    assert "ACC003" in reading and "INT001" in reading
    assert "EMP002" not in reading and "PAR001" not in reading
    assert RULES.reading([OTHER_CASES]) == ["INT003", "INT010", "EMP004"]


# --- every rule reads no more than it says ---------------------------------------------------


class Watch(Mapping[str, Any]):
    """A mapping of a view by kind that notes each kind asked for (iterating: all)."""

    def __init__(self, inner: Mapping[str, Any], log: set[str], *also: str) -> None:
        self.inner, self.log, self.also = inner, log, also

    def __getitem__(self, kind: str) -> Any:
        self.log.update((kind, *self.also))
        return self.inner[kind]

    def __iter__(self) -> Iterator[str]:
        self.log.update(KINDS)
        return iter(self.inner)

    def __len__(self) -> int:
        self.log.update(KINDS)
        return len(self.inner)


@dataclass(frozen=True)
class Watched(CaseView):
    """A case view that notes what a rule reads: files by kind, and other cases."""

    log: set[str] = field(default_factory=set)

    def __getattribute__(self, name: str) -> Any:
        if name == "jurisdiction":  # the adult's own, or the book's
            object.__getattribute__(self, "log").add("adult")
        return super().__getattribute__(name)

    def case_exists(self, case_id: str) -> bool:
        self.log.add(OTHER_CASES)
        return super().case_exists(case_id)

    def other_items(self, case_id: str, kind: str) -> list[dict[str, Any]] | None:
        self.log.add(OTHER_CASES)
        return super().other_items(case_id, kind)

    def file_finding(
        self,
        rule: Rule,
        kind: str,
        message: str,
        line: int | None = None,
        column: int | None = None,
    ) -> Finding:
        self.log.add(kind)
        return super().file_finding(rule, kind, message, line, column)


def watched(view: CaseView) -> Watched:
    log: set[str] = set()
    parts = {f.name: getattr(view, f.name) for f in fields(CaseView)}
    for name in ("data", "nodes", "texts", "refusals"):
        parts[name] = Watch(parts[name], log)
    parts["walks"] = Watch(view.walks, log, "adult")  # its vocabularies are the adult's
    parts["memo"], parts["trees"] = {}, {}  # what another rule worked out is read afresh
    return Watched(**parts, log=log)


def check_reads(view: CaseView) -> None:
    for code in RULES:
        watch = watched(view)
        list(RULES[code].check(watch))
        assert watch.log <= RULES.reads(code), (code, view.case_id, watch.log)


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> list[Book]:
    bundled = tmp_path_factory.mktemp("bundled")
    shutil.copy(REPO / "safecli.yaml", bundled / "safecli.yaml")
    shutil.copytree(REPO / "cases", bundled / "cases")
    made = generated_book(tmp_path_factory.mktemp("generated"), 12, 7)
    two = shared_book(tmp_path_factory.mktemp("shared"), held=True)
    return [find_book(bundled), find_book(made), find_book(two)]


def test_every_rule_reads_only_what_it_says_on_every_bundled_and_generated_case(
    books: list[Book],
) -> None:
    for book in books:
        context = context_of(book)
        for case_id in book.case_ids():
            check_reads(load_view(context, case_id, TODAY))


# --- the guard refuses and warns as validate would --------------------------------------------

WORDS = ["", "x", "M1", "M2", "A1", "asc", "police", "held", "planned", "open", "done",
         "cancelled", "closed", "s42-strategy", "marac", "self-neglect", "high", "wales",
         "england", "SG-2026-0001", "SG-2099-0001", "lacks", "2026-11-10T10:00"]  # fmt: skip
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 3),
    st.sampled_from(
        [
            "",
            "x",
            "M1",
            "M2",
            "A1",
            "asc",
            "police",
            "held",
            "planned",
            "open",
            "done",
            "cancelled",
            "closed",
            "s42-strategy",
            "marac",
            "self-neglect",
            "high",
            "wales",
            "england",
            "SG-2026-0001",
            "SG-2099-0001",
            "lacks",
            "2026-11-10T10:00",
        ]
    ),
    st.dates(date(2025, 1, 1), date(2027, 12, 31)),
)
WAIVED = st.sampled_from(["PAR001", "EMP004", "ACC003", "EMP002", "INT002", "ZZZ999"])
BROKEN = ["case: [unclosed\n", "- id: M1\n  id: M2\n", "a: &x 1\nb: *x\n", "- \x07\n"]


def places(value: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in a value, outermost first."""
    found: list[tuple[Any, Any]] = []
    if isinstance(value, (dict, list)):
        for key in list(value) if isinstance(value, dict) else range(len(value)):
            found.append((value, key))
            found.extend(places(value[key]))
    return found


@st.composite
def changed(draw: st.DrawFn, plain: Any) -> Any:
    """A copy of a file's data with one value replaced, removed or repeated."""
    data = copy.deepcopy(plain)
    spots = places(data)
    if not spots:
        return draw(VALUES)
    container, key = draw(st.sampled_from(spots))
    how = draw(st.sampled_from(["replace", "replace", "remove", "repeat"]))
    if how == "replace":
        container[key] = draw(VALUES)
    elif how == "remove":
        del container[key]
    elif isinstance(container, list):
        container.insert(key, copy.deepcopy(container[key]))
    return data


@st.composite
def new_text(draw: st.DrawFn, kind: str, text: str, plain: Any) -> str:
    """A file's text after a change: its data changed, a waiver added, or it broken."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.sampled_from(BROKEN))
    result = roundtrip.dump(draw(changed(plain))) if draw(st.integers(0, 3)) else text
    if draw(st.integers(0, 2)) == 0:
        lines = result.splitlines(True)
        at = draw(st.integers(0, len(lines)))
        reason = draw(st.sampled_from([" -- asked for by the adult", ""]))
        lines.insert(at, f"# safecli: waive {draw(WAIVED)}{reason}\n")
        result = "".join(lines)
    return result if result != text else result + "# changed\n"


def as_validate_says(
    book: Book,
    case_id: str,
    after: Mapping[str, str | None],
    peers: Mapping[str, Mapping[str, str | None]],
) -> tuple[list[Finding], list[Finding]]:
    """(errors, warnings) the change brings in by validate's findings: every rule, on the
    case read from disk before, and on the texts after."""
    context = context_of(book)
    _, select, ignore = book_defaults(book)
    wanted = Selection(select, ignore)
    old = check_view(load_view(context, case_id, TODAY))[0]
    raws = {kind: text.encode() for kind, text in after.items() if text is not None}
    view = view_of(replace(context, pending=peers), case_id, raws, TODAY)
    new = check_view(view)[0]
    introduced = brought_in(
        [f for f in old if wanted.wants(f.code)], [f for f in new if wanted.wants(f.code)]
    )
    errors = [f for f in introduced if f.severity == ERROR]
    return errors, [] if errors else introduced


def as_guard_says(
    book: Book,
    case_id: str,
    before: Mapping[str, str | None],
    after: Mapping[str, str | None],
    peers: Mapping[str, Mapping[str, str | None]],
) -> tuple[list[Finding], list[Finding]]:
    """(errors, warnings) of the guard, given what a command's fast reader read."""
    seen: dict[tuple[str, str], Any] = {}
    for texts in (before, after):
        for kind, text in texts.items():
            try:
                if text is not None:
                    seen[kind, text] = fastload.load_text(Path(f"{kind}.yaml"), text, FILES[kind])
            except Exception:  # noqa: BLE001, S112 - a refused text: the guard reads it itself
                continue
    guard = Rulebook(book, TODAY)
    try:
        guard(case_id, before, after, peers, seen)
    except Refused as refused:
        return list(refused.findings), []
    return [], guard.warnings


def texts_of(book: Book, case_id: str) -> dict[str, str | None]:
    return {kind: read_text(book.cases_dir / case_id / f"{kind}.yaml") for kind in FILES}


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_the_guard_refuses_and_warns_as_validate_would_on_generated_changes(
    books: list[Book], data: st.DataObject
) -> None:
    book = books[data.draw(st.integers(0, len(books) - 1))]
    case_id = data.draw(st.sampled_from(book.case_ids()))
    before = texts_of(book, case_id)
    kinds = data.draw(st.lists(st.sampled_from(list(FILES)), min_size=1, max_size=2, unique=True))
    after = dict(before)
    for kind in kinds:
        text = before[kind]
        assert text is not None
        plain = fastload.load_text(Path(f"{kind}.yaml"), text, FILES[kind])
        after[kind] = data.draw(new_text(kind, text, plain))
    assert as_guard_says(book, case_id, before, after, {}) == as_validate_says(
        book, case_id, after, {}
    )
    raws = {kind: text.encode() for kind, text in after.items() if text is not None}
    check_reads(view_of(context_of(book), case_id, raws, TODAY))


def test_a_change_to_two_cases_runs_the_rules_that_read_other_cases(books: list[Book]) -> None:
    """Two adults' cases with one meeting about both, changed together: a rule that reads
    the other case sees it as the change leaves it, as validate would after it, also
    when the change to this case touches none of the files that rule reads here."""
    book = books[2]
    changes = [
        ("meetings", "held", "planned", "held", "planned"),
        ("meetings", "2026-11-03", "2026-11-02", "2026-11-03", "2026-11-02"),
        ("meetings", "M1", "M9", "M1", "M9"),
        ("adult", "\n", "\n# a note\n", "meeting: M1}", "meeting: M7}"),
    ]
    for kind, old, new, their_old, their_new in changes:
        before = texts_of(book, CASE)
        after = {**before, kind: (before[kind] or "").replace(old, new, -1 if old != "\n" else 1)}
        peer = texts_of(book, OTHER)
        theirs = (peer["meetings"] or "").replace(their_old, their_new, 1)
        peers = {OTHER: {**peer, "meetings": theirs}}
        guarded = as_guard_says(book, CASE, before, after, peers)
        assert guarded == as_validate_says(book, CASE, after, peers)
        assert guarded != ([], []), (kind, old, new)


def test_a_write_imports_only_the_rules_it_runs_and_no_rapidyaml(tmp_path: Path) -> None:
    """`case update` of the adult's risk level brings in warnings (placed from libyaml's
    trees, as rapidyaml's would place them) and imports no rule that reads only other
    files, nor rapidyaml."""
    shutil.copy(REPO / "safecli.yaml", tmp_path / "safecli.yaml")
    shutil.copytree(REPO / "cases", tmp_path / "cases")
    adult = (tmp_path / "cases" / "SG-2026-0001" / "adult.yaml").read_text()
    risk = "low" if "risk_level: low" not in adult else "high"
    argv = ["safecli", "--book", str(tmp_path), "case", "update", "SG-2026-0001", "--risk", risk]
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(sorted(m.rsplit('.', 1)[-1] for m in sys.modules"
        " if m.startswith(('safecli.validation.rules.a', 'ryml'))), file=sys.stderr))\n"
        f"sys.argv = {[*argv, '--as-of', '2026-12-01', '--no-commit']!r}\n"
        "from safecli.cli import run\nrun()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "wrote cases/SG-2026-0001/adult.yaml" in done.stdout
    assert "meetings.yaml:17:15: warning PAR001" in done.stderr
    imported = done.stderr.strip().splitlines()[-1]
    assert imported == str(["acc009_marac", "acc010_allegations"])
