"""The preferences dialog's small pieces: zone list, section titles, message labels."""

from __future__ import annotations

import zoneinfo

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel

DEFAULT_ZONE = "Europe/Paris"


def timezone_names() -> list[str]:
    """Every zone the system knows, sorted, with Europe/Paris first."""
    names = sorted(zoneinfo.available_timezones() - {DEFAULT_ZONE})
    return [DEFAULT_ZONE, *names]


def shorten_long_words(text: str, limit: int = 40) -> str:
    """Elides the middle of words too long to wrap (a pasted value), keeping both ends."""
    keep = (limit - 1) // 2
    return " ".join(
        f"{word[:keep]}…{word[-keep:]}" if len(word) > limit else word for word in text.split(" ")
    )


def message_label(accessible_name: str) -> QLabel:
    """A wrapped label for a message under a field, named for screen readers."""
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(accessible_name)
    return label


def section(title: str, hint: str, *, wrap: bool = True) -> tuple[QLabel, QLabel]:
    """A bold section title and the sentence under it that says what the section is for."""
    title_label = QLabel(title)
    title_label.setAccessibleName(title)
    font = title_label.font()
    font.setBold(True)
    title_label.setFont(font)
    title_label.setContentsMargins(0, 10, 0, 0)
    hint_label = QLabel(hint)
    hint_label.setWordWrap(wrap)
    hint_label.setAccessibleName(hint)
    return title_label, hint_label


def error_label(accessible_name: str) -> QLabel:
    """Red text, lighter on a dark palette so it stays readable."""
    label = message_label(accessible_name)
    palette = label.palette()
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#ff8a80" if dark else "#b3261e"))
    label.setPalette(palette)
    return label
