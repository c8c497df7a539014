"""The overdue digest: what cron prints every morning.

`facts` works out what each case could put in the digest, `cache` keeps those
facts between runs (stat-checked, like git's index), `items` turns them into
dated items for an as-of date, `details` adds names and descriptions only when
asked, and `output` prints them as a table, Markdown, JSON or CSV.
"""
