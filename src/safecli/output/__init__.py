"""What safecli prints: the terminal filter, Markdown escaping and the one CSV writer."""
