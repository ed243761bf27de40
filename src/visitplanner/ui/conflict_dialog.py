"""Someone else saved first: their values beside mine, field by field (docs/team.md).

A form's save names the version it loaded; when the service refuses it
(:class:`EditConflict`), :func:`settle` shows the fields where the two saves differ,
as people read them (labels, names, dates), and lets the coordinator keep their own
values, take the other person's, or choose row by row. Nothing is overwritten
without this choice: the save that follows names the other person's version, so a
third save in between asks again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.enums import (
    ActorType,
    DynamicKind,
    EventKind,
    EventStatus,
    Language,
    Service,
)
from visitplanner.domain.errors import EditConflict, NotFoundError
from visitplanner.i18n import _
from visitplanner.store.database import Catalogue

EMPTY = "—"
MINE, THEIRS, MERGE = "mine", "theirs", "merge"


# --- values as people read them ------------------------------------------------------


class Reader:
    """Turns an input's values into the words the form shows (names for ids, labels)."""

    def __init__(self, catalogue: Catalogue, all_day: bool = False) -> None:
        self.catalogue = catalogue
        self.all_day = all_day
        self._dynamics: dict[int, str] | None = None

    def text(self, value: Any) -> str:
        text = "" if value is None else str(value).strip()
        return text or EMPTY

    def enum(self, enum: type) -> Callable[[Any], str]:
        return lambda value: enum.label_of(value) or EMPTY if value else EMPTY

    def words(self, values: Any) -> str:
        return ", ".join(str(v).strip() for v in values if str(v).strip()) or EMPTY

    def services(self, values: Any) -> str:
        return ", ".join(sorted(Service.label_of(v) for v in values)) or EMPTY

    def dynamics(self, ids: Any) -> str:
        if self._dynamics is None:
            from visitplanner.services.directory import records as cat

            self._dynamics = {d.id: d.name for d in cat.list_dynamics(self.catalogue)}
        names = sorted(self._dynamics.get(i, f"#{i}") for i in dict.fromkeys(ids))
        return ", ".join(names) or EMPTY

    def person(self, person_id: int | None) -> str:
        from visitplanner.services.directory import records as cat

        if person_id is None:
            return EMPTY
        try:
            return cat.get_person(self.catalogue, person_id).name
        except NotFoundError:
            return f"#{person_id}"

    def host(self, host_id: int | None) -> str:
        from visitplanner.services.directory import records as cat

        if host_id is None:
            return EMPTY
        try:
            return cat.get_host(self.catalogue, host_id).name
        except NotFoundError:
            return f"#{host_id}"

    def number(self, value: Any) -> str:
        text = "" if value is None else str(value).strip().replace(",", ".")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            return self.text(value)
        return f"{amount.normalize():f}"

    def moment(self, value: Any, end: bool = False) -> str:
        if value is None or value == "":
            return EMPTY
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value)
            except ValueError:
                return value
        if isinstance(value, datetime):
            if self.all_day:
                day = value.date()
                if end and (value.hour, value.minute) == (0, 0):
                    day -= timedelta(days=1)  # stored as the midnight after the last day
                return day.strftime("%d/%m/%Y")
            return value.strftime("%d/%m/%Y %H:%M")
        if isinstance(value, date):
            return value.strftime("%d/%m/%Y")
        return str(value)

    def yes_no(self, value: Any) -> str:
        return _("Yes") if value else _("No")

    def programme(self, items: Any) -> str:
        return "; ".join(item.title for item in items) or EMPTY


def fields_of(kind: str, reader: Reader) -> list[tuple[str, str, Callable[[Any], str]]]:
    """The fields a form of ``kind`` edits: input name, label, how to show a value."""
    r = reader
    if kind == "person":
        return [
            ("given_name", _("Given name"), r.text),
            ("family_name", _("Family name"), r.text),
            ("email", _("E-mail"), r.text),
            ("phone", _("Phone"), r.text),
            ("organisation", _("Organisation"), r.text),
            ("function", _("Function"), r.text),
            ("actor_type", _("Actor type"), r.enum(ActorType)),
            ("preferred_language", _("Preferred language"), r.enum(Language)),
            ("dynamic_ids", _("Dynamics"), r.dynamics),
            ("notes", _("Notes"), r.text),
        ]
    if kind == "host":
        return [
            ("name", _("Name"), r.text),
            ("actor_type", _("Actor type"), r.enum(ActorType)),
            ("address_line1", _("Address"), r.text),
            ("address_line2", _("Address, second line"), r.text),
            ("postal_code", _("Postal code"), r.text),
            ("city", _("City"), r.text),
            ("capacity", _("Capacity"), r.number),
            ("contact_person_id", _("Contact person"), r.person),
            ("dynamic_ids", _("Dynamics"), r.dynamics),
            ("accessibility", _("Accessibility"), r.text),
            ("notes", _("Notes"), r.text),
        ]
    if kind == "dynamic":
        return [
            ("name", _("Name"), r.text),
            ("kind", _("Kind"), r.enum(DynamicKind)),
            ("region", _("Region"), r.text),
            ("territory", _("Territory"), r.text),
            ("website", _("Website"), r.text),
            ("tags", _("Practices and themes"), r.words),
            ("services", _("Services offered"), r.services),
            ("description", _("Description"), r.text),
        ]
    if kind == "event":
        return [
            ("kind", _("Kind"), r.enum(EventKind)),
            ("title", _("Title"), r.text),
            ("status", _("Status"), r.enum(EventStatus)),
            ("start", _("Start"), r.moment),
            ("end", _("End"), lambda v: r.moment(v, end=True)),
            ("all_day", _("All day"), r.yes_no),
            ("timezone", _("Time zone"), r.text),
            ("host_id", _("Host organisation"), r.host),
            ("location", _("Place"), r.text),
            ("online_url", _("Online link"), r.text),
            ("capacity", _("Capacity"), r.number),
            ("fee", _("Fee (€)"), r.number),
            ("organiser_id", _("Organiser"), r.person),
            ("visit_question", _("Visit question"), r.text),
            ("objectives", _("Objectives"), r.text),
            ("programme", _("Programme"), r.programme),
            ("visiting_dynamic_ids", _("Visiting dynamics"), r.dynamics),
            ("visited_dynamic_ids", _("Visited dynamics"), r.dynamics),
        ]
    raise ValueError(f"no conflict fields for records of kind {kind!r}")


@dataclasses.dataclass(frozen=True)
class Row:
    """One field where my save and theirs differ."""

    name: str
    label: str
    mine: str
    theirs: str
    i_changed: bool  # my value is not the one I loaded: mine is the likelier choice


def differing_rows(
    kind: str, reader: Reader, mine: Any, theirs: Any, loaded: Any | None
) -> list[Row]:
    rows = []
    for name, label, show in fields_of(kind, reader):
        my_text, their_text = show(getattr(mine, name)), show(getattr(theirs, name))
        if my_text == their_text:
            continue
        loaded_text = show(getattr(loaded, name)) if loaded is not None else None
        rows.append(Row(name, label, my_text, their_text, my_text != loaded_text))
    return rows


# --- the dialog ------------------------------------------------------------------------


class ConflictDialog(QDialog):
    """Their values beside mine; « Keep mine », « Take theirs », or « Merge » row by row."""

    def __init__(self, conflict: EditConflict, rows: list[Row], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Someone else saved this record"))
        self.choice: str | None = None
        self.rows = rows
        self._theirs: list[QRadioButton] = []

        layout = QVBoxLayout(self)
        self.intro = QLabel(saved_first_sentence(conflict))
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)

        self.table = QTableWidget(len(rows), 4)
        self.table.setAccessibleName(_("Differences"))
        self.table.setHorizontalHeaderLabels(
            [_("Field"), _("Your value"), _("Their value"), _("Keep")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for index, row in enumerate(rows):
            for column, text in enumerate((row.label, row.mine, row.theirs)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(index, column, item)
            self.table.setCellWidget(index, 3, self._choice_cell(row))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.take_theirs_button = self._button(_("Take theirs"), THEIRS, buttons)
        self.take_theirs_button.setToolTip(_("Drop your changes and show the record as saved"))
        self.keep_mine_button = self._button(_("Keep mine"), MINE, buttons)
        self.keep_mine_button.setToolTip(_("Save all your values over theirs"))
        self.merge_button = self._button(_("Merge"), MERGE, buttons)
        self.merge_button.setToolTip(_("Save the value chosen on each row"))
        self.merge_button.setDefault(True)
        cancel = QPushButton(_("Cancel"))
        cancel.setAccessibleName(_("Go back to the form without saving"))
        cancel.clicked.connect(self.reject)
        buttons.insertWidget(0, cancel)
        layout.addLayout(buttons)
        self.resize(760, min(560, 170 + 44 * len(rows)))

    def _choice_cell(self, row: Row) -> QWidget:
        cell = QWidget()
        box = QHBoxLayout(cell)
        box.setContentsMargins(6, 0, 6, 0)
        mine = QRadioButton(_("Mine"))
        theirs = QRadioButton(_("Theirs"))
        mine.setAccessibleName(_("Keep my value of {field}").format(field=row.label))
        theirs.setAccessibleName(_("Take their value of {field}").format(field=row.label))
        group = QButtonGroup(cell)
        group.addButton(mine)
        group.addButton(theirs)
        (mine if row.i_changed else theirs).setChecked(True)
        box.addWidget(mine)
        box.addWidget(theirs)
        self._theirs.append(theirs)
        return cell

    def _button(self, text: str, choice: str, row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text)
        button.clicked.connect(lambda: self._choose(choice))
        row.addWidget(button)
        return button

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def taken_from_them(self) -> list[str]:
        """The fields whose row says "theirs"."""
        return [
            row.name
            for row, radio in zip(self.rows, self._theirs, strict=True)
            if radio.isChecked()
        ]


def saved_first_sentence(conflict: EditConflict) -> str:
    who = conflict.saved_by or _("Someone else")
    when = conflict.saved_at
    if isinstance(when, datetime):
        local = when.astimezone()
        return _(
            "{who} saved this record on {date} at {time}, after you opened it. "
            "Here is what differs between their save and yours."
        ).format(who=who, date=local.strftime("%d/%m/%Y"), time=local.strftime("%H:%M"))
    return _(
        "{who} saved this record after you opened it. "
        "Here is what differs between their save and yours."
    ).format(who=who)


# --- what a form calls --------------------------------------------------------------------


def settle(
    parent: QWidget,
    catalogue: Catalogue,
    conflict: EditConflict,
    mine: Any,
    loaded: Any | None,
    to_input: Callable[[Any], Any],
    save: Callable[[Any], Any],
    reload: Callable[[], None],
) -> Any | None:
    """Asks how to settle ``conflict`` and saves accordingly; the save's Changes, or None.

    ``mine`` is the form's input, ``loaded`` the input of the record as the form loaded
    it, ``to_input`` turns the service's view into an input. None: the coordinator took
    theirs (``reload`` has shown them) or went back to the form, still unsaved. When the
    other save changed none of the form's fields (a consent given, invitations sent),
    mine is saved over it without asking: nothing of theirs is lost.
    """
    while True:
        theirs = to_input(conflict.theirs)
        reader = Reader(catalogue, all_day=bool(getattr(mine, "all_day", False)))
        rows = differing_rows(conflict.kind, reader, mine, theirs, loaded)
        untouched = loaded is not None and not differing_rows(
            conflict.kind, reader, loaded, theirs, None
        )
        data = mine
        if rows and not untouched:
            dialog = ConflictDialog(conflict, rows, parent)
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice is None:
                return None
            if dialog.choice == THEIRS:
                reload()
                return None
            if dialog.choice == MERGE:
                taken = {name: getattr(theirs, name) for name in dialog.taken_from_them()}
                data = dataclasses.replace(mine, **taken)
        data = dataclasses.replace(data, expected_version=conflict.version)
        try:
            return save(data)
        except EditConflict as again:  # a third save came in meanwhile: ask again
            conflict, loaded = again, theirs


def input_of(kind: str) -> Callable[[Any], Any]:
    """How the service's view of a ``kind`` record becomes the input that saves it."""
    from visitplanner.services.directory import records as cat
    from visitplanner.services.events import planning

    return {
        "person": cat.person_input,
        "host": cat.host_input,
        "dynamic": cat.dynamic_input,
        "event": planning.event_input,
    }[kind]
