"""The command line: thin Typer apps over the library, one module per noun."""

from __future__ import annotations

import sys


def run() -> None:
    """Console-script entry point: `safecli --version` answers before Typer is imported."""
    if sys.argv[1:] == ["--version"]:
        from safecli import __version__

        print(f"safecli {__version__}")
        return
    from safecli.cli.main import run as run_app

    run_app()
