"""What a chart is, apart from any drawing library: data, labels, styles, alt text.

One definition per chart feeds two small back ends (reportlab for the PDF, QPainter
in the window) through :mod:`.layout`, so the printed and the shown chart are
the same picture. Styles are chosen to survive black-and-white printing and
colour-blind readers: the Okabe–Ito palette, plus a hatch pattern per series and a
marker shape per node family, and values written on the chart.
"""

from __future__ import annotations

from dataclasses import dataclass

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common
# colour-vision deficiency.
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
BLACK = "#000000"
GREY = "#6B7280"
INK = "#1F2933"
MUTED = "#52606D"
GRID = "#C8CED6"

# Hatch patterns a back end knows: lines drawn over the fill by the layout itself.
PATTERNS = ("solid", "diagonal", "dots", "cross", "horizontal", "backdiagonal")
SHAPES = ("circle", "square", "diamond", "triangle")


@dataclass(frozen=True)
class Selection:
    """The records behind a bar, a segment, a node or an edge: what a click opens.

    ``what``: ``quarter_kind`` (value: (quarter code, kind)), ``kind``, ``actor_type``,
    ``actions`` (done/open/overdue), ``dynamic`` (id), ``link`` ((id, id), either way),
    ``directed_link`` ((visiting id, visited id)),
    ``participants``, ``organisations``, ``events``, ``dynamics``, ``crossing``,
    ``departement``.
    """

    what: str
    value: object = None
    label: str = ""


@dataclass(frozen=True)
class Style:
    colour: str
    pattern: str = "solid"  # one of PATTERNS
    shape: str = "square"  # legend marker / node shape, one of SHAPES


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    style: Style
    values: tuple[float, ...]
    selections: tuple[Selection | None, ...] = ()


@dataclass(frozen=True)
class BarChart:
    """Bars per category; several series are stacked. ``horizontal`` puts categories on
    the left (long labels such as actor types read better so)."""

    key: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    alt_text: str
    horizontal: bool = False
    value_labels: tuple[str, ...] = ()  # one per category (its total), written on the bar
    legend: bool = True
    empty_text: str = ""


@dataclass(frozen=True)
class Node:
    id: int
    label: str
    group: str  # family code
    weight: int  # events
    selection: Selection | None = None


@dataclass(frozen=True)
class Edge:
    a: int
    b: int
    weight: int  # events linking the two, both directions
    crossing: bool  # links two families
    selection: Selection | None = None


@dataclass(frozen=True)
class GraphChart:
    """Dynamics as nodes (shape and colour by family), visits as edges (thickness by count)."""

    key: str
    title: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    groups: tuple[tuple[str, str, Style], ...]  # (code, label, style), legend order
    alt_text: str
    note: str = ""  # e.g. "the 16 most active of 200 dynamics"
    crossing_label: str = ""
    inner_label: str = ""
    empty_text: str = ""


Chart = BarChart | GraphChart


def is_empty(chart: Chart) -> bool:
    """Nothing to draw: the chart shows only its "no data" sentence."""
    if isinstance(chart, GraphChart):
        return not chart.nodes
    return not any(any(series.values) for series in chart.series)
