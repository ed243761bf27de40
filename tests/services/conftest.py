"""Helpers shared by the backup tests: add someone, read back who a copy holds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from backends import backend, catalogue, db, postgres_catalogue_template, postgres_copies
from visitplanner.services.directory import records as cat
from visitplanner.store.database import Catalogue, open_catalogue

# The catalogue fixtures, on SQLite and on PostgreSQL (tests/backends.py).
__all__ = ["backend", "catalogue", "db", "postgres_catalogue_template", "postgres_copies"]


@pytest.fixture
def add_person() -> Callable[[Catalogue, str], None]:
    def add(catalogue: Catalogue, family_name: str) -> None:
        cat.create_person(catalogue, cat.PersonInput(family_name=family_name))

    return add


@pytest.fixture
def people_in() -> Callable[[Path], list[str]]:
    def people(path: Path) -> list[str]:
        """The people of the catalogue at ``path``, opened as the app would open it."""
        copy = open_catalogue(str(path))
        try:
            return [p.family_name for p in cat.list_people(copy)]
        finally:
            copy.close()

    return people
