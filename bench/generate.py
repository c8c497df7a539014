"""Generate a realistic, fictional case book of N cases, deterministically from a seed.

Every case gets all four files in the exact file format (docs/file-format.md),
with comments, block text, several meetings (planned and held) and 3 to 10
actions, written with plain string templates so that 10,000 cases take seconds.

    python bench/generate.py OUT_DIR --cases 10000 --seed 1

The same seed and N always give byte-identical books.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from datetime import date, timedelta
from pathlib import Path

CONFIG = """\
# Generated benchmark book: every case, person and address is fictional.
organisation: Benchmark Borough Council (fictional)
jurisdiction: england
timezone: Europe/London
show_names: false
commit: false
lead_times:
  high: 1
  medium: 3
  low: 5
digest:
  minutes_share_days: 5
  first_meeting_days: 10
validate:
  strict: false
  select: []
  ignore: []
meeting_types: {}
"""

FIRST = (
    "Ada",
    "Bernard",
    "Cora",
    "Dilys",
    "Edwin",
    "Fola",
    "Gwen",
    "Harold",
    "Iris",
    "Jamal",
    "Kathleen",
    "Leon",
    "Mair",
    "Norman",
    "Olu",
    "Peggy",
    "Rhys",
    "Sunita",
)
LAST = (
    "Ashby",
    "Brennan",
    "Carter",
    "Davies",
    "Evans",
    "Fairley",
    "Grant",
    "Hughes",
    "Iqbal",
    "Jones",
    "Kaur",
    "Lloyd",
    "Morgan",
    "Nwosu",
    "Owen",
    "Price",
    "Reid",
)
STREETS = (
    "Alder Court",
    "Birch Road",
    "Canal Street",
    "Dove Lane",
    "Elm Grove",
    "Fern Close",
    "Gorse Way",
    "Holly Walk",
)
ABUSE = (
    "financial",
    "neglect",
    "self-neglect",
    "physical",
    "psychological",
    "domestic",
    "organisational",
)
TYPES = (
    "s42-strategy",
    "s42-conference",
    "s42-review",
    "self-neglect",
    "professionals",
    "cuckooing",
)
# Not generated: best-interests (its minutes need a capacity assessment and a
# decision maker) and mdt (a health agency chairs it): the generated cases would
# break their own rules (PRT003, ACC001), and generated books must pass validate.
AGENCIES = (
    ("asc", "Benchmark Adult Social Care", "local-authority", ("Sam Patel", "Helen Forsyth")),
    ("police", "Benchmark Police", "police", ("DC Lee Jones", "DS Ann Marsh")),
    ("gp", "Riverside Medical Practice", "gp", ("Dr Amara Okafor",)),
    ("housing", "Benchmark Homes", "housing", ("Priya Shah",)),
    ("mh", "Benchmark Mental Health Trust", "mental-health", ("Tom Reilly",)),
    ("fire", "Benchmark Fire and Rescue", "fire", ("Watch Manager Cole",)),
    ("advocacy", "Benchmark Advocacy Hub", "advocacy", ("Bethan Rowe",)),
)
TASKS = (
    "Visit the adult at home and ask what outcome they want from the enquiry.",
    "Ask the bank to flag the account for unusual withdrawals and report back.",
    "Complete a home fire safety check and fit smoke alarms in the bedroom.",
    "Review the care plan with the provider, including night-time checks.",
    "Arrange a capacity assessment for the decision about where to live.",
    "Refer to the advocacy hub for an independent Care Act advocate.",
    "Check tenancy arrears and agree a repayment plan with the housing officer.",
    "Speak to the GP about weight loss and refer to the community dietitian.",
)


def iso(day: date) -> str:
    return day.isoformat()


def adult_yaml(
    rng: random.Random,
    case_id: str,
    opened: date,
    status: str,
    agencies: list[tuple[str, str, str, tuple[str, ...]]],
    today: date,
) -> str:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    born = date(1930 + rng.randrange(60), rng.randrange(1, 13), rng.randrange(1, 29))
    concern = rng.choice(ABUSE)
    raised = opened - timedelta(days=rng.randrange(0, 4))
    raiser = rng.choice(agencies)
    lead = agencies[0]
    closed = iso(min(opened + timedelta(days=90), today)) if status == "closed" else "null"
    closure = (
        "\n  reason: Enquiry concluded; risk reduced.\n  outcomes_asked: true\n"
        "  outcomes_expressed: true\n  outcomes_achieved: partially"
        if status == "closed"
        else " null"
    )
    return f"""\
# Generated case {case_id}: fictional.
case: {case_id}
jurisdiction: null                # the book's
status: {status}
opened: {iso(opened)}
name: {first} {last}
preferred_name: {first}
date_of_birth: {iso(born)}
address: |
  Flat {rng.randrange(1, 40)}, {rng.randrange(1, 120)} {rng.choice(STREETS)}
  Exampletown EX{rng.randrange(1, 9)} {rng.randrange(1, 9)}AB
phone: "01632 96{rng.randrange(1000, 9999)}"
communication:
  language: English
  interpreter: null
  advocate: null
  needs_advocate: {str(rng.random() < 0.3).lower()}
  easy_read: {str(rng.random() < 0.2).lower()}
  notes: null
representative: null
care_and_support:
  has_needs: true
  at_risk: true
  unable_to_protect: {str(rng.random() < 0.8).lower()}
engagement: {rng.choice(("engaging", "partial", "not-engaging"))}
risk_level: {rng.choice(("low", "medium", "high"))}
lead_agency: {lead[0]}
coordinator: {{agency: {lead[0]}, name: {lead[3][0]}}}   # single point of contact
concerns:
  - type: {concern}
    summary: |
      Concern raised about {first}: {rng.choice(TASKS).lower()}
      Neighbours report the adult has not been seen for several days.
    source: a relative
    location: own home
    raised_on: {iso(raised)}
    raised_by: {{agency: {raiser[0]}, name: {raiser[3][0]}}}
    offender_risk: false
capacity: []
wishes:
  asked_on: {iso(opened + timedelta(days=1))}
  outcomes:
    - I want to stay in my own home.
  not_asked_reason: null
others_at_risk:
  children: false
  adults: false
  notes: null
  referral_made: null
closed: {closed}
closure:{closure}
"""


def agencies_yaml(case_id: str, agencies: list[tuple[str, str, str, tuple[str, ...]]]) -> str:
    parts = [f"# Agencies involved in {case_id}.\n"]
    for index, (handle, name, kind, people) in enumerate(agencies):
        if index:
            parts.append("\n")
        parts.append(f"- handle: {handle}\n  name: {name}\n  kind: {kind}\n  people:\n")
        for number, person in enumerate(people):
            email = person.lower().replace(" ", ".").replace("..", ".")
            if number:
                parts.append("\n")
            parts.append(
                f"    - name: {person}\n      role: Practitioner\n"
                f"      email: {email}@example.org\n"
                f'      phone: "01632 9{60000 + number * 7 + len(handle):05d}"\n'
            )
    return "".join(parts)


def meeting_yaml(
    rng: random.Random,
    number: int,
    when: date,
    held: bool,
    today: date,
    agencies: list[tuple[str, str, str, tuple[str, ...]]],
    actions: list[str],
) -> str:
    chair = agencies[0]
    invitees = agencies[1:] or agencies
    lines = [
        f"""\
- id: M{number}
  type: {rng.choice(TYPES)}
  format: {rng.choice(("discussion", "meeting"))}
  mode: {rng.choice(("in-person", "telephone", "virtual"))}
  when: {iso(when)}T{rng.choice(("09:30", "10:00", "14:00", "15:30"))}
  where: null
  link: https://meet.example.org/m{number}
  purpose: |
    Share what each agency knows, agree immediate protection and who
    leads each action; decide on a review date.
  chair: {{agency: {chair[0]}, name: {chair[3][-1]}}}
  decision_maker: null
  status: {"held" if held else "planned"}
  invited_on: {iso(when - timedelta(days=rng.randrange(1, 6)))}
  adult:
    invited: true
    not_invited_reason: null
  subjects: []
  agenda:
    - Introductions and purpose
    - Risks, actions and review date
  invitees:
"""
    ]
    for index, (handle, _, _, people) in enumerate(invitees):
        if index:
            lines.append("\n")
        lines.append(f"""\
    - person: {{agency: {handle}, name: {people[0]}}}
      reason: Works with the adult and can contribute
      response: {"accepted" if held else "invited"}
      deputy: null
      responded_on: {iso(when - timedelta(days=1)) if held else "null"}
""")
    if not held:
        lines.append("  minutes: null\n")
        return "".join(lines)
    attendees = "".join(f"      - {{agency: {h}, name: {p[0]}}}\n" for h, _, _, p in agencies)
    shared_with = agencies if rng.random() < 0.85 else agencies[: max(1, len(agencies) - 2)]
    shared_on = iso(when + timedelta(days=rng.randrange(1, 8)))
    shared = (
        "".join(f"      - {{agency: {h}, shared_on: {shared_on}}}\n" for h, _, _, _ in shared_with)
        if when + timedelta(days=3) < today or rng.random() < 0.5
        else None
    )
    review = when + timedelta(days=rng.choice((14, 21, 28, 42)))
    lines.append(f"""\
  minutes:
    held_on: {iso(when)}
    # Everyone invited attended.
    attendees:
{attendees.rstrip(chr(10))}
    apologies: []
    written_updates: []
    engage_lead: {chair[0]}
    wishes:
      views: |
        Wants to stay at home and to be kept informed by one named person.
      obtained_by: Home visit the day before
    risks:
      - risk: Further harm before the plan is in place
        in_place: Daily calls from the care provider
        barriers: The adult sometimes refuses visits
        actions: [{", ".join(actions) if actions else ""}]
    others_at_risk:
      reviewed: true
      adults: None identified
      children: None in the household
      referral_made: null
    decisions:
      - Proceed with the enquiry led by adult social care.
    disagreements: []
    review:
      date: {iso(review)}
      not_required: null
    feedback:
      how: Home visit
      by: {{agency: {chair[0]}, name: {chair[3][0]}}}
      due: {iso(when + timedelta(days=3))}
    capacity: null
""")
    lines.append(f"    shared:\n{shared}" if shared else "    shared: []\n")
    return "".join(lines)


def action_yaml(
    rng: random.Random,
    number: int,
    meeting: str,
    held_on: date,
    today: date,
    agencies: list[tuple[str, str, str, tuple[str, ...]]],
) -> str:
    handle, _, _, people = rng.choice(agencies)
    due = held_on + timedelta(days=rng.randrange(3, 60))
    # Most actions due long ago are done; a few are forgotten.
    weight_open = 2 if due < today - timedelta(days=30) else 20 if due < today else 80
    status = rng.choices(("open", "done", "cancelled"), (weight_open, 90, 10))[0]
    # Done on or before the due date, never after today nor before the meeting.
    done_day = max(held_on, min(due - timedelta(days=rng.randrange(0, 3)), today))
    done_on = iso(done_day) if status == "done" else "null"
    cancel = (
        "|\n    No longer needed: the adult moved to a care home.\n"
        if status == "cancelled"
        else "null\n"
    )
    moves = " []\n"
    if rng.random() < 0.15 and due - timedelta(days=1) <= today:
        new_due = due + timedelta(days=7)
        moves = (
            f"\n    - from: {iso(due)}\n      to: {iso(new_due)}\n"
            "      reason: Lead on leave; agreed with the coordinator\n"
            f"      moved_on: {iso(due - timedelta(days=1))}\n"
            "      lead_informed: true\n      risk_reassessed: true\n"
        )
        due = new_due
    return f"""\
- id: A{number}
  meeting: {meeting}
  description: |
    {rng.choice(TASKS)}
    Report back to the lead coordinator by the due date.
  lead: {{agency: {handle}, name: {people[0]}}}
  due: {iso(due)}
  status: {status}
  done_on: {done_on}
  note: null
  cancel_reason: {cancel}  moves:{moves}"""


def case_files(rng: random.Random, case_id: str, today: date) -> dict[str, str]:
    """The four files of one generated case."""
    opened = today - timedelta(days=rng.randrange(5, 300))
    status = "closed" if rng.random() < 0.1 else "open"
    agencies = [AGENCIES[0], *rng.sample(AGENCIES[1:], rng.randrange(2, 6))]
    meetings: list[str] = []
    actions: list[str] = []
    count = 0 if rng.random() < 0.05 else rng.randrange(2, 5)
    dates = [opened + timedelta(days=rng.randrange(1, 14))]
    for _ in range(1, count):
        dates.append(dates[-1] + timedelta(days=rng.randrange(14, 60)))
    held = [day < today and (status == "closed" or rng.random() < 0.92) for day in dates[:count]]
    # 3 to 10 actions, shared out among the meetings that were held.
    total_actions = rng.randrange(3, 11) if any(held) else 0
    owners = [index for index, was_held in enumerate(held) if was_held]
    shares = [0] * count
    for number in range(total_actions):
        shares[owners[number % len(owners)]] += 1
    for index in range(count):
        ids = [f"A{len(actions) + k + 1}" for k in range(shares[index])]
        meetings.append(
            meeting_yaml(rng, index + 1, dates[index], held[index], today, agencies, ids)
        )
        for action_id in ids:
            actions.append(
                action_yaml(rng, int(action_id[1:]), f"M{index + 1}", dates[index], today, agencies)
            )
    if status == "closed":
        closed_on = iso(min(opened + timedelta(days=90), today))
        actions = [
            a.replace("status: open\n  done_on: null", f"status: done\n  done_on: {closed_on}")
            for a in actions
        ]
    # An empty list is written `[]` with no comment, as `case new` writes it.
    return {
        "adult.yaml": adult_yaml(rng, case_id, opened, status, agencies, today),
        "agencies.yaml": agencies_yaml(case_id, agencies),
        "meetings.yaml": (
            f"# Meetings for {case_id}.\n" + "\n".join(meetings) if meetings else "[]\n"
        ),
        "actions.yaml": (
            f"# Actions for {case_id}; cancel rather than delete.\n" + "\n".join(actions)
            if actions
            else "[]\n"
        ),
    }


def generate(root: Path, cases: int, seed: int = 1, today: date = date(2026, 12, 1)) -> Path:
    """Write a book of `cases` generated cases under root (created 0700); return root."""
    rng = random.Random(seed)
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    (root / "safecli.yaml").write_text(CONFIG, encoding="utf-8")
    os.chmod(root / "safecli.yaml", 0o600)
    (root / "cases").mkdir(mode=0o700, exist_ok=True)
    for index in range(1, cases + 1):
        case_id = f"SG-{2026 - index // 10000}-{index % 10000:04d}"
        folder = root / "cases" / case_id
        folder.mkdir(mode=0o700, exist_ok=True)
        for name, text in case_files(rng, case_id, today).items():
            path = folder / name
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the book folder to write")
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    generate(args.out, args.cases, args.seed)
    print(f"wrote {args.cases} cases to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
