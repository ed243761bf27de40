"""Hypothesis settings and a fast supply of fresh catalogues for the property tests.

``HYPOTHESIS_PROFILE=ci`` (the default) keeps every file under about a minute and
draws the same examples on every run; ``HYPOTHESIS_PROFILE=long`` searches far more
widely and remembers failing examples in ``.hypothesis/`` (see docs/testing.md).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from visitplanner.store.database import Catalogue, open_catalogue

_SLOW_IS_FINE = [HealthCheck.too_slow, HealthCheck.data_too_large]
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


@pytest.fixture(scope="session")
def template_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new, migrated, empty catalogue: copied for each example instead of migrating again."""
    path = tmp_path_factory.mktemp("template") / "catalogue.sqlite"
    open_catalogue(str(path)).close()
    return path


@pytest.fixture
def fresh_catalogue(template_catalogue: Path, tmp_path: Path) -> Iterator[Callable[[], Catalogue]]:
    """Opens a new empty catalogue each time it is called; all are closed at the end."""
    opened: list[Catalogue] = []

    def make() -> Catalogue:
        path = tmp_path / f"example-{len(opened)}.sqlite"
        shutil.copyfile(template_catalogue, path)
        catalogue = open_catalogue(str(path))
        opened.append(catalogue)
        return catalogue

    yield make
    for catalogue in opened:
        catalogue.close()
