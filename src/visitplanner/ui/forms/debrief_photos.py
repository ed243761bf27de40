"""The photos of a debrief as people recognise them: a thumbnail, its file name and caption.

Originals are stored under their SHA-256 (see services.photos), a name that
means nothing to anyone; the strip shows the picture itself, the caption under
it (double-click to write it) and the name the file had on the coordinator's
computer, never the stored file name.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from visitplanner.domain.errors import UserError
from visitplanner.i18n import _
from visitplanner.services.documents.debriefs import PhotoView
from visitplanner.ui.forms.limits import SHORT_TEXT

THUMBNAIL = 112  # pixels on the longest side: big enough to recognise a scene
PHOTO_ID = Qt.ItemDataRole.UserRole
ORIGINAL_NAME = Qt.ItemDataRole.UserRole + 1
GRID_WIDTH = THUMBNAIL + 40  # one thumbnail with the room for its caption
LINE_BREAK = "\u2028"  # QChar::LineSeparator, the break Qt's item text layout honours


def thumbnail(photo: PhotoView) -> QIcon:
    """The cached small JPEG of the photo (made once, see services.photos.display_file)."""
    from visitplanner.services.documents import photos

    try:
        path = photos.display_file(photo.path, THUMBNAIL)
    except (UserError, OSError):
        return QIcon()  # a missing or unreadable file: the caption still shows
    return QIcon(QPixmap(str(path)))


class CaptionDelegate(QStyledItemDelegate):
    """Shows "no caption" on photos without one; the caption editor stops at its limit."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        caption = option.text or _("(no caption)")
        name = index.data(ORIGINAL_NAME)
        if not name:
            option.text = caption
            return
        # Qt lays a view item's text out without breaking at "\n" (it turns the
        # model's newlines into line separators before this point): "\n" ran the
        # caption into the name, « (sans légende)visite du / living lab.jpg ».
        # Each on its own line, shortened in the middle; the tooltip has them whole.
        width = GRID_WIDTH - 8
        metrics = option.fontMetrics
        middle = Qt.TextElideMode.ElideMiddle
        option.text = LINE_BREAK.join(
            (metrics.elidedText(caption, middle, width), metrics.elidedText(name, middle, width))
        )

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.setMaxLength(SHORT_TEXT)
            editor.setPlaceholderText(_("Caption"))
        return editor


class PhotoStrip(QListWidget):
    """Thumbnails side by side, in the debrief's order; each caption editable in place."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Photos"))
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWordWrap(True)
        self.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.setGridSize(QSize(GRID_WIDTH, THUMBNAIL + 64))
        self.setFixedHeight(THUMBNAIL + 72)  # one row of thumbnails, captions and names
        self.setEditTriggers(
            QListWidget.EditTrigger.DoubleClicked | QListWidget.EditTrigger.EditKeyPressed
        )
        self.setItemDelegate(CaptionDelegate(self))

    def show_photos(self, photos: Sequence[PhotoView]) -> None:
        self.blockSignals(True)
        self.clear()
        for n, photo in enumerate(photos, start=1):
            item = QListWidgetItem(thumbnail(photo), photo.caption or "")
            item.setData(PHOTO_ID, photo.id)
            item.setData(ORIGINAL_NAME, photo.original_name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            tip = (
                _("Photo {n}. Double-click to write the caption.").format(n=n)
                if not photo.caption
                else _("Photo {n}: {caption}").format(n=n, caption=photo.caption)
            )
            item.setToolTip(f"{tip}\n{photo.original_name}" if photo.original_name else tip)
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.addItem(item)
        self.blockSignals(False)
