"""A chart in the window: the shapes of ``exchange.charts.layout`` painted with QPainter.

The same definition is drawn in the PDF by reportlab; a click asks the layout which
records are under the mouse and says so with :attr:`ChartView.selected`.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from visitplanner.exchange.charts import layout as charts
from visitplanner.exchange.charts.model import Chart, Selection
from visitplanner.i18n import current_language


def _number(value: float) -> str:
    from babel.numbers import format_decimal

    return format_decimal(round(value), locale=current_language())


class FigureLink(QLabel):
    """A key figure: the number as a link (mouse or keyboard) over its label; wraps when narrow."""

    activated = Signal()

    def __init__(self, label: str, clickable: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.clickable = clickable
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setMinimumWidth(60)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        if clickable:
            self.setTextInteractionFlags(
                Qt.TextInteractionFlag.LinksAccessibleByMouse
                | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            )
        self.linkActivated.connect(lambda _link: self.activated.emit())
        self.set_value("—")

    def set_value(self, value: str) -> None:
        from html import escape

        self.value = value
        number = escape(value)
        if self.clickable:
            number = f"<a href='records' style='text-decoration:none'>{number}</a>"
        self.setText(
            f"<span style='font-size:x-large; font-weight:bold'>{number}</span>"
            f"<br/>{escape(self.label)}"
        )
        self.setAccessibleName(f"{self.label}: {value}")


class ChartView(QWidget):
    """Shows one chart; clicking a bar, a node or an edge emits its :class:`Selection`."""

    selected = Signal(object)  # Selection

    def __init__(self, parent: QWidget | None = None, *, minimum: QSize | None = None) -> None:
        super().__init__(parent)
        self.chart: Chart | None = None
        self.scene: charts.Scene | None = None
        self._fonts: dict[bool, QFont] = {}
        self.focused = -1  # index among the chart's selections, for keyboard users
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(minimum or QSize(260, 180))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_chart(self, chart: Chart | None) -> None:
        self.chart = chart
        self.scene = None
        self.focused = -1
        if chart is not None:
            self.setAccessibleName(chart.title)
            self.setAccessibleDescription(chart.alt_text)
            self.setToolTip(chart.alt_text)
        self.update()

    def _font(self, size: float, bold: bool) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(8, round(size)))
        font.setBold(bold)
        return font

    def _measure(self, text: str, size: float, bold: bool) -> float:
        return QFontMetricsF(self._font(size, bold)).horizontalAdvance(text)

    def _layout(self) -> charts.Scene | None:
        if self.chart is None:
            return None
        size = max(11.0, QFontMetricsF(self.font()).height() * 0.78)
        if self.scene is None or (self.scene.width, self.scene.height) != (
            self.width(),
            self.height(),
        ):
            self.scene = charts.layout(
                self.chart, self.width(), self.height(), self._measure, _number, size
            )
        return self.scene

    def resizeEvent(self, event) -> None:
        self.scene = None
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        scene = self._layout()
        if scene is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Paper white in light and dark mode alike: the chart's inks are the printed ones.
        painter.fillRect(self.rect(), QColor("#FFFFFF"))
        paint(painter, scene, self._font)
        target = self._targets()[self.focused] if self.hasFocus() and self.focused >= 0 else None
        if target is not None:
            pen = QPen(QColor("#000000"), 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for item in scene.items:
                if getattr(item, "selection", None) != target:
                    continue
                if isinstance(item, charts.Rect):
                    painter.drawRect(QRectF(item.x - 2, item.y - 2, item.w + 4, item.h + 4))
                elif isinstance(item, charts.Marker):
                    r = item.radius + 4
                    painter.drawEllipse(QPointF(item.x, item.y), r, r)
        painter.end()

    def _targets(self) -> list[Selection]:
        """Each selection once, in drawing order: what the arrow keys move through."""
        scene = self._layout()
        seen: list[Selection] = []
        for item in scene.items if scene else ():
            sel = getattr(item, "selection", None)
            if sel is not None and sel not in seen and not isinstance(item, charts.Line):
                seen.append(sel)
        return seen

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrows move between bars or nodes; Enter or Space lists the records behind."""
        targets = self._targets()
        key = event.key()
        if targets and key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Up):
            step = 1 if key in (Qt.Key.Key_Right, Qt.Key.Key_Down) else -1
            self.focused = (self.focused + step) % len(targets)
            label = targets[self.focused].label
            self.setAccessibleDescription(label)
            self.setToolTip(label)
            self.update()
            return
        if key in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
            Qt.Key.Key_Space,
        ) and 0 <= self.focused < len(targets):
            self.selected.emit(targets[self.focused])
            return
        super().keyPressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        scene = self._layout()
        hit = scene.hit(event.position().x(), event.position().y()) if scene else None
        self.setCursor(Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor)
        self.setToolTip(hit.label if hit else (self.chart.alt_text if self.chart else ""))
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        scene = self._layout()
        if scene is not None and event.button() == Qt.MouseButton.LeftButton:
            hit = scene.hit(event.position().x(), event.position().y())
            if hit is not None:
                self.selected.emit(hit)
        super().mouseReleaseEvent(event)

    def point_of(self, what: str, value: object = None) -> QPointF | None:
        """Where a selection is drawn (for keyboard users' tests and for tooltips)."""
        scene = self._layout()
        for item in scene.items if scene else ():
            sel: Selection | None = getattr(item, "selection", None)
            if sel is None or sel.what != what or (value is not None and sel.value != value):
                continue
            if isinstance(item, charts.Rect):
                return QPointF(item.x + item.w / 2, item.y + item.h / 2)
            if isinstance(item, charts.Marker):
                return QPointF(item.x, item.y)
        return None


def paint(painter: QPainter, scene: charts.Scene, font_for) -> None:
    """Draws the scene's shapes in order."""
    for item in scene.items:
        if isinstance(item, charts.Rect):
            painter.setPen(QPen(QColor(item.stroke), 0.5) if item.stroke else Qt.PenStyle.NoPen)
            painter.setBrush(QColor(item.fill) if item.fill else Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(item.x, item.y, item.w, item.h))
        elif isinstance(item, charts.Line):
            pen = QPen(QColor(item.colour), item.width)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.drawLine(QPointF(item.x1, item.y1), QPointF(item.x2, item.y2))
        elif isinstance(item, charts.Text):
            font = font_for(item.size, item.bold)
            painter.setFont(font)
            painter.setPen(QColor(item.colour))
            width = QFontMetricsF(font).horizontalAdvance(item.text)
            x = item.x - {"start": 0, "middle": width / 2, "end": width}[item.anchor]
            painter.drawText(QPointF(x, item.y), item.text)
        elif isinstance(item, charts.Marker):
            painter.setPen(
                QPen(QColor(item.stroke), 0.8) if item.radius > 1.5 else Qt.PenStyle.NoPen
            )
            painter.setBrush(QColor(item.fill))
            r = item.radius
            if item.shape == "circle":
                painter.drawEllipse(QPointF(item.x, item.y), r, r)
            elif item.shape == "square":
                s = r * 0.9
                painter.drawRect(QRectF(item.x - s, item.y - s, 2 * s, 2 * s))
            elif item.shape == "diamond":
                s = r * 1.2
                points = [(0, -s), (s, 0), (0, s), (-s, 0)]
                painter.drawPolygon(QPolygonF([QPointF(item.x + a, item.y + b) for a, b in points]))
            else:
                s = r * 1.25
                c = math.cos(math.radians(30)) * s
                points = [(0, -s), (c, s / 2), (-c, s / 2)]
                painter.drawPolygon(QPolygonF([QPointF(item.x + a, item.y + b) for a, b in points]))
