"""The global search: one query, every kind, best matches first, nothing from the trash."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from visitplanner.services import search
from visitplanner.services.demo import load_demo
from visitplanner.services.directory import records as cat
from visitplanner.services.events import planning
from visitplanner.services.search import SearchGroup, SearchHit, search_everything
from visitplanner.store.models import Event
from visitplanner.store.types import utcnow

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


def new_dynamic(catalogue, name, **values):
    return cat.create_dynamic(catalogue, cat.DynamicInput(name=name, **values)).created_id(
        "dynamic"
    )


def new_host(catalogue, name, **values):
    return cat.create_host(catalogue, cat.HostInput(name=name, **values)).created_id("host")


def new_person(catalogue, given, family, **values):
    data = cat.PersonInput(given_name=given, family_name=family, **values)
    return cat.create_person(catalogue, data).created_id("person")


def new_event(catalogue, title, start="2027-02-11T09:30", end="2027-02-11T17:00", **values):
    values.setdefault("kind", "visit")
    data = planning.EventInput(title=title, start=start, end=end, **values)
    return planning.create_event(catalogue, data).created_id("event")


def titles(groups, kind):
    return [hit.title for group in groups if group.kind == kind for hit in group.hits]


def group(groups, kind) -> SearchGroup:
    return next(g for g in groups if g.kind == kind)


def test_accents_and_case_do_not_matter(catalogue):
    helene = new_person(catalogue, "Hélène", "Marchand", email="h.marchand@example.org")
    new_person(catalogue, "Paul", "Durand")

    for query in ("helene", "HELENE", "Hélène", "hÉlÈnE", "marchand helene"):
        groups = search_everything(catalogue, query)
        assert [g.kind for g in groups] == ["person"], query
        assert group(groups, "person").hits == (
            SearchHit("person", helene, "Hélène Marchand", "h.marchand@example.org"),
        )


def test_apostrophes_and_word_order_do_not_matter(catalogue):
    jura = new_dynamic(catalogue, "Clus'ter Jura", kind="cluster", region="Bourgogne-Franche-Comté")

    for query in ("cluster jura", "jura cluster", "Clus’ter", "CLUS'TER JURA"):
        groups = search_everything(catalogue, query)
        assert [(g.kind, [h.id for h in g.hits]) for g in groups] == [("dynamic", [jura])], query


def test_groups_come_in_a_fixed_order_with_labels_and_subtitles(catalogue):
    new_event(catalogue, "Visite du Jura", timezone="Europe/Paris", kind="seminar")
    new_person(
        catalogue,
        "Perrine",
        "Cuenot",
        organisation="Conseil départemental du Jura",
        email="p@x.org",
    )
    new_host(catalogue, "Maison du Jura", city="Lons-le-Saunier", actor_type="local_authority")
    new_dynamic(catalogue, "Clus'ter Jura", kind="cluster", region="Bourgogne-Franche-Comté")

    groups = search_everything(catalogue, "jura")

    assert [(g.kind, g.label, g.total) for g in groups] == [
        ("dynamic", "Dynamics", 1),
        ("host", "Host organisations", 1),
        ("person", "People", 1),
        ("event", "Visits and seminars", 1),
    ]
    assert [g.hits[0].subtitle for g in groups] == [
        "Business cluster · Bourgogne-Franche-Comté",
        "Lons-le-Saunier · Local authority",
        "Conseil départemental du Jura · p@x.org",
        "2027-02-11 09:30 · Joint seminar",
    ]
    assert groups[2].hits[0].title == "Perrine Cuenot"


def test_kinds_without_a_match_are_left_out(catalogue):
    new_person(catalogue, "Hélène", "Marchand")
    new_dynamic(catalogue, "Figeacteurs")
    assert [g.kind for g in search_everything(catalogue, "figeac")] == ["dynamic"]
    assert search_everything(catalogue, "nobody-has-this") == []


def test_the_trash_is_not_searched(catalogue):
    kept = new_person(catalogue, "Hélène", "Marchand")
    trashed = new_person(catalogue, "Hélène", "Moreau")
    dynamic = new_dynamic(catalogue, "Hélène en transition")
    host = new_host(catalogue, "Chez Hélène")
    event = new_event(catalogue, "Visite chez Hélène")
    cat.move_to_trash(catalogue, "person", trashed)
    cat.move_to_trash(catalogue, "dynamic", dynamic)
    cat.move_to_trash(catalogue, "host", host)
    with catalogue.session() as session:
        session.execute(update(Event).where(Event.id == event).values(deleted_at=utcnow()))

    groups = search_everything(catalogue, "helene")

    assert [(g.kind, [h.id for h in g.hits], g.total) for g in groups] == [("person", [kept], 1)]


@pytest.mark.parametrize("query", ["", "   ", "’", " - "])
def test_a_blank_query_returns_nothing(catalogue, query):
    new_person(catalogue, "Hélène", "Marchand")
    assert search_everything(catalogue, query) == []


def test_per_kind_limits_the_hits_and_total_counts_them_all(catalogue):
    for family in ("Martin", "Bernard", "Thomas", "Petit", "Robert"):
        new_person(catalogue, "Anne", family)

    people = group(search_everything(catalogue, "anne", per_kind=2), "person")

    assert len(people.hits) == 2
    assert (people.total, people.capped, people.more) == (5, False, 3)
    everyone = group(search_everything(catalogue, "anne"), "person")
    assert (len(everyone.hits), everyone.total, everyone.more) == (5, 5, 0)


def test_the_count_stops_at_the_cap(catalogue, monkeypatch):
    for family in ("Martin", "Bernard", "Thomas", "Petit", "Robert"):
        new_person(catalogue, "Anne", family)
    monkeypatch.setattr(search, "COUNT_CAP", 3)

    people = group(search_everything(catalogue, "anne", per_kind=2), "person")

    assert (len(people.hits), people.total, people.capped, people.more) == (2, 3, True, 1)


def test_titles_starting_with_the_first_word_come_first(catalogue):
    new_person(catalogue, "Luc", "Martin", email="luc.michelene@example.org")
    new_person(catalogue, "Marc", "Dupont", organisation="Association Hélène Boucher")
    new_person(catalogue, "Hélène", "Zola")
    new_person(catalogue, "Paul", "Hélèneau")

    # Given or family name first (in the People page's order), then a word of
    # the record, then the word inside another word.
    assert titles(search_everything(catalogue, "helene"), "person") == [
        "Paul Hélèneau",
        "Hélène Zola",
        "Marc Dupont",
        "Luc Martin",
    ]


def test_dynamics_and_hosts_are_in_folded_alphabetical_order(catalogue):
    for name in ("Zèbre en transition", "Écopôle en transition", "Transition Alpes"):
        new_dynamic(catalogue, name)
    for name in ("Ōtop transition", "Ateliers de la transition"):
        new_host(catalogue, name)

    groups = search_everything(catalogue, "transition")

    assert titles(groups, "dynamic") == [
        "Transition Alpes",
        "Écopôle en transition",
        "Zèbre en transition",
    ]
    assert titles(groups, "host") == ["Ateliers de la transition", "Ōtop transition"]


def test_events_upcoming_soonest_first_then_past_most_recent_first(catalogue):
    for title, day in (
        ("Visite A", "2027-01-10"),
        ("Visite B", "2027-05-20"),
        ("Visite C", "2027-02-20"),
        ("Visite D", "2027-03-15"),
    ):
        new_event(catalogue, title, start=f"{day}T09:00", end=f"{day}T12:00")

    groups = search_everything(catalogue, "visite", now=NOW)

    assert titles(groups, "event") == ["Visite D", "Visite B", "Visite C", "Visite A"]


def test_event_time_is_shown_in_the_event_own_zone(catalogue):
    new_event(
        catalogue,
        "Séminaire à Nouméa",
        start="2027-02-11T09:30",
        end="2027-02-11T17:00",
        timezone="Pacific/Noumea",
        kind="seminar",
    )
    new_event(
        catalogue,
        "Séminaire à Paris",
        start="2027-07-01T09:30",
        end="2027-07-01T17:00",
        timezone="Europe/Paris",
        all_day=False,
    )
    new_event(
        catalogue,
        "Séminaire d'une journée",
        start="2027-09-01T00:00",
        end="2027-09-01T23:59",
        all_day=True,
        kind="workshop",
    )

    before_all = datetime(2027, 1, 1, tzinfo=UTC)
    events = group(search_everything(catalogue, "seminaire", now=before_all), "event")

    # 09:30 in Nouméa is 22:30 UTC the day before; 09:30 in Paris is 07:30 UTC.
    assert [(h.title, h.subtitle) for h in events.hits] == [
        ("Séminaire à Nouméa", "2027-02-11 09:30 · Joint seminar"),
        ("Séminaire à Paris", "2027-07-01 09:30 · Learning visit"),
        ("Séminaire d'une journée", "2027-09-01 · Workshop"),
    ]


def test_subtitles_skip_missing_parts(catalogue):
    new_person(catalogue, None, "Marchand")
    new_host(catalogue, "Mairie de Marchand")
    new_dynamic(catalogue, "Marchand et fils")

    groups = search_everything(catalogue, "marchand")

    assert [(g.hits[0].title, g.hits[0].subtitle) for g in groups] == [
        ("Marchand et fils", "Other"),
        ("Mairie de Marchand", ""),
        ("Marchand", ""),
    ]


def test_the_demo_catalogue_is_searchable(catalogue):
    load_demo(catalogue)

    groups = search_everything(catalogue, "cluster jura")
    assert titles(groups, "dynamic") == ["Clus'ter Jura"]
    people = titles(search_everything(catalogue, "helene"), "person")
    assert "Hélène Marchand" in people
