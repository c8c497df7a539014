"""The SAC's tables: their codes, titles, and rows and columns in the collection's order."""

from __future__ import annotations

from typing import Any

from safecli.reports.tables import Labels, Tally

AGE_BANDS: Labels = (
    ("18-64", "18-64"),
    ("65-74", "65-74"),
    ("75-84", "75-84"),
    ("85-94", "85-94"),
    ("95+", "95+"),
)
GENDERS: Labels = (("male", "Male"), ("female", "Female"), ("not-known", "Not Known"))
ETHNICITIES: Labels = (
    ("white", "White"),
    ("mixed", "Mixed / Multiple"),
    ("asian", "Asian / Asian British"),
    ("black", "Black / African / Caribbean / Black British"),
    ("other", "Other Ethnic Group"),
    ("refused", "Refused"),
    ("not-known", "Undeclared / Not Known"),
)
SUPPORT_REASONS: Labels = (
    ("physical", "Physical Support"),
    ("sensory", "Sensory Support"),
    ("memory-cognition", "Support with Memory and Cognition"),
    ("learning-disability", "Learning Disability Support"),
    ("mental-health", "Mental Health Support"),
    ("social", "Social Support"),
    ("none", "No Support Reason"),
    ("not-known", "Not Known"),
)
AUTISM: Labels = (
    ("autism", "Autism (excluding Asperger Syndrome / High Functioning Autism)"),
    ("asperger", "Asperger Syndrome / High Functioning Autism"),
)
SG1_COLUMNS: Labels = (
    ("concerns", "Safeguarding Concerns"),
    ("s42", "Section 42 Enquiries"),
    ("other", "Other Enquiries"),
)
TYPES: Labels = (
    ("physical", "Physical"),
    ("sexual", "Sexual"),
    ("psychological", "Psychological"),
    ("financial", "Financial or Material"),
    ("discriminatory", "Discriminatory"),
    ("organisational", "Organisational"),
    ("neglect", "Neglect and Acts of Omission"),
    ("domestic", "Domestic Abuse"),
    ("sexual-exploitation", "Sexual Exploitation"),
    ("modern-slavery", "Modern Slavery"),
    ("self-neglect", "Self-Neglect"),
)
LOCATIONS: Labels = (
    ("own-home", "Own Home"),
    ("community", "In the Community (excluding community services)"),
    ("community-service", "In a Community Service"),
    ("care-home-nursing", "Care Home - Nursing"),
    ("care-home-residential", "Care Home - Residential"),
    ("hospital-acute", "Hospital - Acute"),
    ("hospital-mental-health", "Hospital - Mental Health"),
    ("hospital-community", "Hospital - Community"),
    ("other", "Other"),
)
SOURCES: Labels = (
    ("service-provider", "Service Provider"),
    ("known", "Other - Known to Individual"),
    ("unknown", "Other - Unknown to Individual"),
    ("total", "Total"),
)
ACTIONS: Labels = (
    ("risk-action-taken", "Risk identified and action taken"),
    ("risk-no-action", "Risk identified and no action taken"),
    ("inconclusive-action-taken", "Risk assessment inconclusive and action taken"),
    ("inconclusive-no-action", "Risk assessment inconclusive and no action taken"),
    ("no-risk-action-taken", "No risk identified and action taken"),
    ("no-risk-no-action", "No risk identified and no action taken"),
    ("ceased-at-request", "Enquiry ceased at individual's request and no action taken"),
)
OUTCOMES: Labels = (
    ("remained", "Risk remained"),
    ("reduced", "Risk reduced"),
    ("removed", "Risk removed"),
)
CAPACITY: Labels = (
    ("yes", "Yes, they lacked capacity"),
    ("supported", "Of those: supported by an advocate, family or friend"),
    ("no", "No, they did not lack capacity"),
    ("dont-know", "Don't know"),
    ("not-recorded", "Not recorded"),
)
CAPACITY_ROWS = {"lacked": "yes", "had": "no", "dont-know": "dont-know"}
MSP: Labels = (
    ("asked-expressed", "Asked and outcomes expressed"),
    ("asked-not-expressed", "Asked and no outcomes expressed"),
    ("not-asked", "Not asked"),
    ("dont-know", "Don't know"),
    ("not-recorded", "Not recorded"),
    ("fully", "Of those expressed: fully achieved"),
    ("partially", "Of those expressed: partially achieved"),
    ("not", "Of those expressed: not achieved"),
)
ENQUIRIES: Labels = (("enquiries", "Concluded Section 42 Enquiries"),)
COUNT: Labels = (("count", "Count"),)

SPECS: tuple[tuple[str, str, Labels, Labels], ...] = (
    ("SG1a", "Individuals by age band", AGE_BANDS, SG1_COLUMNS),
    ("SG1b", "Individuals by gender", GENDERS, SG1_COLUMNS),
    ("SG1c", "Individuals by ethnicity", ETHNICITIES, SG1_COLUMNS),
    ("SG1d", "Individuals by primary support reason", SUPPORT_REASONS, SG1_COLUMNS),
    ("SG1e", "Individuals with autism", AUTISM, SG1_COLUMNS),
    ("SG1f", "Concerns and enquiries", COUNT, SG1_COLUMNS),
    ("SG2a", "Concluded s42 enquiries: type of risk by source", TYPES, SOURCES),
    ("SG2b", "Concluded s42 enquiries: location of risk by source", LOCATIONS, SOURCES),
    ("SG2c", "Concluded s42 enquiries: action taken and result", ACTIONS, ENQUIRIES),
    ("SG2d", "Risk outcomes where risk was identified and action taken", OUTCOMES, ENQUIRIES),
    (
        "SG2e",
        "Risk outcomes where the risk assessment was inconclusive and action taken",
        OUTCOMES,
        ENQUIRIES,
    ),
    ("SG3a", "Concluded s42 enquiries: did the adult lack capacity?", CAPACITY, ENQUIRIES),
    ("SG4a", "Concluded s42 enquiries: Making Safeguarding Personal", MSP, ENQUIRIES),
)
DEMOGRAPHIC_LABELS = {
    "gender": GENDERS,
    "ethnicity": ETHNICITIES,
    "support_reason": SUPPORT_REASONS,
}


def tallies() -> dict[str, Tally]:
    """An empty tally for every table, in the collection's order."""
    return {code: Tally(code, title, rows, cols) for code, title, rows, cols in SPECS}


def age_band(age: int) -> str | None:
    """The SG1a band of an age, or None under 18."""
    if age < 18:
        return None
    for key, bound in (("18-64", 64), ("65-74", 74), ("75-84", 84), ("85-94", 94)):
        if age <= bound:
            return key
    return "95+"


def msp_rows(closure: Any) -> list[str]:
    """The SG4a rows of a case's closure (Making Safeguarding Personal, from `case close`).

    No closure yet: not recorded; a closure that does not say whether the adult was
    asked: don't know.
    """
    if not isinstance(closure, dict):
        return ["not-recorded"]
    asked, expressed = closure.get("outcomes_asked"), closure.get("outcomes_expressed")
    if asked is None:
        return ["dont-know"]
    if asked is False:
        return ["not-asked"]
    if expressed is not True:
        return ["asked-not-expressed"]
    achieved = closure.get("outcomes_achieved")
    return ["asked-expressed"] + ([achieved] if achieved in ("fully", "partially", "not") else [])
