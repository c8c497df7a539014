"""INT001 parse: every case file can be read.

Each of the four files is read the way safecli's store reads it, with the same
refusals: a missing or empty file, bytes that are not UTF-8, a byte-order mark,
NUL bytes, CRLF line ends, YAML that does not parse, anchors, aliases, tags,
several documents, keys written twice, a top level that is not a mapping
(adult.yaml) or a list (the other three). Each refusal is reported at its line
and column; nothing else in that file is checked until it can be read.
Impossible dates are reported as INT005 and conflict markers as INT007.

Why: integrity. A file safecli cannot read is a record nobody can rely on, and
a command that writes the case would refuse it too.

Passes:

    # actions.yaml
    - id: A1
      status: open

Fails:

    # actions.yaml
    - id: A1
      status: open
      status: done                # the same key twice
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli.store.refusals import CONFLICT_MARKER
from safecli.validation.rules.base import ERROR, CaseView, Finding, Rule

IMPOSSIBLE_DATE = "impossible date"


def check(view: CaseView) -> Iterator[Finding]:
    for kind, error in view.refusals.items():
        text = view.texts.get(kind)
        if text is not None and CONFLICT_MARKER.search(text):
            continue
        if error.message.startswith(IMPOSSIBLE_DATE):
            continue
        yield view.file_finding(RULE, kind, error.message, error.line, error.column)


RULE = Rule(
    code="INT001",
    severity=ERROR,
    principle="integrity",
    summary="every case file can be read (the store's refusals)",
    check=check,
    doc=__doc__ or "",
)
