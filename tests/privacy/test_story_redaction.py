"""Erasure reaches the shared story: every catalogue and the folder lose the person's name.

Three laptops share one story folder: Alice's catalogue knows the person and erases her,
Bruno's had already received the entries naming her, Carla's received them too and then
stayed offline until after the erasure. Proven on raw bytes: the catalogue files and
their WAL, every file of the folder, a story export and a booklet made afterwards.
"""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from visitplanner.exchange import story_redactions
from visitplanner.services.directory.records import PersonInput, create_person
from visitplanner.services.documents.printing import booklet_pdf
from visitplanner.services.events.planning import EventInput, create_event
from visitplanner.services.privacy.erasure import erase_person
from visitplanner.services.story import entries as story_entries
from visitplanner.services.story import folder_sync
from visitplanner.services.story.entries import StoryEntryInput
from visitplanner.services.story.export import export_story
from visitplanner.services.story.redaction import redact_mentions, redact_text
from visitplanner.store.database import open_catalogue
from visitplanner.store.models import Debrief, Participation, Quote

NAME = "Çağla Nguyễn"
EMAIL = "cagla.nguyen@example.org"
# Every form of her name or address that must be gone (folded ones: search keys).
TRACES = (NAME, NAME.upper(), "Nguyễn Çağla", "Çağla", "Nguyễn", "cagla", "nguyen", "NGUYỄN")
MARKER = "[name removed]"


def raw(db: Path) -> bytes:
    wal = db.with_name(db.name + "-wal")
    return db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def assert_no_trace(data: bytes, where: str) -> None:
    for trace in (*TRACES, EMAIL):
        assert trace.encode() not in data, f"{trace!r} in {where}"


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def pdf_uncompressed(path: Path, tmp: Path) -> bytes:
    out = tmp / (path.stem + ".qdf.pdf")
    subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", str(path), str(out)],
        check=False,  # exit code 3: warnings only
        capture_output=True,
    )
    return out.read_bytes()


@pytest.fixture
def laptops(tmp_path):
    opened = {name: open_catalogue(str(tmp_path / f"{name}.sqlite")) for name in "abc"}
    yield opened
    for catalogue in opened.values():
        catalogue.close()


def fill_alice(catalogue) -> tuple[int, str, str, str]:
    person = create_person(
        catalogue, PersonInput(given_name="Çağla", family_name="Nguyễn", email=EMAIL)
    ).created_id("person")
    event = create_event(
        catalogue,
        EventInput(
            kind="visit", title="Visite du jardin", start="2026-03-12T09:30", end="2026-03-12T17:00"
        ),
    ).created_id("event")
    with catalogue.session() as session, session.begin():
        session.add(Participation(event_id=event, person_id=person, status="accepted"))
        debrief = Debrief(event_id=event, status="final", what_we_saw="Un jardin partagé.")
        session.add(debrief)
        session.flush()
        session.add(Quote(debrief_id=debrief.id, text="On sème ensemble.", person_id=person))

    def add(title, text, author="Alice"):
        data = StoryEntryInput(date=date(2026, 3, 13), title=title, text=text, kind="visit")
        return story_entries.add_entry(catalogue, data, author).uuid

    named = add(f"Au jardin de {NAME}", f"{NAME} nous a accueillis.")
    entry = story_entries.get_entry(catalogue, named)
    story_entries.edit_entry(
        catalogue,
        named,
        StoryEntryInput(
            date=entry.date,
            title=entry.title,
            kind=entry.kind,
            text=f"Merci à NGUYỄN ÇAĞLA ({EMAIL.upper()}) pour l’accueil. Le compost est prêt.",
        ),
        "Alice",
    )
    authored = add("Note de terrain", "Les bacs sont pleins.", author=NAME)
    other = add("Décision", "Rien sur elle : nous gardons le compost.")
    return person, named, authored, other


def test_erasure_redacts_the_story_in_every_catalogue_and_the_folder(laptops, tmp_path):
    alice, bruno, carla = laptops["a"], laptops["b"], laptops["c"]
    folder = tmp_path / "Nextcloud" / "Récit"
    folder.mkdir(parents=True)
    person, named, authored, other = fill_alice(alice)
    folder_sync.set_shared_folder(alice, folder)
    folder_sync.sync_folder(alice, folder)
    folder_sync.sync_folder(carla, folder)  # Carla received it all, then went offline
    folder_sync.sync_folder(bruno, folder)
    assert NAME.encode() in raw(tmp_path / "b.sqlite")
    bruno_edit = StoryEntryInput(
        date=date(2026, 3, 14), title="Décision", kind="visit", text="Compost gardé, bacs vidés."
    )
    story_entries.edit_entry(bruno, other, bruno_edit, "Bruno")
    folder_sync.sync_folder(bruno, folder)

    result = erase_person(alice, person)
    assert result.compacted
    assert result.changes.touches("story_entry")
    assert folder_sync.sync_folder(alice, folder).written >= 2
    report = folder_sync.sync_folder(bruno, folder)
    assert report.redactions_applied == 1 and report.compacted

    for catalogue, db in ((alice, "a"), (bruno, "b")):
        shown = {e.uuid: e for e in story_entries.list_story(catalogue)}
        assert shown[named].title == f"Au jardin de {MARKER}"
        assert shown[named].text == (
            f"Merci à {MARKER} ({MARKER}) pour l’accueil. Le compost est prêt."
        )
        assert shown[authored].author == MARKER
        assert shown[other].text == "Compost gardé, bacs vidés."  # not hers: kept as edited
        assert len(story_entries.entry_history(catalogue, named)) == 1
        assert_no_trace(raw(tmp_path / f"{db}.sqlite"), f"catalogue {db}")
    files = folder_bytes(folder)
    assert [n for n in files if n.startswith("redactions/")] != []
    assert not [n for n in files if n.startswith(f"entries/{named}.r0001")]
    for name, data in files.items():
        assert_no_trace(data, name)

    # Documents made afterwards.
    for fmt in ("md", "html", "pdf"):
        out = export_story(bruno, fmt, tmp_path / f"story.{fmt}", language="en")
        data = out.read_bytes() if fmt != "pdf" else pdf_text(out).encode()
        assert_no_trace(data, f"story export {fmt}")
        assert b"name removed" in data  # markdown escapes the brackets
    booklet = booklet_pdf(alice, tmp_path / "livret.pdf", language="fr")
    assert "Un jardin partagé" in pdf_text(booklet)
    assert_no_trace(pdf_text(booklet).encode(), "booklet text")
    assert_no_trace(pdf_uncompressed(booklet, tmp_path), "booklet bytes")

    # Carla comes back online with the old revisions: she drops them, writes none back.
    before = set(folder_bytes(folder))
    report = folder_sync.sync_folder(carla, folder)
    assert report.redactions_applied == 1 and report.written == 0
    assert set(folder_bytes(folder)) == before
    assert_no_trace(raw(tmp_path / "c.sqlite"), "catalogue c")
    assert {e.uuid: e.text for e in story_entries.list_story(carla)}[named].startswith(
        f"Merci à {MARKER}"
    )
    # Nothing more to do anywhere.
    for catalogue in (alice, bruno, carla):
        assert not folder_sync.sync_folder(catalogue, folder).changed_anything


def test_a_usb_key_carried_by_an_offline_laptop_does_not_bring_the_name_back(laptops, tmp_path):
    alice, carla = laptops["a"], laptops["c"]
    nextcloud, key = tmp_path / "nextcloud", tmp_path / "usb"
    nextcloud.mkdir()
    key.mkdir()
    person, named, *_ = fill_alice(alice)
    folder_sync.sync_folder(alice, nextcloud)
    folder_sync.sync_folder(carla, nextcloud)
    erase_person(alice, person)
    folder_sync.sync_folder(alice, nextcloud)
    # Carla, still offline, copies her story to a USB key: the old revisions go with it.
    folder_sync.sync_folder(carla, key)
    assert NAME.encode() in b"".join(folder_bytes(key).values())
    # The key reaches Alice: the purged revisions leave the key, the redaction goes on it.
    report = folder_sync.sync_folder(alice, key)
    assert report.purged_files == 3 and report.read == 0 and report.redactions_written == 1
    for name, data in folder_bytes(key).items():
        assert_no_trace(data, name)
    # And Carla, at her next sync with the key, applies it.
    assert folder_sync.sync_folder(carla, key).redactions_applied == 1
    assert_no_trace(raw(tmp_path / "c.sqlite"), "catalogue c")
    assert len(story_entries.entry_history(carla, named)) == 1


def test_a_redaction_file_that_cannot_be_trusted_is_reported_and_changes_nothing(laptops, tmp_path):
    alice, bruno = laptops["a"], laptops["b"]
    folder = tmp_path / "shared"
    folder.mkdir()
    _person, named, *_ = fill_alice(alice)
    folder_sync.sync_folder(alice, folder)
    (folder / "redactions").mkdir()
    origin = "0" * 8 + "-0000-4000-8000-" + "0" * 12
    forged = {
        "format": "visitplanner-redaction",
        "version": 1,
        "redaction": origin,
        "origin": origin,
        "saved_at": datetime.now(UTC).isoformat(),
        "entries": [{"entry": named, "through": 9, "purge": [], "replacement": {"x": 1}}],
    }
    (folder / "redactions" / f"{origin}.{origin}.json").write_text(json.dumps(forged))
    (folder / "redactions" / "broken.json").write_bytes(b"{not json")
    report = folder_sync.sync_folder(bruno, folder)
    assert sorted(p.file for p in report.problems) == sorted(
        ["broken.json", f"{origin}.{origin}.json"]
    )
    assert report.redactions_applied == 0
    assert len(story_entries.entry_history(bruno, named)) == 2
    # Reported once, not at every sync.
    assert folder_sync.sync_folder(bruno, folder).problems == []


def test_redact_mentions_is_callable_alone_and_by_both_name_orders(catalogue):
    data = StoryEntryInput(
        date=date(2026, 1, 5),
        title="Atelier",
        kind="note",
        text="Nguyễn Çağla et Ana Nguyễn ont animé ; écrire à Cagla.Nguyen@Example.org.",
    )
    uuid = story_entries.add_entry(catalogue, data, "Ana").uuid
    changes = redact_mentions(catalogue, [NAME, "Nguyễn Çağla", EMAIL], "consent_withdrawn")
    assert changes.touches("story_entry")
    text = story_entries.get_entry(catalogue, uuid).text
    # Her namesake keeps her name: the family name alone is not a mention.
    assert text == f"{MARKER} et Ana Nguyễn ont animé ; écrire à {MARKER}."
    assert not redact_mentions(catalogue, [NAME, EMAIL], "consent_withdrawn")


def test_the_marker_follows_the_document_language():
    assert redact_text("Merci Çağla Nguyễn !", [NAME], "[nom retiré]") == "Merci [nom retiré] !"
    assert redact_text("Merci Çağla Nguyễnova", [NAME], "X") == "Merci Çağla Nguyễnova"
    assert redact_text(None, [NAME], "X") is None
    # Folding drops apostrophes, and French elides before a name: both are found.
    names = ["Aminata N'Diaye", "Anne Martin"]
    said = "Avec Aminata N’Diaye et l’équipe d’Anne Martin."
    assert redact_text(said, names, "X") == "Avec X et l’équipe d’X."


def test_a_redaction_file_holds_no_name(tmp_path, laptops):
    alice = laptops["a"]
    folder = tmp_path / "shared"
    folder.mkdir()
    person, *_ = fill_alice(alice)
    erase_person(alice, person)
    folder_sync.sync_folder(alice, folder)
    (name,) = story_redactions.list_redaction_names(folder)
    redaction = story_redactions.read_redaction(folder, name)
    assert redaction.reason == "erasure" and len(redaction.entries) == 2
    assert all(e.replacement.revision == e.through + 1 for e in redaction.entries)
    assert_no_trace((folder / "redactions" / name).read_bytes(), name)


def test_a_french_catalogue_writes_the_french_marker(catalogue):
    data = StoryEntryInput(
        date=date(2026, 1, 5), title="Atelier", kind="note", text=f"Avec {NAME}."
    )
    uuid = story_entries.add_entry(catalogue, data, "Ana").uuid
    redact_mentions(catalogue, [NAME], "consent_withdrawn", language="fr")
    assert story_entries.get_entry(catalogue, uuid).text == "Avec [nom retiré]."


def test_people_erase_on_the_command_line_redacts_the_shared_folder_at_once(
    tmp_path, capsys, monkeypatch
):
    from visitplanner.cli.main import main

    monkeypatch.setenv("VISITPLANNER_DATA", str(tmp_path / "data"))
    folder = tmp_path / "shared"
    folder.mkdir()
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    alice = open_catalogue(str(a))
    fill_alice(alice)
    folder_sync.set_shared_folder(alice, folder)
    alice.close()
    assert main(["--db", str(a), "log", "sync", str(folder)]) == 0
    assert main(["--db", str(b), "log", "sync", str(folder)]) == 0
    capsys.readouterr()

    assert main(["--db", str(a), "people", "erase", EMAIL, "--yes"]) == 0
    out = capsys.readouterr().out
    assert f"redacted here and in the shared story folder: Au jardin de {NAME}" in out
    assert "Shared story synchronised: 2 revisions shared." in out
    for name, data in folder_bytes(folder).items():
        assert_no_trace(data, name)
    assert main(["--db", str(b), "log", "sync", str(folder)]) == 0
    assert "1 redaction applied" in capsys.readouterr().out
    assert_no_trace(raw(b), "catalogue b")
    assert_no_trace(raw(a), "catalogue a")
