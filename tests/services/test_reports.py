"""The activity report's figures on a catalogue counted by hand (tests/report_data.py)."""

from __future__ import annotations

from datetime import date

import pytest

import report_data
from visitplanner.domain.errors import UserError
from visitplanner.exchange.charts.layout import layout
from visitplanner.exchange.charts.model import Selection
from visitplanner.services.reports import Period, activity_report
from visitplanner.services.reports.charts import Texts, all_charts
from visitplanner.services.reports.records import records
from visitplanner.services.reports.territories import departement_code, departements

YEAR = Period(date(2027, 1, 1), date(2027, 12, 31), "Europe/Paris")


@pytest.fixture
def ids(catalogue):
    return report_data.build(catalogue)


def test_figures_of_the_year(catalogue, ids) -> None:
    report = activity_report(catalogue, YEAR, today=report_data.TODAY)
    assert report.events_by_kind == {"visit": 2, "seminar": 1, "meeting": 1, "workshop": 1}
    assert report.events_by_quarter == (
        ("2027-Q1", {"visit": 1, "seminar": 0, "meeting": 0, "workshop": 1}),
        ("2027-Q2", {"visit": 1, "seminar": 1, "meeting": 0, "workshop": 0}),
        ("2027-Q3", {"visit": 0, "seminar": 0, "meeting": 0, "workshop": 0}),
        ("2027-Q4", {"visit": 0, "seminar": 0, "meeting": 1, "workshop": 0}),
    )
    assert report.participants == 6
    by_actor = {k: v for k, v in report.participants_by_actor_type.items() if v}
    assert by_actor == {
        "sme": 1,
        "sse": 1,
        "association": 1,
        "research": 1,
        "culture": 1,
        "unknown": 1,
    }
    assert report.organisations == 4  # "Acme" and "acme " are one
    assert report.organisations_continuing == 1  # "Asso", back in 2028
    assert report.dynamics == 4
    assert {(ln.from_id, ln.to_id, ln.events) for ln in report.links} == {
        (ids["D1"], ids["D2"], 1),
        (ids["D2"], ids["D3"], 1),
        (ids["D4"], ids["D1"], 1),
    }
    assert (report.linked_visits, report.cross_family_visits) == (2, 1)
    assert report.cross_family_share == 0.5
    assert report.actions == {"done": 1, "open": 2, "overdue": 1}
    assert report.person_hours == pytest.approx(49)
    assert report.territories == {"2B": 2, "46": 2, "75": 2}
    assert report.regions == {"11": 2, "76": 2, "94": 2}
    assert report.unlocated == 1


def test_json_keys_follow_the_command_line_contract(catalogue, ids) -> None:
    data = activity_report(catalogue, YEAR, today=report_data.TODAY).to_json()
    for key in (
        "period",
        "events_by_kind",
        "participants",
        "participants_by_actor_type",
        "organisations",
        "dynamics",
        "links",
        "cross_family_share",
        "actions",
        "person_hours",
        "territories",
    ):
        assert key in data
    assert data["period"]["from"] == "2027-01-01" and data["period"]["to"] == "2027-12-31"
    assert set(data["actions"]) == {"done", "open", "overdue"}
    assert {"from": "Nova Child & Co", "to": "PTCE Figeacteurs", "events": 1} in [
        {k: link[k] for k in ("from", "to", "events")} for link in data["links"]
    ]


def test_a_period_with_nothing_counts_nothing(catalogue, ids) -> None:
    report = activity_report(catalogue, Period(date(2030, 1, 1), date(2030, 3, 31)))
    assert report.events == 0 and report.participants == 0
    assert report.cross_family_share is None
    charts = all_charts(report, Texts(lambda s: s, "en"))
    for chart in charts:
        scene = layout(chart, 400, 200, lambda t, size, bold: len(t) * size * 0.6, str)
        assert scene.selections() == []


def test_the_records_behind_a_figure_are_the_ones_counted(catalogue, ids) -> None:
    def titles(selection: Selection) -> list[str]:
        found = records(catalogue, YEAR, selection, today=report_data.TODAY)
        return [row.title for row in found.rows]

    assert titles(Selection("quarter_kind", ("2027-Q1", "visit"))) == ["E1 visit"]
    assert titles(Selection("quarter_kind", ("2027-Q1", "workshop"))) == ["E8 workshop"]
    assert titles(Selection("link", (ids["D2"], ids["D1"]))) == ["E1 visit"]
    assert titles(Selection("dynamic", ids["D1"])) == ["E8 workshop", "E1 visit"]
    assert titles(Selection("crossing")) == ["E1 visit"]
    assert titles(Selection("actions", "overdue")) == ["Late one"]
    assert titles(Selection("actor_type", "unknown")) == ["Sans Type"]
    assert sorted(titles(Selection("departement", "2B"))) == ["An Nguyễn", "Çağla"]
    assert len(titles(Selection("participants"))) == 6


def test_charts_are_clickable_where_they_are_drawn(catalogue, ids) -> None:
    report = activity_report(catalogue, YEAR, today=report_data.TODAY)
    quarters, actors, _actions, graph = all_charts(report, Texts(lambda s: s, "fr"))
    measure = lambda text, size, bold: len(text) * size * 0.6  # noqa: E731
    scene = layout(quarters, 480, 220, measure, str)
    bar = next(
        item
        for item in scene.items
        if getattr(item, "selection", None) == quarters.series[0].selections[0]
    )
    hit = scene.hit(bar.x + bar.w / 2, bar.y + bar.h / 2)
    assert hit is not None and hit.value == ("2027-Q1", "visit")
    graph_scene = layout(graph, 480, 360, measure, str)
    assert {s.what for s in graph_scene.selections()} == {"dynamic", "link"}
    assert "1/2" not in graph.alt_text and "50" in graph.alt_text  # "50 %" in French
    assert len(graph.nodes) == 4 and sum(e.crossing for e in graph.edges) == 1
    assert actors.categories[-1] == "Not recorded"


def test_postal_codes_give_departements() -> None:
    assert departement_code("46100") == "46"
    assert departement_code("20190") == "2A"
    assert departement_code("20200") == "2B"
    assert departement_code("97411") == "974"
    assert departement_code(" 75 011 ") == "75"
    assert departement_code("98000") is None  # Monaco
    assert departement_code("1234") is None
    assert departement_code(None) is None
    assert len(departements()) == 101
    assert departements()["59"].region == "Hauts-de-France"


def test_periods_are_checked_and_cut_into_quarters() -> None:
    with pytest.raises(UserError):
        Period(date(2027, 2, 1), date(2027, 1, 1))
    with pytest.raises(UserError):
        Period(date(2027, 1, 1), date(2027, 2, 1), "Mars/Olympus")
    quarters = Period(date(2027, 2, 15), date(2027, 8, 1)).quarters()
    assert [q.code for q in quarters] == ["2027-Q1", "2027-Q2", "2027-Q3"]


def test_the_same_figures_on_postgresql(postgres_url) -> None:
    from visitplanner.store.database import open_catalogue

    catalogue = open_catalogue(postgres_url)
    try:
        ids = report_data.build(catalogue)
        report = activity_report(catalogue, YEAR, today=report_data.TODAY)
        assert report.participants == 6 and report.organisations == 4
        assert report.cross_family_share == 0.5
        assert report.actions == {"done": 1, "open": 2, "overdue": 1}
        assert report.person_hours == pytest.approx(49)
        assert report.territories == {"2B": 2, "46": 2, "75": 2}
        found = records(catalogue, YEAR, Selection("departement", "2B"), today=report_data.TODAY)
        assert found.total == 2
        found = records(catalogue, YEAR, Selection("link", (ids["D1"], ids["D2"])))
        assert [row.title for row in found.rows] == ["E1 visit"]
    finally:
        catalogue.close()


def test_the_dynamics_involved_are_listed(catalogue, ids) -> None:
    found = records(catalogue, YEAR, Selection("dynamics"))
    assert found.total == 4
    assert [(row.kind, row.title) for row in found.rows] == [
        ("dynamic", "Collectif Ørsted"),
        ("dynamic", "Nova Child & Co"),
        ("dynamic", "PTCE Figeacteurs"),
        ("dynamic", "Tiers-lieu « La Forge »"),
    ]


def test_figures_keep_a_tenth_where_there_is_one() -> None:
    """Half an hour of a participation showed as a whole hour less in the PDF than in the CSV."""
    assert Texts(str, "fr").number(284.5) == "284,5"
    assert Texts(str, "en").number(284.5) == "284.5"
    assert Texts(str, "fr").number(3) == "3"


def test_the_people_behind_the_departements_figure(catalogue, ids) -> None:
    period = Period(date(2027, 1, 1), date(2027, 12, 31), "Europe/Paris")
    report = activity_report(catalogue, period, today=report_data.TODAY)
    found = records(catalogue, period, Selection("departements"))
    assert found.total == report.participants - report.unlocated == 5


@pytest.mark.parametrize("count", [4, 11, 16, 24])
def test_labels_of_the_graph_do_not_overlap(count: int) -> None:
    """With 16 dynamics the two nodes at the top of the circle wrote their names over
    each other (« Monnaie locale de ToulOrléans en transition »)."""
    from visitplanner.exchange.charts.layout import Text
    from visitplanner.exchange.charts.model import GraphChart, Node, Style

    names = [f"Monnaie locale de la ville n° {i}" for i in range(count)]
    nodes = tuple(Node(i, name, "ess", 1 + i % 5) for i, name in enumerate(names))
    chart = GraphChart(
        "graph", "Graph", nodes, (), (("ess", "ESS", Style("#E69F00", shape="circle")),), ""
    )
    measure = lambda text, size, bold: len(text) * size * 0.55  # noqa: E731
    scene = layout(chart, 520, 360, measure, str)
    boxes = []
    for item in scene.items:
        if isinstance(item, Text) and item.text.startswith("Monn"):
            w = measure(item.text, item.size, item.bold)
            left = {"start": item.x, "end": item.x - w, "middle": item.x - w / 2}[item.anchor]
            boxes.append((left, left + w, item.y - item.size, item.y))
    assert len(boxes) == count
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = a[1] <= b[0] or b[1] <= a[0] or a[3] <= b[2] or b[3] <= a[2]
            assert apart, (a, b)


@pytest.mark.parametrize(("language", "term"), [("fr", "Transversalité"), ("en", "Cross-family")])
def test_definitions_do_not_repeat_their_term(catalogue, ids, language, term) -> None:
    """The PDF printed « Transversalité — Transversalité : parmi les visites… »."""
    from visitplanner.services.reports.export import report_document

    report = activity_report(catalogue, YEAR, today=report_data.TODAY)
    definitions = dict(report_document(report, language).definitions)
    (name,) = [key for key in definitions if key.startswith(term)]
    assert not definitions[name].casefold().startswith(term.casefold())
    assert definitions[name].split()[0] in ("parmi", "among")
