"""A read-only view of a story entry, until the shared-story page exists."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from visitplanner.i18n import _
from visitplanner.services.narrative import list_log
from visitplanner.store.database import Catalogue
from visitplanner.ui.formats import day


def _dialog(parent: QWidget | None, title: str, html: str) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.resize(640, 520)
    browser = QTextBrowser()
    browser.setAccessibleName(title)
    browser.setHtml(html)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    return dialog


def show_log_entry(parent: QWidget | None, catalogue: Catalogue, uuid: str) -> None:
    entry = next((e for e in list_log(catalogue) if e.uuid == uuid), None)
    if entry is None:
        return
    text = "".join(f"<p>{escape(p)}</p>" for p in (entry.text or "").split("\n\n"))
    html = f"<h2>{escape(entry.title)}</h2><p>{escape(day(entry.date))}</p>{text}"
    _dialog(parent, _("Shared story"), html).exec()
