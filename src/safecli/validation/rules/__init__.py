"""The validation rules: integrity (INT), the safeguarding standards, and waivers (WAV).

Each rule is one module with a `RULE` and a `check(view)` that yields Findings;
its module docstring is its documentation (`safecli rules CODE`). This dict lists
them all, in the order `safecli rules` shows them.
"""

from __future__ import annotations

from safecli.validation.rules import (
    acc001_chair,
    acc002_purpose,
    acc003_action,
    acc004_written_update,
    acc005_minutes_shared,
    acc006_moved_due,
    acc007_disagreements,
    acc008_chair_decision_maker,
    acc009_marac,
    acc010_allegations,
    acc011_decisions,
    emp001_wishes,
    emp002_invited,
    emp003_feedback,
    emp004_communication,
    int001_parse,
    int002_ids,
    int003_references,
    int004_choices,
    int005_dates,
    int006_unknown_keys,
    int007_conflicts,
    int008_types,
    int009_states,
    int010_shared_meetings,
    par001_notice,
    pre001_engage_lead,
    pro001_invitee_reason,
    pro002_agenda,
    pro003_review,
    prt001_risk_assessment,
    prt002_others_at_risk,
    prt003_capacity,
    prt004_others_referral,
    prt005_adult_age,
    wav001_reason,
    wav002_code,
)
from safecli.validation.rules.base import Rule

RULES: dict[str, Rule] = {
    module.RULE.code: module.RULE
    for module in (
        int001_parse,
        int002_ids,
        int003_references,
        int004_choices,
        int005_dates,
        int006_unknown_keys,
        int007_conflicts,
        int008_types,
        int009_states,
        int010_shared_meetings,
        emp001_wishes,
        emp002_invited,
        emp003_feedback,
        emp004_communication,
        pre001_engage_lead,
        pro001_invitee_reason,
        pro002_agenda,
        pro003_review,
        prt001_risk_assessment,
        prt002_others_at_risk,
        prt003_capacity,
        prt004_others_referral,
        prt005_adult_age,
        par001_notice,
        acc001_chair,
        acc002_purpose,
        acc003_action,
        acc004_written_update,
        acc005_minutes_shared,
        acc006_moved_due,
        acc007_disagreements,
        acc008_chair_decision_maker,
        acc009_marac,
        acc010_allegations,
        acc011_decisions,
        wav001_reason,
        wav002_code,
    )
}
