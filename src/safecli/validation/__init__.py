"""Validation: run the rules of `safecli.validation.rules` over cases, like a linter.

`run` checks cases and applies waivers (`waivers`), `cache` keeps findings of
unchanged cases, `shape` and `shapecheck` describe every key of the four files
(used by the integrity rules and by `schema`, the JSON Schema).
"""
