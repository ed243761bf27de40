"""Every version of one story entry: who wrote what, when, and from which catalogue.

This is where a coordinator sees that two people edited the same entry while apart:
the newest version is shown in the story, the other is kept here, side by side with
the current one, and can be made current again with "Use this version".
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import UserError
from visitplanner.i18n import _
from visitplanner.services.story import entries as story_entries
from visitplanner.services.story.entries import RevisionView
from visitplanner.store.database import Catalogue
from visitplanner.ui import dialogs
from visitplanner.ui.formats import when
from visitplanner.ui.story_views import StoryColours, kind_label, long_day, text_html

ROLE = Qt.ItemDataRole.UserRole


def revision_html(revision: RevisionView, colours: StoryColours) -> str:
    meta = [escape(long_day(revision.date)), escape(kind_label(revision.kind))]
    if revision.deleted:
        meta.append(_("deleted in this version"))
    return (
        f'<p style="color:{colours.meta};">{" · ".join(meta)}</p>'
        f"<h3>{escape(revision.title)}</h3>{text_html(revision.text)}"
    )


class StoryHistoryDialog(QDialog):
    restored = Signal(object)  # Changes

    def __init__(
        self,
        catalogue: Catalogue,
        uuid: str,
        author: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.uuid = uuid
        self.author = author
        self.setWindowTitle(_("History of the entry"))
        self.resize(980, 640)

        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setAccessibleName(_("About this history"))
        self.list = QTreeWidget()
        self.list.setAccessibleName(_("Versions"))
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setHeaderLabels(
            [_("Version"), _("Written by"), _("When"), _("Where"), _("Notes")]
        )
        for column, width in enumerate((80, 190, 200, 160)):
            self.list.setColumnWidth(column, width)
        self.list.currentItemChanged.connect(self._show_selected)

        self.selected_view = QTextBrowser()
        self.selected_view.setAccessibleName(_("Selected version"))
        self.current_view = QTextBrowser()
        self.current_view.setAccessibleName(_("Current version"))
        compare = QWidget()
        columns = QHBoxLayout(compare)
        columns.setContentsMargins(0, 0, 0, 0)
        self.panes: list[QWidget] = []
        for title, view in (
            (_("Selected version"), self.selected_view),
            (_("Current version"), self.current_view),
        ):
            pane = QWidget()
            column = QVBoxLayout(pane)
            column.setContentsMargins(0, 0, 0, 0)
            label = QLabel(title)
            font = QFont(label.font())
            font.setBold(True)
            label.setFont(font)
            column.addWidget(label)
            column.addWidget(view, 1)
            columns.addWidget(pane, 1)
            self.panes.append(pane)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(compare)
        splitter.setSizes([220, 380])

        self.use_button = QPushButton(_("Use this version"))
        self.use_button.setAccessibleName(_("Use this version"))
        self.use_button.setToolTip(
            _("Makes the selected version the current one again; nothing is lost")
        )
        self.use_button.clicked.connect(self.use_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.addButton(self.use_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.revisions: list[RevisionView] = []
        self.reload()

    def reload(self) -> None:
        self.revisions = story_entries.entry_history(self.catalogue, self.uuid)
        self.list.clear()
        bold = QFont(self.list.font())
        bold.setBold(True)
        for index, revision in enumerate(self.revisions):
            notes = []
            if revision.current:
                notes.append(_("current"))
            if revision.parallel:
                notes.append(_("written at the same time as another edit"))
            if revision.deleted:
                notes.append(_("deleted"))
            moment = revision.saved_at.astimezone()
            item = QTreeWidgetItem(
                [
                    str(revision.revision),
                    revision.author or _("unknown"),
                    when(moment),
                    _("this catalogue") if revision.own else _("another catalogue"),
                    ", ".join(notes),
                ]
            )
            item.setData(0, ROLE, index)
            item.setToolTip(4, ", ".join(notes))
            if revision.current:
                for column in range(5):
                    item.setFont(column, bold)
            self.list.addTopLevelItem(item)
        for column in range(4):  # what is left goes to the notes, which say the most
            self.list.resizeColumnToContents(column)
            self.list.setColumnWidth(column, self.list.columnWidth(column) + 16)
        parallel = any(r.parallel for r in self.revisions)
        if parallel:
            self.explanation.setText(
                _(
                    "Two coordinators edited the same version of this entry while apart. "
                    "The story shows the newest; the other is kept here. Compare them and "
                    "use the one that is right."
                )
            )
        else:
            self.explanation.setText(
                _("Every version of this entry, newest first. Nothing is ever overwritten.")
            )
        current = next((r for r in self.revisions if r.current), None)
        colours = StoryColours.from_palette(self.palette())
        self.current_view.setHtml(revision_html(current, colours) if current else "")
        if self.list.topLevelItemCount():
            self.list.setCurrentItem(self.list.topLevelItem(0))

    def selected(self) -> RevisionView | None:
        item = self.list.currentItem()
        return self.revisions[item.data(0, ROLE)] if item is not None else None

    def select_revision(self, number: int, origin: str | None = None) -> bool:
        for row in range(self.list.topLevelItemCount()):
            revision = self.revisions[self.list.topLevelItem(row).data(0, ROLE)]
            if revision.revision == number and (origin is None or revision.origin == origin):
                self.list.setCurrentItem(self.list.topLevelItem(row))
                return True
        return False

    def _show_selected(self, *_args: object) -> None:
        revision = self.selected()
        colours = StoryColours.from_palette(self.palette())
        self.selected_view.setHtml(revision_html(revision, colours) if revision else "")
        self.use_button.setEnabled(revision is not None and not revision.current)
        # Side by side only when there is something to compare with.
        self.panes[1].setVisible(revision is not None and not revision.current)

    def use_selected(self) -> None:
        revision = self.selected()
        if revision is None or revision.current:
            return
        if not dialogs.ask_yes_no(
            self,
            _("Use this version"),
            _(
                "Make version {n} (by {author}) the current text of the entry? The current "
                "text stays in the history."
            ).format(n=revision.revision, author=revision.author or _("unknown")),
        ):
            return
        try:
            changes = story_entries.restore_revision(
                self.catalogue, self.uuid, revision.revision, revision.origin, self.author
            )
        except UserError as exc:
            dialogs.show_error(self, _("This version was not restored"), exc.message)
            return
        self.accept()
        self.restored.emit(changes)
