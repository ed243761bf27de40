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
    """The catalogue file cannot be opened as it is (not a catalogue, too new, unwritable).

    ``reason`` says which kind of trouble it is, so that start-up can offer the way out
    that fits (open read-only, free some space, restore a backup) instead of a dead end.
    """

    LOCKED = "locked"  # another running Visit Planner holds it
    READ_ONLY = "read_only"  # the file or its folder cannot be written
    DISK_FULL = "disk_full"  # no space left to write
    NOT_CATALOGUE = "not_catalogue"  # random bytes, a text file, a foreign SQLite database
    NEWER = "newer"  # written by a newer version of the application
    OTHER = "other"
    # A team catalogue's URL (its password hidden), so the way out is to connect again.
    server: str | None = None

    def __init__(self, message: str, reason: str = OTHER) -> None:
        super().__init__(message)
        self.reason = reason


class ReadOnlyCatalogueError(UserError):
    """A change was attempted on a catalogue opened read-only; nothing was written."""

    def __init__(self, message: str | None = None) -> None:
        from visitplanner.i18n import _

        super().__init__(
            message
            or _(
                "This catalogue is open read-only, so this change was not saved. "
                "Close Visit Planner and open the catalogue normally to edit it."
            )
        )


class ConcurrentSaveError(UserError):
    """Another save of the same record committed while this one was being written.

    The database refused ours (its ``WHERE version = …`` found the row changed): nothing
    was written, and saving again starts from what the other save left.
    """

    def __init__(self) -> None:
        from visitplanner.i18n import _

        super().__init__(
            _("Someone else saved this record at the same moment, so nothing was saved. Try again.")
        )


class EditConflict(UserError):
    """Someone else saved the record after this form loaded it; nothing was written.

    ``theirs`` is the record as it is now (the service's view), ``version`` the version
    to name when saving over it, ``saved_by``/``saved_at`` the last save's author and
    time from the audit trail (empty/None when the trail does not say).
    """

    def __init__(
        self,
        kind: str,
        record_id: int,
        theirs: object,
        version: int,
        saved_by: str = "",
        saved_at: object = None,
    ) -> None:
        from visitplanner.i18n import _

        who = saved_by or _("someone else")
        super().__init__(
            _("{who} saved this record while you were editing it; nothing was saved.").format(
                who=who
            )
        )
        self.kind = kind
        self.record_id = record_id
        self.theirs = theirs
        self.version = version
        self.saved_by = saved_by
        self.saved_at = saved_at
