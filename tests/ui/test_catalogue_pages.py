"""The catalogue, used in the window alone: create, link, find, delete, undo, restart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from tests.ui.conftest import type_text

from visitplanner.services.demo import load_demo
from visitplanner.services.directory import records as cat
from visitplanner.settings import load_settings
from visitplanner.store.database import open_catalogue
from visitplanner.ui.main_window import MainWindow


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def names(page):
    return [page.model.index(r, 0).data() for r in range(page.model.rowCount())]


def tick(checklist, text):
    for row in range(checklist.count()):
        item = checklist.item(row)
        if item.text() == text:
            item.setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(f"{text} not in the list")


def new_person(qtbot, page, given, family, email):
    click(qtbot, page.new_button)
    type_text(page.form.given_name, given)
    type_text(page.form.family_name, family)
    type_text(page.form.email, email)
    click(qtbot, page.form.save_button)


def test_a_new_user_builds_a_catalogue_and_finds_it_again(qtbot, db_path, window):
    # A dynamic.
    window.show_page("dynamics")
    dynamics = window.pages["dynamics"]
    click(qtbot, dynamics.new_button)
    type_text(dynamics.form.name, "Clus'ter Jura")
    type_text(dynamics.form.region, "Bourgogne-Franche-Comté")
    click(qtbot, dynamics.form.save_button)
    assert names(dynamics) == ["Clus'ter Jura"]

    # Three people, one of them in the dynamic.
    window.show_page("people")
    people = window.pages["people"]
    new_person(qtbot, people, "Hélène", "Moreau", "helene.moreau@example.org")
    tick(people.form.dynamics, "Clus'ter Jura")
    click(qtbot, people.form.save_button)
    new_person(qtbot, people, "François", "Lemaître", "f.lemaitre@example.org")
    new_person(qtbot, people, "Zoé", "Nguyễn", "zoe.nguyen@example.org")
    assert names(people) == ["Lemaître, François", "Moreau, Hélène", "Nguyễn, Zoé"]
    assert people.count.text() == "3 people"

    # A host linked to the dynamic, with Hélène as contact.
    window.show_page("hosts")
    hosts = window.pages["hosts"]
    click(qtbot, hosts.new_button)
    type_text(hosts.form.name, "Maison de l'économie sociale")
    type_text(hosts.form.city, "Lons-le-Saunier")
    type_text(hosts.form.capacity, "25")
    type_text(hosts.form.contact, "helene")
    hosts.form.contact._suggest()
    hosts.form.contact.completer().activated.emit("Hélène Moreau (helene.moreau@example.org)")
    tick(hosts.form.dynamics, "Clus'ter Jura")
    click(qtbot, hosts.form.save_button)
    host = cat.list_hosts(window.catalogue)[0]
    assert host.contact_person_name == "Hélène Moreau"
    assert host.dynamic_names == ("Clus'ter Jura",)

    # The contact is a link to the person.
    hosts.form.contact_link.linkActivated.emit(f"person:{host.contact_person_id}")
    assert window.current_page() == "people"
    assert people.form.family_name.text() == "Moreau"

    # Find her by typing without accents, delete her, undo.
    qtbot.keyClicks(people.filter, "helene")
    qtbot.waitUntil(lambda: names(people) == ["Moreau, Hélène"])
    people.table.selectRow(0)
    click(qtbot, people.delete_button)
    assert names(people) == []
    window.undo_action.trigger()
    assert names(people) == ["Moreau, Hélène"]
    window.redo_action.trigger()
    assert names(people) == []
    window.undo_action.trigger()

    # Restart: everything is as left.
    window.close()
    window.catalogue.close()
    again_catalogue = open_catalogue(str(db_path))
    again = MainWindow(again_catalogue, load_settings())
    qtbot.addWidget(again)
    assert again.current_page() == "people"
    assert names(again.pages["people"]) == [
        "Lemaître, François",
        "Moreau, Hélène",
        "Nguyễn, Zoé",
    ]
    assert names(again.page("hosts")) == ["Maison de l'économie sociale"]
    again_catalogue.close()


def test_invalid_fields_are_reported_at_the_field_and_nothing_is_saved(qtbot, window, monkeypatch):
    monkeypatch.setattr("visitplanner.ui.dialogs.ask_save_discard_cancel", lambda *args: "discard")
    window.show_page("people")
    people = window.pages["people"]
    new_person(qtbot, people, "Anaïs", "", "anais@example")
    assert people.form.error.isVisible()
    assert "family name" in people.form.error.text()
    type_text(people.form.family_name, "Roux")
    click(qtbot, people.form.save_button)
    assert "e-mail" in people.form.error.text()
    assert cat.list_people(window.catalogue) == []

    window.show_page("hosts")  # unsaved changes: the guard asks; discard here
    hosts = window.pages["hosts"]
    click(qtbot, hosts.new_button)
    type_text(hosts.form.name, "Tiers-lieu")
    type_text(hosts.form.capacity, "beaucoup")
    click(qtbot, hosts.form.save_button)
    assert "capacity" in hosts.form.error.text()
    assert cat.list_hosts(window.catalogue) == []


def test_leaving_unsaved_changes_asks_first(qtbot, window, monkeypatch):
    answers = []
    monkeypatch.setattr(
        "visitplanner.ui.dialogs.ask_save_discard_cancel",
        lambda *args: answers.append("asked") or "cancel",
    )
    window.show_page("people")
    people = window.pages["people"]
    click(qtbot, people.new_button)
    type_text(people.form.family_name, "Roux")
    window.show_page("dynamics")
    assert answers == ["asked"]
    assert window.current_page() == "people"
    assert people.form.family_name.text() == "Roux"


def test_a_duplicate_email_offers_the_existing_person(qtbot, window, monkeypatch):
    existing = cat.create_person(
        window.catalogue, cat.PersonInput(family_name="Moreau", email="Helene@Example.org")
    ).created_id("person")
    window.changes_applied.emit(cat.Changes.of(created=[("person", existing)]))
    monkeypatch.setattr("visitplanner.ui.dialogs.ask_yes_no", lambda *args: True)
    window.show_page("people")
    people = window.pages["people"]
    new_person(qtbot, people, "Hélène", "Moreau", "helene@example.org")
    assert people.current_id() == existing
    assert len(cat.list_people(window.catalogue)) == 1


def test_filters_by_facet(qtbot, catalogue, window):
    load_demo(catalogue)
    window.changes_applied.emit(cat.Changes.everything())
    window.show_page("dynamics")
    dynamics = window.pages["dynamics"]
    kinds = dynamics.facet_boxes[0][1]
    kinds.setCurrentIndex(kinds.findText("PTCE"))
    assert set(names(dynamics)) >= {"Clus'ter Jura", "PTCE Figeacteurs"}
    assert all(dynamics.model.index(r, 1).data() == "PTCE" for r in range(len(names(dynamics))))


def test_item_models_pass_qt_checks(qtmodeltester, catalogue, window):
    load_demo(catalogue)
    window.changes_applied.emit(cat.Changes.everything())
    for key in ("dynamics", "hosts", "people"):
        qtmodeltester.check(window.page(key).model)
