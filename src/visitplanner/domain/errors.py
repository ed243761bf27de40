"""Errors a user can act on. Their message is one plain, translated sentence."""

from __future__ import annotations


class UserError(Exception):
    """A refusal the user caused and can fix: shown as is, nothing was changed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(UserError):
    """Bad value for one named field."""

    def __init__(self, field: str, message: str) -> None:
        from visitplanner.i18n import _

        super().__init__(_("{field}: {message}").format(field=field, message=message))
        self.field = field
        self.reason = message


class NotFoundError(UserError):
    """No record answers to the reference the user gave."""


class CatalogueError(UserError):
    """The catalogue file cannot be opened as it is (not a catalogue, too new, unwritable)."""
