"""Window-wide actions: global search, new record, trash, accessibility, preferences."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
)

from visitplanner.services.changes import Changes
from visitplanner.services.demo import load_demo
from visitplanner.services.directory import records as cat


def _demo(window):
    load_demo(window.catalogue)
    window.changes_applied.emit(Changes.everything())


def test_ctrl_k_finds_a_person_without_accents_and_opens_her(qtbot, window):
    _demo(window)
    helene = cat.create_person(
        window.catalogue, cat.PersonInput(given_name="Hélène", family_name="Zzyzx")
    ).created_id("person")
    window.search_action.trigger()
    popup = window.search_popup
    popup.set_query("helene zzy")
    popup.open_current()
    assert window.current_page() == "people"
    assert window.page("people").current_id() == helene
    assert window.page("people").form.family_name.text() == "Zzyzx"


def test_ctrl_n_starts_a_new_record_on_the_current_page(qtbot, window):
    _demo(window)
    window.show_page("dynamics")
    page = window.page("dynamics")
    page.table.selectRow(0)
    window.new_record()
    assert page.form.record_id is None
    assert page.form.name.text() == ""


def test_the_trash_restores_a_deleted_person(qtbot, window):
    _demo(window)
    window.show_page("people")
    page = window.page("people")
    page.table.selectRow(0)
    name = page.model.index(0, 0).data()
    page.delete_current()
    assert name not in [page.model.index(r, 0).data() for r in range(page.model.rowCount())]

    from visitplanner.ui.trash_dialog import TrashDialog

    dialog = TrashDialog(window.catalogue, window)
    dialog.changes_applied.connect(window.changes_applied)
    qtbot.addWidget(dialog)
    dialog.tree.topLevelItem(0).setSelected(True)
    dialog.restore_selected()
    assert name in [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert dialog.empty.isVisibleTo(dialog)


def test_every_interactive_widget_has_an_accessible_name(qtbot, window):
    _demo(window)
    interactive = (QAbstractButton, QLineEdit, QComboBox, QPlainTextEdit, QAbstractItemView)
    missing = []
    for key in ("dashboard", "dynamics", "hosts", "people"):
        window.show_page(key)
        widgets = [w for kind in interactive for w in window.page(key).findChildren(kind)]
        for widget in widgets:
            if widget.isVisibleTo(window) and not widget.accessibleName():
                if isinstance(widget.parent(), (QComboBox, QAbstractItemView)):
                    continue  # Qt's internal parts of a named widget
                missing.append(f"{key}: {type(widget).__name__} {widget.objectName()}")
    assert missing == []


def test_undo_menu_names_the_action(qtbot, window):
    _demo(window)
    window.show_page("dynamics")
    page = window.page("dynamics")
    page.table.selectRow(0)
    name = page.form.name.text()
    page.delete_current()
    assert name in window.undo_action.text()
    window.undo_action.trigger()
    assert window.page("dynamics").model.row_of(cat.list_dynamics(window.catalogue)[0].id) == 0
