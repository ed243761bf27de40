"""A calendar feed is named after the catalogue, not after the path of its file.

Before, NAME and X-WR-CALNAME carried the catalogue's full path
("/home/anne/Documents/reseau.sqlite"): what subscribers saw as the calendar's
name, and a leak of the coordinator's folders.
"""

from __future__ import annotations

from visitplanner.services.calendars.files import export_feed, feed_name
from visitplanner.store.database import open_catalogue


def test_the_feed_is_named_after_the_catalogue(tmp_path):
    catalogue = open_catalogue(str(tmp_path / "Réseau 2026.sqlite"))
    try:
        export_feed(catalogue, tmp_path / "feed.ics")
    finally:
        catalogue.close()
    text = (tmp_path / "feed.ics").read_bytes().decode("utf-8")
    assert "\r\nX-WR-CALNAME:Réseau 2026\r\n" in text
    assert "\r\nNAME:Réseau 2026\r\n" in text
    assert str(tmp_path) not in text


def test_a_server_catalogue_is_named_after_its_database(catalogue):
    from sqlalchemy.engine import make_url

    catalogue.url = make_url("postgresql+psycopg://anne:secret@db.example.org/reseau")
    assert feed_name(catalogue) == "reseau"
