"""Every command's `--help` as stored text, so `safecli … --help` needs no Typer.

Building the command line costs Typer's import and the parsing of every signature
in a group, several times a bare Python start-up. The texts in `helptexts.json`
are what Typer prints at the standard width (80 columns, which is also what it
uses on any wider terminal or when the output is not a terminal); they are
written by `python -m safecli.cli.reference > docs/cli.md` with the reference,
and a test fails while they differ from what Typer would print. A narrower
terminal, completion, or anything but command words before `--help` goes to Typer.
This module imports json alone: pathlib would cost as much again (it imports
urllib.parse and ipaddress), so the table's place is an os.path string.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence

TABLE = os.path.join(os.path.dirname(__file__), "helptexts.json")
COLUMNS = 80
HELP_OPTIONS = ("--help", "-h")


def terminal_columns() -> int:
    """The columns Typer would format help for (as shutil.get_terminal_size finds them)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(1).columns
        except (OSError, ValueError):
            columns = COLUMNS
    return columns or COLUMNS


def stored_help(args: Sequence[str]) -> str | None:
    """What `safecli ARGS` prints when ARGS are command words then --help; None when
    Typer must answer (not such a call, an unknown command, a narrow terminal)."""
    if not args or args[-1] not in HELP_OPTIONS or "_SAFECLI_COMPLETE" in os.environ:
        return None
    words = args[:-1]
    if any(not word or word.startswith("-") for word in words):
        return None
    if terminal_columns() < COLUMNS:
        return None
    try:
        with open(TABLE, encoding="utf-8") as table:
            texts = json.load(table)
    except (OSError, ValueError):
        return None
    text = texts.get(" ".join(words)) if isinstance(texts, dict) else None
    return text if isinstance(text, str) else None
