"""The activity report written out: PDF for funders, JSON for scripts, CSV for Excel.

JSON keys are the command line's contract (docs/command-line.md); the CSV has one
row per figure (section, code, label, value) in the interface language, written
the way French Excel opens it (``exchange.csvio``); the PDF is in the language
chosen for it.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from babel.numbers import format_decimal

from visitplanner.domain.errors import UserError
from visitplanner.i18n import N_, _
from visitplanner.services.reports.charts import (
    ACTION_LABELS,
    CROSS_FAMILY_DEFINITION,
    FAMILY_LABELS,
    Texts,
    all_charts,
)
from visitplanner.services.reports.period import Period
from visitplanner.services.reports.report import ActivityReport, activity_report
from visitplanner.services.reports.territories import departements, regions
from visitplanner.store.database import Catalogue

FORMATS = (".pdf", ".json", ".csv")


def _without_term(term: str, text: str) -> str:
    """A definition that names its term (« Transversalité : parmi… ») loses that name when
    printed after the term itself (« Transversalité — parmi… »)."""
    head, colon, rest = text.partition(":")
    if colon and head.casefold().startswith(term.casefold()):
        return rest.strip()
    return text


DEFINITIONS = (
    (
        N_("Events"),
        N_("events overlapping the period, neither cancelled nor draft, not in the trash."),
    ),
    (
        N_("Participants"),
        N_("distinct people who accepted at least one of those events."),
    ),
    (N_("Organisations"), N_("distinct organisations of the participants.")),
    (
        N_("Still cooperating"),
        N_(
            "organisations of the period whose people accepted an event starting after it "
            "(Interreg: organisations still cooperating)."
        ),
    ),
    (N_("Dynamics"), N_("distinct dynamics linked to an event, visiting or visited.")),
    (
        N_("Links"),
        N_("visiting dynamic → visited dynamic, with the number of events that link them."),
    ),
    (N_("Cross-family share"), CROSS_FAMILY_DEFINITION),
    (
        N_("Follow-up actions"),
        N_(
            "actions of the debriefs of those events: done; overdue (not done, due before "
            "the report's day); open (the others)."
        ),
    ),
    (
        N_("Person-hours"),
        N_(
            "for each accepted participation, the event's duration: its hours within one "
            "day, 7 hours a day for all-day or several-day events."
        ),
    ),
    (
        N_("Territories"),
        N_(
            "participants by département and région of the postal code of the host "
            "organisation of the events they accepted."
        ),
    ),
)


def write_report(
    catalogue: Catalogue,
    period: Period,
    path: str | os.PathLike[str],
    *,
    language: str = "fr",
    title: str | None = None,
    network: str | None = None,
) -> Path:
    """Computes the report and writes it as the file's extension says."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise UserError(
            _("{path}: the report is written as .pdf, .json or .csv.").format(path=target)
        )
    report = activity_report(catalogue, period)
    from visitplanner.services.documents.writing import write_document

    if suffix == ".json":
        data = json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"
        return write_document(target, lambda tmp: Path(tmp).write_text(data, "utf-8"))
    if suffix == ".csv":
        from visitplanner.exchange.csvio import write_table
        from visitplanner.i18n import current_language

        headers, rows = csv_rows(report, Texts(_, current_language()))
        write_table(target, headers, rows)
        return target
    from visitplanner.exchange.pdf.report import build_report

    document = report_document(report, language, title=title, network=network)
    return write_document(target, lambda tmp: build_report(tmp, document, language=language))


def csv_rows(report: ActivityReport, t: Texts) -> tuple[list[str], list[list[object]]]:
    """(headers, rows): one row per figure, with a stable code beside the translated label."""
    g = t.gettext

    def number(value: float) -> str:
        return format_decimal(value, format="0.####", locale=t.locale)

    data = report.to_json()
    rows: list[list[object]] = [
        ["period", "from", g(N_("First day")), data["period"]["from"]],
        ["period", "to", g(N_("Last day")), data["period"]["to"]],
        ["events", "", g(N_("Events")), report.events],
    ]
    rows += [["events_by_kind", k, t.kind(k), n] for k, n in report.events_by_kind.items()]
    for code, kinds in report.events_by_quarter:
        rows += [
            ["events_by_quarter", f"{code} {k}", f"{t.quarter(code)} — {t.kind(k)}", n]
            for k, n in kinds.items()
        ]
    rows.append(["participants", "", g(N_("Participants")), report.participants])
    rows += [
        ["participants_by_actor_type", k, t.actor(k), n]
        for k, n in report.participants_by_actor_type.items()
    ]
    rows.append(["organisations", "", g(N_("Organisations")), report.organisations])
    rows.append(
        [
            "organisations_continuing",
            "",
            g(N_("Organisations still cooperating after the period")),
            report.organisations_continuing,
        ]
    )
    rows.append(["dynamics", "", g(N_("Dynamics")), report.dynamics])
    rows += [
        ["dynamics_by_family", k, g(FAMILY_LABELS[k]), n]
        for k, n in report.dynamics_by_family().items()
    ]
    share = report.cross_family_share
    rows.append(
        [
            "cross_family_share",
            "",
            g(N_("Cross-family share")),
            "" if share is None else number(share),
        ]
    )
    rows += [["actions", k, g(ACTION_LABELS[k]), n] for k, n in report.actions.items()]
    rows.append(["person_hours", "", g(N_("Person-hours")), number(round(report.person_hours, 2))])
    table = departements()
    rows += [
        ["territories", code, f"{code} {table[code].name}", n]
        for code, n in report.territories.items()
    ]
    names = regions()
    rows += [["regions", code, names.get(code, code), n] for code, n in report.regions.items()]
    rows.append(
        [
            "territories_unlocated",
            "",
            g(N_("Participants without a known département")),
            report.unlocated,
        ]
    )
    rows += [
        [
            "links",
            f"{link.from_id}>{link.to_id}",
            f"{report.names[link.from_id]} → {report.names[link.to_id]}",
            link.events,
        ]
        for link in report.links
    ]
    return [g(N_("Section")), g(N_("Code")), g(N_("Label")), g(N_("Value"))], rows


def report_document(
    report: ActivityReport,
    language: str,
    *,
    title: str | None = None,
    network: str | None = None,
    links_shown: int = 40,
):  # -> exchange.pdf.report.ReportDocument
    from visitplanner.exchange.pdf import theme
    from visitplanner.exchange.pdf.report import DataTable, ReportDocument

    tr = theme.translation(language)
    g = tr.gettext
    t = Texts(g, language)
    charts = all_charts(report, t)
    period = theme.date_span(report.period.start, report.period.end, language, tr)
    kinds = list(report.events_by_kind)
    quarters = DataTable(
        g(N_("Events per quarter, by kind")),
        (g(N_("Quarter")), *(t.kind(k) for k in kinds), g(N_("Total"))),
        tuple(
            (t.quarter(code), *(t.number(n[k]) for k in kinds), t.number(sum(n.values())))
            for code, n in report.events_by_quarter
        ),
    )
    total = report.participants or 1
    actors = DataTable(
        g(N_("Participants by actor type")),
        (g(N_("Actor type")), g(N_("Participants")), g(N_("Share"))),
        tuple(
            (t.actor(k), t.number(n), t.share(n / total))
            for k, n in sorted(report.participants_by_actor_type.items(), key=lambda kv: -kv[1])
            if n
        ),
    )
    done = sum(report.actions.values()) or 1
    actions = DataTable(
        g(N_("Follow-up actions")),
        (g(N_("State")), g(N_("Actions")), g(N_("Share"))),
        tuple(
            (g(ACTION_LABELS[k]), t.number(n), t.share(n / done)) for k, n in report.actions.items()
        ),
    )
    more = len(report.links) - links_shown
    links = DataTable(
        g(N_("Cooperation links")),
        (g(N_("Visiting dynamic")), g(N_("Visited dynamic")), g(N_("Events"))),
        tuple(
            (report.names[link.from_id], report.names[link.to_id], t.number(link.events))
            for link in report.links[:links_shown]
        ),
        note=tr.ngettext(
            "{n} more link is in the JSON and CSV exports.",
            "{n} more links are in the JSON and CSV exports.",
            max(more, 0),
        ).format(n=t.number(more))
        if more > 0
        else "",
        numeric_from=2,
    )
    table = departements()
    territories = DataTable(
        g(N_("Participants by département")),
        (g(N_("Département")), g(N_("Région")), g(N_("Participants"))),
        tuple(
            (f"{code} {table[code].name}", table[code].region, t.number(n))
            for code, n in sorted(report.territories.items(), key=lambda kv: -kv[1])
        ),
        note=tr.ngettext(
            "{n} participant took part only in events without a known département.",
            "{n} participants took part only in events without a known département.",
            report.unlocated,
        ).format(n=t.number(report.unlocated))
        if report.unlocated
        else "",
        numeric_from=2,
    )
    names = regions()
    by_region = DataTable(
        g(N_("Participants by région")),
        (g(N_("Région")), g(N_("Participants"))),
        tuple(
            (names.get(code, code), t.number(n))
            for code, n in sorted(report.regions.items(), key=lambda kv: -kv[1])
        ),
    )
    figures = (
        (g(N_("events")), t.number(report.events)),
        (g(N_("participants")), t.number(report.participants)),
        (g(N_("organisations")), t.number(report.organisations)),
        (g(N_("dynamics involved")), t.number(report.dynamics)),
        (g(N_("person-hours")), t.number(report.person_hours)),
        (g(N_("départements")), t.number(len(report.territories))),
        (g(N_("follow-up actions done")), t.number(report.actions["done"])),
        (g(N_("follow-up actions overdue")), t.number(report.actions["overdue"])),
    )
    return ReportDocument(
        title=title or g(N_("Activity report")),
        period=period,
        generated=g(N_("Figures as of {day}.")).format(day=theme.long_date(report.today, language)),
        continuing=tr.ngettext(
            "{n} of these organisations took part again after the period.",
            "{n} of these organisations took part again after the period.",
            report.organisations_continuing or 0,
        ).format(n=t.number(report.organisations_continuing or 0)),
        figures=figures,
        share_label=g(N_("Cross-family share")),
        share_value=t.share(report.cross_family_share),
        share_definition=g(CROSS_FAMILY_DEFINITION),
        charts=charts,
        chart_tables=(quarters, actors, actions, links),
        tables=(territories, by_region),
        definitions=tuple((g(term), _without_term(g(term), g(text))) for term, text in DEFINITIONS),
        network=network,
    )


def booklet_charts(
    catalogue: Catalogue, first: date, last: date, language: str, zone: str = "Europe/Paris"
) -> tuple:  # (actor-mix BarChart, cooperation GraphChart)
    """The booklet synthesis's two pictures: who took part and which dynamics met, in the
    booklet's period (the activity report's definitions), in the document's language."""
    from visitplanner.exchange.pdf import theme
    from visitplanner.services.reports.charts import actors_chart, graph_chart

    # The light figures hold all the two pictures need (no organisations, hours, territories).
    report = activity_report(catalogue, Period(first, max(first, last), zone), light=True)
    texts = Texts(theme.translation(language).gettext, language)
    return (actors_chart(report, texts), graph_chart(report, texts))
