"""The book's settings (safecli.yaml) and the files of a new book.

`read_config` checks every setting and names the key of anything wrong;
`init_book` writes a new book: settings, cases/, .yamllint, .gitignore, .gitattributes.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from safecli.dates import load_timezone
from safecli.errors import FileFormatError, InvalidInput
from safecli.model import EVENT_KINDS, JURISDICTIONS, RISK_LEVELS
from safecli.store import atomic, fastload, refusals
from safecli.store.caseids import DEFAULT_FORMAT, CaseIdFormat, parse_format
from safecli.store.digest_settings import EPISODE_KINDS, DigestSettings, RiskDays
from safecli.store.keyplace import key_position

CONFIG_NAME = "safecli.yaml"
CONFIG_KEYS = (
    "organisation",
    "book_id",
    "mail_domain",
    "jurisdiction",
    "timezone",
    "show_names",
    "commit",
    "lead_times",
    "digest",
    "validate",
    "meeting_types",
    "council",
    "closure_days",
    "clocks",
    "case_id_format",
)
MAIL_DOMAIN = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")
DEFAULT_LEAD_TIMES = {"high": 1, "medium": 3, "low": 5}
# Statutory clocks in working days, per jurisdiction; None: no clock. Wales: an
# enquiry within 7 working days of the report, a protection plan reviewed at least
# every 6 weeks (30 working days). England sets no national timescale.
CLOCKS = ("enquiry_working_days", "plan_review_working_days")
DEFAULT_CLOCKS: dict[str, dict[str, int | None]] = {
    "england": {"enquiry_working_days": None, "plan_review_working_days": None},
    "wales": {"enquiry_working_days": 7, "plan_review_working_days": 30},
}


DIGEST_KEYS = tuple(f.name for f in fields(DigestSettings))
# The digest settings that are a whole number of days (or episodes).
DIGEST_NUMBERS = (
    "minutes_share_days",
    "minutes_record_days",
    "feedback_days",
    "episodes",
    "episode_days",
)


@dataclass(frozen=True)
class Config:
    """The book's settings from safecli.yaml, with defaults filled in."""

    organisation: str = ""
    book_id: str | None = None
    mail_domain: str | None = None
    jurisdiction: str = "england"
    timezone: str = "Europe/London"
    show_names: bool = False
    commit: bool = False
    lead_times: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_LEAD_TIMES))
    digest: DigestSettings = field(default_factory=DigestSettings)
    validate: dict[str, Any] = field(default_factory=dict)
    meeting_types: dict[str, Any] = field(default_factory=dict)
    council: str = ""
    closure_days: tuple[date, ...] = ()
    clocks: dict[str, dict[str, int | None]] = field(
        default_factory=lambda: {k: dict(v) for k, v in DEFAULT_CLOCKS.items()}
    )
    case_id_format: str = DEFAULT_FORMAT

    @property
    def case_ids(self) -> CaseIdFormat:
        """The book's case id format, parsed (read_config has checked it)."""
        return parse_format(self.case_id_format)

    @property
    def tz(self) -> ZoneInfo:
        """The book's timezone."""
        return load_timezone(self.timezone)


def read_config(path: Path) -> Config:
    """Read and check safecli.yaml, naming the key of anything wrong.

    Every command reads it: the fast reader's data is checked first, and only a file
    it refuses, a setting found wrong (whose key the round-trip document places) or
    meeting type overrides (whose errors the policy pack places) are read again by
    the round-trip reader."""
    text = refusals.read_text(path)
    config = _from_fast_reader(path, text)
    if config is not None:
        return config
    from safecli.store import roundtrip  # only here: a command that only reads never needs it

    return _checked(path, roundtrip.parse(path, text, dict))


def _from_fast_reader(path: Path, text: str) -> Config | None:
    """The settings checked from the fast reader's data; None when the round-trip reader
    must read the file: to place what is wrong, or for meeting type overrides."""
    try:
        refusals.check_text(path, text)
        raw = fastload.load_checked(path, text, dict)
        return None if raw.get("meeting_types") else _checked(path, raw)
    except FileFormatError:
        return None


def _checked(path: Path, raw: Any) -> Config:
    unknown = [key for key in raw if key not in CONFIG_KEYS]
    if unknown:
        raise FileFormatError(
            f"unknown setting {unknown[0]!r}; known: {', '.join(CONFIG_KEYS)}",
            path=path,
            **key_position(raw, unknown[0]),
        )
    if raw.get("jurisdiction") not in JURISDICTIONS:
        raise FileFormatError(
            "jurisdiction must be england or wales", path=path, **key_position(raw, "jurisdiction")
        )
    timezone = raw.get("timezone") or "Europe/London"
    try:
        load_timezone(str(timezone))
    except InvalidInput as exc:
        raise FileFormatError(exc.message, path=path, **key_position(raw, "timezone")) from exc
    lead_times = {**DEFAULT_LEAD_TIMES, **_int_map(path, raw, "lead_times", RISK_LEVELS)}
    digest = _digest(path, raw)
    for key in ("show_names", "commit"):
        if not isinstance(raw.get(key, False), bool):
            raise FileFormatError(
                f"{key} must be true or false", path=path, **key_position(raw, key)
            )
    for key in ("validate", "meeting_types"):
        if not isinstance(raw.get(key) or {}, dict):
            raise FileFormatError(f"{key} must be a mapping", path=path, **key_position(raw, key))
    book_id = raw.get("book_id")
    if book_id is not None and not _is_uuid(book_id):
        raise FileFormatError(
            "book_id must be a UUID (safecli init makes one; see docs/teamwork.md)",
            path=path,
            **key_position(raw, "book_id"),
        )
    domain = raw.get("mail_domain")
    if domain is not None and not (isinstance(domain, str) and MAIL_DOMAIN.fullmatch(domain)):
        raise FileFormatError(
            "mail_domain must be a domain name such as council.example.gov.uk",
            path=path,
            **key_position(raw, "mail_domain"),
        )
    id_format = raw.get("case_id_format", DEFAULT_FORMAT)
    try:
        parse_format(id_format if isinstance(id_format, str) else "")
    except InvalidInput as exc:
        raise FileFormatError(
            exc.message, path=path, **key_position(raw, "case_id_format")
        ) from exc
    return Config(
        organisation=str(raw.get("organisation") or ""),
        book_id=str(book_id) if book_id is not None else None,
        mail_domain=domain,
        jurisdiction=raw["jurisdiction"],
        timezone=str(timezone),
        show_names=bool(raw.get("show_names", False)),
        commit=bool(raw.get("commit", False)),
        lead_times=lead_times,
        digest=digest,
        validate=dict(raw.get("validate") or {}),
        meeting_types=dict(raw.get("meeting_types") or {}),
        council=str(raw.get("council") or ""),
        closure_days=_closure_days(path, raw),
        clocks=_clocks(path, raw),
        case_id_format=str(id_format),
    )


def _is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return isinstance(value, str)


def _closure_days(path: Path, raw: Any) -> tuple[date, ...]:
    days = raw.get("closure_days") or []
    if not isinstance(days, list):
        raise FileFormatError(
            "closure_days must be a list of dates", path=path, **key_position(raw, "closure_days")
        )
    for day in days:
        if not isinstance(day, date) or isinstance(day, datetime):
            raise FileFormatError(
                f"closure_days: {day!r} is not a date (YYYY-MM-DD)",
                path=path,
                **key_position(raw, "closure_days"),
            )
    return tuple(sorted(days))


def _clocks(path: Path, raw: Any) -> dict[str, dict[str, int | None]]:
    given = raw.get("clocks") or {}
    clocks = {k: dict(v) for k, v in DEFAULT_CLOCKS.items()}
    if not isinstance(given, dict):
        raise FileFormatError("clocks must be a mapping", path=path, **key_position(raw, "clocks"))
    for jurisdiction, values in given.items():
        if jurisdiction not in JURISDICTIONS or not isinstance(values, dict):
            raise FileFormatError(
                f"clocks.{jurisdiction}: expected england or wales, each a mapping",
                path=path,
                **key_position(given, jurisdiction),
            )
        for name, number in values.items():
            bad_number = number is not None and (
                not isinstance(number, int) or isinstance(number, bool) or number < 1
            )
            if name not in CLOCKS or bad_number:
                raise FileFormatError(
                    f"clocks.{jurisdiction}.{name}: expected one of {', '.join(CLOCKS)} "
                    "with a whole number of working days, or null",
                    path=path,
                    **key_position(values, name),
                )
            clocks[str(jurisdiction)][str(name)] = number
    return clocks


def _digest(path: Path, raw: Any) -> DigestSettings:
    """The digest settings: whole numbers of days, `first_meeting_days` one number or one per
    risk level, `episode_kinds` a list of event kinds."""
    given = raw.get("digest") or {}
    if not isinstance(given, dict):
        raise FileFormatError("digest must be a mapping", path=path, **key_position(raw, "digest"))
    numbers: dict[str, int] = {}
    for name, value in given.items():
        if name not in DIGEST_KEYS:
            raise FileFormatError(
                f"digest.{name}: expected one of {', '.join(DIGEST_KEYS)}",
                path=path,
                **key_position(given, name),
            )
        if name in DIGEST_NUMBERS:
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise FileFormatError(
                    f"digest.{name}: expected a whole number of days",
                    path=path,
                    **key_position(given, name),
                )
            numbers[str(name)] = value
    if numbers.get("episodes") == 0:
        raise FileFormatError(
            "digest.episodes: at least 1 episode", path=path, **key_position(given, "episodes")
        )
    first = given.get("first_meeting_days")
    if first is None:
        levels = RiskDays()
    elif isinstance(first, int) and not isinstance(first, bool) and first >= 0:
        levels = RiskDays(first, first, first)
    else:
        levels = RiskDays(
            **_int_map(path, given, "first_meeting_days", RISK_LEVELS, prefix="digest.")
        )
    kinds = given.get("episode_kinds", list(EPISODE_KINDS))
    if not isinstance(kinds, list) or any(kind not in EVENT_KINDS for kind in kinds):
        raise FileFormatError(
            f"digest.episode_kinds: expected a list of event kinds: {', '.join(EVENT_KINDS)}",
            path=path,
            **key_position(given, "episode_kinds"),
        )
    return DigestSettings(
        **numbers, first_meeting_days=levels, episode_kinds=tuple(str(k) for k in kinds)
    )


def _int_map(
    path: Path, raw: Any, key: str, allowed: tuple[str, ...], *, prefix: str = ""
) -> dict[str, int]:
    value = raw.get(key) or {}
    if not isinstance(value, dict):
        what = "a whole number of days, or a mapping" if prefix else "a mapping"
        raise FileFormatError(f"{prefix}{key} must be {what}", path=path, **key_position(raw, key))
    for name, number in value.items():
        bad = not isinstance(number, int) or isinstance(number, bool) or number < 0
        if name not in allowed or bad:
            raise FileFormatError(
                f"{prefix}{key}.{name}: expected one of {', '.join(allowed)} "
                "with a whole number of days",
                path=path,
                **key_position(value, name),
            )
    return {str(name): int(number) for name, number in value.items()}


CONFIG_TEMPLATE = """\
---
# safecli case book settings (see docs/file-format.md)
organisation: {organisation}
# this book's identity: keeps its calendar entries apart from other books'
book_id: {book_id}
# the domain of Message-IDs (default: the sender's address's domain)
mail_domain: null
# england (Care Act 2014 s42) or wales (SSWB(W)A 2014 s126)
jurisdiction: {jurisdiction}
timezone: {timezone}
show_names: false    # true: lists and digests may show adults' names
commit: false        # true: writing commands commit what they changed
lead_times:          # days of notice an invitation needs, by risk level
  high: {high}
  medium: {medium}
  low: {low}
digest:
  # flag held meetings whose minutes are not shared after N days
  minutes_share_days: {minutes_share_days}
  # flag open cases with no meeting held N days after the concern, by risk
  first_meeting_days: {{high: {first_high}, medium: {first_medium}, low: {first_low}}}
  # flag planned meetings with no minutes N days after their time
  minutes_record_days: {minutes_record_days}
  # flag feedback to the adult not given N days after the meeting
  # (when no due date is recorded)
  feedback_days: {feedback_days}
  # flag this many episodes within N days with no meeting called since
  episodes: {episodes}
  episode_days: {episode_days}
  episode_kinds:
{episode_kinds}
validate:
  strict: false
  select: []
  ignore: []
# add meeting types, or override fields of the built-in ones
meeting_types: {{}}
# the council whose statutory return this book makes (safecli stats)
council: null
# the book's own closure days, which are not working days
closure_days: []
# statutory clocks in working days, per jurisdiction; null: no clock
clocks:
  england: {{enquiry_working_days: null, plan_review_working_days: null}}
  wales: {{enquiry_working_days: 7, plan_review_working_days: 30}}
# how case ids look: fixed text, {{year}} and {{number}} ({{number:04d}}: 4 digits or
# more); case new numbers cases so, and validate (INT002) holds every case to it
case_id_format: {case_id_format}
"""
# yamllint's defaults, less two rules that do not fit case files: free text stays on
# the line its author wrote it (safecli never re-wraps it, so diffs stay small), and
# `---` at the top is optional (safecli reads it and keeps it as it finds it).
YAMLLINT = """\
---
# yamllint settings for this case book (safecli init wrote them; see its README)
extends: default
rules:
  line-length: disable
  document-start: disable
"""
GITIGNORE = """\
# safecli's own lock, cache and temporary files
.safecli.lock
.safecli/
.*.tmp
"""
GITATTRIBUTES = """\
# case files: merged by safecli's merge driver when registered (safecli git setup)
cases/**/*.yaml merge=safecli text eol=lf
"""


def _digest_defaults() -> dict[str, Any]:
    """The digest defaults, as the template writes them."""
    defaults = DigestSettings()
    first = asdict(defaults.first_meeting_days)
    return {
        **{name: getattr(defaults, name) for name in DIGEST_NUMBERS},
        **{f"first_{risk}": days for risk, days in first.items()},
        "episode_kinds": "\n".join(f"    - {kind}" for kind in defaults.episode_kinds),
    }


def init_book(
    root: Path,
    *,
    organisation: str,
    jurisdiction: str,
    timezone: str,
    book_id: str | None = None,
    case_id_format: str = DEFAULT_FORMAT,
) -> list[Path]:
    """Create a new case book at root; refuse if one is already there."""
    if (root / CONFIG_NAME).exists():
        raise FileFormatError(
            "a case book already exists here; not overwriting it", path=root / CONFIG_NAME
        )
    if jurisdiction not in JURISDICTIONS:
        raise FileFormatError(f"jurisdiction must be england or wales, not {jurisdiction!r}")
    load_timezone(timezone)
    parse_format(case_id_format)
    control = refusals.first_control(organisation)
    if control is not None:
        raise InvalidInput(
            f"--organisation contains {refusals.control_name(control)}; nothing was written"
        )
    if not root.exists():
        root.mkdir(mode=0o700, parents=True)
    if not (root / "cases").exists():
        atomic.make_private_dir(root / "cases")
    config = CONFIG_TEMPLATE.format(
        organisation=json.dumps(organisation, ensure_ascii=False),
        book_id=book_id or uuid.uuid4(),
        jurisdiction=jurisdiction,
        timezone=timezone,
        case_id_format=json.dumps(case_id_format),
        **DEFAULT_LEAD_TIMES,
        **_digest_defaults(),
    )
    written = [root / CONFIG_NAME]
    atomic.write_atomic(root / CONFIG_NAME, config)
    if not (root / ".yamllint").exists():
        atomic.write_atomic(root / ".yamllint", YAMLLINT)
        written.append(root / ".yamllint")
    for name, content in ((".gitignore", GITIGNORE), (".gitattributes", GITATTRIBUTES)):
        path = root / name
        existing = path.read_text(encoding="utf-8") if path.exists() else ""
        missing = [line for line in content.splitlines() if line not in existing.splitlines()]
        if missing:
            joined = existing + ("\n" if existing and not existing.endswith("\n") else "")
            atomic.write_atomic(path, joined + "\n".join(missing) + "\n")
            written.append(path)
    read_config(root / CONFIG_NAME)
    return written


def upgrade_book(root: Path) -> list[Path]:
    """Add to an existing book what `init` writes today and it lacks; the files written."""
    from safecli.store.identity import add_book_id

    path = root / CONFIG_NAME
    if not path.exists():
        raise FileFormatError("no case book here to upgrade (safecli init makes one)", path=path)
    written = [path] if add_book_id(path, read_config(path)) else []
    if not (root / ".yamllint").exists():
        atomic.write_atomic(root / ".yamllint", YAMLLINT)
        written.append(root / ".yamllint")
    return written
