"""The calendar's name: the catalogue's, as subscribers and the window's title show it.

Apart from :mod:`.files` so that the window's title does not import the calendar
import and its parsers at start.
"""

from __future__ import annotations

from visitplanner import APP_NAME
from visitplanner.store.database import Catalogue


def feed_name(catalogue: Catalogue) -> str:
    """What subscribers see as the calendar's name (NAME, X-WR-CALNAME).

    The catalogue's name, not where it is stored: a file's name without its
    folder and extension ("reseau-2026"), a server catalogue's database name.
    """
    if catalogue.path is not None:
        return catalogue.path.stem
    database = catalogue.url.database
    return database if database and database != ":memory:" else APP_NAME
