"""`python -m safecli`."""

from safecli.cli.main import run

run()
