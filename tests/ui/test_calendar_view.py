"""The calendar of the events page: by month, by week and as an agenda."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt

from visitplanner.i18n import set_language
from visitplanner.services.events import planning
from visitplanner.ui.widgets.calendar_view import CalendarView


def add_event(catalogue, title: str, start: str, end: str, **values) -> int:
    data = planning.EventInput(kind=values.pop("kind", "visit"), title=title, start=start, end=end)
    if values:
        data = planning.EventInput(**{**data.__dict__, **values})
    return planning.create_event(catalogue, data).created_id("event")


@pytest.fixture
def fetched() -> list[tuple[datetime, datetime]]:
    return []


@pytest.fixture
def make_view(qtbot, catalogue, fetched):
    def make(day: date = date(2027, 3, 12), mode: str = "month") -> CalendarView:
        def fetch(start: datetime, end: datetime) -> list[planning.EventView]:
            fetched.append((start, end))
            return planning.list_events(catalogue, start_from=start, start_to=end)

        view = CalendarView(fetch)
        qtbot.addWidget(view)
        view.resize(1000, 650)
        view.show()
        view.set_mode(mode)
        view.go_to(day)
        return view

    return make


def cell(view: CalendarView, day: date):
    return next(c for c in view.month.cells if c.day == day)


def chip_ids(view: CalendarView, day: date) -> list[int]:
    return [chip.record.id for chip in cell(view, day).chips]


def week_texts(view: CalendarView, day: date) -> list[str]:
    column = next(c for c in view.week.columns if c.list.day == day)
    return [column.list.item(row).text() for row in range(column.list.count())]


# --- month ---------------------------------------------------------------------------------


def test_month_shows_an_event_on_its_day_and_not_the_events_of_other_months(
    catalogue, make_view
) -> None:
    march = add_event(catalogue, "Visite à Figeac", "2027-03-12T09:30", "2027-03-12T17:00")
    may = add_event(catalogue, "Séminaire de mai", "2027-05-20T09:30", "2027-05-20T17:00")
    view = make_view(date(2027, 3, 12))
    assert view.title_text() == "March 2027"
    assert view.shown_event_ids() == [march]
    assert chip_ids(view, date(2027, 3, 12)) == [march]
    assert chip_ids(view, date(2027, 3, 11)) == []
    assert may not in view.shown_event_ids()
    chip = cell(view, date(2027, 3, 12)).chips[0]
    assert chip.isVisible()
    assert "Visite à Figeac" in chip.accessibleName()
    assert "Learning visit" in chip.toolTip()  # the kind in words, not only its colour


def test_month_grid_starts_on_monday_with_six_weeks(make_view) -> None:
    view = make_view(date(2027, 3, 12))
    first, end = view.visible_days()
    assert first == date(2027, 3, 1) and first.weekday() == 0
    assert (end - first).days == 42
    assert [label.text() for label in view.month.headers][:2] == ["Mon", "Tue"]
    assert view.month.headers[6].text() == "Sun"
    assert not cell(view, date(2027, 4, 5)).in_month
    assert cell(view, date(2027, 3, 31)).in_month


def test_a_multi_day_event_appears_on_each_day_it_covers(catalogue, make_view) -> None:
    seminar = add_event(
        catalogue, "Séminaire commun", "2027-03-10T09:00", "2027-03-12T16:00", kind="seminar"
    )
    view = make_view(date(2027, 3, 1))
    for day in (date(2027, 3, 10), date(2027, 3, 11), date(2027, 3, 12)):
        assert view.events_on(day) == [seminar]
        assert chip_ids(view, day) == [seminar]
    assert view.events_on(date(2027, 3, 9)) == []
    assert view.events_on(date(2027, 3, 13)) == []
    assert view.shown_event_ids() == [seminar]  # listed once, however many days it covers
    assert cell(view, date(2027, 3, 10)).chips[0].text.startswith("09:00 ")
    assert cell(view, date(2027, 3, 11)).chips[0].text.startswith("→ ")


def test_an_event_begun_before_the_period_still_shows_on_its_remaining_days(
    catalogue, make_view
) -> None:
    trip = add_event(catalogue, "Voyage d’étude", "2027-02-26T09:00", "2027-03-02T18:00")
    view = make_view(date(2027, 3, 1))
    assert view.visible_days()[0] == date(2027, 3, 1)
    assert view.events_on(date(2027, 3, 1)) == [trip]
    assert view.events_on(date(2027, 3, 2)) == [trip]
    assert view.events_on(date(2027, 3, 3)) == []


def test_an_event_ending_at_midnight_does_not_spill_onto_the_next_day(catalogue, make_view) -> None:
    evening = add_event(catalogue, "Soirée", "2027-03-12T19:00", "2027-03-13T00:00")
    view = make_view(date(2027, 3, 12))
    assert view.events_on(date(2027, 3, 12)) == [evening]
    assert view.events_on(date(2027, 3, 13)) == []


def test_more_than_three_events_on_a_day_show_plus_n_which_opens_the_week(
    catalogue, make_view
) -> None:
    ids = [
        add_event(
            catalogue, f"Point {n}", f"2027-03-12T{9 + n:02d}:00", f"2027-03-12T{10 + n:02d}:00"
        )
        for n in range(5)
    ]
    view = make_view(date(2027, 3, 12))
    day_cell = cell(view, date(2027, 3, 12))
    assert [chip.record.id for chip in day_cell.chips] == ids[:3]
    assert all(chip.isVisible() for chip in day_cell.chips)
    assert day_cell.more.isVisible()
    assert day_cell.more.text() == "+2"
    assert day_cell.more.accessibleName()
    assert view.shown_event_ids() == ids
    day_cell.more.click()
    assert view.mode() == "week"
    assert view.visible_days()[0] == date(2027, 3, 8)
    assert len(week_texts(view, date(2027, 3, 12))) == 5


def test_a_short_cell_counts_the_chips_that_do_not_fit(catalogue, make_view) -> None:
    for n in range(3):
        add_event(
            catalogue, f"Point {n}", f"2027-03-12T{9 + n:02d}:00", f"2027-03-12T{10 + n:02d}:00"
        )
    view = make_view(date(2027, 3, 12))
    view.resize(1000, 260)
    day_cell = cell(view, date(2027, 3, 12))
    shown = sum(chip.isVisible() for chip in day_cell.chips)
    assert shown < 3
    assert day_cell.more.isVisible()
    assert day_cell.more.text() == f"+{3 - shown}"


# --- navigation ---------------------------------------------------------------------------


def midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day).astimezone().astimezone(UTC)


def test_next_previous_and_today_move_the_month(make_view) -> None:
    view = make_view(date(2027, 3, 12))
    assert view.visible_range() == (midnight(date(2027, 3, 1)), midnight(date(2027, 4, 12)))
    view.next()
    assert view.title_text() == "April 2027"
    assert view.visible_days()[0] == date(2027, 3, 29)
    view.previous()
    view.previous()
    assert view.title_text() == "February 2027"
    assert view.visible_days()[0] == date(2027, 2, 1)
    view.next_button.click()
    assert view.title_text() == "March 2027"
    view.today()
    first, end = view.visible_days()
    assert first <= date.today() < end
    view.go_to(date(2027, 12, 24))
    view.next()
    assert view.title_text() == "January 2028"


def test_next_previous_and_today_move_the_week_and_the_agenda(make_view) -> None:
    view = make_view(date(2027, 3, 12), mode="week")
    assert view.visible_days() == (date(2027, 3, 8), date(2027, 3, 15))
    assert view.title_text() == "Week of 8 March 2027"
    view.next()
    assert view.visible_days()[0] == date(2027, 3, 15)
    view.previous_button.click()
    view.previous()
    assert view.visible_days()[0] == date(2027, 3, 1)
    view.today_button.click()
    first, end = view.visible_days()
    assert first.weekday() == 0 and first <= date.today() < end

    view.set_mode("agenda")
    view.go_to(date(2027, 2, 1))
    assert view.visible_days() == (date(2027, 2, 1), date(2027, 4, 2))
    assert view.title_text() == "1 February – 1 April 2027"
    view.next()
    assert view.visible_days()[0] == date(2027, 4, 2)


def test_the_fetch_gets_aware_utc_moments_around_the_period_and_refresh_asks_again(
    catalogue, make_view, fetched
) -> None:
    view = make_view(date(2027, 3, 12))
    fetched.clear()
    late = add_event(catalogue, "Ajouté ensuite", "2027-03-20T10:00", "2027-03-20T12:00")
    assert late not in view.shown_event_ids()
    view.refresh()
    assert view.shown_event_ids() == [late]
    ((start, end),) = fetched
    shown_start, shown_end = view.visible_range()
    assert start.utcoffset() == timedelta(0) and end.utcoffset() == timedelta(0)
    assert start <= shown_start and end >= shown_end


def test_the_mode_buttons_switch_views_and_tell_the_page(qtbot, make_view) -> None:
    view = make_view(date(2027, 3, 12))
    with qtbot.waitSignal(view.mode_changed) as blocker:
        view.mode_buttons["agenda"].click()
    assert blocker.args == ["agenda"]
    assert view.mode() == "agenda"
    assert view.stack.currentWidget() is view.agenda
    view.mode_buttons["week"].click()
    assert view.stack.currentWidget() is view.week
    assert view.mode_buttons["week"].isChecked()
    with pytest.raises(ValueError):
        view.set_mode("year")


# --- week and agenda ----------------------------------------------------------------------------


def test_week_lists_each_day_with_times_all_day_events_first(catalogue, make_view) -> None:
    add_event(catalogue, "Séminaire commun", "2027-03-12T09:30", "2027-03-12T17:00")
    add_event(
        catalogue,
        "Journée portes ouvertes",
        "2027-03-12T00:00",
        "2027-03-13T00:00",
        all_day=True,
        kind="workshop",
    )
    add_event(catalogue, "Réunion", "2027-03-09T14:00", "2027-03-09T15:30", kind="meeting")
    view = make_view(date(2027, 3, 12), mode="week")
    assert [column.list.day for column in view.week.columns] == [
        date(2027, 3, 8) + timedelta(days=n) for n in range(7)
    ]
    assert view.week.columns[0].header.text() == "Mon 8 Mar"
    friday = week_texts(view, date(2027, 3, 12))
    assert friday[0].startswith("All day\nJournée portes ouvertes")
    assert friday[1].startswith("09:30–17:00\nSéminaire commun")
    assert "Learning visit" in friday[1]
    assert week_texts(view, date(2027, 3, 9))[0].startswith("14:00–15:30\nRéunion")
    assert week_texts(view, date(2027, 3, 10)) == []


def test_agenda_groups_the_next_sixty_days_by_day(catalogue, make_view) -> None:
    first = add_event(catalogue, "Visite à Figeac", "2027-03-12T09:30", "2027-03-12T17:00")
    second = add_event(
        catalogue, "Réunion", "2027-03-12T14:00", "2027-03-12T15:00", status="cancelled"
    )
    third = add_event(catalogue, "Atelier", "2027-03-15T10:00", "2027-03-15T12:00")
    add_event(catalogue, "Trop tard", "2027-05-20T10:00", "2027-05-20T12:00")
    view = make_view(date(2027, 3, 1), mode="agenda")
    agenda = view.agenda
    headers = [agenda.topLevelItem(n) for n in range(agenda.topLevelItemCount())]
    assert [h.text(0) for h in headers] == ["Friday 12 March 2027", "Monday 15 March 2027"]
    assert [h.childCount() for h in headers] == [2, 1]
    lines = [agenda.line_text(item) for item in agenda.event_items()]
    assert lines == [
        "09:30–17:00  Visite à Figeac — Planned",
        "14:00–15:00  Réunion — Cancelled",
        "10:00–12:00  Atelier — Planned",
    ]
    assert view.shown_event_ids() == [first, second, third]


def test_an_empty_agenda_says_so(make_view) -> None:
    view = make_view(date(2027, 3, 1), mode="agenda")
    assert view.agenda.topLevelItemCount() == 1
    assert view.agenda.topLevelItem(0).text(0) == "No events in this period."
    assert view.shown_event_ids() == []


# --- activation ---------------------------------------------------------------------------------


def test_double_click_or_enter_on_a_chip_opens_the_event(qtbot, catalogue, make_view) -> None:
    event_id = add_event(catalogue, "Visite", "2027-03-12T09:30", "2027-03-12T17:00")
    view = make_view(date(2027, 3, 12))
    chip = cell(view, date(2027, 3, 12)).chips[0]
    with qtbot.waitSignal(view.event_activated) as blocker:
        qtbot.mouseDClick(chip, Qt.MouseButton.LeftButton)
    assert blocker.args == [event_id]
    chip.setFocus()
    with qtbot.waitSignal(view.event_activated) as blocker:
        qtbot.keyClick(chip, Qt.Key.Key_Return)
    assert blocker.args == [event_id]


def test_enter_on_a_week_or_agenda_line_opens_the_event(qtbot, catalogue, make_view) -> None:
    event_id = add_event(catalogue, "Visite", "2027-03-12T09:30", "2027-03-12T17:00")
    view = make_view(date(2027, 3, 12), mode="week")
    day_list = view.week.columns[4].list
    day_list.setCurrentRow(0)
    with qtbot.waitSignal(view.event_activated) as blocker:
        qtbot.keyClick(day_list, Qt.Key.Key_Return)
    assert blocker.args == [event_id]

    view.set_mode("agenda")
    (line,) = view.agenda.event_items()
    view.agenda.setCurrentItem(line)
    with qtbot.waitSignal(view.event_activated) as blocker:
        qtbot.keyClick(view.agenda, Qt.Key.Key_Return)
    assert blocker.args == [event_id]


def test_double_click_on_an_empty_day_offers_that_day(qtbot, make_view) -> None:
    view = make_view(date(2027, 3, 12))
    empty = cell(view, date(2027, 3, 17))
    with qtbot.waitSignal(view.day_activated) as blocker:
        qtbot.mouseDClick(empty, Qt.MouseButton.LeftButton, pos=QPoint(20, 50))
    assert blocker.args == [date(2027, 3, 17)]

    view.set_mode("week")
    day_list = view.week.columns[2].list
    with qtbot.waitSignal(view.day_activated) as blocker:
        qtbot.mouseDClick(day_list.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(20, 50))
    assert blocker.args == [date(2027, 3, 10)]


# --- words --------------------------------------------------------------------------------------


def test_titles_and_day_names_in_french(qtbot, catalogue, make_view) -> None:
    add_event(catalogue, "Visite", "2027-03-12T09:30", "2027-03-12T17:00")
    set_language("fr")
    try:
        view = make_view(date(2027, 3, 12))
        assert view.title_text() == "mars 2027"
        assert view.month.headers[0].text() == "lun."
        assert view.month.headers[6].text() == "dim."
        view.set_mode("agenda")
        view.go_to(date(2027, 3, 1))
        assert view.title_text() == "1 mars – 29 avril 2027"
        assert view.agenda.topLevelItem(0).text(0) == "vendredi 12 mars 2027"
        assert "Planifié" in view.agenda.line_text(view.agenda.event_items()[0])
        view.set_mode("week")
        view.go_to(date(2027, 3, 12))
        assert view.week.columns[0].header.text() == "lun. 8 mars"
        assert "8 mars 2027" in view.title_text()
    finally:
        set_language("en")


def test_every_control_has_an_accessible_name(catalogue, make_view) -> None:
    add_event(catalogue, "Visite", "2027-03-12T09:30", "2027-03-12T17:00")
    view = make_view(date(2027, 3, 12))
    buttons = [view.today_button, view.previous_button, view.next_button]
    buttons += list(view.mode_buttons.values())
    assert all(button.accessibleName() for button in buttons)
    assert view.previous_button.accessibleName() == "Previous month"
    day_cell = cell(view, date(2027, 3, 12))
    assert day_cell.accessibleName() == "Friday 12 March 2027, 1 event"
    assert (
        day_cell.chips[0].accessibleName().startswith("Visite, Friday 12 March 2027, 09:30–17:00")
    )
    view.set_mode("week")
    assert view.previous_button.accessibleName() == "Previous week"
    assert all(column.list.accessibleName() for column in view.week.columns)
