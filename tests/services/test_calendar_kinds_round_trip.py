"""An event's kind survives a trip through the app's own feed and invitations.

Before, the feed and invitations wrote no CATEGORIES: a feed imported into
another catalogue turned every learning visit, seminar and workshop into a
meeting (the kind an event without category gets).
"""

from __future__ import annotations

import pytest

from visitplanner.i18n import set_language
from visitplanner.services.calendars.files import export_feed, import_calendar
from visitplanner.services.events import planning
from visitplanner.store.database import open_catalogue

KINDS = ("visit", "seminar", "meeting", "workshop")


def _fill(catalogue) -> None:
    for day, kind in enumerate(KINDS, start=7):
        planning.create_event(
            catalogue,
            planning.EventInput(
                kind=kind,
                title=f"Event {kind}",
                start=f"2027-06-{day:02d}T09:00",
                end=f"2027-06-{day:02d}T12:00",
            ),
        )


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_feed_imported_elsewhere_keeps_every_kind(tmp_path, language):
    source = open_catalogue(str(tmp_path / "source.sqlite"))
    target = open_catalogue(str(tmp_path / "target.sqlite"))
    try:
        _fill(source)
        set_language(language)
        try:
            export_feed(source, tmp_path / "feed.ics")
        finally:
            set_language("en")
        report = import_calendar(target, tmp_path / "feed.ics")
        kinds = {e.title: e.kind for e in planning.list_events(target)}
    finally:
        source.close()
        target.close()
    assert kinds == {f"Event {kind}": kind for kind in KINDS}
    assert report.neutral_kind == 0


def test_the_feed_names_the_kind_in_categories(tmp_path):
    catalogue = open_catalogue(str(tmp_path / "c.sqlite"))
    try:
        _fill(catalogue)
        export_feed(catalogue, tmp_path / "feed.ics")
    finally:
        catalogue.close()
    text = (tmp_path / "feed.ics").read_bytes().decode("utf-8")
    assert "\r\nCATEGORIES:Learning visit\r\n" in text
    assert "\r\nCATEGORIES:Workshop\r\n" in text
