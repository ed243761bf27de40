"""``visitplanner copy``: a catalogue published to a server and taken away, nothing lost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from visitplanner.cli.main import main as cli
from visitplanner.services.demo import load_demo
from visitplanner.services.directory import people
from visitplanner.store.base import Base
from visitplanner.store.database import open_catalogue
from visitplanner.store.lock import CatalogueLock


def _contents(db: str) -> dict[str, list[tuple]]:
    """Every row of every table but the catalogue's own identity, in key order."""
    catalogue = open_catalogue(db, read_only=True)
    try:
        with catalogue.engine.connect() as connection:
            tables = {}
            for table in Base.metadata.sorted_tables:
                rows = connection.execute(select(table).order_by(*table.primary_key.columns)).all()
                if table.name == "catalogue_info":
                    rows = [r for r in rows if r[0] not in ("catalogue_id", "copy_of", "copied_at")]
                tables[table.name] = [tuple(r) for r in rows]
            return tables
    finally:
        catalogue.close()


def _info(db: str, key: str) -> str | None:
    catalogue = open_catalogue(db, read_only=True)
    try:
        return catalogue.info(key)
    finally:
        catalogue.close()


@pytest.fixture
def demo_file(tmp_path: Path) -> str:
    path = tmp_path / "laptop.sqlite"
    catalogue = open_catalogue(str(path))
    load_demo(catalogue, "small")
    catalogue.close()
    return str(path)


def test_publish_then_take_away_gives_back_every_row(
    demo_file: str, postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["copy", demo_file, postgres_url]) == 0
    published = capsys.readouterr().out
    assert "Copied" in published or "Copié" in published

    away = str(tmp_path / "away.sqlite")
    assert cli(["--lang", "en", "copy", postgres_url, away]) == 0
    said = capsys.readouterr().out
    assert "offline copy" in said and "does not go back to the server" in said

    original = _contents(demo_file)
    assert sum(len(rows) for rows in original.values()) > 100
    assert _contents(postgres_url) == original
    assert _contents(away) == original
    # Three catalogues, three identities: the story tells their writers apart.
    ids = {_info(db, "catalogue_id") for db in (demo_file, postgres_url, away)}
    assert len(ids) == 3
    assert _info(away, "copy_of") is not None and "password" not in _info(away, "copy_of")
    assert _info(postgres_url, "copy_of") is None


def test_the_server_hands_out_new_ids_after_the_copied_ones(
    demo_file: str, postgres_url: str
) -> None:
    assert cli(["copy", demo_file, postgres_url]) == 0
    team = open_catalogue(postgres_url)
    try:
        before = {p.id for p in people.list_people(team)}
        people.create_person(team, people.PersonInput(family_name="Nouvelle", given_name="Lise"))
        (new,) = {p.id for p in people.list_people(team)} - before
        assert new > max(before)
    finally:
        team.close()


def test_a_catalogue_with_records_is_never_overwritten(
    demo_file: str, postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["copy", demo_file, postgres_url]) == 0
    capsys.readouterr()
    before = _contents(postgres_url)
    assert cli(["--lang", "en", "copy", demo_file, postgres_url]) == 1
    assert "already holds records" in capsys.readouterr().err
    assert _contents(postgres_url) == before

    existing = tmp_path / "existing.sqlite"
    existing.write_bytes(Path(demo_file).read_bytes())
    digest = existing.read_bytes()
    assert cli(["--lang", "en", "copy", postgres_url, str(existing)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert existing.read_bytes() == digest


def test_a_source_open_in_a_window_is_refused(
    demo_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "copy.sqlite"
    with CatalogueLock(Path(demo_file)):
        # The lock is per process on POSIX: a real second process plays the command.
        result = subprocess.run(
            [sys.executable, "-m", "visitplanner", "--lang", "en", "copy", demo_file, str(target)],
            capture_output=True,
            text=True,
        )
    assert result.returncode == 1
    assert "Visit Planner" in result.stderr
    assert not target.exists()


def test_the_same_catalogue_twice_is_refused(
    demo_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["--lang", "en", "copy", demo_file, demo_file]) == 1
    assert "same catalogue" in capsys.readouterr().err


def test_a_failed_copy_leaves_no_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "copy.sqlite"
    assert cli(["--lang", "en", "copy", str(tmp_path / "missing.sqlite"), str(target)]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []
