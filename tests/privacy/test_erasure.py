"""Right to erasure in this catalogue: nothing identifying is left, head counts stay."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from tests.privacy.conftest import EMAIL

from visitplanner.services.directory.records import list_people
from visitplanner.services.events.planning import get_event
from visitplanner.services.privacy.access import access_data
from visitplanner.services.privacy.erasure import (
    backups_holding,
    erase_person,
    erasure_summary,
    purge_backups,
)
from visitplanner.services.recovery import trash
from visitplanner.services.recovery.backups import backup
from visitplanner.services.reports.period import Period
from visitplanner.services.reports.report import activity_report
from visitplanner.store.models import Attendance, OutboxMessage, Participation, Photo, Quote


def _file_bytes(catalogue) -> bytes:
    path = catalogue.path
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def _count(catalogue, model):
    with catalogue.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_the_summary_says_what_goes_what_stays_and_what_is_left_to_the_user(catalogue, ids):
    summary = erasure_summary(catalogue, ids.person)
    assert (summary.participations, summary.quotes, summary.photos, summary.messages) == (
        1,
        1,
        1,
        1,
    )
    assert summary.story_entries == ("Retour de visite",)
    assert summary.debriefs == ()
    assert summary.backups == ()


def test_erasure_keeps_head_counts_and_leaves_no_trace_in_the_file(catalogue, ids):
    period = Period(date(2026, 1, 1), date(2026, 12, 31))
    before = activity_report(catalogue, period)
    # The story entry naming her is redacted, its earlier revision purged.
    assert EMAIL.encode() in _file_bytes(catalogue)

    result = erase_person(catalogue, ids.person)

    assert result.compacted
    raw = _file_bytes(catalogue)
    for trace in (EMAIL, "Nguyễn", "Çağla", "cagla", "nguyen", "+33 6 12 34 56 78", "Ormes"):
        assert trace.encode() not in raw, trace
    # Head counts and attendance stay, anonymous.
    event = get_event(catalogue, ids.event)
    assert event.count("accepted") == 2
    assert _count(catalogue, Participation) == 3 and _count(catalogue, Attendance) == 2
    after = activity_report(catalogue, period)
    assert after.participants == before.participants
    # Everything identifying went: quote, photo, message; the other person's stay.
    assert _count(catalogue, Quote) == 1 and _count(catalogue, Photo) == 1
    assert _count(catalogue, OutboxMessage) == 0
    assert [p.name for p in list_people(catalogue)] == ["Bob Martin"]
    # Not in the trash, where emptying it would take the participations away.
    assert all(
        item.id != ids.person or item.kind != "person" for item in trash.list_trash(catalogue)
    )
    trash.empty_trash(catalogue)
    assert _count(catalogue, Participation) == 3


def test_the_other_person_is_untouched(catalogue, ids):
    before = access_data(catalogue, ids.other)
    erase_person(catalogue, ids.person)
    after = access_data(catalogue, ids.other)
    assert after["person"] == before["person"]
    assert after["quotes"] == before["quotes"]


def test_backups_that_still_hold_the_person_are_listed_and_purged(catalogue, ids):
    old = backup(catalogue)
    summary = erasure_summary(catalogue, ids.person)
    assert summary.backups == (old,)
    erase_person(catalogue, ids.person)
    assert backups_holding(catalogue, summary.name, summary.email) == [old]
    newer = backup(catalogue, old.with_name("catalogue-20991231-235959.sqlite"))  # without her
    assert backups_holding(catalogue, summary.name, summary.email) == [old]
    assert purge_backups([old]) == 1
    assert not old.exists() and newer.exists()


def test_the_photo_files_go_with_the_photo(catalogue, ids):
    from visitplanner.services.documents.photos import data_folder

    folder = data_folder()
    for name in ("originals/a.jpg", "cache/a-1200.jpg", "originals/b.jpg", "cache/b-1200.jpg"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"jpeg")
    erase_person(catalogue, ids.person)
    assert not (folder / "originals/a.jpg").exists() and not (folder / "cache/a-1200.jpg").exists()
    assert (folder / "originals/b.jpg").exists() and (folder / "cache/b-1200.jpg").exists()


def test_undo_cannot_bring_an_erased_person_back(catalogue):
    import pytest

    from visitplanner.domain.errors import NotFoundError
    from visitplanner.services.directory.records import PersonInput
    from visitplanner.services.recovery.history import History, HistoryError

    history = History(catalogue)
    person = history.create("person", PersonInput(given_name="Ana", family_name="Ruiz"))
    person_id = person.created_id("person")
    history.undo()  # the creation goes to the trash…
    history.redo()  # …and comes back
    erase_person(catalogue, person_id)
    with pytest.raises(HistoryError):
        history.undo()
    # Nor from the trash (it is not listed there, but a script could name its id).
    with pytest.raises(NotFoundError):
        trash.restore(catalogue, "person", person_id)
    assert list_people(catalogue) == []


def test_a_person_in_dynamics_is_erased_and_the_dynamics_stay(catalogue, ids):
    """The demo's people belong to dynamics: their links go, the dynamics do not."""
    from visitplanner.services.directory.people import PersonInput, create_person
    from visitplanner.services.directory.records import (
        DynamicInput,
        create_dynamic,
        list_dynamics,
    )

    dynamic = create_dynamic(catalogue, DynamicInput(name="PTCE Figeacteurs")).created_id("dynamic")
    person = create_person(
        catalogue,
        PersonInput(given_name="Élodie", family_name="Vayssière", dynamic_ids=[dynamic]),
    ).created_id("person")

    erase_person(catalogue, person)

    assert sorted(p.name for p in list_people(catalogue)) == ["Bob Martin", "Çağla Nguyễn"]
    assert [d.name for d in list_dynamics(catalogue)] == ["PTCE Figeacteurs"]
    assert "Vayssière".encode() not in _file_bytes(catalogue)


def test_a_speaker_named_in_a_programme_is_replaced_by_the_marker(catalogue, ids):
    """A programme line's speaker is free text: the name goes, the other speakers stay."""
    from visitplanner.store.models import ProgrammeItem

    with catalogue.session() as session, session.begin():
        session.add(
            ProgrammeItem(
                event_id=ids.event,
                title="Atelier : réemploi",
                speaker="Çağla Nguyễn et Bob Martin",
            )
        )
    assert erasure_summary(catalogue, ids.person).programme == ("Visite de la recyclerie",)

    erase_person(catalogue, ids.person)

    with catalogue.session() as session:
        (item,) = session.scalars(select(ProgrammeItem)).all()
        assert item.speaker == "[name removed] et Bob Martin"
    assert "Nguyễn".encode() not in _file_bytes(catalogue)
