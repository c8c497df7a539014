"""The rulebook at write time: a command's change is checked by the rules validate runs.

A writing command hands the store a `Rulebook`; before any file is replaced the store
calls it with the case's texts as they are and as they would be. A change that brings
in an error-level finding is refused (`Refused`, nothing written); the warnings it
brings in are kept for the command to print. Findings already there before the change
never block it: a command may mend a case one fact at a time. So only the rules that
read a file the change touches run, and only their modules are imported
(`RULES.reading`): every other rule would find after the change what it found before.
The rules are given the data the command's fast reader read already (`read`).

A change of the book's settings (`check_settings`) is checked the same way, over every
case: validate as it would run under the new settings against validate as it runs now.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from safecli.errors import FileFormatError, RuleViolation
from safecli.model import FILES
from safecli.store.book import Book, Read
from safecli.store.config import Config
from safecli.validation.load import view_of
from safecli.validation.rules import OTHER_CASES, RULES
from safecli.validation.rules.base import ERROR, Context, Finding
from safecli.validation.run import Selection, book_defaults, check_view, context_of, validate


class Refused(RuleViolation):
    """Raised when a change would bring in findings that validate reports as errors."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        codes = ", ".join(dict.fromkeys(f.code for f in findings))
        last = (
            f"nothing written: the change would break {codes} "
            f"(see: safecli rules {findings[0].code})"
        )
        super().__init__("\n".join([*(f.describe() for f in findings), last]))
        self.findings = tuple(findings)


@dataclass
class Rulebook:
    """The store's guard for one command: checks each case change against the rules
    (those that read what the change touches: the others find what they found before)."""

    book: Book
    today: date
    warnings: list[Finding] = field(default_factory=list)
    _context: Context | None = None
    _selection: Selection | None = None

    def __call__(
        self,
        case_id: str,
        before: Mapping[str, str | None],
        after: Mapping[str, str | None],
        peers: Mapping[str, Mapping[str, str | None]] | None = None,
        read: Read | None = None,
    ) -> None:
        """Refuse the change from `before` to `after` (texts by kind) if it brings in an
        error; remember the warnings it brings in. `peers`: the other cases of the same
        change, as they would be after it (the findings before read them from disk).
        `read`: the fast reader's data of texts it has read (by kind and text), which
        the rules are given rather than reading those texts again."""
        if self._context is None:
            self._context = context_of(self.book)
            _, select, ignore = book_defaults(self.book)
            self._selection = Selection(select, ignore)
        seen = read or {}
        # A rule that reads no file the change touches finds after it what it found
        # before, which excuses it: only the rules reading what changed run.
        changed = [kind for kind in FILES if before.get(kind) != after.get(kind)]
        if peers:
            changed.append(OTHER_CASES)
        new = self._findings(case_id, after, peers or {}, seen, RULES.reading(changed))
        # Only what the change brings in counts: a finding before excuses one after of
        # its code, so before the change only the rules of the codes found after it run
        # (none when none was found).
        codes = {f.code for f in new}
        old = (
            self._findings(case_id, before, {}, seen, codes)
            if codes and any(before.values())
            else []
        )
        introduced = brought_in(old, new)
        errors = [f for f in introduced if f.severity == ERROR]
        if errors:
            raise Refused(errors)
        self.warnings.extend(f for f in introduced if f.severity != ERROR)

    def _findings(
        self,
        case_id: str,
        texts: Mapping[str, str | None],
        peers: Mapping[str, Mapping[str, str | None]],
        seen: Read,
        codes: Collection[str] | None = None,
    ) -> list[Finding]:
        assert self._context is not None and self._selection is not None
        folder = self._context.root / "cases" / case_id
        raws: dict[str, bytes | FileFormatError] = {}
        for kind in FILES:
            text = texts.get(kind)
            raws[kind] = (
                text.encode("utf-8")
                if text is not None
                else FileFormatError("file is missing", path=folder / f"{kind}.yaml")
            )
        context = replace(self._context, pending=peers) if peers else self._context
        view = view_of(context, case_id, raws, self.today, seen, by_nodes=True)
        kept, _ = check_view(view, codes)
        return [f for f in kept if self._selection.wants(f.code)]


def check_settings(book: Book, after: Config, today: date) -> None:
    """Refuse new settings under which validate would report an error it does not report
    now, in any case of the book (`Refused`, listing those findings)."""
    _, select, ignore = book_defaults(book)
    selection = Selection(select, ignore)
    case_ids = book.case_ids()
    old = validate(book, case_ids, today, selection=selection).findings
    new = validate(
        replace(book, config=after), case_ids, today, selection=selection, use_cache=False
    ).findings
    errors = [f for f in brought_in(old, new) if f.severity == ERROR]
    if errors:
        raise Refused(errors)


def brought_in(old: Sequence[Finding], new: Sequence[Finding]) -> list[Finding]:
    """The findings of `new` that `old` did not have (by file, code and message: a change
    moves lines), in file order."""
    before = Counter((f.path, f.code, f.message) for f in old)
    found = []
    for finding in sorted(new, key=lambda f: (f.path, f.line, f.column, f.code)):
        key = (finding.path, finding.code, finding.message)
        if before[key]:
            before[key] -= 1
        else:
            found.append(finding)
    return found
