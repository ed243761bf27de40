"""Hypothesis profiles and fresh catalogues shared by tests/properties and tests/fuzz.

``HYPOTHESIS_PROFILE=ci`` (the default) keeps each file near a minute and draws the
same examples on every run; ``HYPOTHESIS_PROFILE=long`` searches far more widely and
remembers failing examples in ``.hypothesis/`` (see docs/testing.md).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from visitplanner.store.database import Catalogue, open_catalogue

_SLOW_IS_FINE = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile(
    "ci",
    max_examples=15,
    stateful_step_count=25,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=_SLOW_IS_FINE,
)
settings.register_profile(
    "long",
    max_examples=1000,
    stateful_step_count=60,
    deadline=None,
    print_blob=True,
    suppress_health_check=_SLOW_IS_FINE,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@contextmanager
def copies(template: Path, folder: Path) -> Iterator[Callable[[], Catalogue]]:
    """A function opening a new copy of ``template`` each call; every copy closed at the end."""
    opened: list[Catalogue] = []

    def make() -> Catalogue:
        path = folder / f"example-{len(opened)}.sqlite"
        shutil.copyfile(template, path)
        catalogue = open_catalogue(str(path))
        opened.append(catalogue)
        return catalogue

    try:
        yield make
    finally:
        for catalogue in opened:
            catalogue.close()


@pytest.fixture(scope="session")
def template_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new, migrated, empty catalogue: copied for each example instead of migrating again."""
    path = tmp_path_factory.mktemp("template") / "catalogue.sqlite"
    open_catalogue(str(path)).close()
    return path


@pytest.fixture
def fresh_catalogue(template_catalogue: Path, tmp_path: Path) -> Iterator[Callable[[], Catalogue]]:
    """Opens a new empty catalogue each time it is called; all are closed at the end."""
    with copies(template_catalogue, tmp_path) as make:
        yield make


@pytest.fixture(scope="session")
def postgres_template(postgres_server: str) -> str:
    """A migrated, empty PostgreSQL catalogue that each example's database copies."""
    import postgres

    url = postgres.new_database(postgres_server)
    open_catalogue(url).close()
    return url


@pytest.fixture
def fresh_postgres_catalogue(
    postgres_server: str, postgres_template: str
) -> Iterator[Callable[[], Catalogue]]:
    """Like ``fresh_catalogue``, on the test PostgreSQL server (CREATE DATABASE ... TEMPLATE)."""
    import postgres

    opened: list[tuple[Catalogue, str]] = []

    def make() -> Catalogue:
        url = postgres.new_database(postgres_server, template=postgres_template)
        catalogue = open_catalogue(url)
        opened.append((catalogue, url))
        return catalogue

    yield make
    for catalogue, url in opened:
        catalogue.close()
        postgres.drop_database(url)
