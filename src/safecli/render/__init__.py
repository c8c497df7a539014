"""Rendered documents: invitations, minutes and the protection plan.

`templates` holds the Jinja environments; `invitation`, `minutes` and `plan`
build what each document shows; `calendar` and `mail` make the .ics and .eml
forms of an invitation; `documents` ties them together for the CLI.

This module stays light: the CLI imports it at start-up, the rest on use.
"""

FORMATS = ("md", "html", "txt")
INVITATION_FORMATS = (*FORMATS, "ics", "eml")
