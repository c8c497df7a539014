"""The store: safe YAML reading and atomic writes, the book, its settings."""
