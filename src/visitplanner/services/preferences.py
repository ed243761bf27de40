"""The preferences a user may read and change by name, with the window's rules.

The window's Preferences dialog and ``visitplanner config`` read and write the
same settings file (:mod:`visitplanner.settings`); this module says which of
its fields are preferences, and what a valid value is for each, so a value set
from a script is one the window would have accepted. The SMTP password is not
one of them: it lives in the system keyring, never in a file or a command line
(where the shell history would keep it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from visitplanner.domain import validation as check
from visitplanner.domain.errors import UserError, ValidationError
from visitplanner.i18n import _
from visitplanner.settings import Settings, load_settings, save_settings

LANGUAGES = ("system", "fr", "en")
SMTP_SECURITY = ("starttls", "ssl", "none")
PASSWORD_KEY = "smtp_password"


def _text(key: str, value: str) -> str:
    return check.optional_text(value, key, 300) or ""


def _email(key: str, value: str) -> str:
    return check.email(value, key) or ""


def _zone(key: str, value: str) -> str:
    if not value.strip():
        raise ValidationError(key, _("this field is required."))
    return check.timezone(value, key).key


def _one_of(choices: tuple[str, ...]) -> Callable[[str, str], str]:
    def parse(key: str, value: str) -> str:
        code = value.strip().lower()
        if code not in choices:
            raise ValidationError(
                key,
                _("“{value}” is not one of: {choices}.").format(
                    value=value, choices=", ".join(choices)
                ),
            )
        return code

    return parse


def _whole(low: int, high: int) -> Callable[[str, str], int]:
    def parse(key: str, value: str) -> int:
        try:
            number = int(value.strip())
        except ValueError:
            raise ValidationError(
                key, _("“{value}” is not a whole number.").format(value=value)
            ) from None
        if not low <= number <= high:
            raise ValidationError(
                key, _("give a number from {low} to {high}.").format(low=low, high=high)
            )
        return number

    return parse


def _yes_no(key: str, value: str) -> bool:
    text = value.strip().casefold()
    if text in {"yes", "true", "1", "on", "oui", "vrai"}:
        return True
    if text in {"no", "false", "0", "off", "non", "faux"}:
        return False
    raise ValidationError(key, _("answer yes or no, not “{value}”.").format(value=value))


def _folder(key: str, value: str) -> str:
    text = value.strip()
    return str(Path(text).expanduser()) if text else ""


# Same limits as the Preferences dialog.
PARSERS: dict[str, Callable[[str, str], Any]] = {
    "organiser_name": _text,
    "organiser_email": _email,
    "default_timezone": _zone,
    "language": _one_of(LANGUAGES),
    "smtp_host": _text,
    "smtp_port": _whole(1, 65535),
    "smtp_security": _one_of(SMTP_SECURITY),
    "smtp_user": _text,
    "smtp_local_relay_confirmed": _yes_no,
    "backup_keep": _whole(0, 365),
    "backup_folder": _folder,
    "privacy_inactive_years": _whole(1, 50),
    "outbox_body_days": _whole(1, 3650),
}
KEYS = tuple(PARSERS)


def _check_key(key: str) -> None:
    if key == PASSWORD_KEY:
        raise UserError(
            _(
                "smtp_password is kept in the system keyring, not in the settings: "
                "type it in the window's Preferences."
            )
        )
    if key not in PARSERS:
        raise UserError(
            _("There is no setting “{key}”; the settings are: {keys}.").format(
                key=key, keys=", ".join(KEYS)
            )
        )


def preferences(path: Path | None = None) -> list[tuple[str, Any]]:
    """Every preference with its current value, in a stable order."""
    settings = load_settings(path)
    return [(key, getattr(settings, key)) for key in KEYS]


def get_preference(key: str, path: Path | None = None) -> Any:
    _check_key(key)
    return getattr(load_settings(path), key)


def set_preference(key: str, value: str, path: Path | None = None) -> Any:
    """Checks ``value`` as the window would, saves it, and returns it as stored.

    A refused value leaves the file as it was.
    """
    _check_key(key)
    parsed = PARSERS[key](key, value)
    settings: Settings = load_settings(path)
    setattr(settings, key, parsed)
    save_settings(settings, path)
    return parsed
