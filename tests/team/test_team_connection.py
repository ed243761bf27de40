"""The connection test and the opening of a team catalogue, against real servers: each
failure a coordinator meets comes back as its own plain sentence, never libpq's text,
and never with the password in it."""

from __future__ import annotations

import dataclasses
import json

import pytest

from visitplanner.domain.errors import CatalogueError
from visitplanner.services.team import connection
from visitplanner.services.team.connection import ServerFields, check_connection
from visitplanner.store.database import open_catalogue


def test_a_reachable_empty_database_is_offered_as_a_new_catalogue(team_server, team_fields):
    report = check_connection(team_fields, team_server.password)
    assert report.ok, report.message
    assert report.state == connection.EMPTY
    assert report.message.startswith("Connected to PostgreSQL 18")
    assert "connecting creates the catalogue" in report.message


def test_connecting_creates_the_catalogue_then_finds_it_ready(team_server, team_fields):
    catalogue = open_catalogue(team_fields.db_value(team_server.password))
    try:
        assert not catalogue.is_sqlite
        assert catalogue.info("catalogue_id")
        assert team_server.password not in catalogue.label
    finally:
        catalogue.close()
    report = check_connection(team_fields, team_server.password)
    assert (report.ok, report.state) == (True, connection.CURRENT)
    assert "ready to open" in report.message


def test_wrong_password(team_server, team_fields):
    report = check_connection(team_fields, "not-the-password")
    assert not report.ok
    assert report.message == (
        "The server refused the user name “planner” or its password: check both "
        "(the password is case-sensitive)."
    )
    assert "not-the-password" not in report.message


def test_no_password_at_all(team_fields):
    report = check_connection(team_fields, None)
    assert report.message == "The server asks for a password for “planner”: enter it."


def test_unknown_database(team_server, team_fields):
    fields = dataclasses.replace(team_fields, database="nosuchbase")
    report = check_connection(fields, team_server.password)
    assert report.message == (
        "The server has no database named “nosuchbase”: check its name, or ask your "
        "administrator to create it."
    )


def test_refused_connection_on_a_closed_port(team_server, team_fields, closed_port):
    fields = dataclasses.replace(team_fields, port=closed_port)
    report = check_connection(fields, team_server.password)
    assert report.message.startswith(f"Nothing answered at 127.0.0.1:{closed_port}: ")
    assert "firewall" in report.message


def test_unknown_host(team_server, team_fields):
    fields = dataclasses.replace(team_fields, host="nohost.invalid")
    report = check_connection(fields, team_server.password)
    assert report.message.startswith("The server name “nohost.invalid” is unknown")


def test_a_server_that_never_answers_times_out(
    team_server, team_fields, silent_server, monkeypatch
):
    monkeypatch.setattr(connection, "TEST_TIMEOUT", 2)  # libpq's smallest
    fields = dataclasses.replace(team_fields, port=silent_server)
    report = check_connection(fields, team_server.password)
    assert report.message.startswith(f"The server at 127.0.0.1:{silent_server} did not answer")


def test_tls_required_from_a_server_without_it(team_server, team_fields):
    fields = dataclasses.replace(team_fields, sslmode="require")
    report = check_connection(fields, team_server.password)
    assert "does not offer encrypted (TLS) connections" in report.message


def test_empty_database_the_user_may_not_fill(team_server, team_fields):
    team_server.admin("CREATE ROLE reader LOGIN PASSWORD 'reader-pw'")
    try:
        fields = dataclasses.replace(team_fields, user="reader")
        team_server.admin(f"ALTER DATABASE {fields.database} OWNER TO postgres")
        report = check_connection(fields, "reader-pw")
        assert not report.ok
        assert "“reader” may not create the catalogue's tables" in report.message
        with pytest.raises(CatalogueError) as refused:
            open_catalogue(fields.db_value("reader-pw"))
        assert "reader-pw" not in refused.value.message
    finally:
        team_server.admin(f"ALTER DATABASE {team_fields.database} OWNER TO planner")
        team_server.admin("DROP OWNED BY reader CASCADE")
        team_server.admin("DROP ROLE reader")


def test_another_applications_tables_are_refused(team_server, team_fields):
    import psycopg

    with psycopg.connect(
        host=team_server.host,
        port=team_server.port,
        user=team_server.user,
        password=team_server.password,
        dbname=team_fields.database,
    ) as conn:
        conn.execute("CREATE TABLE invoices (id integer)")
    report = check_connection(team_fields, team_server.password)
    assert (report.ok, report.state) == (False, connection.FOREIGN)
    assert "holds another application's tables" in report.message


def test_opening_with_a_wrong_password_says_so_without_the_password(team_fields):
    with pytest.raises(CatalogueError) as refused:
        open_catalogue(team_fields.db_value("Wr0ng-S3cret"))
    assert "refused the user name “planner” or its password" in refused.value.message
    assert "Wr0ng-S3cret" not in refused.value.message


def test_the_remembered_password_stays_in_the_keyring(
    team_server, team_fields, memory_keyring, tmp_path
):
    from visitplanner.recent_catalogues import remember_server
    from visitplanner.settings import Settings, load_settings, save_settings

    connection.remember_password(team_fields, team_server.password)
    assert connection.saved_password(team_fields) == team_server.password
    # The URL names no password: the store finds the keyring's entry.
    catalogue = open_catalogue(team_fields.db_value())
    catalogue.close()
    settings = Settings()
    remember_server(settings, team_fields)
    path = tmp_path / "settings.json"
    save_settings(settings, path)
    assert team_server.password not in path.read_text()
    kept = load_settings(path).recent_catalogues[0]
    assert kept["database"] == team_fields.database and kept["sslmode"] == "disable"
    assert "password" not in json.dumps(kept)
    connection.forget_password(team_fields)
    assert connection.saved_password(team_fields) is None


def test_fields_and_urls_round_trip():
    fields = ServerFields(
        host="db.example.org",
        port=6543,
        database="reseau",
        user="ana",
        sslmode="verify-full",
        sslrootcert="/etc/ssl/reseau-root.crt",
    )
    value = fields.db_value("pa:ss@word")
    assert value.startswith("postgresql+psycopg://ana:pa%3Ass%40word@db.example.org:6543/reseau")
    assert ServerFields.from_url(value) == fields
    assert "pa:ss" not in str(fields.url("pa:ss@word"))
    socket_fields = ServerFields(host="/run/postgresql", database="reseau", user="ana")
    assert ServerFields.from_url(socket_fields.db_value()) == socket_fields
    other_port = ServerFields(host="/run/postgresql", database="reseau", user="ana", port=5433)
    assert ServerFields.from_url(other_port.db_value()) == other_port


def test_a_local_socket_with_its_port(postgres_server):
    """The tests' own server listens on a Unix socket only: the folder is the host."""
    import postgres

    url = postgres.new_database(postgres_server)
    try:
        fields = ServerFields.from_url(url)
        assert fields.host == postgres_server
        report = check_connection(fields, None)
        assert (report.ok, report.state) == (True, connection.EMPTY), report.message
    finally:
        postgres.drop_database(url)


# --- TLS, against a server with a certificate for "localhost" ------------------------------


def _tls(server, **changes) -> ServerFields:
    fields = ServerFields(
        host=server.host,
        port=server.port,
        database=server.database,
        user=server.user,
        sslmode="verify-full",
        sslrootcert=str(server.root_cert),
    )
    return dataclasses.replace(fields, **changes)


def test_verify_full_refuses_a_certificate_for_another_name(tls_server):
    report = check_connection(_tls(tls_server), tls_server.password)
    assert report.message.startswith(
        "The server's certificate is made out to “localhost”, not to “127.0.0.1”"
    )


def test_verify_full_with_the_right_root_certificate(tls_server):
    report = check_connection(_tls(tls_server, host="localhost"), tls_server.password)
    assert report.ok, report.message
    assert report.encrypted
    assert ", encrypted." in report.message


def test_verify_full_without_a_root_certificate(tls_server):
    report = check_connection(_tls(tls_server, sslrootcert=""), tls_server.password)
    assert report.message.startswith(
        "The server's certificate cannot be checked: no root certificate was given."
    )


def test_verify_full_with_another_authority(tls_server):
    fields = _tls(tls_server, host="localhost", sslrootcert=str(tls_server.other_root_cert))
    report = check_connection(fields, tls_server.password)
    assert report.message.startswith(
        "The server's certificate was not signed by the root certificate given"
    )


def test_earlier_and_newer_catalogues_on_the_server(team_server, team_fields):
    from sqlalchemy import text

    catalogue = open_catalogue(team_fields.db_value(team_server.password))
    try:
        with catalogue.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
        report = check_connection(team_fields, team_server.password)
        assert (report.ok, report.state) == (True, connection.OLDER)
        assert "earlier version: connecting upgrades it" in report.message
        with catalogue.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        report = check_connection(team_fields, team_server.password)
        assert (report.ok, report.state) == (False, connection.NEWER)
        assert "newer version of Visit Planner" in report.message
    finally:
        catalogue.close()


def test_a_root_certificate_file_that_is_no_certificate(tls_server, tmp_path):
    bogus = tmp_path / "root.crt"
    bogus.write_text("this is not a certificate\n")
    fields = _tls(tls_server, host="localhost", sslrootcert=str(bogus))
    report = check_connection(fields, tls_server.password)
    assert report.message.startswith("The root certificate file cannot be read")
