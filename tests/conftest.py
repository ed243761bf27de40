"""Every test runs headless, with its own catalogue, settings and user folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "sqlite_only(reason): about the SQLite file, not run on PostgreSQL (tests/backends.py)",
    )
    config.addinivalue_line(
        "markers",
        "postgresql_only(reason): about concurrent writers, which SQLite serialises",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test on a ``backend`` (tests/backends.py) runs on SQLite and on PostgreSQL."""
    if "backend" not in metafunc.fixturenames:
        return
    from backends import wanted_backends

    marker = metafunc.definition.get_closest_marker("sqlite_only")
    if marker is not None and not (marker.kwargs.get("reason") or marker.args):
        raise pytest.UsageError(f"{metafunc.definition.nodeid}: sqlite_only needs a reason")
    backends = wanted_backends(sqlite_only=marker is not None)
    server = metafunc.definition.get_closest_marker("postgresql_only")
    if server is not None:
        if not (server.kwargs.get("reason") or server.args):
            raise pytest.UsageError(f"{metafunc.definition.nodeid}: postgresql_only needs a reason")
        backends = [b for b in backends if b == "postgresql"]
    metafunc.parametrize("backend", backends, indirect=True, scope="function")


@pytest.fixture(scope="session", autouse=True)
def _shared_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    # Compiled translations are cached once for the whole run.
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    for var, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("VISITPLANNER_SETTINGS", str(home / "config" / "settings.json"))
    monkeypatch.delenv("VISITPLANNER_DB", raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    from visitplanner.i18n import set_language

    set_language("en")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "catalogue.sqlite"


@pytest.fixture
def catalogue(db_path: Path):
    from visitplanner.store.database import open_catalogue

    cat = open_catalogue(str(db_path))
    yield cat
    cat.close()


@pytest.fixture(scope="session")
def postgres_server():
    """The socket folder of a PostgreSQL server started for this run (see tests/postgres.py)."""
    import postgres

    try:
        with postgres.server() as socket_folder:
            yield socket_folder
    except postgres.Unavailable as exc:
        pytest.skip(str(exc))


@pytest.fixture
def postgres_url(postgres_server: str):
    """A fresh, empty PostgreSQL database for one test; dropped afterwards."""
    import postgres

    url = postgres.new_database(postgres_server)
    yield url
    postgres.drop_database(url)
