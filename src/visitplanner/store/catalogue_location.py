"""Where a catalogue is: the ``--db`` value, ``VISITPLANNER_DB`` or the user's data folder.

Read before anything is opened (the start-up dialog, the command line's lock), so it
needs no engine; :mod:`visitplanner.store.database` opens what these name.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from visitplanner.domain.errors import CatalogueError
from visitplanner.i18n import _

ENV_VAR = "VISITPLANNER_DB"


def default_database_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("visitplanner", appauthor=False) / "catalogue.sqlite"


def resolve_url(db: str | None) -> URL:
    """``--db`` value, else ``VISITPLANNER_DB``, else the file in the user's data folder."""
    value = db or os.environ.get(ENV_VAR) or str(default_database_path())
    if "://" in value:
        try:
            return make_url(value)
        except Exception:
            raise CatalogueError(
                _("“{value}” is neither a file path nor a database URL.").format(value=value)
            ) from None
    path = Path(value).expanduser().resolve()
    return URL.create("sqlite+pysqlite", database=str(path))


def catalogue_file(db: str | None) -> Path | None:
    """The file a ``--db`` value names; None for a database server or memory."""
    try:
        url = resolve_url(db)
    except CatalogueError:
        return None
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(url.database)
    return None


def describe(url: URL) -> str:
    """What to show the user for a catalogue: a path, or the URL without its password."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)
