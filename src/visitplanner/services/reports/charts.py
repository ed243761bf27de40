"""The report's four charts, defined once from an :class:`ActivityReport`.

``texts`` says in which language (the window's, or the document's) and how
numbers are written (Babel, so « 1 234 » and « 29 % » in French). Each chart
carries its alt text: a sentence with the figures a reader cannot see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from babel.numbers import format_decimal, format_percent

from visitplanner.domain.enums import ActorType, EventKind
from visitplanner.exchange.charts.model import (
    BLUE,
    GREEN,
    ORANGE,
    PURPLE,
    SKY_BLUE,
    VERMILLION,
    BarChart,
    Edge,
    GraphChart,
    Node,
    Selection,
    Series,
    Style,
)
from visitplanner.i18n import N_
from visitplanner.services.reports.report import UNKNOWN, ActivityReport, family

KIND_STYLES = {
    "visit": Style(BLUE, "solid"),
    "seminar": Style(ORANGE, "diagonal"),
    "meeting": Style(GREEN, "dots"),
    "workshop": Style(PURPLE, "cross"),
}
ACTION_STYLES = {
    "done": Style(GREEN, "solid"),
    "open": Style(SKY_BLUE, "diagonal"),
    "overdue": Style(VERMILLION, "cross"),
}
FAMILY_STYLES = {
    "economic": Style(BLUE, "solid", "square"),
    "ess": Style(ORANGE, "solid", "circle"),
    "other": Style(GREEN, "solid", "diamond"),
}
GRAPH_NODES = 16

QUARTER = N_("Q{number} {year}")
FAMILY_LABELS = {
    "economic": N_("Economic dynamics (clusters)"),
    "ess": N_("ESS dynamics"),
    "other": N_("Other dynamics"),
}
ACTION_LABELS = {
    "done": N_("Actions done"),
    "open": N_("Actions still open"),
    "overdue": N_("Actions overdue"),
}
UNKNOWN_ACTOR = N_("Not recorded")
CROSS_FAMILY_DEFINITION = N_(
    "Cross-family share (transversalité): among the learning visits of the period that "
    "link a visiting and a visited dynamic, the share that links an economic dynamic "
    "(business or competitiveness cluster) with an ESS one (PTCE, third place, zero "
    "long-term unemployment territory, local currency, transition initiative)."
)


@dataclass(frozen=True)
class Texts:
    """How a chart speaks: a gettext function and a Babel locale."""

    gettext: Callable[[str], str]
    locale: str = "fr"

    def number(self, value: float) -> str:
        """Counts as they are; person-hours to the tenth, as the CSV gives them (284,5)."""
        return format_decimal(round(value, 1), locale=self.locale)

    def share(self, value: float | None) -> str:
        return "—" if value is None else format_percent(value, locale=self.locale)

    def kind(self, code: str) -> str:
        return EventKind.label_in(code, self.gettext)

    def actor(self, code: str) -> str:
        if code == UNKNOWN:
            return self.gettext(UNKNOWN_ACTOR)
        return ActorType.label_in(code, self.gettext)

    def quarter(self, code: str) -> str:
        year, number = code.split("-Q")
        return self.gettext(QUARTER).format(number=number, year=year)


def quarters_chart(report: ActivityReport, t: Texts) -> BarChart:
    g = t.gettext
    codes = [code for code, _kinds in report.events_by_quarter]
    series = tuple(
        Series(
            kind,
            t.kind(kind),
            style,
            tuple(float(kinds[kind]) for _c, kinds in report.events_by_quarter),
            tuple(
                Selection("quarter_kind", (code, kind), f"{t.kind(kind)}, {t.quarter(code)}")
                for code in codes
            ),
        )
        for kind, style in KIND_STYLES.items()
    )
    totals = [sum(kinds.values()) for _c, kinds in report.events_by_quarter]
    busiest = max(range(len(totals)), key=lambda i: totals[i]) if totals else None
    alt = g(N_("Bar chart: events per quarter, by kind. {total} events in all.")).format(
        total=t.number(report.events)
    )
    kinds = ", ".join(f"{t.kind(k)} {t.number(n)}" for k, n in report.events_by_kind.items() if n)
    if kinds:
        alt += " " + kinds + "."
    if busiest is not None and totals[busiest]:
        alt += " " + g(N_("Busiest quarter: {quarter}, {n} events.")).format(
            quarter=t.quarter(codes[busiest]), n=t.number(totals[busiest])
        )
    return BarChart(
        key="quarters",
        title=g(N_("Events per quarter, by kind")),
        categories=tuple(t.quarter(c) for c in codes),
        series=series,
        alt_text=alt,
        value_labels=tuple(t.number(v) for v in totals),
        empty_text=g(N_("No event in this period.")),
    )


def actors_chart(report: ActivityReport, t: Texts) -> BarChart:
    g = t.gettext
    rows = sorted(
        ((code, n) for code, n in report.participants_by_actor_type.items() if n),
        key=lambda kv: (kv[0] == UNKNOWN, -kv[1], t.actor(kv[0]).casefold()),
    )
    total = report.participants or 1
    alt = g(N_("Bar chart: participants by actor type, {n} participants.")).format(
        n=t.number(report.participants)
    )
    if rows:
        alt += (
            " "
            + "; ".join(f"{t.actor(code)} {t.number(n)} ({t.share(n / total)})" for code, n in rows)
            + "."
        )
    return BarChart(
        key="actors",
        title=g(N_("Participants by actor type")),
        categories=tuple(t.actor(code) for code, _n in rows),
        series=(
            Series(
                "participants",
                g(N_("Participants")),
                Style(BLUE),
                tuple(float(n) for _c, n in rows),
                tuple(Selection("actor_type", code, t.actor(code)) for code, _n in rows),
            ),
        ),
        alt_text=alt,
        horizontal=True,
        value_labels=tuple(f"{t.number(n)} ({t.share(n / total)})" for _c, n in rows),
        legend=False,
        empty_text=g(N_("No participant in this period.")),
    )


def actions_chart(report: ActivityReport, t: Texts) -> BarChart:
    g = t.gettext
    states = ("done", "open", "overdue")
    total = sum(report.actions.values())
    series = tuple(
        Series(
            state,
            g(ACTION_LABELS[state]),
            ACTION_STYLES[state],
            tuple(float(report.actions[state]) if s == state else 0.0 for s in states),
            tuple(Selection("actions", state, g(ACTION_LABELS[state])) for _s in states),
        )
        for state in states
    )
    shares = [report.actions[s] / total if total else 0 for s in states]
    alt = g(N_("Bar chart: follow-up actions, {n} in all.")).format(n=t.number(total))
    if total:
        alt += (
            " "
            + "; ".join(
                f"{g(ACTION_LABELS[s])} {t.number(report.actions[s])} ({t.share(sh)})"
                for s, sh in zip(states, shares, strict=True)
            )
            + "."
        )
    return BarChart(
        key="actions",
        title=g(N_("Follow-up actions")),
        categories=tuple(g(ACTION_LABELS[s]) for s in states),
        series=series,
        alt_text=alt,
        horizontal=True,
        value_labels=tuple(
            f"{t.number(report.actions[s])} ({t.share(sh)})"
            for s, sh in zip(states, shares, strict=True)
        ),
        legend=False,
        empty_text=g(N_("No follow-up action in this period.")),
    )


def graph_chart(report: ActivityReport, t: Texts, limit: int = GRAPH_NODES) -> GraphChart:
    g = t.gettext
    # The most active dynamics (report.nodes is in decreasing order of events).
    shown = report.nodes[:limit]
    ids = {n.id for n in shown}
    weights: dict[tuple[int, int], int] = {}
    for link in report.links:
        if link.from_id in ids and link.to_id in ids and link.from_id != link.to_id:
            key = (min(link.from_id, link.to_id), max(link.from_id, link.to_id))
            weights[key] = weights.get(key, 0) + link.events
    kinds = {n.id: n.family for n in shown}
    edges = tuple(
        Edge(
            a,
            b,
            n,
            {kinds[a], kinds[b]} == {"economic", "ess"},
            Selection("link", (a, b), f"{report.names[a]} — {report.names[b]}"),
        )
        for (a, b), n in sorted(weights.items())
    )
    nodes = tuple(
        Node(n.id, n.name, n.family, n.events, Selection("dynamic", n.id, n.name)) for n in shown
    )
    note = ""
    if len(report.nodes) > len(shown):
        note = g(N_("The {shown} most active of {total} dynamics.")).format(
            shown=t.number(len(shown)), total=t.number(len(report.nodes))
        )
    by_family = report.dynamics_by_family()
    alt = g(
        N_(
            "Network graph: {n} dynamics ({economic} economic, {ess} ESS, {other} other) "
            "linked by {links} visiting → visited pairs; cross-family share {share}."
        )
    ).format(
        n=t.number(report.dynamics),
        economic=t.number(by_family["economic"]),
        ess=t.number(by_family["ess"]),
        other=t.number(by_family["other"]),
        links=t.number(len(report.links)),
        share=t.share(report.cross_family_share),
    )
    strongest = sorted(edges, key=lambda e: -e.weight)[:3]
    if strongest:
        alt += " " + g(N_("Strongest links: {links}.")).format(
            links="; ".join(
                f"{report.names[e.a]} — {report.names[e.b]} ({t.number(e.weight)})"
                for e in strongest
            )
        )
    return GraphChart(
        key="graph",
        title=g(N_("Cooperation between dynamics")),
        nodes=nodes,
        edges=edges,
        groups=tuple((code, g(FAMILY_LABELS[code]), FAMILY_STYLES[code]) for code in FAMILY_STYLES),
        alt_text=alt,
        note=note,
        crossing_label=g(N_("visits across families")),
        inner_label=g(N_("within one family")),
        empty_text=g(N_("No dynamic took part in this period.")),
    )


def all_charts(report: ActivityReport, t: Texts) -> tuple[BarChart, BarChart, BarChart, GraphChart]:
    return (
        quarters_chart(report, t),
        actors_chart(report, t),
        actions_chart(report, t),
        graph_chart(report, t),
    )


__all__ = ["Texts", "all_charts", "family"]
