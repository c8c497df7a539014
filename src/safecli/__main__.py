"""`python -m safecli`."""

from safecli.cli import run

run()
