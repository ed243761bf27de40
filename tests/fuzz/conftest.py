"""Seed files for the fuzz tests, made once per run from real data.

The seeds are what the importers meet in real use: the application's own exports of
the demo catalogue (people and participants CSV, the calendar feed, the story
folder's revision files) and the calendar messages captured from real clients in
tests/fixtures/imip. Catalogues are copied from templates made here, so each
example starts from the same content in a few milliseconds.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hypothesis_setup import copies, fresh_catalogue, template_catalogue
from visitplanner.exchange.ical_read import read_replies
from visitplanner.services.calendars import files as calendar_files
from visitplanner.services.demo import load_demo
from visitplanner.services.directory import exports
from visitplanner.services.directory import records as cat
from visitplanner.services.events import participants as plist
from visitplanner.services.events import planning
from visitplanner.services.story import folder_sync
from visitplanner.store.database import Catalogue, open_catalogue
from visitplanner.store.models import Event

__all__ = ["fresh_catalogue", "template_catalogue"]

IMIP = Path(__file__).resolve().parents[1] / "fixtures" / "imip"


@pytest.fixture(scope="session")
def seed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("seeds")


@pytest.fixture(scope="session")
def demo_template(seed_folder: Path) -> Path:
    """The small demo catalogue, with a story folder synchronised once."""
    path = seed_folder / "demo.sqlite"
    catalogue = open_catalogue(str(path))
    try:
        load_demo(catalogue)
    finally:
        catalogue.close()
    return path


@pytest.fixture
def demo_catalogue(demo_template: Path, tmp_path: Path) -> Iterator[Callable[[], Catalogue]]:
    with copies(demo_template, tmp_path) as make:
        yield make


@pytest.fixture(scope="session")
def csv_seeds(demo_template: Path, seed_folder: Path) -> list[bytes]:
    catalogue = open_catalogue(str(demo_template))
    try:
        exports.export_people(catalogue, seed_folder / "people.csv")
        event = planning.list_events(catalogue)[0]
        exports.export_participants(catalogue, event.id, seed_folder / "participants.csv")
    finally:
        catalogue.close()
    handmade = (
        "family_name;given_name;email;organisation;role;status\n"
        "Durand;Léa;lea.durand@example.org;Nova Child;speaker;accepted\n"
        '"O\'Neil; Jr";Seán;SEAN@example.org;"La Ruche, Figeac";participant;waitlisted\n'
        "Martin;;;;;\n"
    ).encode()
    return [
        (seed_folder / "people.csv").read_bytes(),
        (seed_folder / "participants.csv").read_bytes(),
        handmade,
    ]


@pytest.fixture(scope="session")
def imip_seeds() -> dict[str, bytes]:
    """The captured client messages, by file name."""
    return {p.name: p.read_bytes() for p in sorted(IMIP.iterdir()) if p.suffix in {".ics", ".eml"}}


@pytest.fixture(scope="session")
def calendar_seeds(demo_template: Path, seed_folder: Path, imip_seeds) -> list[bytes]:
    catalogue = open_catalogue(str(demo_template))
    try:
        calendar_files.export_feed(catalogue, seed_folder / "feed.ics")
    finally:
        catalogue.close()
    requests = [data for name, data in imip_seeds.items() if "request" in name or "cancel" in name]
    return [(seed_folder / "feed.ics").read_bytes(), *requests]


@pytest.fixture(scope="session")
def replies_template(seed_folder: Path, imip_seeds) -> Path:
    """Events with the UIDs of the captured replies, their repliers on the lists (one place)."""
    path = seed_folder / "replies.sqlite"
    catalogue = open_catalogue(str(path))
    try:
        by_uid: dict[str, set[str]] = {}
        for name, data in imip_seeds.items():
            try:
                for reply in read_replies(data, name):
                    by_uid.setdefault(reply.uid, set()).add(reply.attendee_email)
            except Exception:
                continue  # requests and cancellations are no replies
        others = [
            cat.create_person(
                catalogue, cat.PersonInput(family_name=f"Autre {n}", email=f"o{n}@example.org")
            ).created_id("person")
            for n in range(2)
        ]
        for n, (uid, emails) in enumerate(sorted(by_uid.items())):
            data = planning.EventInput(
                kind="visit",
                title=f"Visite {n}",
                start="2027-06-10T09:30",
                end="2027-06-10T17:00",
                capacity=1,
            )
            event_id = planning.create_event(catalogue, data).created_id("event")
            with catalogue.session() as session:
                session.get(Event, event_id).uid = uid
            people = [
                cat.create_person(
                    catalogue, cat.PersonInput(family_name=f"Invité {n} {k}", email=email)
                ).created_id("person")
                if not _known(catalogue, email)
                else _known(catalogue, email)
                for k, email in enumerate(sorted(emails))
            ]
            plist.add_participants(catalogue, event_id, others, status="accepted")
            plist.add_participants(catalogue, event_id, people, status="invited")
    finally:
        catalogue.close()
    return path


def _known(catalogue: Catalogue, email: str) -> int | None:
    for person in cat.list_people(catalogue):
        if (person.email or "").lower() == email.lower():
            return person.id
    return None


@pytest.fixture
def replies_catalogue(replies_template: Path, tmp_path: Path) -> Iterator[Callable[[], Catalogue]]:
    with copies(replies_template, tmp_path) as make:
        yield make


@pytest.fixture(scope="session")
def story_seeds(demo_template: Path, seed_folder: Path) -> dict[str, bytes]:
    """The revision files the demo's story writes to a shared folder."""
    folder = seed_folder / "story"
    folder.mkdir()
    old = os.environ.get("VISITPLANNER_DATA")
    os.environ["VISITPLANNER_DATA"] = str(seed_folder / "data")
    catalogue = open_catalogue(str(seed_folder / "story.sqlite"))
    try:
        load_demo(catalogue)
        folder_sync.sync_folder(catalogue, folder)
    finally:
        catalogue.close()
        if old is None:
            os.environ.pop("VISITPLANNER_DATA", None)
        else:
            os.environ["VISITPLANNER_DATA"] = old
    files = sorted(p for p in folder.rglob("*.json") if p.is_file())
    assert files, "the demo story wrote no revision file"
    return {p.name: p.read_bytes() for p in files}


def pytest_terminal_summary(terminalreporter) -> None:
    from fuzzing import TALLY

    if TALLY:
        terminalreporter.section("fuzzed files")
        for name, n in sorted(TALLY.items()):
            terminalreporter.write_line(f"{n:6d}  {name}")
