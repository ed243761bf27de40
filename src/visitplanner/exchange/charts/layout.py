"""Charts laid out as a few plain shapes (rectangles, lines, text, markers) at positions.

Both back ends (``exchange/pdf/charts.py`` for reportlab, ``ui/widgets/charts.py``
for QPainter) only draw these shapes, so a chart looks the same on paper and on
screen, and a click is found here, without Qt (:meth:`Scene.hit`). Coordinates
run from the top-left corner, y downwards; the PDF back end turns them over. Text
widths come from the back end's own font (``measure``), so labels fit.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from visitplanner.exchange.charts.model import (
    GRID,
    INK,
    MUTED,
    BarChart,
    Chart,
    GraphChart,
    Selection,
    Style,
)

Measure = Callable[[str, float, bool], float]  # (text, size, bold) -> width
Format = Callable[[float], str]


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str | None
    stroke: str | None = None
    selection: Selection | None = None


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    width: float = 0.6
    selection: Selection | None = None


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline
    text: str
    size: float
    colour: str = INK
    anchor: str = "start"  # start, middle, end
    bold: bool = False


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    radius: float
    shape: str
    fill: str
    stroke: str = "#FFFFFF"
    selection: Selection | None = None


Item = Rect | Line | Text | Marker


@dataclass
class Scene:
    width: float
    height: float
    items: list[Item] = field(default_factory=list)

    def hit(self, x: float, y: float) -> Selection | None:
        """The records behind the point (x, y): a node first, then a bar, then an edge."""
        for item in reversed(self.items):
            if (
                isinstance(item, Marker)
                and item.selection is not None
                and math.hypot(x - item.x, y - item.y) <= item.radius + 2
            ):
                return item.selection
        for item in reversed(self.items):
            if (
                isinstance(item, Rect)
                and item.selection is not None
                and item.x <= x <= item.x + item.w
                and item.y <= y <= item.y + item.h
            ):
                return item.selection
        best: tuple[float, Selection] | None = None
        for item in self.items:
            if isinstance(item, Line) and item.selection is not None:
                distance = _distance(x, y, item)
                if distance <= item.width / 2 + 3 and (best is None or distance < best[0]):
                    best = (distance, item.selection)
        return best[1] if best else None

    def selections(self) -> list[Selection]:
        found = [getattr(i, "selection", None) for i in self.items]
        return [s for s in found if s is not None]


def _distance(x: float, y: float, line: Line) -> float:
    dx, dy = line.x2 - line.x1, line.y2 - line.y1
    length = dx * dx + dy * dy
    t = (
        0.0
        if not length
        else max(0.0, min(1.0, ((x - line.x1) * dx + (y - line.y1) * dy) / length))
    )
    return math.hypot(x - (line.x1 + t * dx), y - (line.y1 + t * dy))


def _dark(colour: str) -> bool:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45


def filled(
    x: float, y: float, w: float, h: float, style: Style, sel: Selection | None
) -> list[Item]:
    """A rectangle in the style's colour with its hatch pattern drawn over it."""
    items: list[Item] = [Rect(x, y, w, h, style.colour, "#FFFFFF", sel)]
    if w < 1 or h < 1:
        return items
    ink = "#FFFFFF" if _dark(style.colour) else INK
    step = 5.0
    x2, y2 = x + w, y + h
    if style.pattern in ("diagonal", "cross"):
        k = x + y + step / 2
        while k < x2 + y2:  # lines x + y = k
            a, b = max(x, k - y2), min(x2, k - y)
            if a < b:
                items.append(Line(a, k - a, b, k - b, ink, 0.7))
            k += step
    if style.pattern in ("backdiagonal", "cross"):
        k = x - y2 + step / 2
        while k < x2 - y:  # lines x - y = k
            a, b = max(x, y + k), min(x2, y2 + k)
            if a < b:
                items.append(Line(a, a - k, b, b - k, ink, 0.7))
            k += step
    if style.pattern == "horizontal":
        yy = y + step / 2
        while yy < y2:
            items.append(Line(x, yy, x2, yy, ink, 0.7))
            yy += step
    if style.pattern == "dots":
        yy = y + step / 2
        row = 0
        while yy < y2:
            xx = x + (step / 2 if row % 2 else step)
            while xx < x2 - 0.5:
                items.append(Marker(xx, yy, 0.8, "circle", ink, ink))
                xx += step
            yy += step
            row += 1
    return items


def fit(text: str, size: float, width: float, measure: Measure, bold: bool = False) -> str:
    if measure(text, size, bold) <= width:
        return text
    while text and measure(text + "…", size, bold) > width:
        text = text[:-1]
    return text.rstrip() + "…" if text else ""


def _nice_step(top: float, ticks: int = 4) -> float:
    raw = max(top, 1) / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return max(1.0, factor * power)
    return 10 * power


def _legend(
    entries: list[tuple[str, Style]],
    x: float,
    y: float,
    width: float,
    size: float,
    measure: Measure,
    items: list[Item],
) -> float:
    """Swatches and labels in rows from (x, y); returns the y below the legend."""
    box = size + 2
    cx, row_h = x, box + 5
    for label, style in entries:
        need = box + 4 + measure(label, size, False) + 12
        if cx > x and cx + need > x + width:
            cx, y = x, y + row_h
        if style.shape == "square":
            items += filled(cx, y, box, box, style, None)
        else:
            items.append(Marker(cx + box / 2, y + box / 2, box / 2, style.shape, style.colour, INK))
        items.append(Text(cx + box + 4, y + box - 1.5, label, size, INK))
        cx += need
    return y + row_h + 2


def layout(
    chart: Chart, width: float, height: float, measure: Measure, fmt: Format, size: float = 8.0
) -> Scene:
    """The chart's shapes for a drawing of ``width`` × ``height`` (points or pixels)."""
    if isinstance(chart, GraphChart):
        return _graph(chart, width, height, measure, size)
    return _bars(chart, width, height, measure, fmt, size)


def _empty(scene: Scene, text: str, size: float, top: float = 0) -> Scene:
    y = max(scene.height / 2, top + size + 4)  # below the legend, if any
    scene.items.append(Text(scene.width / 2, y, text, size, MUTED, "middle"))
    return scene


def _bars(
    chart: BarChart, width: float, height: float, measure: Measure, fmt: Format, size: float
) -> Scene:
    scene = Scene(width, height)
    items = scene.items
    totals = [sum(s.values[i] for s in chart.series) for i in range(len(chart.categories))]
    top = 2.0
    if chart.legend and len(chart.series) > 1:
        entries = [(s.label, s.style) for s in chart.series]
        top = _legend(entries, 0, 2, width, size, measure, items)
    if not chart.categories or not any(totals):
        return _empty(scene, chart.empty_text, size, top)
    labels = chart.value_labels or tuple(fmt(t) for t in totals)
    peak = max(totals)
    if chart.horizontal:
        label_w = min(width * 0.42, max(measure(c, size, False) for c in chart.categories) + 10)
        value_w = max(measure(v, size, True) for v in labels) + 6
        plot_w = max(10.0, width - label_w - value_w)
        slot = (height - top) / len(chart.categories)
        bar = min(slot * 0.7, 3.2 * size)
        for i, category in enumerate(chart.categories):
            y = top + i * slot + (slot - bar) / 2
            base = y + bar / 2 + size * 0.35
            items.append(
                Text(label_w - 6, base, fit(category, size, label_w - 7, measure), size, INK, "end")
            )
            x = label_w
            for s in chart.series:
                w = plot_w * s.values[i] / peak
                sel = s.selections[i] if s.selections else None
                if w > 0:
                    items += filled(x, y, w, bar, s.style, sel)
                x += w
            items.append(Text(x + 4, base, labels[i], size, INK, "start", True))
        items.append(Line(label_w, top, label_w, height, INK, 0.8))
        return scene
    step = _nice_step(peak)
    top_value = step * math.ceil(peak / step)
    axis_w = measure(fmt(top_value), size, False) + 6
    bottom = height - size - 6
    plot_top = top + size + 4
    plot_h = max(10.0, bottom - plot_top)
    value = 0.0
    while value <= top_value + 1e-9:
        y = bottom - plot_h * value / top_value
        items.append(Line(axis_w, y, width, y, GRID, 0.5))
        items.append(Text(axis_w - 4, y + size * 0.35, fmt(value), size, MUTED, "end"))
        value += step
    slot = (width - axis_w) / len(chart.categories)
    bar = slot * 0.68
    widest = max(measure(c, size, False) for c in chart.categories)
    every = max(1, math.ceil((widest + 6) / slot))
    for i, category in enumerate(chart.categories):
        x = axis_w + i * slot + (slot - bar) / 2
        y = bottom
        for s in chart.series:
            h = plot_h * s.values[i] / top_value
            sel = s.selections[i] if s.selections else None
            if h > 0:
                items += filled(x, y - h, bar, h, s.style, sel)
            y -= h
        if totals[i] and measure(labels[i], size, True) <= slot + 2:
            items.append(Text(x + bar / 2, y - 3, labels[i], size, INK, "middle", True))
        if i % every == 0:
            items.append(Text(x + bar / 2, height - 2, category, size, INK, "middle"))
    items.append(Line(axis_w, bottom, width, bottom, INK, 0.8))
    return scene


def _graph(chart: GraphChart, width: float, height: float, measure: Measure, size: float) -> Scene:
    scene = Scene(width, height)
    items = scene.items
    styles = {code: style for code, _label, style in chart.groups}
    entries = [(label, style) for _code, label, style in chart.groups]
    edge_legend_y = _legend(entries, 0, 2, width, size, measure, items)
    if chart.crossing_label:
        y = edge_legend_y + size / 2
        items.append(Line(0, y, 22, y, INK, 2.4))
        items.append(Text(28, y + size * 0.35, chart.crossing_label, size, INK))
        x2 = 40 + measure(chart.crossing_label, size, False)
        items.append(Line(x2, y, x2 + 22, y, GRID, 2.4))
        items.append(Text(x2 + 28, y + size * 0.35, chart.inner_label, size, INK))
        edge_legend_y += size + 8
    if not chart.nodes:
        return _empty(scene, chart.empty_text, size, edge_legend_y)
    label_room = min(width * 0.26, max(measure(n.label, size, False) for n in chart.nodes) + 14)
    top = edge_legend_y + 4
    radius = max(20.0, min((width - 2 * label_room) / 2, (height - top - 2 * size) / 2) - 10)
    cx, cy = width / 2, top + (height - top) / 2
    order = {"economic": 0, "other": 1, "ess": 2}
    nodes = sorted(chart.nodes, key=lambda n: (order.get(n.group, 1), n.label.casefold()))
    economic = sum(1 for n in nodes if n.group == "economic")
    step = 2 * math.pi / len(nodes)
    heaviest = max(n.weight for n in nodes) or 1
    place: dict[int, tuple[float, float, float, float]] = {}
    for i, node in enumerate(nodes):
        angle = math.pi + ((economic - 1) / 2 - i) * step
        r = 3.5 + 6.5 * math.sqrt(node.weight / heaviest)
        place[node.id] = (cx + radius * math.cos(angle), cy - radius * math.sin(angle), r, angle)
    thickest = max((e.weight for e in chart.edges), default=1) or 1
    for edge in sorted(chart.edges, key=lambda e: (e.crossing, e.weight)):
        if edge.a not in place or edge.b not in place:
            continue
        (x1, y1, *_a), (x2, y2, *_b) = place[edge.a], place[edge.b]
        line_w = 0.6 + 4.4 * edge.weight / thickest
        colour = INK if edge.crossing else GRID
        items.append(Line(x1, y1, x2, y2, colour, line_w, edge.selection))
    for node in nodes:
        x, y, r, angle = place[node.id]
        style = styles.get(node.group)
        colour = style.colour if style else MUTED
        shape = style.shape if style else "circle"
        items.append(Marker(x, y, r, shape, colour, INK, node.selection))
        cos, sin = math.cos(angle), math.sin(angle)
        if abs(cos) < 0.3:
            # At the top or the bottom of the circle: the label above or below, centred;
            # with a neighbour there too (many nodes), each label leans away from the other.
            ly = y + r + size + 1 if sin < 0 else y - r - 3
            near = [
                abs(ox - x)
                for other, (ox, oy, _or, oa) in place.items()
                if other != node.id and abs(math.cos(oa)) < 0.3 and (math.sin(oa) < 0) == (sin < 0)
            ]
            if not near or abs(cos) < 1e-6:
                lx, anchor = x, "middle"
                room = 2 * min(x, width - x)
                if near:
                    room = min(room, min(near) - 4)
            elif cos > 0:
                lx, anchor = x - r, "start"
                room = width - lx
            else:
                lx, anchor = x + r, "end"
                room = lx
        else:
            lx = x + (r + 4) * (1 if cos > 0 else -1)
            ly = y - (r + 4) * sin * 0.6 + size * 0.35
            anchor = "start" if cos > 0 else "end"
            room = (width - lx) if anchor == "start" else lx
        items.append(Text(lx, ly, fit(node.label, size, room - 2, measure), size, INK, anchor))
    return scene
