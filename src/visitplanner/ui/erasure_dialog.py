"""Erasing a person (RGPD) from the window: first a summary of what will go, then one click.

The summary says what is erased, what stays without a name (participations, so head
counts do not change), which texts still name the person (to edit by hand) and which
backups still hold them (deleted too when the box is ticked). The service is
:mod:`visitplanner.services.privacy.erasure`, the one ``people erase`` uses.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from visitplanner.i18n import _, ngettext
from visitplanner.store.database import Catalogue


class ErasureDialog(QDialog):
    erased = Signal(object)  # Changes

    def __init__(self, catalogue: Catalogue, person_id: int, parent: QWidget | None = None):
        from visitplanner.services.privacy.erasure import erasure_summary

        super().__init__(parent)
        self.catalogue, self.person_id = catalogue, person_id
        self.summary = summary = erasure_summary(catalogue, person_id)
        self.setWindowTitle(_("Erase {name}").format(name=summary.name))
        heading = QLabel(
            _(
                "Everything that identifies {name} will be erased from this catalogue. "
                "This cannot be undone."
            ).format(name=summary.name)
        )
        heading.setWordWrap(True)
        lines = [
            ngettext(
                "{n} participation stays, without a name (head counts do not change).",
                "{n} participations stay, without a name (head counts do not change).",
                summary.participations,
            ).format(n=summary.participations),
            ngettext("{n} quote erased.", "{n} quotes erased.", summary.quotes).format(
                n=summary.quotes
            ),
            ngettext("{n} photo erased.", "{n} photos erased.", summary.photos).format(
                n=summary.photos
            ),
            ngettext("{n} message erased.", "{n} messages erased.", summary.messages).format(
                n=summary.messages
            ),
        ]
        if summary.story_entries:
            lines.append("")
            lines.append(
                _(
                    "These story entries name the person: their names are replaced, here "
                    "and in the shared story folder, and their earlier versions deleted:"
                )
            )
            lines += [_("Story entry: {title}").format(title=t) for t in summary.story_entries]
        if summary.debriefs:
            lines.append("")
            lines.append(_("These texts still name the person; edit them by hand:"))
            lines += [_("Debrief: {title}").format(title=t) for t in summary.debriefs]
        if summary.programme:
            lines.append("")
            lines += [
                _("Programme of “{title}”: the name is replaced.").format(title=t)
                for t in summary.programme
            ]
        if summary.backups:
            lines.append("")
            lines.append(_("These backups still hold the person:"))
            lines += [str(path) for path in summary.backups]
        self.details = QPlainTextEdit("\n".join(lines))
        self.details.setReadOnly(True)
        self.details.setAccessibleName(_("What the erasure does"))
        self.purge_backups = QCheckBox(
            ngettext(
                "Also delete the {n} backup that holds the person",
                "Also delete the {n} backups that hold the person",
                len(summary.backups),
            ).format(n=len(summary.backups))
        )
        self.purge_backups.setAccessibleName(self.purge_backups.text())
        self.purge_backups.setVisible(bool(summary.backups))
        buttons = QDialogButtonBox()
        self.erase_button = QPushButton(_("Erase"))
        self.erase_button.setAccessibleName(_("Erase {name}").format(name=summary.name))
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setAccessibleName(_("Cancel"))
        self.erase_button.setAutoDefault(False)
        self.cancel_button.setDefault(True)  # the safe answer is the one Enter gives
        buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.erase_button.clicked.connect(self.erase)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.purge_backups)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def erase(self) -> None:
        from visitplanner.services.privacy.erasure import erase_person, purge_backups

        result = erase_person(self.catalogue, self.person_id)
        if self.purge_backups.isChecked():
            purge_backups(list(self.summary.backups))
        self.erased.emit(result.changes)
        self.accept()
        if not result.compacted:
            from visitplanner.ui import dialogs

            dialogs.show_report(
                self.parentWidget(),
                _("Erased, but the file was not wiped"),
                _(
                    "Another program was using the catalogue, so its free space was not wiped: "
                    "the erased data may stay there until the next erasure."
                ),
                [],
            )


def ask_erase(page: QWidget, person_id: int, over: QWidget | None = None) -> ErasureDialog:
    """Opens the summary over ``page`` (a catalogue page) or the dialog ``over`` it; an
    erasure reaches every page."""
    dialog = ErasureDialog(page.catalogue, person_id, over or page)
    dialog.erased.connect(page.changes_applied)
    page.erasure_dialog = dialog
    dialog.open()
    return dialog
