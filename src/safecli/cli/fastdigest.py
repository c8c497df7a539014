"""`safecli overdue` from a warm cache without building the command line (Typer).

A warm digest of a book of a few thousand cases does less work than the start-up of
the command line (Typer and the commands' modules) and the reading of the book's
settings (the YAML readers). `fast_overdue` answers the plain call itself when all
of these hold, and otherwise returns None so that the Typer command answers, with
its messages and exit codes:

- the arguments are root options, `overdue` and its options as `OPTIONS` (below)
  lists them, in a form parsed here exactly as click parses it: `--name value`,
  `--name=value`, `-f value`, flags; no case named (`--case`, paths), no
  `--mail-dir`, `--no-cache`, help, completion or eager option;
- the digest cache answers for every case as its files are now, none unreadable,
  and the book's settings are kept beside it for safecli.yaml as it is now
  (`digest.warm`);
- the options make a good request (anything wrong: Typer says what);
- the digest's text is plain ASCII with no "invalid" value (the Typer command also
  writes a note on stderr for those, and passes other text through its filters).

The digest itself is made by the same functions as the Typer command's
(`cli/overdue_run.py`). `fastdigest.json` holds the command's options as Typer
declares them, written by `python -m safecli.cli.fastdigest > FILE`; a test fails
while it differs from what the command declares, and another holds this parse
equal to click's on generated argument lists.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any

TABLE = os.path.join(os.path.dirname(__file__), "fastdigest.json")
COMMAND = "overdue"
BOOK_ENV = "SAFECLI_BOOK"


def option_table() -> dict[str, Any]:
    """The root's and the command's options as Typer declares them (builds the command)."""
    from typer.main import get_command

    from safecli.cli.main import app

    group = get_command(app)
    context = group.make_context("safecli", [COMMAND])
    command = group.get_command(context, COMMAND)  # type: ignore[attr-defined]
    assert command is not None
    return {
        "command": COMMAND,
        "help": list(context.help_option_names),
        "root": _options(group.params),
        "options": _options(command.params),
        "defaults": {
            p.name: list(p.default or ()) if p.multiple or p.nargs == -1 else p.default
            for p in command.params
            if p.name
        },
        "envvars": {p.name: p.envvar for p in group.params if p.name and p.envvar},
    }


def _options(params: Sequence[Any]) -> dict[str, list[Any]]:
    """Each option's name -> [parameter, "flag" or "value", the flag's value, multiple,
    special]; special: eager, has a callback or sets nothing (Typer must answer)."""
    found: dict[str, list[Any]] = {}
    for p in params:
        if p.param_type_name != "option":
            continue
        special = bool(p.is_eager or p.callback is not None or not p.expose_value)
        kind = "flag" if p.is_flag else "value"
        for name in p.opts:
            found[name] = [p.name, kind, True if p.is_flag else None, p.multiple, special]
        for name in p.secondary_opts:
            found[name] = [p.name, kind, False, p.multiple, special]
    return dict(sorted(found.items()))


def load_table() -> dict[str, Any] | None:
    try:
        with open(TABLE, encoding="utf-8") as handle:
            table = json.load(handle)
    except (OSError, ValueError):
        return None
    return table if isinstance(table, dict) else None


def parse(
    args: Sequence[str], table: Mapping[str, Any], environ: Mapping[str, str]
) -> tuple[str | None, dict[str, Any]] | None:
    """(the root's --book, the command's parameters as click gives them) for
    `[ROOT OPTIONS] overdue [OPTIONS]`; None for anything else or any doubt."""
    if any(arg in table["help"] for arg in args):
        return None
    root: dict[str, Any] = {}
    at = _options_into(args, 0, table["root"], root)
    if at is None or at >= len(args) or args[at] != table["command"]:
        return None
    params: dict[str, Any] = {
        name: tuple(value) if isinstance(value, list) else value
        for name, value in table["defaults"].items()
    }
    end = _options_into(args, at + 1, table["options"], params)
    if end != len(args) or set(root) - {"book"}:
        return None
    book = root.get("book")
    if book is None:
        book = environ.get(table["envvars"].get("book", BOOK_ENV)) or None
    return book, params


def _options_into(
    args: Sequence[str], at: int, options: Mapping[str, list[Any]], into: dict[str, Any]
) -> int | None:
    """Parse options from args[at:] into `into` up to the first word that is not one
    (its index); None for an option not in `options`, a special one or a doubtful form."""
    while at < len(args):
        token = args[at]
        if token == "-" or not token.startswith("-"):
            return at
        name, equals, attached = token.partition("=")
        spec = options.get(name if token.startswith("--") else token)
        if spec is None:
            return None
        param, kind, flag_value, multiple, special = spec
        if special:
            return None
        if kind == "flag":
            if equals:
                return None
            value: Any = flag_value
            at += 1
        elif equals and token.startswith("--"):
            value = attached
            at += 1
        elif at + 1 < len(args):
            value = args[at + 1]
            at += 2
        else:
            return None
        into[param] = (*into.get(param, ()), value) if multiple else value
    return at


def fast_overdue(args: Sequence[str]) -> int | None:
    """Print a warm digest and give the exit code; None when the Typer command must answer."""
    if "_SAFECLI_COMPLETE" in os.environ:
        return None
    table = load_table()
    parsed = parse(args, table, os.environ) if table is not None else None
    if parsed is None:
        return None
    book, params = parsed
    if params["paths"] or params["case"] or params["mail_dir"] is not None or params["no_cache"]:
        return None
    root = book_root(book)
    if root is None:
        return None
    try:
        return _digest(root, params)
    except KeyboardInterrupt as exc:
        from safecli.cli.failure import report

        return report(exc)


def book_root(explicit: str | None) -> str | None:
    """The book's folder as `store.book.find_book` finds it: `explicit`, or the first
    folder from here upwards with safecli.yaml; None when there is none."""
    from safecli.digest.warm import CONFIG_NAME

    if explicit:
        if not os.path.isfile(os.path.join(explicit, CONFIG_NAME)):
            return None
        return os.path.realpath(explicit)
    here = os.path.realpath(os.getcwd())
    while True:
        if os.path.isfile(os.path.join(here, CONFIG_NAME)):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def _digest(root: str, params: dict[str, Any]) -> int | None:
    import gc
    from pathlib import Path

    from safecli.cli import overdue_run
    from safecli.digest import cache, warm
    from safecli.digest.output import render
    from safecli.errors import EXIT_FINDINGS, SafecliError
    from safecli.model import INVALID

    settings = warm.recall(root)
    if settings is None:
        return None
    try:
        asked = overdue_run.request(
            settings,
            as_of=params["as_of"],
            within=params["within"],
            by=params["by"],
            agency=params["agency"],
            lead=params["lead"],
            case=params["case"],
            risk=params["risk"],
            kind=params["kind"],
            fmt=params["fmt"],
            excel=params["excel"],
            show_names=params["show_names"],
            show_descriptions=params["show_descriptions"],
        )
    except SafecliError:
        return None
    reads = cache.cached_reads(
        os.path.join(root, "cases"), os.path.join(root, warm.CACHE_DIR, cache.CACHE_NAME)
    )
    if reads is None or any(read.facts is None for read in reads):
        return None
    # The facts and items live until the process ends and hold no cycle: the cyclic
    # collector would only walk them (the Typer command keeps it off the facts alone).
    gc.disable()
    try:
        items = overdue_run.items_of(reads, settings, asked, Path(root, "cases"))
    except (SafecliError, OSError):
        return None
    if not items and params["quiet_if_empty"]:
        return 0
    text = render(items, overdue_run.view_of(asked))
    if INVALID in text or not _plain(text):
        return None
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:
        from safecli.cli.failure import report

        return report(exc)
    return EXIT_FINDINGS if params["fail_if_any"] and items else 0


def _plain(text: str) -> bool:
    """Whether text is ASCII with no control character but line ends: what the Typer
    command's output filters pass unchanged."""
    return text.isascii() and text.replace("\r\n", "").replace("\n", "").isprintable()


if __name__ == "__main__":
    sys.stdout.write(json.dumps(option_table(), indent=1) + "\n")
