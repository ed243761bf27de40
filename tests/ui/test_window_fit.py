"""Every page fits a 1280×800 laptop screen in French and English, and nothing is cut."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QHeaderView,
    QLabel,
    QStyle,
    QStyleOptionComboBox,
    QTabWidget,
    QWidget,
)

from visitplanner.i18n import set_language
from visitplanner.services.demo import load_demo
from visitplanner.settings import Settings
from visitplanner.ui.main_window import PAGES, MainWindow

SCREEN = (1280, 800)


def cut_texts(root: QWidget) -> list[tuple]:
    """What a person would see cut: labels, wrapped labels, combo texts, buttons, columns."""
    found: list[tuple] = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or not label.text() or label.pixmap().isNull() is False:
            continue
        if label.wordWrap():
            if label.height() < label.heightForWidth(label.width()):
                found.append(("wrapped label", label.text()[:40], label.size().toTuple()))
        elif label.textFormat() != Qt.TextFormat.RichText and (
            label.width() < label.minimumSizeHint().width()
        ):
            found.append(("label", label.text()[:40], label.width()))
    for box in root.findChildren(QComboBox):
        if not box.isVisible() or box.isEditable() or not box.currentText():
            continue
        option = QStyleOptionComboBox()
        box.initStyleOption(option)
        field = box.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, box
        )
        needed = box.fontMetrics().horizontalAdvance(box.currentText())
        if not box.itemIcon(box.currentIndex()).isNull():
            needed += box.iconSize().width() + 4
        if field.width() < needed:
            found.append(("combo", box.currentText(), field.width(), needed))
    for button in root.findChildren(QAbstractButton):
        if button.isVisible() and button.text() and button.width() < button.sizeHint().width():
            found.append(("button", button.text(), button.width(), button.sizeHint().width()))
    for header in root.findChildren(QHeaderView):
        if not header.isVisible() or header.orientation() != Qt.Orientation.Horizontal:
            continue
        margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        for column in range(header.count()):
            text = str(header.model().headerData(column, Qt.Orientation.Horizontal) or "")
            lines = text.splitlines() or [""]
            needed = max(header.fontMetrics().horizontalAdvance(t) for t in lines) + margin
            if text and not header.isSectionHidden(column) and header.sectionSize(column) < needed:
                found.append(("column", text, header.sectionSize(column), needed))
    return found


def _sidebar_fits(window: MainWindow) -> None:
    sidebar = window.sidebar
    for row in range(sidebar.count()):
        item = sidebar.item(row)
        needed = (
            sidebar.iconSize().width()
            + sidebar.fontMetrics().horizontalAdvance(item.text())
            + 2 * sidebar.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin)
            + 4
        )
        assert sidebar.visualItemRect(item).width() >= needed, item.text()


def _click_page(qtbot, window: MainWindow, key: str) -> None:
    row = [k for k, _title in PAGES].index(key)
    rect = window.sidebar.visualItemRect(window.sidebar.item(row))
    qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_page() == key


def _fits(window: MainWindow) -> None:
    hint = window.minimumSizeHint()
    assert hint.width() <= SCREEN[0] and hint.height() <= SCREEN[1], hint
    assert window.size().toTuple() == SCREEN


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_page_fits_a_laptop_screen_and_nothing_is_cut(qtbot, catalogue, language):
    set_language(language)
    load_demo(catalogue)
    window = MainWindow(catalogue, Settings())
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    qtbot.waitExposed(window)
    _sidebar_fits(window)
    for key, _title in PAGES:
        _click_page(qtbot, window, key)
        page = window.page(key)
        table = getattr(page, "table", None)
        if table is not None and page.model.rowCount():
            qtbot.mouseClick(
                table.viewport(),
                Qt.MouseButton.LeftButton,
                pos=table.visualRect(
                    page.model.index(min(2, page.model.rowCount() - 1), 1)
                ).center(),
            )
        qtbot.wait(20)
        _fits(window)
        assert cut_texts(window) == [], key
        if table is not None:  # every column in sight, none behind a scroll bar
            assert table.horizontalScrollBar().maximum() == 0, key
        for tabs in [t for t in page.findChildren(QTabWidget) if t.isVisible()]:
            for index in range(tabs.count()):
                bar = tabs.tabBar()
                qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
                qtbot.wait(20)
                _fits(window)
                assert cut_texts(window) == [], (key, tabs.tabText(index))
            qtbot.mouseClick(
                tabs.tabBar(), Qt.MouseButton.LeftButton, pos=tabs.tabBar().tabRect(0).center()
            )
        if key == "events":
            qtbot.mouseClick(page.calendar_button, Qt.MouseButton.LeftButton)
            for mode, button in page.calendar.mode_buttons.items():
                qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
                qtbot.wait(20)
                _fits(window)
                assert cut_texts(window) == [], (key, mode)
            qtbot.mouseClick(page.list_button, Qt.MouseButton.LeftButton)


def test_an_empty_catalogue_opens_on_the_welcome_text_uncut(qtbot, catalogue) -> None:
    set_language("fr")
    window = MainWindow(catalogue, Settings())
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(20)
    # Focus landing on the sidebar used to pick its first row and leave this page.
    assert window.current_page() == "welcome"
    text = window.welcome.text
    assert text.height() >= text.heightForWidth(text.width())
    assert text.width() >= 420
    assert cut_texts(window) == []


def test_completion_rows_keep_the_accents_of_capitals(qtbot) -> None:
    from visitplanner.ui.widgets.pickers import RecordPicker

    names = [(1, "Élodie Ångström — Île-de-France"), (2, "Gaëlle Çelik — Pôle Écotechnologies")]
    picker = RecordPicker(lambda text: names)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.keyClicks(picker, "e")
    popup = picker.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    ink = popup.fontMetrics().tightBoundingRect("ÅÉÎÇgjpq").height()
    for row in range(popup.model().rowCount()):
        assert popup.visualRect(popup.model().index(row, 0)).height() >= ink + 4


def test_a_long_word_in_a_narrow_week_column_wraps_instead_of_being_cut(qtbot) -> None:
    from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyleOptionViewItem

    from visitplanner.ui.widgets.calendar_view import _StripeDelegate

    view = QListWidget()
    qtbot.addWidget(view)
    view.resize(70, 300)
    delegate = _StripeDelegate(view)
    view.setItemDelegate(delegate)
    view.addItem(QListWidgetItem("14:00\nRéunion préparation"))
    view.show()
    option = QStyleOptionViewItem()
    option.initFrom(view)
    line = view.fontMetrics().lineSpacing()
    height = delegate.sizeHint(option, view.model().index(0, 0)).height()
    # "préparation" alone is wider than the column: it takes at least two lines.
    assert height >= 4 * line


def test_a_week_column_header_shortens_rather_than_cut(qtbot) -> None:
    from datetime import date

    from visitplanner.ui.widgets.calendar_view import _WeekColumn

    set_language("fr")
    column = _WeekColumn()
    qtbot.addWidget(column)
    column.resize(60, 200)
    column.show()
    column.show_day(date(2026, 12, 14), [])
    header = column.header
    assert header.fontMetrics().horizontalAdvance(header.text()) <= header.width()
    assert header.text() in ("lun. 14", "14")
    column.resize(200, 200)
    qtbot.waitUntil(lambda: header.text() == "lun. 14 déc.")


def test_a_wide_window_gives_its_room_to_the_titles_not_only_the_last_column(
    qtbot, catalogue
) -> None:
    set_language("en")
    load_demo(catalogue)
    window = MainWindow(catalogue, Settings())
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    _click_page(qtbot, window, "people")
    table = window.page("people").table
    header = table.horizontalHeader()
    qtbot.wait(20)
    assert table.horizontalScrollBar().maximum() == 0
    name, organisation = header.sectionSize(0), header.sectionSize(1)
    assert name > 170 and organisation > 170  # wider than their defaults
    assert header.sectionSize(header.count() - 1) < name + organisation


def test_a_narrow_month_chip_shows_the_title_rather_than_the_time(qtbot, catalogue) -> None:
    from datetime import date

    from visitplanner.services.events import planning
    from visitplanner.ui.widgets.calendar_view import CalendarView

    title = "Réunion de la task force"
    data = planning.EventInput(
        kind="visit", title=title, start="2027-03-15T14:00", end="2027-03-15T16:30"
    )
    planning.create_event(catalogue, data)
    view = CalendarView(
        lambda start, end: planning.list_events(catalogue, start_from=start, start_to=end)
    )
    qtbot.addWidget(view)
    view.resize(520, 600)
    view.show()
    view.go_to(date(2027, 3, 15))
    chip = next(c for c in view.month.cells if c.day == date(2027, 3, 15)).chips[0]
    room = chip.width() - 11
    assert chip.fontMetrics().horizontalAdvance(chip.text) > room  # too narrow for all
    assert chip.shown_text(room) == title
    assert "14:00" in chip.toolTip()
    assert chip.shown_text(10_000) == f"14:00 {title}"


@pytest.fixture
def large_system_font(qapp):
    """The 11-point interface font GNOME and Ubuntu use by default."""
    from PySide6.QtWidgets import QApplication

    before = QApplication.font()
    larger = before.__class__(before)
    larger.setPointSizeF(11)
    QApplication.setFont(larger)
    yield
    QApplication.setFont(before)


@pytest.mark.parametrize("key", ["events", "debriefs", "story", "report"])
def test_the_record_pages_fit_with_an_eleven_point_font(qtbot, catalogue, large_system_font, key):
    set_language("fr")
    load_demo(catalogue)
    window = MainWindow(catalogue, Settings())
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    qtbot.waitExposed(window)
    _click_page(qtbot, window, key)
    qtbot.wait(20)
    assert window.minimumSizeHint().width() <= SCREEN[0], (key, window.minimumSizeHint())
