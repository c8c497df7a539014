"""The validation rules: integrity (INT), the safeguarding standards, and waivers (WAV).

Each rule is one module with a `RULE` and a `check(view)` that yields Findings;
its module docstring is its documentation (`safecli rules CODE`). `READS` below
lists them all, in the order `safecli rules` shows them, each with what it reads:
the files of the case (by kind) whose data, text or places it looks at (a file
it reports a finding in is one of them), and `OTHER_CASES` when it also reads
other cases. A rule's code is its module's name up to the first `_`, in capitals.

`RULES` gives each rule by its code, importing its module when it is first asked
for: a writing command runs (`guard`) only the rules that read a file it changes
(`reading`), and imports only those. Findings are a rule's own: none reads
another's, so a rule whose files a change leaves alone finds after it what it
found before. tests/validation/test_rule_reads.py holds every rule to what it
says it reads, and the guard to what validate would say.
"""

from __future__ import annotations

import importlib
from collections.abc import Collection, Iterator, Mapping

from safecli.validation.rules.base import KINDS, Rule, waivable

OTHER_CASES = "other cases"
EVERY_FILE = KINDS
ADULT, AGENCIES, MEETINGS, ACTIONS = KINDS

#: Each rule's module, in the order `safecli rules` lists them, and what it reads.
READS: dict[str, tuple[str, ...]] = {
    "int001_parse": EVERY_FILE,
    "int002_ids": EVERY_FILE,
    "int003_references": (*EVERY_FILE, OTHER_CASES),
    "int004_choices": EVERY_FILE,
    "int005_dates": EVERY_FILE,
    "int006_unknown_keys": EVERY_FILE,
    "int007_conflicts": EVERY_FILE,
    "int008_types": EVERY_FILE,
    "int009_states": (ADULT, MEETINGS, ACTIONS),
    "int010_shared_meetings": (MEETINGS, OTHER_CASES),
    "emp001_wishes": (ADULT, MEETINGS),
    "emp002_invited": (MEETINGS,),
    "emp003_feedback": (ADULT, MEETINGS),
    "emp004_communication": (ADULT, AGENCIES, MEETINGS, OTHER_CASES),
    "pre001_engage_lead": (MEETINGS,),
    "pro001_invitee_reason": (MEETINGS,),
    "pro002_agenda": (MEETINGS,),
    "pro003_review": (MEETINGS,),
    "prt001_risk_assessment": (MEETINGS,),
    "prt002_others_at_risk": (MEETINGS,),
    "prt003_capacity": (ADULT, MEETINGS),
    "prt004_others_referral": (ADULT, MEETINGS),
    "prt005_adult_age": (ADULT,),
    "par001_notice": (ADULT, MEETINGS),
    "acc001_chair": (AGENCIES, MEETINGS),
    "acc002_purpose": (MEETINGS,),
    "acc003_action": (ACTIONS,),
    "acc004_written_update": (MEETINGS,),
    "acc005_minutes_shared": (MEETINGS,),
    "acc006_moved_due": (ACTIONS,),
    "acc007_disagreements": (MEETINGS,),
    "acc008_chair_decision_maker": (MEETINGS,),
    "acc009_marac": (ADULT, MEETINGS),
    "acc010_allegations": (ADULT,),
    "acc011_decisions": (MEETINGS,),
    "wav001_reason": EVERY_FILE,
    "wav002_code": EVERY_FILE,
}


def code_of(module: str) -> str:
    """A rule's code from its module's name: `acc001_chair` → `ACC001`."""
    return module.split("_", 1)[0].upper()


class Registry(Mapping[str, Rule]):
    """The rules by code, in `READS` order; each module is imported when its rule is
    first asked for (iterating over the codes imports none)."""

    def __init__(self, reads: Mapping[str, tuple[str, ...]]) -> None:
        self._modules = {code_of(module): module for module in reads}
        self._reads = {code_of(module): frozenset(what) for module, what in reads.items()}
        self._rules: dict[str, Rule] = {}

    def __getitem__(self, code: str) -> Rule:
        rule = self._rules.get(code)
        if rule is None:
            module = importlib.import_module(f"{__name__}.{self._modules[code]}")
            rule = self._rules[code] = module.RULE
        return rule

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)

    def __contains__(self, code: object) -> bool:
        return code in self._modules

    def waivable(self) -> frozenset[str]:
        """The codes a waiver may name (`Rule.waivable`), importing no rule."""
        return frozenset(filter(waivable, self._modules))

    def reads(self, code: str) -> frozenset[str]:
        """What the rule of this code reads: kinds of file, and `OTHER_CASES`."""
        return self._reads[code]

    def reading(self, changed: Collection[str]) -> list[str]:
        """The codes of the rules that read any of `changed` (kinds, `OTHER_CASES`), in order."""
        touched = frozenset(changed)
        return [code for code, what in self._reads.items() if what & touched]


RULES = Registry(READS)
