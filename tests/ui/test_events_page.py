"""Planning a learning visit in the window, as a coordinator would."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from tests.ui.conftest import type_text

from visitplanner.services.changes import Changes
from visitplanner.services.demo import load_demo
from visitplanner.services.directory import records as cat
from visitplanner.services.events import planning


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _demo(window):
    load_demo(window.catalogue)
    window.changes_applied.emit(Changes.everything())


def test_plan_a_visit_with_programme_waiting_list_and_promotion(qtbot, window, monkeypatch):
    _demo(window)
    window.show_page("events")
    page = window.page("events")
    click(qtbot, page.new_button)
    form = page.form

    type_text(form.title, "Visite apprenante à la Ressourcerie")
    form.start.setDateTime(QDateTime(QDate(2027, 4, 14), QTime(9, 30)))
    form.end.setDateTime(QDateTime(QDate(2027, 4, 14), QTime(16, 30)))
    host = cat.list_hosts(window.catalogue, "ressourcerie")[0]
    type_text(form.host, "ressourcerie")
    form.host._suggest()
    form.host.completer().activated.emit(next(iter(form.host._labels)))
    type_text(form.capacity, "10")
    form.tabs.setCurrentWidget(form.programme)
    for title, start, end in (
        ("Accueil et tour de table", "09:30", "10:00"),
        ("Visite de l'atelier de réemploi", "10:00", "12:00"),
        ("Atelier : transposer chez nous", "14:00", "16:30"),
    ):
        click(qtbot, form.programme.add_button)
        item = form.programme.tree.currentItem()
        item.setText(0, start)
        item.setText(1, end)
        item.setText(2, title)
    click(qtbot, form.save_button)
    assert not form.error.isVisible(), form.error.text()
    event_id = form.event_id
    detail = planning.get_event(window.catalogue, event_id)
    assert detail.event.host_id == host.id
    assert [i.title for i in detail.programme] == [
        "Accueil et tour de table",
        "Visite de l'atelier de réemploi",
        "Atelier : transposer chez nous",
    ]
    assert detail.programme[2].start.hour == 14

    # Twelve people accept; two go to the waiting list in order.
    people = [p.id for p in cat.list_people(window.catalogue, limit=12)]
    form.tabs.setCurrentWidget(page.participants)
    from visitplanner.ui.add_participants_dialog import AddParticipantsDialog

    def run(catalogue, event, parent):
        dialog = AddParticipantsDialog(catalogue, event, parent)
        dialog.tick(people)
        dialog.status.setCurrentIndex(dialog.status.findData("accepted"))
        dialog.add()
        return dialog.outcome

    monkeypatch.setattr(AddParticipantsDialog, "run", staticmethod(run))
    click(qtbot, page.participants.add_button)
    detail = planning.get_event(window.catalogue, event_id)
    assert detail.count("accepted") == 10
    waiting = sorted(
        (p for p in detail.participants if p.status == "waitlisted"),
        key=lambda p: p.waitlist_position,
    )
    assert [p.waitlist_position for p in waiting] == [1, 2]
    assert "Accepted 10 / 10" in page.participants.counters.text()

    # One accepted person declines: the first on the waiting list is promoted.
    leaver = next(p for p in detail.participants if p.status == "accepted")
    page.participants.set_status(leaver.person_id, "declined")
    after = {p.person_id: p for p in planning.get_event(window.catalogue, event_id).participants}
    assert after[waiting[0].person_id].status == "accepted"
    assert after[waiting[0].person_id].to_notify
    assert after[waiting[1].person_id].waitlist_position == 1
    assert waiting[0].name in page.participants.message.text()


def test_end_before_start_is_refused_at_the_field(qtbot, window):
    window.show_page("events")
    page = window.page("events")
    click(qtbot, page.new_button)
    type_text(page.form.title, "Atelier")
    page.form.start.setDateTime(QDateTime(QDate(2027, 4, 14), QTime(14, 0)))
    page.form.end.setDateTime(QDateTime(QDate(2027, 4, 14), QTime(9, 0)))
    click(qtbot, page.form.save_button)
    assert page.form.error.isVisible()
    assert "end" in page.form.error.text()
    assert planning.list_events(window.catalogue) == []


def test_a_public_holiday_is_a_warning_not_a_refusal(qtbot, window):
    window.show_page("events")
    page = window.page("events")
    click(qtbot, page.new_button)
    type_text(page.form.title, "Séminaire")
    page.form.start.setDateTime(QDateTime(QDate(2027, 7, 14), QTime(9, 0)))
    page.form.end.setDateTime(QDateTime(QDate(2027, 7, 14), QTime(17, 0)))
    page.form.refresh_warnings()
    assert page.form.warnings.isVisibleTo(page)
    click(qtbot, page.form.save_button)
    assert [e.title for e in planning.list_events(window.catalogue)] == ["Séminaire"]


def test_calendar_shows_events_and_opens_them(qtbot, window):
    _demo(window)
    window.show_page("events")
    page = window.page("events")
    click(qtbot, page.calendar_button)
    page.calendar.go_to(date(2027, 2, 1))
    seminar = next(e for e in planning.list_events(window.catalogue) if e.kind == "seminar")
    assert seminar.id in page.calendar.shown_event_ids()
    page.calendar.event_activated.emit(seminar.id)
    assert page.form.event_id == seminar.id


def test_the_events_model_passes_qt_checks(qtmodeltester, window):
    _demo(window)
    window.show_page("events")
    qtmodeltester.check(window.page("events").model)


def test_saving_an_all_day_event_twice_keeps_its_days(qtbot, window):
    window.show_page("events")
    page = window.page("events")
    click(qtbot, page.new_button)
    type_text(page.form.title, "Séminaire de deux jours")
    page.form.all_day.setChecked(True)
    page.form.start.setDateTime(QDateTime(QDate(2027, 2, 11), QTime(0, 0)))
    page.form.end.setDateTime(QDateTime(QDate(2027, 2, 12), QTime(0, 0)))
    type_text(page.form.location, "Salle des fêtes, Figeac")
    click(qtbot, page.form.save_button)
    event_id = page.form.event_id
    first = planning.get_event(window.catalogue, event_id).event
    type_text(page.form.title, " (bis)")
    click(qtbot, page.form.save_button)
    again = planning.get_event(window.catalogue, event_id).event
    assert (again.start, again.end) == (first.start, first.end)
    assert planning.last_day(again) == date(2027, 2, 12)
    assert again.own_location == "Salle des fêtes, Figeac"


def test_duplicate_an_event_on_another_date(qtbot, window, monkeypatch):
    _demo(window)
    window.show_page("events")
    page = window.page("events")
    visit = next(e for e in planning.list_events(window.catalogue) if e.kind == "visit")
    page.select_record(visit.id)
    monkeypatch.setattr("visitplanner.ui.dialogs.ask_date", lambda *args: date(2027, 5, 20))
    click(qtbot, page.duplicate_button)
    copy = planning.get_event(window.catalogue, page.form.event_id)
    original = planning.get_event(window.catalogue, visit.id)
    assert copy.event.id != visit.id and copy.event.start.date() == date(2027, 5, 20)
    assert [i.title for i in copy.programme] == [i.title for i in original.programme]
    assert copy.participants == ()


def test_a_person_created_while_adding_participants_joins_the_list(qtbot, window):
    event_id = planning.create_event(
        window.catalogue,
        planning.EventInput(
            kind="workshop", title="Atelier", start="2027-03-18T14:00", end="2027-03-18T17:00"
        ),
    ).created_id("event")
    from visitplanner.ui.add_participants_dialog import AddParticipantsDialog

    dialog = AddParticipantsDialog(window.catalogue, event_id, window)
    type_text(dialog.new_given, "Çağla")
    type_text(dialog.new_family, "Yıldız")
    type_text(dialog.new_email, "cagla@example.org")
    click(qtbot, dialog.create_button)
    dialog.add()
    detail = planning.get_event(window.catalogue, event_id)
    assert [p.name for p in detail.participants] == ["Çağla Yıldız"]
    assert ("person", detail.participants[0].person_id) in dialog.outcome.changes.created


def test_the_sign_in_sheet_is_written_and_opened(qtbot, window, monkeypatch, tmp_path):
    _demo(window)
    seminar = next(e for e in planning.list_events(window.catalogue) if e.kind == "seminar")
    window.open_record("event", seminar.id)
    target = tmp_path / "emargement.pdf"
    opened = []
    monkeypatch.setattr("visitplanner.ui.export.ask_save_path", lambda *args: target)
    monkeypatch.setattr("visitplanner.ui.export.open_file", opened.append)
    click(qtbot, window.page("events").sheet_button)
    assert target.read_bytes().startswith(b"%PDF")
    assert opened == [target]
