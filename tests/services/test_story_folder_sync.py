"""Two coordinators, two catalogues, one shared folder: the story is kept whole.

Each catalogue stands for one laptop: its own database and its own photo folder
(``VISITPLANNER_DATA``), switched around each call as the laptops would be.
"""

from __future__ import annotations

import json
import os
import sqlite3
from contextlib import closing, contextmanager
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from visitplanner.domain.errors import UserError
from visitplanner.exchange import story_folder
from visitplanner.services import demo
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.directory import records as cat
from visitplanner.services.story import entries as story_entries
from visitplanner.services.story import folder_sync
from visitplanner.services.story.entries import StoryEntryInput
from visitplanner.store.database import open_catalogue


class Laptop:
    """One coordinator's catalogue and data folder."""

    def __init__(self, root: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
        self.data = root / f"{name}-data"
        self.db = root / f"{name}.sqlite"
        self._monkeypatch = monkeypatch
        with self.active():
            self.catalogue = open_catalogue(str(self.db))

    @contextmanager
    def active(self):
        self._monkeypatch.setenv("VISITPLANNER_DATA", str(self.data))
        yield self

    def sync(self, folder: Path) -> folder_sync.SyncReport:
        with self.active():
            return folder_sync.sync_folder(self.catalogue, folder)

    def add(self, title: str, text: str, day: date = date(2026, 11, 2), **kw) -> str:
        with self.active():
            data = StoryEntryInput(date=day, title=title, text=text, **kw)
            return story_entries.add_entry(self.catalogue, data, self.author).uuid

    def edit_text(self, uuid: str, text: str) -> None:
        with self.active():
            e = story_entries.get_entry(self.catalogue, uuid)
            data = StoryEntryInput(e.date, e.title, e.kind, text, challenges=e.challenges)
            story_entries.edit_entry(self.catalogue, uuid, data, self.author)

    def timeline(self) -> list[tuple]:
        with self.active():
            return [
                (e.uuid, e.revision, e.date, e.title, e.text, e.kind, e.author)
                for e in story_entries.list_story(self.catalogue)
            ]

    @property
    def author(self) -> str:
        return "Alice" if self.db.stem == "alice" else "Bruno"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shared = tmp_path / "Nextcloud" / "Récit commun"
    shared.mkdir(parents=True)
    return shared


@pytest.fixture
def alice(tmp_path, monkeypatch) -> Laptop:
    laptop = Laptop(tmp_path, "alice", monkeypatch)
    with laptop.active():
        demo.load_demo(laptop.catalogue)
    yield laptop
    laptop.catalogue.close()


@pytest.fixture
def bruno(tmp_path, monkeypatch) -> Laptop:
    laptop = Laptop(tmp_path, "bruno", monkeypatch)
    yield laptop
    laptop.catalogue.close()


def folder_state(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def story_tables(db: Path) -> dict[str, list]:
    with closing(sqlite3.connect(db)) as conn:
        return {
            table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in ("log_entries", "log_revisions", "log_entry_dynamics")
        }


def test_two_coordinators_keep_one_story_and_the_conflicting_edit(alice, bruno, folder):
    # Alice shares the collective's story; Bruno joins with an empty catalogue.
    first = alice.sync(folder)
    assert first.written == 8 and first.read == 0
    joined = bruno.sync(folder)
    assert joined.read == 8 and joined.written == 0
    # Writing changes no entry here; reading does: the story page shows them again.
    assert not first.changes
    assert joined.changes == Changes.of_kinds(ChangeKind.STORY_ENTRY)
    assert bruno.timeline() == alice.timeline()
    common = next(uuid for uuid, *_ in alice.timeline() if True)

    # Offline, each writes an entry and both rework the same one.
    mine = alice.add("Comité de pilotage", "Nous gardons le cap.", kind="decision")
    theirs = bruno.add("Rencontre à Figeac", "Une journée d’échanges.", kind="milestone")
    alice.edit_text(common, "La version d’Alice.")
    bruno.edit_text(common, "La version de Bruno.")

    # Somebody drops a damaged file into the folder.
    (folder / "entries" / "notes de réunion.json").write_text("{ pas du JSON", encoding="utf-8")

    a = alice.sync(folder)
    b = bruno.sync(folder)
    a2 = alice.sync(folder)
    assert (a.written, b.read, b.written, a2.read) == (2, 2, 2, 2)
    assert [p.file for p in a.problems] == ["notes de réunion.json"]
    assert [p.file for p in b.problems] == ["notes de réunion.json"]
    assert "damaged" in a.problems[0].reason
    assert a2.problems == [] and a2.skipped == 1  # reported once, still skipped

    # Same timeline on both laptops, nothing lost.
    assert alice.timeline() == bruno.timeline()
    titles = [t[3] for t in alice.timeline()]
    assert "Comité de pilotage" in titles and "Rencontre à Figeac" in titles
    assert len(titles) == 10
    assert {mine, theirs} <= {t[0] for t in bruno.timeline()}

    # The newest edit (Bruno's, written last) wins; Alice's stays in the history.
    shown = {t[0]: t for t in alice.timeline()}[common]
    assert shown[4] == "La version de Bruno."
    for laptop in (alice, bruno):
        with laptop.active():
            history = story_entries.entry_history(laptop.catalogue, common)
        texts = [(r.revision, r.author, r.text, r.current, r.parallel) for r in history]
        assert texts[0] == (2, "Bruno", "La version de Bruno.", True, True)
        assert texts[1] == (2, "Alice", "La version d’Alice.", False, True)
        assert texts[2][0] == 1 and not texts[2][4]


def test_syncing_twice_changes_nothing(alice, bruno, folder):
    alice.sync(folder)
    bruno.add("Note de Bruno", "Texte.")
    bruno.sync(folder)
    alice.sync(folder)
    before = folder_state(folder), story_tables(alice.db), story_tables(bruno.db)
    for laptop in (alice, bruno, alice):
        report = laptop.sync(folder)
        assert not report.changed_anything and report.problems == []
        assert not report.changes
        assert report.summary() == "Shared story up to date."
    assert (folder_state(folder), story_tables(alice.db), story_tables(bruno.db)) == before


def test_each_revision_is_its_own_file_named_by_the_entry(alice, folder):
    uuid = alice.add("Jalon", "v1", kind="milestone")
    alice.edit_text(uuid, "v2")
    alice.sync(folder)
    names = sorted(p.name for p in (folder / "entries").glob(f"{uuid}.*"))
    origin = alice.catalogue.info("catalogue_id")
    assert names == [f"{uuid}.r0001.{origin}.json", f"{uuid}.r0002.{origin}.json"]
    content = json.loads((folder / "entries" / names[1]).read_text(encoding="utf-8"))
    assert content["format"] == "visitplanner-log" and content["version"] == 1
    assert content["text"] == "v2" and content["parent"] == {"revision": 1, "origin": origin}
    assert (folder / "LISEZ-MOI.txt").is_file()
    leftovers = [p.name for p in folder.rglob("*") if p.name.startswith(".")]
    assert leftovers == []


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"format": "visitplanner-log", "version": 1, "entry": "trunc', "damaged"),
        (b"\xff\xfe not text", "damaged"),
        (b'{"format": "something-else", "version": 1}', "not written by Visit Planner"),
        (b"[1, 2, 3]", "not written by Visit Planner"),
        (None, "newer version"),  # a valid revision from a future format version
        (b'{"format": "visitplanner-log", "version": 1, "entry": 3}', "damaged"),
    ],
)
def test_bad_files_are_reported_once_skipped_and_change_nothing(
    alice, bruno, folder, content, reason
):
    alice.sync(folder)
    bruno.sync(folder)
    if content is None:
        source = next((folder / "entries").iterdir())
        data = json.loads(source.read_text(encoding="utf-8"))
        data.update(version=2, entry="0b0e9f2c-56aa-4c7e-9d61-3a8a2b6b1f00")
        content = json.dumps(data).encode()
    bad = folder / "entries" / "0b0e9f2c-56aa-4c7e-9d61-3a8a2b6b1f00.r0001.x.json"
    bad.write_bytes(content)
    before = story_tables(bruno.db)
    report = bruno.sync(folder)
    assert [(p.file, reason in p.reason) for p in report.problems] == [(bad.name, True)]
    assert story_tables(bruno.db) == before
    again = bruno.sync(folder)
    assert again.problems == [] and again.skipped == 1
    assert bad.read_bytes() == content  # never touched


def test_a_bad_file_that_becomes_good_is_read_next_time(alice, bruno, folder):
    uuid = alice.add("Arrivée tardive", "complet")
    alice.sync(folder)
    good = next((folder / "entries").glob(f"{uuid}.*"))
    complete = good.read_bytes()
    good.write_bytes(complete[: len(complete) // 2])  # as a copy still arriving would be
    first = bruno.sync(folder)
    assert [p.file for p in first.problems] == [good.name]
    assert uuid not in {t[0] for t in bruno.timeline()}
    good.write_bytes(complete)
    second = bruno.sync(folder)
    assert second.read == 1 and second.skipped == 0
    assert uuid in {t[0] for t in bruno.timeline()}


def test_files_being_written_by_a_sync_tool_are_ignored_silently(alice, bruno, folder):
    alice.sync(folder)
    entries = folder / "entries"
    (entries / ".syncthing.abc.json.tmp").write_text('{"format": "visitpl')
    (entries / "~partial.json").write_text("{")
    (entries / "x.json.part").write_text("{")
    report = bruno.sync(folder)
    assert report.problems == [] and report.skipped == 0 and report.read == 8


def test_a_renamed_copy_made_by_a_sync_tool_is_read_once(alice, bruno, folder):
    uuid = alice.add("Entrée", "texte")
    alice.sync(folder)
    original = next((folder / "entries").glob(f"{uuid}.*"))
    conflicted = original.with_name(original.stem + " (conflicted copy 2026-11-26).json")
    conflicted.write_bytes(original.read_bytes())
    report = bruno.sync(folder)
    assert report.problems == [] and report.read == 9
    assert [t[0] for t in bruno.timeline()].count(uuid) == 1


def test_atomic_write_leaves_the_old_file_or_the_new_one(tmp_path, monkeypatch):
    target = tmp_path / "entry.json"
    story_folder.write_atomically(target, b"first")
    assert target.read_bytes() == b"first"

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        story_folder.write_atomically(target, b"second, never complete")
    assert target.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["entry.json"]


def test_a_folder_that_disappears_mid_sync_leaves_both_sides_consistent(
    alice, bruno, folder, monkeypatch
):
    for i in range(6):
        alice.add(f"Entrée {i}", "texte")
    # The demo entries get their first revision before the test.
    with alice.active(), alice.catalogue.session() as session:
        story_entries.ensure_revisions(session)
    written = []
    real_write = story_folder.write_atomically

    def flaky_write(target, data):
        if len(written) == 5:
            raise OSError(5, "Input/output error")  # the USB key was pulled out
        real_write(target, data)
        written.append(target.name)

    monkeypatch.setattr(story_folder, "write_atomically", flaky_write)
    before = story_tables(alice.db)
    with pytest.raises(UserError, match="cannot be used"):
        alice.sync(folder)
    assert story_tables(alice.db) == before
    on_disk = sorted(p.name for p in (folder / "entries").iterdir())
    assert on_disk == sorted(written[1:])  # the first write was the folder's README
    for name in on_disk:  # whatever arrived arrived whole
        story_folder.read_revision(next(story_folder.list_revision_files(folder)))
        assert json.loads((folder / "entries" / name).read_bytes())["format"]
    monkeypatch.setattr(story_folder, "write_atomically", real_write)

    report = alice.sync(folder)  # the key is back: the rest follows
    assert report.written == 14 - len(on_disk)
    assert bruno.sync(folder).read == 14
    assert bruno.timeline() == alice.timeline()


def test_a_missing_folder_is_refused_and_never_created(alice, tmp_path):
    gone = tmp_path / "usb-key"
    with pytest.raises(UserError, match="cannot be reached"):
        alice.sync(gone)
    assert not gone.exists()


def test_reading_stops_cleanly_when_the_folder_vanishes(alice, bruno, folder, monkeypatch):
    alice.sync(folder)
    real_read = story_folder.read_revision
    seen = []

    def vanishing_read(file):
        seen.append(file.name)
        if len(seen) == 4:
            for p in (folder / "entries").iterdir():
                p.unlink()
            (folder / "entries").rmdir()
            (folder / "LISEZ-MOI.txt").unlink()
            folder.rmdir()
        return real_read(file)

    monkeypatch.setattr(story_folder, "read_revision", vanishing_read)
    with pytest.raises(UserError, match="cannot be used"):
        bruno.sync(folder)
    assert not folder.exists()
    # Nothing half-read: the catalogue is as it was before the sync started.
    assert bruno.timeline() == []
    with closing(sqlite3.connect(bruno.db)) as conn:
        assert conn.execute("SELECT count(*) FROM log_revisions").fetchone() == (0,)


def test_photos_travel_with_their_entry(alice, bruno, folder, tmp_path):
    photo = tmp_path / "atelier.jpg"
    Image.new("RGB", (64, 48), (200, 80, 40)).save(photo)
    uuid = alice.add("Atelier réparation", "Photo du jour", photo=photo, photo_caption="Atelier")
    report = alice.sync(folder)
    assert report.photos_written == 1
    shared_photos = list((folder / "photos").iterdir())
    assert len(shared_photos) == 1
    got = bruno.sync(folder)
    assert got.photos_read == 1
    with bruno.active():
        entry = story_entries.get_entry(bruno.catalogue, uuid)
        assert entry.photo is not None and entry.photo.read_bytes() == photo.read_bytes()
        assert entry.photo_caption == "Atelier"
        assert str(bruno.data) in str(entry.photo)


def test_a_photo_arriving_after_its_entry_is_linked_then(alice, bruno, folder, tmp_path):
    photo = tmp_path / "p.png"
    Image.new("RGB", (20, 20), (0, 90, 200)).save(photo)
    uuid = alice.add("Entrée illustrée", "texte", photo=photo)
    alice.sync(folder)
    held_back = next((folder / "photos").iterdir())
    parked = tmp_path / "parked.png"
    held_back.rename(parked)
    bruno.sync(folder)
    with bruno.active():
        assert story_entries.get_entry(bruno.catalogue, uuid).photo is None
    parked.rename(held_back)
    assert bruno.sync(folder).photos_read == 1
    with bruno.active():
        assert story_entries.get_entry(bruno.catalogue, uuid).photo is not None


def test_a_deletion_reaches_the_other_catalogue_and_stays_in_history(alice, bruno, folder):
    uuid = alice.add("À retirer", "erreur de saisie")
    alice.sync(folder)
    bruno.sync(folder)
    with alice.active():
        story_entries.delete_entry(alice.catalogue, uuid, "Alice")
    alice.sync(folder)
    bruno.sync(folder)
    assert uuid not in {t[0] for t in bruno.timeline()}
    with bruno.active():
        history = story_entries.entry_history(bruno.catalogue, uuid)
    assert [(r.revision, r.deleted) for r in history] == [(2, True), (1, False)]


def test_a_usb_key_carries_everyone_s_entries(alice, bruno, tmp_path, monkeypatch):
    """Alice → key → Bruno → second key → Chloé: Bruno relays what he read from Alice."""
    key1, key2 = tmp_path / "key1", tmp_path / "key2"
    key1.mkdir()
    key2.mkdir()
    chloe = Laptop(tmp_path, "chloe", monkeypatch)
    alice.sync(key1)
    bruno.add("De Bruno", "texte")
    bruno.sync(key1)
    bruno.sync(key2)
    chloe.sync(key2)
    assert len(chloe.timeline()) == 9
    chloe.catalogue.close()


def test_shared_folder_is_remembered_by_the_catalogue(alice, folder, tmp_path):
    assert folder_sync.shared_folder(alice.catalogue) is None
    # Only the catalogue's own setting: no record a view lists changed.
    assert folder_sync.set_shared_folder(alice.catalogue, folder) == Changes()
    assert folder_sync.shared_folder(alice.catalogue) == folder
    with pytest.raises(UserError):
        folder_sync.set_shared_folder(alice.catalogue, tmp_path / "missing")
    folder_sync.set_shared_folder(alice.catalogue, None)
    assert folder_sync.shared_folder(alice.catalogue) is None


def test_editing_keeps_what_this_catalogue_cannot_show(alice, bruno, folder, tmp_path):
    """A photo still on its way and a dynamic Bruno does not have survive Bruno's edit."""
    photo = tmp_path / "p.png"
    Image.new("RGB", (20, 20), (0, 90, 200)).save(photo)
    with alice.active():
        nova = next(d.id for d in cat.list_dynamics(alice.catalogue) if d.name == "Nova Child")
    uuid = alice.add("Entrée illustrée", "texte", photo=photo, dynamic_ids=(nova,))
    alice.sync(folder)
    held_back = next((folder / "photos").iterdir())
    held_back.rename(tmp_path / "parked.png")
    bruno.sync(folder)
    bruno.edit_text(uuid, "texte revu par Bruno")
    (tmp_path / "parked.png").rename(held_back)
    bruno.sync(folder)
    alice.sync(folder)
    with alice.active():
        seen = story_entries.get_entry(alice.catalogue, uuid)
    assert seen.text == "texte revu par Bruno"
    assert seen.photo is not None and seen.dynamic_names == ("Nova Child",)
    with bruno.active():
        assert story_entries.get_entry(bruno.catalogue, uuid).photo is not None
