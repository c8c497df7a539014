"""Teamwork in git: commits of ids only, the merge driver, the audit trail, checks.

`gitrepo` runs git; `merge` (with `mergetree`, `renumber` and `siblings`) is the
merge driver that merges case files by identity; `history` and `changes` turn a
case's git log into an audit trail; `doctor` checks a book's git setup.
"""
