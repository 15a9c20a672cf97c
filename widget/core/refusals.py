"""Refused: what a use case raises when a rule says no. It knows nothing of HTTP.

A refusal has a stable code (the API's `error`), a sentence a person understands, and
per-field messages for forms. web/errors.py turns it into the JSON error shape for the API
(choosing the status from the code) and into a message on the HTML pages.
"""

from __future__ import annotations

from widget.i18n import _


class Refused(Exception):
    """A rule refused the request: `code`, `message`, optional `fields` and `retry_after`."""

    def __init__(
        self,
        code: str,
        message: str,
        fields: dict[str, list[str]] | None = None,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields = fields
        self.retry_after = retry_after


def invalid_fields(fields: dict[str, list[str]]) -> Refused:
    """The refusal of a form or payload whose fields break the rules."""
    return Refused("invalid_fields", _("Some fields are not valid."), fields)
