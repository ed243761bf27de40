"""Field rules shared by the window, the command line and imports."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from visitplanner.domain.errors import ValidationError
from visitplanner.i18n import _, number

# Deliberately simple: one @, a dot in the domain, no spaces. Real validation is
# the mail server's; this catches typos without rejecting unusual but valid names.
_EMAIL = re.compile(r"^[^@\s<>\"(),;:]+@[^@\s<>\"(),;:]+\.[^@\s<>\"(),;:.]{2,}$")


def required_text(value: str | None, field: str, max_length: int = 300) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(field, _("this field is required."))
    if len(text) > max_length:
        raise ValidationError(
            field, _("at most {n} characters are allowed.").format(n=number(max_length))
        )
    return text


def optional_text(value: str | None, field: str, max_length: int = 20000) -> str | None:
    text = (value or "").strip()
    if len(text) > max_length:
        raise ValidationError(
            field, _("at most {n} characters are allowed.").format(n=number(max_length))
        )
    return text or None


def email(value: str | None, field: str) -> str | None:
    text = (value or "").strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    if not text:
        return None
    if not _EMAIL.match(text):
        raise ValidationError(
            field, _("“{value}” is not a valid e-mail address.").format(value=text)
        )
    return text


def email_key(value: str | None) -> str | None:
    """The form under which two addresses are the same person (case-insensitive)."""
    return value.strip().casefold() if value else None


def non_negative_int(value: object, field: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError(
            field, _("“{value}” is not a whole number.").format(value=value)
        ) from None
    if number < 0:
        raise ValidationError(field, _("the number cannot be negative."))
    return number


def timezone(value: str | None, field: str) -> ZoneInfo:
    name = (value or "").strip() or "Europe/Paris"
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            field, _("“{value}” is not a known time zone.").format(value=name)
        ) from None


def parse_datetime(value: str, field: str, zone: ZoneInfo) -> datetime:
    """Reads an ISO 8601 date-time; a time without offset is taken in ``zone``."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(field, _("this field is required."))
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            field,
            _("“{value}” is not a date and time like 2027-03-12T09:30.").format(value=text),
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    return parsed


def end_after_start(start: datetime, end: datetime, field: str = "end") -> None:
    if end < start:
        raise ValidationError(field, _("the end comes before the start."))
