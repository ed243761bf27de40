"""The booklet dialog proposes the current year, not every debrief ever written."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from visitplanner.ui.booklet_dialog import BookletDialog


def test_booklet_dialog_proposes_the_current_year(qtbot, catalogue) -> None:
    dialog = BookletDialog(catalogue)
    qtbot.addWidget(dialog)
    choice = dialog.choice()
    year = date.today().year
    assert (choice.start, choice.end) == (date(year, 1, 1), date(year, 12, 31))
    assert dialog.start.isEnabled() and dialog.end.isEnabled()


def test_unticking_the_period_takes_every_debrief(qtbot, catalogue) -> None:
    dialog = BookletDialog(catalogue)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.use_period, Qt.MouseButton.LeftButton)
    assert not dialog.start.isEnabled()
    choice = dialog.choice()
    assert (choice.start, choice.end) == (None, None)
