"""Charts in a PDF: the shapes of :mod:`visitplanner.exchange.charts.layout` drawn with
reportlab's own graphics (vector, in the embedded DejaVu font; no new dependency)."""

from __future__ import annotations

import math

from babel.numbers import format_decimal
from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics

from visitplanner.exchange.charts import layout as charts
from visitplanner.exchange.charts.model import Chart
from visitplanner.exchange.pdf import theme

FONT_SIZE = 7.5


def measure(text: str, size: float, bold: bool) -> float:
    theme.register_fonts()
    return pdfmetrics.stringWidth(text, theme.FONT_BOLD if bold else theme.FONT, size)


def _colour(value: str | None) -> colors.Color | None:
    return colors.HexColor(value) if value else None


def _polygon(marker: charts.Marker, height: float) -> list[float]:
    x, y, r = marker.x, height - marker.y, marker.radius
    if marker.shape == "square":
        s = r * 0.9
        return [x - s, y - s, x + s, y - s, x + s, y + s, x - s, y + s]
    if marker.shape == "diamond":
        s = r * 1.2
        return [x, y - s, x + s, y, x, y + s, x - s, y]
    s = r * 1.25  # triangle
    return [
        x,
        y + s,
        x + s * math.cos(math.radians(30)),
        y - s / 2,
        x - s * math.cos(math.radians(30)),
        y - s / 2,
    ]


def drawing(scene: charts.Scene) -> Drawing:
    """The scene as a reportlab ``Drawing`` (y turned upwards)."""
    h = scene.height
    out = Drawing(scene.width, scene.height)
    # The renderer's default state would otherwise select the standard (not embedded) Helvetica.
    out.initialFontName = theme.FONT
    out.initialFontSize = FONT_SIZE
    for item in scene.items:
        if isinstance(item, charts.Rect):
            out.add(
                Rect(
                    item.x,
                    h - item.y - item.h,
                    item.w,
                    item.h,
                    fillColor=_colour(item.fill),
                    strokeColor=_colour(item.stroke),
                    strokeWidth=0.5 if item.stroke else 0,
                )
            )
        elif isinstance(item, charts.Line):
            out.add(
                Line(
                    item.x1,
                    h - item.y1,
                    item.x2,
                    h - item.y2,
                    strokeColor=_colour(item.colour),
                    strokeWidth=item.width,
                    strokeLineCap=1,
                )
            )
        elif isinstance(item, charts.Text):
            out.add(
                String(
                    item.x,
                    h - item.y,
                    theme.printable(item.text),
                    fontName=theme.FONT_BOLD if item.bold else theme.FONT,
                    fontSize=item.size,
                    fillColor=_colour(item.colour),
                    textAnchor=item.anchor,
                )
            )
        elif isinstance(item, charts.Marker):
            common = {
                "fillColor": _colour(item.fill),
                "strokeColor": _colour(item.stroke),
                "strokeWidth": 0.6 if item.radius > 1.5 else 0,
            }
            if item.shape == "circle":
                out.add(Circle(item.x, h - item.y, item.radius, **common))
            else:
                out.add(Polygon(_polygon(item, h), **common))
    return out


def chart_drawing(chart: Chart, width: float, height: float, language: str) -> Drawing:
    """The chart laid out for ``width`` × ``height`` points, numbers in ``language``."""
    theme.register_fonts()
    scene = charts.layout(
        chart,
        width,
        height,
        measure,
        lambda value: format_decimal(round(value), locale=language),
        FONT_SIZE,
    )
    return drawing(scene)
