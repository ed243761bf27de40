"""Counts carry their thousands separator wherever the window shows them."""

from __future__ import annotations

import csv

from visitplanner.exchange.csvio import guess_mapping, read_table
from visitplanner.i18n import number, set_language
from visitplanner.services.directory import imports
from visitplanner.settings import Settings
from visitplanner.ui.main_window import MainWindow

NNBSP = "\u202f"  # the narrow no-break space French puts between thousands


def _import(catalogue, tmp_path, rows: int):
    path = tmp_path / "people.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["First name", "Last name", "E-mail"])
        writer.writerows([f"P{i}", f"Person {i}", f"p{i}@example.org"] for i in range(rows))
    table = read_table(path)
    return imports.import_people(catalogue, table, guess_mapping(table.headers))


def test_number_groups_thousands_as_each_language_does() -> None:
    assert number(100000, "fr") == f"100{NNBSP}000"
    assert number(100000, "en") == "100,000"
    assert number(999, "fr") == "999"


def test_the_people_list_counts_with_a_separator(qtbot, catalogue, tmp_path) -> None:
    set_language("fr")
    report = _import(catalogue, tmp_path, 1200)
    assert report.summary()[0] == f"1{NNBSP}200 personnes importées."
    window = MainWindow(catalogue, Settings())
    qtbot.addWidget(window)
    window.show()
    window.show_page("people")
    assert window.page("people").count.text() == f"1{NNBSP}200 personnes"

    set_language("en")
    again = MainWindow(catalogue, Settings())
    qtbot.addWidget(again)
    again.show_page("people")
    assert again.page("people").count.text() == "1,200 people"


def test_lists_of_hosts_and_events_group_their_thousands(qtbot, catalogue) -> None:
    from visitplanner.services.directory import records as cat
    from visitplanner.services.events import planning

    set_language("fr")
    cat.create_host(catalogue, cat.HostInput(name="Stade de la Meinau", capacity="100000"))
    planning.save_event(
        catalogue,
        None,
        planning.EventInput(
            kind="seminar",
            title="Rencontre nationale",
            start="2027-06-10T09:30",
            end="2027-06-10T17:00",
            timezone="Europe/Paris",
            all_day=False,
            status="planned",
            capacity="12000",
        ),
    )
    window = MainWindow(catalogue, Settings())
    qtbot.addWidget(window)
    window.show()
    cells = []
    for key in ("hosts", "events"):
        window.show_page(key)
        model = window.page(key).model
        cells += [str(model.index(0, column).data() or "") for column in range(model.columnCount())]
    assert f"100{NNBSP}000" in cells
    assert f"0 / 12{NNBSP}000" in cells


def test_the_command_line_host_table_groups_thousands(tmp_path, capsys) -> None:
    from visitplanner.cli.main import main

    db = str(tmp_path / "c.sqlite")
    main(["--db", db, "--lang", "fr", "host", "add", "--name", "Stade", "--capacity", "100000"])
    capsys.readouterr()
    main(["--db", db, "--lang", "fr", "list", "hosts"])
    assert f"100{NNBSP}000" in capsys.readouterr().out
