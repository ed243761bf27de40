"""Importing a CSV saved by French Excel, through the mapping step and the preview."""

from __future__ import annotations

from PySide6.QtCore import Qt

from visitplanner.exchange import csvio
from visitplanner.services.directory import records as cat
from visitplanner.services.events import planning
from visitplanner.ui.import_dialog import ImportDialog

EXCEL = (
    "Nom;Prénom;Courriel;Structure;Fonction\r\n"
    "Lefèvre;Hélène;helene.lefevre@example.org;Ressourcerie du Pays de Figeac;Chargée de projet\r\n"
    "Durand;François;F.Durand@example.org;Mairie de Figeac;Élu\r\n"
    "Çelik;Ayşe;ayse.celik@example.org;« Les Petits Pas »;Bénévole\r\n"
)


def _excel_file(tmp_path, text=EXCEL, encoding="cp1252"):
    path = tmp_path / "inscrits.csv"
    data = (
        text.encode(encoding, errors="strict")
        if encoding != "utf-8-sig"
        else (b"\xef\xbb\xbf" + text.encode("utf-8"))
    )
    path.write_bytes(data)
    return path


def test_excel_csv_is_mapped_previewed_and_imported(qtbot, catalogue, tmp_path):
    path = _excel_file(tmp_path, EXCEL.replace("Çelik;Ayşe", "Celik;Ayse"))
    dialog = ImportDialog(catalogue, csvio.read_table(path))
    qtbot.addWidget(dialog)
    assert [c.currentData() for c in dialog.combos] == [
        "family_name",
        "given_name",
        "email",
        "organisation",
        "function",
    ]
    assert dialog.import_button.isEnabled()
    assert "3" in dialog.result.toPlainText()

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    assert dialog.report is not None and dialog.report.created == 3
    names = sorted(p.name for p in cat.list_people(catalogue))
    assert names == ["Ayse Celik", "François Durand", "Hélène Lefèvre"]


def test_a_bad_row_blocks_the_import_and_names_its_line(qtbot, catalogue, tmp_path):
    text = EXCEL.replace("F.Durand@example.org", "pas-une-adresse")
    path = _excel_file(tmp_path, text, "utf-8-sig")
    dialog = ImportDialog(catalogue, csvio.read_table(path))
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    assert "line 3" in dialog.result.toPlainText()
    assert cat.list_people(catalogue) == []


def test_import_straight_into_an_event(qtbot, catalogue, tmp_path):
    event_id = planning.create_event(
        catalogue,
        planning.EventInput(
            kind="seminar",
            title="Séminaire",
            start="2027-02-11T09:30",
            end="2027-02-11T17:00",
            capacity=2,
        ),
    ).created_id("event")
    path = _excel_file(tmp_path, EXCEL, "utf-8-sig")
    dialog = ImportDialog(catalogue, csvio.read_table(path), event_id)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    detail = planning.get_event(catalogue, event_id)
    assert len(detail.participants) == 3
