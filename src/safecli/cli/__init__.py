"""The command line: thin Typer apps over the library, one module per noun."""

from __future__ import annotations

import sys


def run() -> None:
    """Console-script entry point. Four calls skip building the command line (Typer):
    `safecli --version`, a command's `--help` (stored, see helptext.py),
    `safecli merge-file O A B P` as git runs it once a file, and a warm `safecli
    overdue` (see fastdigest.py: anything it cannot answer goes to Typer)."""
    args = sys.argv[1:]
    if args == ["--version"]:
        from safecli import __version__

        print(f"safecli {__version__}")
        return
    if args and args[-1] in ("--help", "-h"):
        from safecli.cli.helptext import stored_help

        text = stored_help(args)
        if text is not None:
            sys.stdout.write(text)
            return
    if len(args) == 5 and args[0] == "merge-file" and not any(a.startswith("-") for a in args):
        from safecli.cli.mergefile import merge_file

        sys.exit(merge_file(*args[1:]))
    if "overdue" in args:
        from safecli.cli.fastdigest import fast_overdue

        code = fast_overdue(args)
        if code is not None:
            sys.exit(code)
    from safecli.cli.main import run as run_app

    run_app()
