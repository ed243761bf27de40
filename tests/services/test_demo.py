"""The demo catalogues: what the small one holds, and that loading is all or nothing."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from visitplanner.domain.enums import Challenge
from visitplanner.domain.errors import UserError
from visitplanner.domain.text import fold, search_key
from visitplanner.services import demo
from visitplanner.services.demo import DemoSummary, is_empty, load_demo
from visitplanner.services.directory.records import (
    PersonInput,
    create_person,
    list_dynamics,
    list_people,
)
from visitplanner.services.events.planning import get_event, list_events
from visitplanner.store.database import Catalogue, open_catalogue
from visitplanner.store.models import (
    Attendance,
    CatalogueInfo,
    Debrief,
    Dynamic,
    Event,
    Participation,
    Person,
    StoryEntry,
)


@pytest.fixture
def cat(tmp_path: Path):
    catalogue = open_catalogue(str(tmp_path / "c.sqlite"))
    yield catalogue
    catalogue.close()


def _counts(catalogue: Catalogue) -> DemoSummary:
    with catalogue.session() as session:
        return demo._summary(session)


def _uids(catalogue: Catalogue) -> list[str]:
    with catalogue.session() as session:
        return sorted(session.scalars(select(Event.uid)))


# --- the small catalogue -------------------------------------------------------------------------


def test_small_demo_loads_the_expected_amounts(cat: Catalogue) -> None:
    summary = load_demo(cat)

    assert 9 <= summary.dynamics <= 12
    assert 10 <= summary.hosts <= 12
    assert 55 <= summary.people <= 65
    assert summary.events == 5
    assert 50 <= summary.participations <= 70
    assert summary.debriefs == 2
    assert 6 <= summary.story_entries <= 10
    assert summary == _counts(cat)


def test_small_demo_has_the_dynamics_of_the_study(cat: Catalogue) -> None:
    load_demo(cat)

    by_name = {d.name: d for d in list_dynamics(cat)}
    assert {"Nova Child", "Pôle Mer Bretagne Atlantique", "Pôle Mer Méditerranée"} <= set(by_name)
    assert {"PTCE Figeacteurs", "Clus'ter Jura", "France Clusters"} <= set(by_name)
    assert by_name["Nova Child"].kind == "cluster"
    assert {"observatory", "living_lab"} <= set(by_name["Nova Child"].services)
    assert "living lab" in by_name["Nova Child"].tags
    assert by_name["Clus'ter Jura"].region == "Bourgogne-Franche-Comté"
    kinds = {d.kind for d in by_name.values()}
    assert {"competitiveness_cluster", "ptce", "third_place", "tzcld", "local_currency"} <= kinds
    assert "transition_initiative" in kinds
    # Folded search finds the apostrophe name the way a user types it.
    assert [d.name for d in list_dynamics(cat, search="cluster jura")] == ["Clus'ter Jura"]


def test_upcoming_seminar_has_a_mixed_list_with_a_waiting_list(cat: Catalogue) -> None:
    load_demo(cat)

    [seminar] = list_events(cat, kind="seminar")
    detail = get_event(cat, seminar.id)

    assert seminar.status == "confirmed"
    assert seminar.start.year == 2027
    assert (seminar.end - seminar.start).days >= 1
    assert seminar.fee_cents == 4500
    assert seminar.timezone == "Europe/Paris"
    assert 22 <= len(detail.participants) <= 30
    statuses = Counter(p.status for p in detail.participants)
    assert set(statuses) == {"accepted", "tentative", "declined", "invited", "waitlisted"}
    assert statuses["accepted"] <= seminar.capacity
    waiting = sorted(p.waitlist_position for p in detail.participants if p.status == "waitlisted")
    assert waiting == list(range(1, len(waiting) + 1))
    assert all(p.waitlist_position is None for p in detail.participants if p.status != "waitlisted")
    assert {p.role for p in detail.participants} == {
        "organiser",
        "host",
        "speaker",
        "participant",
        "observer",
    }
    assert all(p.invited_at is not None for p in detail.participants)


def test_two_past_visits_have_final_debriefs_with_challenges(cat: Catalogue) -> None:
    load_demo(cat)

    with cat.session() as session:
        visits = session.scalars(
            select(Event).where(Event.kind == "visit", Event.status == "done")
        ).all()
        assert len(visits) == 2
        for visit in visits:
            assert visit.visit_question
            assert visit.host is not None
            assert 3 <= len(visit.programme) <= 5
            assert all(item.speaker and item.starts_at <= item.ends_at for item in visit.programme)
            assert {link.side for link in visit.dynamic_links} == {"visiting", "visited"}
            accepted = [p for p in visit.participations if p.status == "accepted"]
            assert 8 <= len(accepted) <= 14
            assert all(p.attendance for p in accepted)

            debrief = session.scalar(select(Debrief).where(Debrief.event_id == visit.id))
            assert debrief is not None and debrief.status == "final"
            assert debrief.finalised_at is not None
            assert debrief.context and debrief.what_we_saw and debrief.ideas_to_transpose
            assert debrief.authors
            assert 3 <= len(debrief.takeaways) <= 5
            assert all(t.challenge in Challenge.codes() for t in debrief.takeaways)
            assert 1 <= len(debrief.quotes) <= 2
            assert all(
                q.person is not None and "quotes" in {c.purpose for c in q.person.consents}
                for q in debrief.quotes
            )
            assert 2 <= len(debrief.actions) <= 4
            assert all(a.owner is not None and a.due_date for a in debrief.actions)
        debriefs = session.scalars(select(Debrief)).all()
        actions = [a for d in debriefs for a in d.actions]
        assert any(a.done for a in actions)
        assert any(not a.done and a.due_date < demo.TODAY for a in actions)  # overdue
        assert any(not a.done and a.due_date > demo.TODAY for a in actions)  # still to come


def test_past_attendance_follows_the_half_days(cat: Catalogue) -> None:
    load_demo(cat)

    with cat.session() as session:
        rows = session.execute(
            select(Attendance.half_day, Attendance.present)
            .join(Participation, Participation.id == Attendance.participation_id)
            .join(Event, Event.id == Participation.event_id)
            .where(Event.kind == "visit")
        ).all()
    assert {half for half, _present in rows} == {"am", "pm"}
    assert any(not present for _half, present in rows)  # someone left early
    assert sum(present for _half, present in rows) > len(rows) // 2


def test_events_are_stored_in_paris_time(cat: Catalogue) -> None:
    load_demo(cat)

    nova = next(e for e in list_events(cat, kind="visit") if "Nova Child" in e.title)
    assert nova.start.tzinfo is not None
    assert (nova.start.hour, nova.start.minute) == (9, 30)
    assert nova.visit_question.startswith("Comment un cluster crée-t-il un living lab")
    kinds = {(e.kind, e.status) for e in list_events(cat)}
    assert ("meeting", "planned") in kinds
    assert ("workshop", "draft") in kinds


def test_names_with_accents_survive(cat: Catalogue) -> None:
    load_demo(cat)

    names = {p.name for p in list_people(cat)}
    for name in ("Hélène Marchand", "Zoé Lemaître", "Anaïs Benhamou", "Joël Ménard"):
        assert name in names
    assert "Thị Lan Nguyễn" in names
    assert "Çağla Yıldız" in names
    assert "Søren Ørgaard" in names
    assert [p.name for p in list_people(cat, search="helene marchand")] == ["Hélène Marchand"]
    assert [p.name for p in list_people(cat, search="orgaard")] == ["Søren Ørgaard"]


def test_people_are_fictional_and_well_keyed(cat: Catalogue) -> None:
    load_demo(cat)

    with cat.session() as session:
        people = session.scalars(select(Person).options(selectinload(Person.consents))).all()
    emails = [p.email for p in people]
    assert all(e and e.endswith("@example.org") for e in emails)
    assert len(set(emails)) == len(emails)
    for p in people:
        assert p.email_key == p.email.casefold()
        assert p.search_key == search_key(p.given_name, p.family_name, p.email, p.organisation)
        assert p.sort_key == search_key(p.family_name, p.given_name)[:320]
        assert p.phone and p.phone[:2] in ("06", "07") and len(p.phone) == 14
        # Consents are dated records for partners' documents, never withdrawn in the demo.
        assert all(c.scope == "partners" and c.withdrawn_on is None for c in p.consents)
    assert {p.preferred_language for p in people} == {"fr", "en"}
    actor_types = {p.actor_type for p in people}
    assert {"large_company", "sme", "micro_company", "sse", "association"} <= actor_types
    assert {"research", "local_authority", "inhabitant", "ngo", "culture"} <= actor_types


def test_story_entries_tell_the_story(cat: Catalogue) -> None:
    load_demo(cat)

    with cat.session() as session:
        entries = session.scalars(select(StoryEntry).order_by(StoryEntry.entry_date)).all()
        catalogue_id = session.get(CatalogueInfo, "catalogue_id").value
        assert {e.kind for e in entries} >= {"visit", "milestone", "decision", "note"}
        assert all(e.revision == 1 and e.author and e.text for e in entries)
        assert all(e.origin == catalogue_id for e in entries)
        assert all(e.search_key == search_key(e.title, e.text) for e in entries)
        linked = [e for e in entries if e.debrief_id is not None]
        assert len(linked) == 2
        assert all(e.event_id is not None for e in linked)
        assert any(e.dynamics for e in entries)


def test_demo_is_reproducible(tmp_path: Path) -> None:
    first = open_catalogue(str(tmp_path / "a.sqlite"))
    second = open_catalogue(str(tmp_path / "b.sqlite"))
    try:
        load_demo(first)
        load_demo(second)
        assert _uids(first) == _uids(second)
        assert all(uid.endswith("@visitplanner") for uid in _uids(first))
    finally:
        first.close()
        second.close()


def test_progress_is_reported_up_to_the_total(cat: Catalogue) -> None:
    calls: list[tuple[int, int]] = []

    load_demo(cat, progress=lambda done, total: calls.append((done, total)))

    assert calls
    assert calls[-1][0] == calls[-1][1] > 0
    done = [d for d, _total in calls]
    assert done == sorted(done)


# --- refusing, replacing, all or nothing ---------------------------------------------------------


def test_is_empty_ignores_the_catalogue_identity(cat: Catalogue) -> None:
    assert cat.info("catalogue_id")
    assert is_empty(cat)

    load_demo(cat)

    assert not is_empty(cat)


def test_is_empty_sees_a_single_person(cat: Catalogue) -> None:
    create_person(cat, PersonInput(family_name="Durand", email="claire.durand@example.org"))

    assert not is_empty(cat)


def test_loading_twice_without_force_is_refused_and_changes_nothing(cat: Catalogue) -> None:
    load_demo(cat)
    before = (_counts(cat), _uids(cat))

    with pytest.raises(UserError, match="--force"):
        load_demo(cat)

    assert (_counts(cat), _uids(cat)) == before


def test_real_work_is_not_replaced_without_force(cat: Catalogue) -> None:
    create_person(cat, PersonInput(family_name="Durand", given_name="Claire"))

    with pytest.raises(UserError):
        load_demo(cat)

    assert [p.name for p in list_people(cat)] == ["Claire Durand"]
    assert list_dynamics(cat) == []


def test_force_replaces_user_data_and_a_previous_demo(cat: Catalogue) -> None:
    identity = cat.info("catalogue_id")
    create_person(cat, PersonInput(family_name="Durand", email="claire.durand@example.org"))

    first = load_demo(cat, force=True)
    second = load_demo(cat, force=True)

    assert first == second == _counts(cat)
    assert not list_people(cat, search="claire.durand")
    assert cat.info("catalogue_id") == identity


def test_a_failed_load_leaves_the_catalogue_as_it_was(
    cat: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_person(cat, PersonInput(family_name="Durand", given_name="Claire"))

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(demo.small, "_build_story_entry", broken)
    with pytest.raises(RuntimeError):
        load_demo(cat, force=True)

    assert [p.name for p in list_people(cat)] == ["Claire Durand"]
    with cat.session() as session:
        assert session.scalar(select(func.count()).select_from(Dynamic)) == 0


def test_unknown_size_is_refused(cat: Catalogue) -> None:
    with pytest.raises(UserError, match="huge"):
        load_demo(cat, "huge")
    assert is_empty(cat)


# --- the large catalogue, scaled down ------------------------------------------------------------
# The full size (100,000 people, 200,000 participations) is timed by hand, not in CI;
# the same code runs here at a hundredth of the size to keep its constraints honest.


def test_large_demo_code_path_at_a_small_scale(
    cat: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in {
        "LARGE_DYNAMICS": 20,
        "LARGE_PEOPLE": 500,
        "LARGE_HOSTS": 50,
        "LARGE_EVENTS": 200,
        "LARGE_PARTICIPATIONS": 2_000,
        "LARGE_DEBRIEFS": 50,
        "LARGE_LOG_ENTRIES": 20,
    }.items():
        monkeypatch.setattr(demo.large, name, value)
    calls: list[tuple[int, int]] = []

    summary = load_demo(cat, "large", progress=lambda d, t: calls.append((d, t)))

    assert summary == DemoSummary(20, 50, 500, 200, 2_000, 50, 20)
    assert calls[-1] == (demo.large.total(), demo.large.total())
    with cat.session() as session:
        pairs = session.execute(select(Participation.event_id, Participation.person_id)).all()
        assert len(set(pairs)) == len(pairs)
        emails = session.scalars(select(Person.email)).all()
        assert len(set(emails)) == len(emails)
        assert all(e.endswith("@example.org") and e.isascii() for e in emails)
        starts = session.scalars(select(Event.starts_at)).all()
        assert all(isinstance(s, datetime) and s.tzinfo is not None for s in starts)
        accented = session.scalar(
            select(Person).where(Person.given_name == "Hélène").order_by(Person.id).limit(1)
        )
    # The search keys are filled the way the services fill them.
    assert accented is not None
    found = list_people(cat, search=f"helene {fold(accented.family_name)}")
    assert accented.id in {p.id for p in found}


def test_large_demo_is_deterministic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "LARGE_PEOPLE": 300,
        "LARGE_HOSTS": 20,
        "LARGE_EVENTS": 100,
        "LARGE_PARTICIPATIONS": 1_000,
        "LARGE_DEBRIEFS": 20,
        "LARGE_LOG_ENTRIES": 10,
    }.items():
        monkeypatch.setattr(demo.large, name, value)
    results = []
    for name in ("a.sqlite", "b.sqlite"):
        catalogue = open_catalogue(str(tmp_path / name))
        try:
            load_demo(catalogue, "large")
            with catalogue.session() as session:
                results.append(
                    (
                        _uids(catalogue),
                        session.scalars(select(Person.email).order_by(Person.id)).all(),
                    )
                )
        finally:
            catalogue.close()
    assert results[0] == results[1]
