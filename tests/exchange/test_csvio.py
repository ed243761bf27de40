"""CSV files as French Excel, LibreOffice and text editors write them, and what we write back.

The files are built byte for byte the way each tool saves them, so the tests
exercise the encodings, separators and line ends people really send.
"""

import codecs
import csv
import io
from pathlib import Path

import pytest

from visitplanner.domain.errors import UserError
from visitplanner.exchange import csvio
from visitplanner.exchange.csvio import (
    check_mapping,
    guess_mapping,
    neutralise,
    read_table,
    unneutralise,
    write_table,
)

HEADERS = ["Nom", "Prénom", "Courriel", "Structure", "Fonction"]
PEOPLE = [
    ["Lefèvre", "Hélène", "helene@tiers-lieu.fr", "Tiers-lieu « La Fabrique »", "Chargée"],
    ["Œuvray", "François", "f.oeuvray@mairie.fr", "Mairie; service éco", "Élu à 50 %"],
    ["Dupont", "Zoé", "zoe@exemple.fr", 'Asso "Les Amis", Jura', "Trésorière"],
]
WORLD = [
    ["Nguyễn", "Thị Lan", "lan@exemple.vn", "Coopérative", "Chercheuse"],
    ["Yılmaz", "Çağla", "cagla@exemple.tr", "Kooperatif", "Animatrice"],
]


def csv_bytes(
    rows,
    *,
    delimiter=";",
    encoding="utf-8",
    bom=False,
    crlf=True,
    quote_all=False,
):
    """The bytes a spreadsheet writes for ``rows`` (first row: the header)."""
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        delimiter=delimiter,
        lineterminator="\r\n" if crlf else "\n",
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
    )
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    return (codecs.BOM_UTF8 + data) if bom else data


def write(tmp_path: Path, data: bytes, name="liste.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refused(path: Path) -> str:
    with pytest.raises(UserError) as info:
        read_table(path)
    message = info.value.message
    assert str(path) in message
    assert message.endswith(".")
    assert "\n" not in message
    return message


# --- dialects -------------------------------------------------------------------------------

DIALECTS = {
    # Excel FR, "CSV (séparateur: point-virgule)": Windows-1252, no BOM, CRLF.
    "excel-fr-cp1252": dict(delimiter=";", encoding="cp1252"),
    # Excel FR, "CSV UTF-8 (délimité par des virgules)": still semicolons in France, BOM.
    "excel-fr-utf8": dict(delimiter=";", bom=True),
    # LibreOffice Calc default: comma, UTF-8, LF, text cells quoted.
    "libreoffice": dict(delimiter=",", crlf=False, quote_all=True),
    # Copied from a table into a text editor.
    "tabs": dict(delimiter="\t", crlf=False),
}


@pytest.mark.parametrize("dialect", DIALECTS)
def test_reads_every_dialect_with_accents_intact(tmp_path, dialect):
    options = DIALECTS[dialect]
    rows = PEOPLE if options.get("encoding") == "cp1252" else PEOPLE + WORLD
    path = write(tmp_path, csv_bytes([HEADERS, *rows], **options))
    table = read_table(path)
    assert table.headers == HEADERS
    assert table.rows == rows
    assert table.delimiter == options["delimiter"]
    assert table.lines == list(range(2, len(rows) + 2))
    expected = {"cp1252": "cp1252"}.get(options.get("encoding", ""), "utf-8")
    assert table.encoding == ("utf-8-sig" if options.get("bom") else expected)


def test_windows_1252_bytes_that_are_invalid_utf8_read_as_windows_1252(tmp_path):
    data = (
        b"Nom;Pr\xe9nom;Courriel\r\n"
        b"Lef\xe8vre;H\xe9l\xe8ne;h@x.fr\r\n"
        b"\x8cuvray;No\xebl \x80;n@x.fr\r\n"
    )
    table = read_table(write(tmp_path, data))
    assert table.encoding == "cp1252"
    assert table.headers == ["Nom", "Prénom", "Courriel"]
    assert table.rows == [["Lefèvre", "Hélène", "h@x.fr"], ["Œuvray", "Noël €", "n@x.fr"]]


def test_excel_unicode_text_utf16_with_bom_is_read(tmp_path):
    text = "Nom\tPrénom\tCourriel\r\nNguyễn\tÇağla\tc@x.fr\r\n"
    table = read_table(write(tmp_path, text.encode("utf-16"), "liste.txt"))
    assert table.delimiter == "\t"
    assert table.rows == [["Nguyễn", "Çağla", "c@x.fr"]]


def test_separator_is_not_fooled_by_quoted_cells(tmp_path):
    semicolons = csv_bytes([["Nom", "Notes"], ["A", "un, deux, trois"], ["B", "x, y"]])
    assert read_table(write(tmp_path, semicolons, "a.csv")).delimiter == ";"
    commas = csv_bytes([["Nom", "Notes"], ["A", "un; deux; trois"]], delimiter=",")
    assert read_table(write(tmp_path, commas, "b.csv")).delimiter == ","


def test_blank_rows_are_skipped_and_lines_count_multiline_cells(tmp_path):
    data = (
        b"Nom;Notes\r\n"
        b";\r\n"  # the empty rows Excel leaves after the data
        b'Dupont;"deux\r\nlignes"\r\n'
        b"\r\n"
        b"Martin;ok\r\n"
        b";;;\r\n"
    )
    table = read_table(write(tmp_path, data))
    assert table.rows == [["Dupont", "deux\r\nlignes"], ["Martin", "ok"]]
    assert table.lines == [3, 6]


# --- bad files ---------------------------------------------------------------------------------


def test_empty_file_is_refused(tmp_path):
    assert "is empty" in refused(write(tmp_path, b""))
    assert "is empty" in refused(write(tmp_path, codecs.BOM_UTF8 + b"\r\n  \r\n", "b.csv"))


def test_header_only_is_refused(tmp_path):
    assert "no data rows" in refused(write(tmp_path, b"Nom;Courriel\r\n"))


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", id="png"),
        pytest.param("Nom;Courriel\r\nA;a@x.fr\r\n".encode("utf-16-le"), id="utf16-no-bom"),
        pytest.param(b"PK\x03\x04\x14\x00\x06\x00\x08\x00!\x00", id="xlsx"),
        pytest.param(b"Nom;Courriel\r\nA\x01\x02;\x1b[0m\r\n", id="control-chars"),
        pytest.param(b"\x81\x8d\x8f\x90\x9d", id="undefined-in-cp1252"),
    ],
)
def test_binary_files_are_not_text_csv(tmp_path, data):
    assert "is not a text CSV file" in refused(write(tmp_path, data))


def test_mostly_utf8_file_with_a_stray_byte_names_the_line(tmp_path):
    data = "Nom;Prénom\r\nLefèvre;Hélène\r\nMüller;Zoé\r\n".encode() + b"Caf\xe9;X\r\n"
    message = refused(write(tmp_path, data))
    assert "line 4" in message
    assert "UTF-8" in message


def test_a_2_mb_cell_is_refused_and_the_limit_restored(tmp_path):
    limit = csv.field_size_limit()
    big = "x" * (2 * 1024 * 1024)
    data = csv_bytes([["Nom", "Notes"], ["A", "ok"], ["B", big]])
    message = refused(write(tmp_path, data))
    assert "line 3: a cell is longer than 1 MB" in message
    assert csv.field_size_limit() == limit


def test_a_cell_just_under_the_limit_is_read(tmp_path):
    cell = "é" * 500_000
    table = read_table(write(tmp_path, csv_bytes([["Nom"], [cell]])))
    assert table.rows == [[cell]]


def test_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(csvio, "MAX_FILE_BYTES", 1024 * 1024)
    path = write(tmp_path, b"Nom\r\n" + b"x\r\n" * 600_000)
    assert "larger than 1 MB" in refused(path)


def test_missing_file_is_named(tmp_path):
    assert "Cannot read" in refused(tmp_path / "absent.csv")


# --- column mapping ----------------------------------------------------------------------------


def test_french_headers_map_whatever_the_case_and_accents():
    headers = [
        "NOM",
        "prenom",
        "Adresse e-mail",
        "Structure",
        "Poste",
        "Tél.",
        "Type d’acteur",
        "Langue",
        "Rôle",
        "Statut",
        "Remarques",
        "Colonne inconnue",
    ]
    assert list(guess_mapping(headers).values()) == [
        "family_name",
        "given_name",
        "email",
        "organisation",
        "function",
        "phone",
        "actor_type",
        "language",
        "role",
        "status",
        "notes",
        None,
    ]


def test_english_headers_map():
    headers = ["Last name", "First Name", "E-Mail", "Organization", "Job title", "Mobile"]
    mapping = guess_mapping(headers)
    assert [mapping[i] for i in range(6)] == [
        "family_name",
        "given_name",
        "email",
        "organisation",
        "function",
        "phone",
    ]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["Nom complet", "Courriel"], ["full_name", "email"]),
        (["Participant", "Mail"], ["full_name", "email"]),
        (["Name", "Email"], ["full_name", "email"]),
        (["First name", "Name", "Email"], ["given_name", "family_name", "email"]),
        (["Nom", "Prénom", "Nom complet"], ["family_name", "given_name", None]),
        (["Courriel", "E-mail"], ["email", None]),
    ],
)
def test_name_columns_and_duplicates(headers, expected):
    assert list(guess_mapping(headers).values()) == expected


def table_with(headers):
    return csvio.Table(Path("liste.csv"), headers, [["x"] * len(headers)], [2], "utf-8", ";")


def test_mapping_needs_an_email_and_a_name_column_once_each():
    table = table_with(["Nom", "Courriel", "Mail"])
    assert check_mapping(table, {0: "family_name", 1: "email", 2: None}) == [
        (0, "family_name"),
        (1, "email"),
    ]
    with pytest.raises(UserError, match="no e-mail column"):
        check_mapping(table, {0: "family_name"})
    with pytest.raises(UserError, match="no name column"):
        check_mapping(table, {1: "email"})
    with pytest.raises(UserError, match="Two columns are set to “E-mail”"):
        check_mapping(table, {0: "family_name", 1: "email", 2: "email"})


# --- writing ---------------------------------------------------------------------------------


def test_written_file_is_what_french_excel_opens(tmp_path):
    path = tmp_path / "export.csv"
    count = write_table(
        path,
        ["Nom", "Prénom", "Notes"],
        [
            ["Lefèvre", "Hélène", "=SUM(1)"],
            ["Nguyễn", "Çağla", "a; b\nc"],
            ["X", None, 42],
        ],
    )
    assert count == 3
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfNom;Pr\xc3\xa9nom;Notes\r\n")
    text = data.decode("utf-8-sig")
    assert "Lefèvre;Hélène;'=SUM(1)\r\n" in text
    assert 'Nguyễn;Çağla;"a; b\nc"\r\n' in text
    assert text.endswith("X;;42\r\n")
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+33 6 12 34 56 78", "'+33 6 12 34 56 78"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Marie-Hélène", "Marie-Hélène"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_formula_cells_are_neutralised_and_read_back(cell, written):
    assert neutralise(cell) == written
    assert unneutralise(written) == cell


def test_export_reads_back_identical(tmp_path):
    rows = [["Lefèvre", "=1+1"], ["Nguyễn", "« ok »"]]
    path = tmp_path / "export.csv"
    write_table(path, ["Nom", "Notes"], rows)
    table = read_table(path)
    assert table.delimiter == ";"
    assert [[unneutralise(c) for c in row] for row in table.rows] == rows


def test_a_failed_write_leaves_the_old_file(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("ancien contenu", encoding="utf-8")

    def rows():
        yield ["a"]
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        write_table(path, ["Nom"], rows())
    assert path.read_text(encoding="utf-8") == "ancien contenu"
    assert [p.name for p in tmp_path.iterdir()] == ["export.csv"]


def test_writing_into_a_missing_folder_is_a_user_error(tmp_path):
    target = tmp_path / "absent" / "export.csv"
    with pytest.raises(UserError, match="Cannot write"):
        write_table(target, ["Nom"], [])
