"""The story's entries: writing, revisions, filters, and the entry a finalised debrief writes."""

from __future__ import annotations

from datetime import date

import pytest

from visitplanner.domain.errors import NotFoundError, ValidationError
from visitplanner.services import demo
from visitplanner.services.changes import ChangeKind
from visitplanner.services.directory import records as cat
from visitplanner.services.documents import debriefs
from visitplanner.services.documents.debriefs import QuoteInput, TakeawayInput
from visitplanner.services.events import planning
from visitplanner.services.story import entries as story_entries
from visitplanner.services.story.entries import StoryEntryInput, StoryFilter


@pytest.fixture(autouse=True)
def _data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("VISITPLANNER_DATA", str(tmp_path / "data"))


def entry(title="Comité", text="Texte", day=date(2026, 3, 4), kind="note", **kw):
    return StoryEntryInput(date=day, title=title, kind=kind, text=text, **kw)


def test_an_entry_is_written_read_and_edited_as_new_revisions(catalogue):
    added = story_entries.add_entry(catalogue, entry(challenges=("business_model",)), "Hélène")
    uuid = added.uuid
    assert added.changes.created_id(ChangeKind.STORY_ENTRY) > 0
    assert added.changes.kinds == {ChangeKind.STORY_ENTRY}
    shown = story_entries.get_entry(catalogue, uuid)
    assert (shown.title, shown.revision, shown.author, shown.own) == ("Comité", 1, "Hélène", True)
    assert shown.challenges == ("business_model",)

    changes = story_entries.edit_entry(catalogue, uuid, entry(text="Texte revu"), "Marc")
    assert changes.touches(ChangeKind.STORY_ENTRY)
    shown = story_entries.get_entry(catalogue, uuid)
    assert (shown.text, shown.revision, shown.author, shown.challenges) == (
        "Texte revu",
        2,
        "Marc",
        (),
    )
    history = story_entries.entry_history(catalogue, uuid)
    assert [(r.revision, r.author, r.current, r.own) for r in history] == [
        (2, "Marc", True, True),
        (1, "Hélène", False, True),
    ]
    assert history[0].parent == (1, history[1].origin)


def test_saving_without_a_change_writes_no_revision(catalogue):
    uuid = story_entries.add_entry(catalogue, entry(), "Hélène").uuid
    assert not story_entries.edit_entry(catalogue, uuid, entry(), "Hélène")
    assert len(story_entries.entry_history(catalogue, uuid)) == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (entry(title="  "), "title"),
        (entry(title="x" * 301), "title"),
        (entry(kind="party"), "kind"),
        (entry(challenges=("world_peace",)), "challenge"),
        (entry(dynamic_ids=(999,)), "dynamics"),
        (entry(event_id=999), "event"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(catalogue, data, field):
    with pytest.raises(ValidationError) as raised:
        story_entries.add_entry(catalogue, data, "Hélène")
    assert raised.value.field == field
    assert story_entries.list_story(catalogue) == []


def test_a_missing_photo_file_is_refused(catalogue, tmp_path):
    with pytest.raises(ValidationError) as raised:
        story_entries.add_entry(catalogue, entry(photo=tmp_path / "nope.jpg"), None)
    assert raised.value.field == "photo"


def test_filters_search_without_accents_kind_dynamic_challenge_and_period(catalogue):
    demo.load_demo(catalogue)
    everything = story_entries.list_story(catalogue)
    assert len(everything) == 8
    assert [e.date for e in everything] == sorted((e.date for e in everything), reverse=True)
    found = story_entries.list_story(catalogue, filters=StoryFilter(search="seminaire"))
    assert found and all("séminaire" in (e.title + (e.text or "")).lower() for e in found)
    decisions = story_entries.list_story(catalogue, filters=StoryFilter(kind="decision"))
    assert decisions and {e.kind for e in decisions} == {"decision"}
    some = everything[1]
    assert some.dynamic_ids
    by_dynamic = story_entries.list_story(
        catalogue, filters=StoryFilter(dynamic_id=some.dynamic_ids[0])
    )
    assert some.uuid in {e.uuid for e in by_dynamic} and len(by_dynamic) < 8
    spring = story_entries.list_story(
        catalogue, filters=StoryFilter(start=date(2026, 3, 1), end=date(2026, 6, 30))
    )
    assert spring and all(date(2026, 3, 1) <= e.date <= date(2026, 6, 30) for e in spring)
    uuid = story_entries.add_entry(catalogue, entry(challenges=("service_offer",)), None).uuid
    assert [
        e.uuid
        for e in story_entries.list_story(catalogue, filters=StoryFilter(challenge="service_offer"))
    ] == [uuid]
    oldest = story_entries.list_story(catalogue, oldest_first=True)
    assert [e.uuid for e in oldest] == [
        e.uuid for e in reversed(story_entries.list_story(catalogue))
    ]


def test_delete_hides_the_entry_and_restore_brings_a_revision_back(catalogue):
    uuid = story_entries.add_entry(catalogue, entry(text="première"), "A").uuid
    story_entries.edit_entry(catalogue, uuid, entry(text="seconde"), "B")
    story_entries.delete_entry(catalogue, uuid, "C")
    assert story_entries.list_story(catalogue) == []
    with pytest.raises(NotFoundError):
        story_entries.get_entry(catalogue, uuid)
    first = story_entries.entry_history(catalogue, uuid)[-1]
    story_entries.restore_revision(catalogue, uuid, first.revision, first.origin, "D")
    shown = story_entries.get_entry(catalogue, uuid)
    assert (shown.text, shown.revision, shown.author) == ("première", 4, "D")


def new_event(catalogue, question):
    data = planning.EventInput(
        kind="visit",
        title="Visite de la ressourcerie",
        start="2027-06-10T09:30",
        end="2027-06-10T17:00",
        visit_question=question,
    )
    return planning.save_event(catalogue, None, data).created_id("event")


def person(catalogue, family_name, consent):
    data = cat.PersonInput(family_name=family_name, given_name="Lou", consent_quotes=consent)
    return cat.create_person(catalogue, data).created_id("person")


def test_finalising_a_debrief_writes_its_entry_and_keeps_the_link(catalogue):
    event_id = new_event(catalogue, "Comment mutualiser les ateliers ?")
    d = debriefs.open_debrief(catalogue, event_id)
    agrees, refuses = person(catalogue, "Martin", True), person(catalogue, "Secret", False)
    debriefs.save_takeaways(
        catalogue,
        d.id,
        [
            TakeawayInput("Un atelier partagé par trois structures.", "lasting_cooperation"),
            TakeawayInput("Des tarifs solidaires.", "business_model"),
        ],
    )
    debriefs.save_text(catalogue, d.id, "ideas_to_transpose", "Ouvrir notre atelier le samedi.")
    debriefs.save_quotes(
        catalogue,
        d.id,
        [QuoteInput("On répare ensemble.", agrees), QuoteInput("Ne me citez pas.", refuses)],
    )
    debriefs.set_authors(catalogue, d.id, [agrees])

    changes = debriefs.set_status(catalogue, d.id, "final")
    assert changes.touches(ChangeKind.STORY_ENTRY)
    [written] = story_entries.list_story(catalogue)
    assert written.title == "Visite de la ressourcerie"
    assert (written.kind, written.date, written.event_id, written.debrief_id) == (
        "visit",
        date(2027, 6, 10),
        event_id,
        d.id,
    )
    assert "Comment mutualiser les ateliers ?" in written.text
    assert "- Un atelier partagé par trois structures." in written.text
    assert "Ouvrir notre atelier le samedi." in written.text
    assert "On répare ensemble." in written.text and "Lou Martin" in written.text
    assert "Ne me citez pas" not in written.text and "Secret" not in written.text
    assert set(written.challenges) == {"lasting_cooperation", "business_model"}
    assert written.author == "Lou Martin"

    # The coordinator reworks the entry; the link to the debrief survives.
    reworked = entry(
        title="Chez la ressourcerie",
        text="Notre récit.",
        day=written.date,
        kind="visit",
        event_id=event_id,
    )
    story_entries.edit_entry(catalogue, written.uuid, reworked, "Hélène")
    shown = story_entries.get_entry(catalogue, written.uuid)
    assert (shown.title, shown.debrief_id, shown.event_id) == (
        "Chez la ressourcerie",
        d.id,
        event_id,
    )

    # Finalising again updates the same entry, and the coordinator's text stays in history.
    debriefs.set_status(catalogue, d.id, "draft")
    debriefs.set_status(catalogue, d.id, "final")
    [again] = story_entries.list_story(catalogue)
    assert again.uuid == written.uuid and again.revision == 3
    assert "Notre récit." in [r.text for r in story_entries.entry_history(catalogue, again.uuid)]


def test_entries_written_before_revisions_get_one_when_first_needed(catalogue):
    demo.load_demo(catalogue)
    first = story_entries.list_story(catalogue)[0]
    history = story_entries.entry_history(catalogue, first.uuid)
    assert [(r.revision, r.title, r.current) for r in history] == [(1, first.title, True)]


def test_the_debrief_photo_is_shared_only_if_everyone_there_agreed(catalogue, tmp_path):
    from PIL import Image

    from visitplanner.services.documents import photos
    from visitplanner.services.events import participants

    event_id = new_event(catalogue, "Question ?")
    d = debriefs.open_debrief(catalogue, event_id)
    picture = tmp_path / "groupe.jpg"
    Image.new("RGB", (40, 30), (10, 120, 60)).save(picture)
    photos.add_photo(catalogue, d.id, picture, "Le groupe")
    yes = cat.create_person(
        catalogue, cat.PersonInput(family_name="Oui", consent_photos=True)
    ).created_id("person")
    no = cat.create_person(
        catalogue, cat.PersonInput(family_name="Non", consent_photos=False)
    ).created_id("person")
    participants.add_participants(catalogue, event_id, [yes, no], status="accepted")

    debriefs.set_status(catalogue, d.id, "final")
    [written] = story_entries.list_story(catalogue)
    assert written.photo is None

    participants.set_participant(catalogue, event_id, no, status="declined")
    debriefs.set_status(catalogue, d.id, "draft")
    debriefs.set_status(catalogue, d.id, "final")
    [written] = story_entries.list_story(catalogue)
    assert written.photo is not None and written.photo.read_bytes() == picture.read_bytes()
    assert written.photo_caption == "Le groupe"
