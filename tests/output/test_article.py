"""The indefinite article follows how a word is said: an s126-strategy, a MARAC, an MDT."""

from __future__ import annotations

import pytest

from safecli.output.article import a_or_an


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("s126-strategy", "an s126-strategy"),
        ("s42-strategy meeting", "an s42-strategy meeting"),
        ("MDT", "an MDT"),
        ("MCA 2005 meeting", "an MCA 2005 meeting"),
        ("NHS trust", "an NHS trust"),
        ("IDVA", "an IDVA"),
        ("SSWB(W)A 2014 s126 meeting", "an SSWB(W)A 2014 s126 meeting"),
        ("MARAC referral", "a MARAC referral"),
        ("MAPPA", "a MAPPA"),
        ("CPA review", "a CPA review"),
        ("CQC", "a CQC"),
        ("organisational", "an organisational"),
        ("other", "an other"),
        ("a-and-e-attendance", "an a-and-e-attendance"),
        ("ambulance-call-out", "an ambulance-call-out"),
        ("hospital-admission", "a hospital-admission"),
        ("financial", "a financial"),
        ("Urdu", "an Urdu"),
        ("Ukrainian", "a Ukrainian"),
        ("Arabic", "an Arabic"),
        ("Polish", "a Polish"),
        ("unit meeting", "a unit meeting"),
        ("European", "a European"),
        ("hour", "an hour"),
        ("8-week review", "an 8-week review"),
        ("18 month plan", "an 18 month plan"),
        ("Safeguarding adult strategy discussion/meeting", "a Safeguarding adult strategy discussion/meeting"),
        ("Escalation meeting", "an Escalation meeting"),
    ],
)  # fmt: skip
def test_the_article_follows_how_the_word_is_said(phrase: str, expected: str) -> None:
    assert a_or_an(phrase) == expected
