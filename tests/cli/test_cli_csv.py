"""``people import|export`` and ``participants import|export`` as a script sees them.

Exit 0 with a summary on stdout; exit 1 with the summary then the first bad
rows on stderr (one sentence a line) and the catalogue untouched.
"""

import codecs
import sqlite3
from contextlib import closing
from dataclasses import dataclass

import pytest

from backends import server_rows
from visitplanner.cli.main import main
from visitplanner.services.directory import records as cat
from visitplanner.services.events import planning
from visitplanner.store.database import open_catalogue

GOOD = (
    "Nom;Prénom;Courriel;Structure;Statut\r\n"
    "Lefèvre;Hélène;helene@x.fr;Tiers-lieu « La Fabrique »;Accepté\r\n"
    "Nguyễn;Çağla;cagla@x.fr;=SUM(1);\r\n"
)


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys, db):
    def _run(*args):
        try:
            code = main(["--db", str(db), *(str(a) for a in args)])
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return _run


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_bytes(codecs.BOM_UTF8 + GOOD.encode())
    return path


def dump(path):
    if "://" in str(path):
        return server_rows(str(path))
    with closing(sqlite3.connect(path)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables
        }


def make_event(db, capacity=None):
    catalogue = open_catalogue(str(db))
    try:
        data = planning.EventInput(
            kind="visit", title="Visite", start="2027-07-01T09:00", end="2027-07-01T12:00",
            capacity=capacity,
        )  # fmt: skip
        return planning.create_event(catalogue, data).created_id("event")
    finally:
        catalogue.close()


def test_people_import_then_again(cli, good, db):
    result = cli("people", "import", good)
    assert (result.code, result.err) == (0, "")
    assert result.out == "2 people imported.\n"
    again = cli("people", "import", good)
    # Nothing new: it says so, not "2 people imported" then "already there: 2".
    assert again.out == "No person imported: the 2 are already in the catalogue.\n"
    listed = cli("list", "people", "--json")
    assert sorted(p["email"] for p in eval_json(listed.out)) == ["cagla@x.fr", "helene@x.fr"]


def eval_json(text):
    import json

    return json.loads(text)


def test_dry_run_writes_nothing(cli, good, db):
    cli("list", "people")  # creates the empty catalogue
    before = dump(db)
    result = cli("people", "import", good, "--dry-run")
    assert result.code == 0
    assert result.out == "Dry run: 2 rows are valid; nothing was written.\n"
    assert dump(db) == before


def test_bad_rows_exit_1_with_one_line_each_and_nothing_changed(cli, tmp_path, db):
    cli("list", "people")
    before = dump(db)
    path = tmp_path / "bad.csv"
    path.write_text(
        "Nom,Prénom,E-mail\nLefèvre,Hélène,helene@x.fr\n,Sans nom,a@x.fr\nDupont,Zoé,zoé@\n",
        encoding="utf-8",
    )
    result = cli("people", "import", path)
    assert (result.code, result.out) == (1, "")
    assert result.err.splitlines() == [
        f"{path}: 2 rows have errors; nothing was imported.",
        "line 3: family name: this field is required.",
        "line 4: e-mail: “zoé@” is not a valid e-mail address.",
    ]
    assert "Traceback" not in result.err
    assert dump(db) == before


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a text CSV file."),
        (b"Nom;Pr\xc3\xa9nom\r\nA;B\r\n", "has no e-mail column"),
        (b"Nom;Courriel\r\n", "has no data rows"),
        (b"Nom;Courriel\r\nA;a@x.fr\r\nB;" + b"x" * (2 * 1024 * 1024) + b"\r\n", "line 3: a cell"),
    ],
)
def test_bad_files_are_refused_in_one_sentence(cli, tmp_path, db, content, fragment):
    cli("list", "people")
    before = dump(db)
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    result = cli("people", "import", path)
    assert result.code == 1
    assert result.out == ""
    assert result.err.count("\n") == 1
    assert fragment in result.err
    assert str(path) in result.err
    assert dump(db) == before


@pytest.mark.sqlite_only(reason="no catalogue file may appear")
def test_missing_file_does_not_create_a_catalogue(cli, tmp_path, db_path):
    result = cli("people", "import", tmp_path / "absent.csv")
    assert result.code == 1
    assert "Cannot read" in result.err
    assert not db_path.exists()


def test_people_export_writes_excel_csv(cli, good, tmp_path, db):
    cli("people", "import", good)
    target = tmp_path / "out.csv"
    result = cli("--lang", "fr", "people", "export", target)
    assert result.code == 0
    assert result.out.startswith("2 ") and result.out.endswith(f" {target}.\n")
    data = target.read_bytes()
    assert data.startswith(codecs.BOM_UTF8 + "Nom;Prénom;Courriel".encode())
    assert "Nguyễn;Çağla;cagla@x.fr;;'=SUM(1)".encode() in data
    assert data.endswith(b"\r\n")


def test_participants_import_and_export(cli, good, tmp_path, db):
    event_id = make_event(db, capacity=1)
    result = cli("participants", "import", event_id, good)
    assert result.code == 0, result.err
    assert result.out.splitlines() == ["2 people imported.", "New on the list of “Visite”: 2."]
    again = cli("participants", "import", event_id, good, "--dry-run")
    assert again.out.splitlines() == [
        "Dry run: 2 rows are valid; nothing was written.",
        "Already in the catalogue, matched by e-mail: 2.",
        "New on the list of “Visite”: 0.",
        "Already on the list: 2.",
    ]
    target = tmp_path / "participants.csv"
    exported = cli("participants", "export", event_id, target)
    assert exported.out == f"2 people written to {target}.\n"
    text = target.read_bytes().decode("utf-8-sig")
    assert "Lefèvre;Hélène;helene@x.fr;Tiers-lieu « La Fabrique »;;;Participant;Accepted;\r\n" in (
        text
    )


def test_participants_import_fills_the_waiting_list(cli, tmp_path, db):
    event_id = make_event(db, capacity=1)
    path = tmp_path / "inscrits.csv"
    rows = "".join(f"Nom{i};p{i}@x.fr;Accepté\r\n" for i in range(3))
    path.write_bytes(("Nom;E-mail;Statut\r\n" + rows).encode("cp1252"))
    result = cli("participants", "import", event_id, path)
    assert result.out.splitlines()[-1] == "On the waiting list: 2."
    catalogue = open_catalogue(str(db))
    try:
        detail = planning.get_event(catalogue, event_id)
        assert sorted((p.status, p.waitlist_position) for p in detail.participants) == [
            ("accepted", None),
            ("waitlisted", 1),
            ("waitlisted", 2),
        ]
        assert cat.find_person(catalogue, "P1@X.FR").family_name == "Nom1"
    finally:
        catalogue.close()


def test_unknown_event_is_refused(cli, good, db):
    cli("list", "people")
    before = dump(db)
    for args in (("participants", "import", "77", good), ("participants", "export", "77", good)):
        result = cli(*args)
        assert (result.code, result.err) == (1, "No event matches “77”.\n")
    assert dump(db) == before


def test_usage_errors_exit_2(cli):
    assert cli("people", "import").code == 2
    assert cli("participants", "export", "1").code == 2
    assert cli("people", "frobnicate").code == 2
