"""Validation: run the rules of `safecli.validation.rules` over cases, like a linter.

`run` checks cases and applies their waivers, `cache` keeps findings of unchanged
cases, `schema` is the JSON Schema of `safecli.shape`. The runner imports the rules;
`rules/` (the rules, the case view, the shape check and the waiver syntax they read)
imports nothing else of this package.
"""
