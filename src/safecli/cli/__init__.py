"""The command line: thin Typer apps over the library, one module per noun."""
