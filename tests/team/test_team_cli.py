"""``--db postgresql+psycopg://…`` from the command line, the password found as libpq finds
it (the URL, PGPASSWORD, ~/.pgpass) or in the keyring entry the window saved, and never
printed; and the one-line warning for a catalogue file in a synced folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from visitplanner.cli.main import main


@pytest.fixture
def vp(capsys):
    def run(*args: object) -> tuple[int, str, str]:
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _people(vp, db: str) -> list[str]:
    code, out, err = vp("--db", db, "list", "people", "--json")
    assert (code, err) == (0, ""), err
    return [row["name"] for row in json.loads(out)]


def test_a_team_catalogue_from_the_command_line(vp, team_server, team_fields):
    url = team_fields.db_value(team_server.password)
    assert url.startswith("postgresql+psycopg://planner:")
    code, _out, err = vp(
        "--db", url, "person", "add", "--given-name", "Awa", "--family-name", "Diallo"
    )
    assert (code, err) == (0, "")
    assert _people(vp, url) == ["Awa Diallo"]


def test_the_password_from_pgpassword_or_pgpass(vp, team_server, team_fields, monkeypatch):
    url = team_fields.db_value()  # no password in it
    added = vp(
        "--db",
        team_fields.db_value(team_server.password),
        "person",
        "add",
        "--given-name",
        "Jo",
        "--family-name",
        "Roy",
    )
    assert added[0] == 0, added
    monkeypatch.setenv("PGPASSWORD", team_server.password)
    assert _people(vp, url) == ["Jo Roy"]
    monkeypatch.delenv("PGPASSWORD")
    pgpass = Path.home() / ".pgpass"
    pgpass.parent.mkdir(parents=True, exist_ok=True)
    pgpass.write_text(f"127.0.0.1:{team_server.port}:*:planner:{team_server.password}\n")
    pgpass.chmod(0o600)
    assert _people(vp, url) == ["Jo Roy"]


def test_the_password_the_window_kept_in_the_keyring(vp, team_server, team_fields, memory_keyring):
    from visitplanner.services.team.connection import remember_password

    remember_password(team_fields, team_server.password)
    assert _people(vp, team_fields.db_value()) == []


def test_a_wrong_password_is_one_plain_sentence_without_the_password(vp, team_fields):
    code, out, err = vp("--db", team_fields.db_value("Wr0ng-S3cret"), "list", "people")
    assert (code, out) == (1, "")
    assert err == (
        "The server refused the user name “planner” or its password: check both "
        "(the password is case-sensitive).\n"
    )


def test_no_password_anywhere(vp, team_fields):
    code, _out, err = vp("--db", team_fields.db_value(), "list", "people")
    assert (code, err) == (1, "The server asks for a password for “planner”: enter it.\n")


def test_a_catalogue_file_in_a_synced_folder_gets_one_warning_line(vp, tmp_path):
    path = tmp_path / "Dropbox (Perso)" / "reseau.sqlite"
    path.parent.mkdir()
    code, _out, err = vp("--db", path, "list", "people")
    assert code == 0
    assert err.count("\n") == 1
    assert err.startswith(f"Warning: {path} is in a folder synchronised by Dropbox (")
    assert "team mode" in err
