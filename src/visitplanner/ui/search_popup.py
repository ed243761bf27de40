"""The global search popup (Ctrl+K): type a fragment, arrow to a record, press Enter.

Coordinators often know *who* or *what* they want ("Hélène", "Clus'ter Jura")
before knowing which page it lives on; this popup searches every kind at once
through :func:`visitplanner.services.search.search_everything` and hands the
chosen record back to the main window through :attr:`SearchPopup.open_requested`.

Focus stays in the text field the whole time, as in the launchers people know
(VS Code, Slack, GNOME): Up and Down move through the hits, skipping the group
headers, Enter opens, Esc closes.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from visitplanner.i18n import _, ngettext, number
from visitplanner.services.search import SearchGroup, SearchHit, search_everything
from visitplanner.store.database import Catalogue

# What a row of the result list is; hits also carry their SearchHit.
ROW_ROLE = Qt.ItemDataRole.UserRole
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 2
HEADER, HIT, MORE = "header", "hit", "more"

DEBOUNCE_MS = 120
_MARGIN = 10


def _number(n: int) -> str:
    """A count in the interface language's digits grouping ("1,230", "1 230")."""
    return number(n)


class _ResultDelegate(QStyledItemDelegate):
    """Paints a hit as a title over a dimmer subtitle, and the group headers in bold."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        height = option.fontMetrics.height()
        row = index.data(ROW_ROLE)
        if row == HIT:
            return QSize(200, 2 * height + 10)
        if row == HEADER:
            return QSize(200, height + 14)
        return QSize(200, height + 6)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        row = index.data(ROW_ROLE)
        palette = option.palette
        rect = option.rect.adjusted(_MARGIN, 0, -_MARGIN, 0)
        painter.save()
        try:
            if row == HIT:
                self._paint_hit(painter, option, index)
            else:
                font = QFont(option.font)
                # Headers and "more" lines are disabled items (so arrows skip them);
                # they are drawn with the normal colours, not greyed out.
                colour = palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.WindowText)
                if row == HEADER:
                    font.setBold(True)
                    rect = rect.adjusted(-_MARGIN // 2, 6, 0, 0)
                else:
                    font.setItalic(True)
                    colour = palette.color(
                        QPalette.ColorGroup.Normal, QPalette.ColorRole.PlaceholderText
                    )
                    rect = rect.adjusted(_MARGIN, 0, 0, 0)
                painter.setFont(font)
                painter.setPen(colour)
                text = painter.fontMetrics().elidedText(
                    index.data(Qt.ItemDataRole.DisplayRole) or "",
                    Qt.TextElideMode.ElideRight,
                    rect.width(),
                )
                painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter, text)
        finally:
            painter.restore()

    def _paint_hit(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            # Background and selection exactly as the platform draws them.
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        colour = option.palette.color(role)
        dim = QColor(colour)
        dim.setAlphaF(0.65)
        rect = option.rect.adjusted(2 * _MARGIN, 4, -_MARGIN, -4)
        half = rect.height() // 2
        title_rect = rect.adjusted(0, 0, 0, -half)
        subtitle_rect = rect.adjusted(0, half, 0, 0)

        painter.setFont(option.font)
        painter.setPen(colour)
        title = index.data(Qt.ItemDataRole.DisplayRole) or ""
        painter.drawText(
            title_rect,
            Qt.AlignmentFlag.AlignVCenter,
            painter.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight, rect.width()),
        )
        small = QFont(option.font)
        small.setPointSizeF(max(1.0, option.font.pointSizeF() * 0.9))
        painter.setFont(small)
        painter.setPen(dim)
        subtitle = index.data(SUBTITLE_ROLE) or ""
        painter.drawText(
            subtitle_rect,
            Qt.AlignmentFlag.AlignVCenter,
            painter.fontMetrics().elidedText(subtitle, Qt.TextElideMode.ElideRight, rect.width()),
        )


class SearchPopup(QDialog):
    """A small search window over the whole catalogue; emits the record chosen."""

    open_requested = Signal(str, int)

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.groups: list[SearchGroup] = []
        self.setWindowTitle(_("Search"))
        self.setAccessibleName(_("Search"))
        self.resize(640, 420)

        self.field = QLineEdit()
        self.field.setAccessibleName(_("Search the catalogue"))
        self.field.setPlaceholderText(_("Search dynamics, hosts, people and events"))
        self.field.setClearButtonEnabled(True)
        self.field.installEventFilter(self)

        self.results = QListWidget()
        self.results.setAccessibleName(_("Search results"))
        self.results.setItemDelegate(_ResultDelegate(self.results))
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setUniformItemSizes(False)
        # Enter in the list and a double-click (or a single click where the platform
        # opens on single click) both land here.
        self.results.itemActivated.connect(self._activated)
        self.results.installEventFilter(self)

        self.message = QLabel()
        self.message.setAccessibleName(_("Search status"))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.message, 1)

        # One query per pause in typing, not one per key: the catalogue can be large.
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        # A lambda: QTimer.start(str) would be read as start(msec) and fail.
        self.field.textChanged.connect(lambda _text: self._debounce.start())
        self.refresh()

    # --- queries -------------------------------------------------------------------

    def set_query(self, text: str) -> None:
        """Shows the results for ``text`` at once, without waiting for the debounce."""
        self.field.setText(text)
        self._debounce.stop()
        self.refresh()

    def refresh(self) -> None:
        """Runs the search for the field's text and rebuilds the list."""
        self._debounce.stop()
        query = self.field.text().strip()
        self.groups = search_everything(self.catalogue, query) if query else []
        self.results.clear()
        for group in self.groups:
            self._add_group(group)
        if self.groups:
            self.message.clear()
        elif query:
            self.message.setText(_("No result for “{query}”.").format(query=query))
        else:
            self.message.setText(
                _("Type a name, a town, an e-mail address or the title of a visit.")
            )
        self.results.setVisible(bool(self.groups))
        self.message.setVisible(not self.groups)

    def _add_group(self, group: SearchGroup) -> None:
        header = QListWidgetItem(group.label)
        header.setData(ROW_ROLE, HEADER)
        header.setData(Qt.ItemDataRole.AccessibleTextRole, group.label)
        # Not enabled: keyboard navigation in the list skips it like a separator.
        header.setFlags(Qt.ItemFlag.NoItemFlags)
        self.results.addItem(header)
        for hit in group.hits:
            item = QListWidgetItem(hit.title)
            item.setData(ROW_ROLE, HIT)
            item.setData(HIT_ROLE, hit)
            item.setData(SUBTITLE_ROLE, hit.subtitle)
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                ", ".join(p for p in (hit.title, hit.subtitle) if p),
            )
            item.setToolTip("\n".join(p for p in (hit.title, hit.subtitle) if p))
            self.results.addItem(item)
        if group.more:
            if group.capped:
                text = _("{total}+ matches; keep typing to narrow the search").format(
                    total=_number(group.total)
                )
            else:
                text = ngettext("and {n} more", "and {n} more", group.more).format(
                    n=_number(group.more)
                )
            more = QListWidgetItem(text)
            more.setData(ROW_ROLE, MORE)
            more.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            more.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(more)

    # --- selection -------------------------------------------------------------------

    def _hit_rows(self) -> list[int]:
        return [
            row
            for row in range(self.results.count())
            if self.results.item(row).data(ROW_ROLE) == HIT
        ]

    def current_hit(self) -> SearchHit | None:
        """The selected hit, if the user moved to one."""
        item = self.results.currentItem()
        if item is None or not item.isSelected() or item.data(ROW_ROLE) != HIT:
            return None
        return item.data(HIT_ROLE)

    def move_selection(self, step: int) -> None:
        """Moves to the next (``step`` > 0) or previous hit, stopping at either end."""
        rows = self._hit_rows()
        if not rows:
            return
        item = self.results.currentItem()
        current = self.results.row(item) if item is not None and item.isSelected() else None
        if current is None or current not in rows:
            target = rows[0] if step > 0 else rows[-1]
        else:
            position = rows.index(current) + step
            target = rows[max(0, min(len(rows) - 1, position))]
        self.results.setCurrentRow(target)
        self.results.scrollToItem(self.results.item(target))

    def open_current(self) -> None:
        """Opens the selected hit, or the first one when none is selected."""
        if self._debounce.isActive():
            # Enter typed faster than the debounce: open what matches the text now shown.
            self.refresh()
        hit = self.current_hit()
        if hit is None:
            rows = self._hit_rows()
            if not rows:
                return
            hit = self.results.item(rows[0]).data(HIT_ROLE)
        self._open(hit)

    def _activated(self, item: QListWidgetItem) -> None:
        if item.data(ROW_ROLE) == HIT:
            self._open(item.data(HIT_ROLE))

    def _open(self, hit: SearchHit) -> None:
        self.open_requested.emit(hit.kind, hit.id)
        self.accept()

    # --- keyboard --------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrows and Enter typed in the field act on the result list."""
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Down:
                self.move_selection(1)
                return True
            if key == Qt.Key.Key_Up:
                self.move_selection(-1)
                return True
            if key == Qt.Key.Key_PageDown:
                self.move_selection(5)
                return True
            if key == Qt.Key.Key_PageUp:
                self.move_selection(-5)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current()
                return True
        if watched is self.results and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.text().isprintable() and event.text() and event.key() != Qt.Key.Key_Space:
                # Typing after clicking a hit goes on refining the search.
                self.field.setFocus()
                self.field.event(event)
                return True
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.field.setFocus()
        self.field.selectAll()
