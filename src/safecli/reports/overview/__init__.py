"""The team lead's overview: the whole book as a static HTML site, with its trend from git.

`facts` keeps what the report needs of each case (no names, no free text),
`read` collects it through the digest's stat-checked cache, `figures` and
`timeliness` count, `history` reads the committed files week by week,
`charts` does the arithmetic of the SVG charts, `pages` says what each page
shows, and `site` renders the templates and puts the folder in place.
"""
