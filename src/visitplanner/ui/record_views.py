"""Read-only views of events and story entries, until their own pages exist."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from visitplanner.domain.enums import EventKind, EventStatus, ResponseStatus, Role
from visitplanner.i18n import _
from visitplanner.services.narrative import list_log
from visitplanner.services.planning import get_event
from visitplanner.store.database import Catalogue
from visitplanner.ui.formats import day, when


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


def event_html(catalogue: Catalogue, event_id: int) -> str:
    detail = get_event(catalogue, event_id)
    e = detail.event
    parts = [
        f"<h2>{escape(e.title)}</h2>",
        f"<p><b>{escape(EventKind(e.kind).label)}</b> · {escape(EventStatus(e.status).label)}</p>",
        f"<p>{escape(when(e.start))} → {escape(when(e.end))}</p>",
    ]
    if e.location:
        parts.append(f"<p>{escape(e.location)}</p>")
    if e.visit_question:
        parts.append(f"<p><i>{escape(e.visit_question)}</i></p>")
    if detail.programme:
        parts.append(f"<h3>{escape(_('Programme'))}</h3><ul>")
        for item in detail.programme:
            hours = item.start.strftime("%H:%M") + " " if item.start else ""
            speaker = f" — {escape(item.speaker)}" if item.speaker else ""
            parts.append(f"<li>{hours}{escape(item.title)}{speaker}</li>")
        parts.append("</ul>")
    if detail.participants:
        parts.append(f"<h3>{escape(_('Participants'))}</h3><ul>")
        for p in detail.participants:
            parts.append(
                f"<li>{escape(p.name)} — {escape(Role(p.role).label)}, "
                f"{escape(ResponseStatus(p.status).label)}</li>"
            )
        parts.append("</ul>")
    return "".join(parts)


def show_event(parent: QWidget | None, catalogue: Catalogue, event_id: int) -> None:
    _dialog(parent, _("Event"), event_html(catalogue, event_id)).exec()


def show_log_entry(parent: QWidget | None, catalogue: Catalogue, uuid: str) -> None:
    entry = next((e for e in list_log(catalogue) if e.uuid == uuid), None)
    if entry is None:
        return
    text = "".join(f"<p>{escape(p)}</p>" for p in (entry.text or "").split("\n\n"))
    html = f"<h2>{escape(entry.title)}</h2><p>{escape(day(entry.date))}</p>{text}"
    _dialog(parent, _("Shared story"), html).exec()
