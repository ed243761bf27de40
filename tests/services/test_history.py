"""Undo and redo of catalogue edits: every step brings back exactly what the user saw."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from visitplanner.domain.errors import NotFoundError, UserError, ValidationError
from visitplanner.services.changes import Changes
from visitplanner.services.directory import records as cat
from visitplanner.services.directory.records import DuplicateEmailError
from visitplanner.services.recovery.history import History, HistoryError, Step, action_label
from visitplanner.services.recovery.trash import empty_trash, list_trash

GET = {"dynamic": cat.get_dynamic, "host": cat.get_host, "person": cat.get_person}


def snapshot(catalogue):
    """The catalogue as the user sees it in its three lists."""
    return (cat.list_dynamics(catalogue), cat.list_hosts(catalogue), cat.list_people(catalogue))


def dynamic_data(name="Clus'ter Jura", **values):
    values.setdefault("kind", "cluster")
    return cat.DynamicInput(name=name, **values)


@pytest.fixture
def world(catalogue):
    """Two dynamics, a person in both and a host whose contact she is."""
    a = cat.create_dynamic(
        catalogue,
        cat.DynamicInput(
            name="Nova Child",
            kind="cluster",
            region="Auvergne-Rhône-Alpes",
            territory="Roanne",
            description="Filière de l'enfance",
            website="https://example.org/nova",
            tags=["Réemploi", "enfance"],
            services=["observatory", "living_lab"],
        ),
    ).created_id("dynamic")
    b = cat.create_dynamic(catalogue, dynamic_data("Figeacteurs", kind="ptce")).created_id(
        "dynamic"
    )
    person = cat.create_person(
        catalogue,
        cat.PersonInput(
            family_name="Martin",
            given_name="Anne",
            email="Anne.Martin@example.org",
            phone="+33 6 12 34 56 78",
            organisation="Nova Child",
            actor_type="association",
            function="Coordinatrice",
            preferred_language="en",
            consent_photos=True,
            consent_quotes=False,
            consent_date=date(2024, 3, 1),
            notes="Prefers mornings",
            dynamic_ids=[b, a],
        ),
    ).created_id("person")
    host = cat.create_host(
        catalogue,
        cat.HostInput(
            name="La Ruche",
            actor_type="sse",
            address_line1="3 rue du Port",
            address_line2="Bâtiment B",
            postal_code="46100",
            city="Figeac",
            country="fr",
            capacity="40",
            accessibility="Step-free",
            notes="Parking behind",
            contact_person_id=person,
            dynamic_ids=[a, b],
        ),
    ).created_id("host")
    return {"a": a, "b": b, "person": person, "host": host}


# --- inputs from views --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "update", "to_input"),
    [
        ("dynamic", cat.update_dynamic, cat.dynamic_input),
        ("host", cat.update_host, cat.host_input),
        ("person", cat.update_person, cat.person_input),
    ],
)
def test_the_input_from_a_view_recreates_the_record(catalogue, world, kind, update, to_input):
    record_id = world["a"] if kind == "dynamic" else world[kind]
    before = GET[kind](catalogue, record_id)
    lists = snapshot(catalogue)
    update(catalogue, record_id, to_input(before))
    assert GET[kind](catalogue, record_id) == before
    assert snapshot(catalogue) == lists


def test_an_input_from_a_view_creates_an_equal_record(catalogue, world):
    original = cat.get_dynamic(catalogue, world["a"])
    cat.move_to_trash(catalogue, "dynamic", world["a"])
    copy_id = cat.create_dynamic(catalogue, cat.dynamic_input(original)).created_id("dynamic")
    copy = cat.get_dynamic(catalogue, copy_id)
    assert copy.id != original.id
    assert cat.dynamic_input(copy) == cat.dynamic_input(original)


# --- create --------------------------------------------------------------------------------------


def test_undo_a_creation_moves_the_record_to_the_trash_and_redo_brings_it_back(catalogue):
    history = History(catalogue)
    empty = snapshot(catalogue)
    changes = history.create("person", cat.PersonInput(family_name=" Durand ", given_name="Léa"))
    person_id = changes.created_id("person")
    created = cat.get_person(catalogue, person_id)
    after = snapshot(catalogue)
    assert history.undo_label == "create person “Léa Durand”"
    assert history.can_undo and not history.can_redo

    assert history.undo() == Changes.of(deleted=[("person", person_id)])
    assert snapshot(catalogue) == empty
    with pytest.raises(NotFoundError):
        cat.get_person(catalogue, person_id)
    assert [(i.kind, i.id) for i in list_trash(catalogue)] == [("person", person_id)]
    assert not history.can_undo and history.can_redo
    assert history.undo_label is None
    assert history.redo_label == "create person “Léa Durand”"

    assert history.redo() == Changes.of(created=[("person", person_id)])
    assert cat.get_person(catalogue, person_id) == created
    assert snapshot(catalogue) == after
    assert list_trash(catalogue) == []


def test_a_refused_creation_records_no_step(catalogue):
    history = History(catalogue)
    with pytest.raises(ValidationError):
        history.create("dynamic", cat.DynamicInput(name="  "))
    assert not history.can_undo


# --- edit ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("dynamic", dynamic_data("Nova Child 2", kind="ptce", tags=["bois"], services=[])),
        ("host", cat.HostInput(name="La Ruche (Figeac)", city="Cahors", capacity=12)),
        (
            "person",
            cat.PersonInput(family_name="Martin-Roux", email="anne@example.net", dynamic_ids=[]),
        ),
    ],
)
def test_undo_an_edit_puts_back_every_field_and_redo_applies_it_again(catalogue, world, kind, data):
    record_id = world["a"] if kind == "dynamic" else world[kind]
    history = History(catalogue)
    before_view, before_lists = GET[kind](catalogue, record_id), snapshot(catalogue)

    assert history.update(kind, record_id, data) == Changes.of(updated=[(kind, record_id)])
    after_view, after_lists = GET[kind](catalogue, record_id), snapshot(catalogue)
    assert after_view != before_view
    assert history.undo_label == f"edit {kind} “{after_view.name}”"

    assert history.undo() == Changes.of(updated=[(kind, record_id)])
    assert GET[kind](catalogue, record_id) == before_view
    assert snapshot(catalogue) == before_lists

    assert history.redo() == Changes.of(updated=[(kind, record_id)])
    assert GET[kind](catalogue, record_id) == after_view
    assert snapshot(catalogue) == after_lists


def test_an_edit_that_changes_nothing_records_no_step_and_keeps_redo(catalogue, world):
    history = History(catalogue)
    same = cat.person_input(cat.get_person(catalogue, world["person"]))
    # Spelled differently, stored the same: nothing for Undo to revert.
    changes = history.update(
        "person", world["person"], replace(same, family_name=" Martin ", given_name="Anne ")
    )
    assert changes == Changes.of(updated=[("person", world["person"])])
    assert not history.can_undo
    history.create("dynamic", dynamic_data())
    history.undo()
    history.update("person", world["person"], same)
    assert history.redo_label == "create dynamic “Clus'ter Jura”"
    assert not history.can_undo


def test_a_refused_edit_records_no_step_and_changes_nothing(catalogue, world):
    history = History(catalogue)
    before = snapshot(catalogue)
    with pytest.raises(ValidationError):
        history.update("host", world["host"], cat.HostInput(name="Ruche", capacity=-1))
    assert snapshot(catalogue) == before
    assert not history.can_undo


# --- delete ---------------------------------------------------------------------------------------


def test_undo_a_deletion_restores_the_record_with_its_links(catalogue, world):
    history = History(catalogue)
    before = snapshot(catalogue)
    assert history.trash("person", world["person"]) == Changes.of(
        deleted=[("person", world["person"])]
    )
    assert history.undo_label == "delete person “Anne Martin”"
    assert [p.id for p in cat.list_people(catalogue)] == []

    assert history.undo() == Changes.of(created=[("person", world["person"])])
    assert snapshot(catalogue) == before
    assert cat.get_host(catalogue, world["host"]).contact_person_name == "Anne Martin"

    history.redo()
    assert cat.list_people(catalogue) == []
    assert history.undo_label == "delete person “Anne Martin”"


def test_deleting_a_missing_record_records_no_step(catalogue):
    history = History(catalogue)
    with pytest.raises(NotFoundError):
        history.trash("host", 99)
    assert not history.can_undo


# --- chains ---------------------------------------------------------------------------------------


def test_a_chain_of_steps_unwinds_and_replays_state_by_state(catalogue, world):
    history = History(catalogue)
    states = [snapshot(catalogue)]
    dynamic_id = history.create("dynamic", dynamic_data("Pôle Mer")).created_id("dynamic")
    states.append(snapshot(catalogue))
    history.update("dynamic", dynamic_id, dynamic_data("Pôle Mer Bretagne", tags=["mer"]))
    states.append(snapshot(catalogue))
    host_data = cat.host_input(cat.get_host(catalogue, world["host"]))
    history.update("host", world["host"], replace(host_data, dynamic_ids=[dynamic_id]))
    states.append(snapshot(catalogue))
    history.trash("person", world["person"])
    states.append(snapshot(catalogue))
    history.trash("dynamic", dynamic_id)
    states.append(snapshot(catalogue))

    assert [s.label for s in history.undo_steps] == [
        "create dynamic “Pôle Mer”",
        "edit dynamic “Pôle Mer Bretagne”",
        "edit host “La Ruche”",
        "delete person “Anne Martin”",
        "delete dynamic “Pôle Mer Bretagne”",
    ]
    for expected in reversed(states[:-1]):
        history.undo()
        assert snapshot(catalogue) == expected
    assert not history.can_undo
    for expected in states[1:]:
        history.redo()
        assert snapshot(catalogue) == expected
    assert not history.can_redo


def test_a_new_step_clears_the_redo_stack(catalogue):
    history = History(catalogue)
    history.create("dynamic", dynamic_data("One"))
    history.create("dynamic", dynamic_data("Two"))
    history.undo()
    assert history.redo_label == "create dynamic “Two”"
    history.create("dynamic", dynamic_data("Three"))
    assert not history.can_redo
    assert history.redo() == Changes()
    assert [s.label for s in history.undo_steps] == [
        "create dynamic “One”",
        "create dynamic “Three”",
    ]


def test_the_oldest_steps_fall_off_past_the_limit(catalogue):
    history = History(catalogue, limit=3)
    for name in ("One", "Two", "Three", "Four", "Five"):
        history.create("dynamic", dynamic_data(name))
    assert len(history.undo_steps) == 3
    for _ in range(3):
        history.undo()
    assert not history.can_undo
    assert history.undo() == Changes()
    assert [d.name for d in cat.list_dynamics(catalogue)] == ["One", "Two"]
    for _ in range(3):
        history.redo()
    assert len(cat.list_dynamics(catalogue)) == 5


def test_a_history_keeps_at_least_one_step(catalogue):
    with pytest.raises(ValueError):
        History(catalogue, limit=0)


def test_clear_forgets_every_step(catalogue):
    history = History(catalogue)
    history.create("dynamic", dynamic_data("One"))
    history.create("dynamic", dynamic_data("Two"))
    history.undo()
    history.clear()
    assert not history.can_undo and not history.can_redo
    assert history.undo_label is None and history.redo_label is None


def test_nothing_to_undo_or_redo_changes_nothing(catalogue):
    history = History(catalogue)
    assert history.undo() == Changes()
    assert history.redo() == Changes()


def test_the_listener_hears_every_change_of_the_stacks(catalogue):
    calls = []
    history = History(catalogue, on_change=lambda: calls.append(history.undo_label))
    history.create("dynamic", dynamic_data("One"))
    history.undo()
    history.redo()
    history.clear()
    assert calls == ["create dynamic “One”", None, "create dynamic “One”", None]


def test_wrong_inputs_and_kinds_are_programming_errors(catalogue):
    history = History(catalogue)
    with pytest.raises(TypeError):
        history.create("host", dynamic_data())
    with pytest.raises(ValueError):
        history.create("event", dynamic_data())  # type: ignore[arg-type]


# --- when the world changed underneath ------------------------------------------------------------


def test_a_failed_undo_changes_nothing_and_keeps_the_step(catalogue, world):
    calls = []
    history = History(catalogue, on_change=lambda: calls.append(1))
    history.update(
        "person", world["person"], cat.PersonInput(family_name="Martin", email="am@example.net")
    )
    # Meanwhile someone else takes the old address.
    other = cat.create_person(
        catalogue, cat.PersonInput(family_name="Roux", email="anne.martin@example.org")
    ).created_id("person")
    before, steps, calls_before = snapshot(catalogue), history.undo_steps, len(calls)

    with pytest.raises(HistoryError) as info:
        history.undo()
    assert isinstance(info.value, UserError)
    assert isinstance(info.value.cause, DuplicateEmailError)
    assert str(info.value) == (
        "Cannot undo edit person “Martin”: "
        f"e-mail: Anne.Martin@example.org already belongs to person {other}."
    )
    assert snapshot(catalogue) == before
    assert history.undo_steps == steps and not history.can_redo
    assert len(calls) == calls_before

    # Once the cause is fixed, the same step undoes.
    cat.update_person(catalogue, other, cat.PersonInput(family_name="Roux"))
    history.undo()
    assert cat.get_person(catalogue, world["person"]).email == "Anne.Martin@example.org"


def test_undo_of_an_edit_fails_when_the_record_was_deleted_meanwhile(catalogue, world):
    history = History(catalogue)
    history.update("dynamic", world["b"], dynamic_data("Figeacteurs 2"))
    cat.move_to_trash(catalogue, "dynamic", world["b"])
    with pytest.raises(HistoryError, match=r"^Cannot undo edit dynamic “Figeacteurs 2”: No dyn"):
        history.undo()
    assert history.undo_label == "edit dynamic “Figeacteurs 2”"
    cat.restore_from_trash(catalogue, "dynamic", world["b"])
    history.undo()
    assert cat.get_dynamic(catalogue, world["b"]).name == "Figeacteurs"


def test_redo_fails_once_the_trash_was_emptied(catalogue):
    history = History(catalogue)
    history.create("host", cat.HostInput(name="Tiers-lieu"))
    history.undo()
    empty_trash(catalogue)
    with pytest.raises(HistoryError, match=r"^Cannot redo create host “Tiers-lieu”: "):
        history.redo()
    assert history.redo_label == "create host “Tiers-lieu”"
    assert not history.can_undo
    assert cat.list_hosts(catalogue) == []


def test_undo_of_a_deletion_fails_once_the_trash_was_emptied(catalogue, world):
    history = History(catalogue)
    history.trash("dynamic", world["b"])
    empty_trash(catalogue)
    with pytest.raises(HistoryError, match=r"^Cannot undo delete dynamic “Figeacteurs”: "):
        history.undo()
    assert history.undo_label == "delete dynamic “Figeacteurs”"


# --- labels ---------------------------------------------------------------------------------------


def test_labels_name_the_action_the_kind_and_the_record():
    assert action_label("create", "host", "La Ruche") == "create host “La Ruche”"
    assert Step("delete", "dynamic", 3, "Pôle").label == "delete dynamic “Pôle”"
