"""Replies as clients really send them: out of order, twice, and delegated to someone else.

The fixtures in tests/fixtures/imip (Outlook/Exchange and Thunderbird style) answer the
event whose UID they carry; each test builds that event with its own list.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from visitplanner.services.changes import ChangeKind
from visitplanner.services.directory import records as cat
from visitplanner.services.events import participants as plist
from visitplanner.services.events import planning
from visitplanner.services.invitations.replies import import_replies
from visitplanner.store.models import Event

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imip"
UID = "3f6d2a9e-7c41-4b8e-9a55-0c1d2e3f4a5b@visitplanner"


def _person(catalogue, given, family, address):
    changes = cat.create_person(
        catalogue, cat.PersonInput(family_name=family, given_name=given, email=address)
    )
    return changes.created_id("person")


@pytest.fixture
def seminar(catalogue):
    """The seminar the fixtures answer: Alice and Bruno invited, Bruno as speaker."""
    return build_seminar(catalogue)


def build_seminar(catalogue):
    people = {
        "alice": _person(catalogue, "Alice", "Martin", "alice@example.org"),
        "bruno": _person(catalogue, "Bruno", "Durand", "bruno@example.org"),
        "denise": _person(catalogue, "Denise", "Roux", "denise@example.org"),
    }
    event_id = planning.create_event(
        catalogue,
        planning.EventInput(
            kind="seminar",
            title="Séminaire circuits courts",
            start="2027-06-10T09:00",
            end="2027-06-10T17:00",
        ),
    ).created_id("event")
    with catalogue.session() as session:
        session.get(Event, event_id).uid = UID
    plist.add_participants(catalogue, event_id, [people["alice"]])
    plist.add_participants(catalogue, event_id, [people["bruno"]], role="speaker")
    return event_id, people


def _status(catalogue, event_id):
    detail = planning.get_event(catalogue, event_id)
    return {p.email: (p.status, p.role, p.waitlist_position) for p in detail.participants}


def _copy(tmp_path, name):
    target = tmp_path / name
    shutil.copy(FIXTURES / name, target)
    return target


def test_an_older_reply_read_after_a_newer_one_changes_nothing(catalogue, seminar, tmp_path):
    event_id, _people = seminar
    later = _copy(tmp_path, "thunderbird-reply-accepted-later.ics")
    earlier = _copy(tmp_path, "thunderbird-reply-tentative-first.ics")

    first = import_replies(catalogue, [later])
    second = import_replies(catalogue, [earlier])

    assert (first.applied, second.applied, second.ignored) == (1, 0, 1)
    assert _status(catalogue, event_id)["alice@example.org"][0] == "accepted"
    assert "nothing changed" in second.outcomes[0].message
    # The applied reply names what it changed; the ignored one changed nothing.
    assert first.outcomes[0].changes.touches(ChangeKind.EVENT, event_id)
    assert ChangeKind.PARTICIPATION in first.outcomes[0].changes.kinds
    assert first.changes.touches(ChangeKind.EVENT, event_id)
    assert not second.outcomes[0].changes


def test_replies_in_their_own_order_are_all_applied(catalogue, seminar, tmp_path):
    event_id, _people = seminar
    earlier = _copy(tmp_path, "thunderbird-reply-tentative-first.ics")
    later = _copy(tmp_path, "thunderbird-reply-accepted-later.ics")

    report = import_replies(catalogue, [earlier, later])

    assert report.applied == 2
    assert _status(catalogue, event_id)["alice@example.org"][0] == "accepted"


def test_the_same_accept_read_twice_keeps_the_place(catalogue, seminar, tmp_path):
    event_id, people = seminar
    planning.update_event(catalogue, event_id, planning.EventPatch(capacity=1))
    accept = _copy(tmp_path, "thunderbird-reply-accepted-later.ics")
    assert import_replies(catalogue, [accept]).applied == 1
    plist.add_participants(catalogue, event_id, [people["denise"]], status="accepted")
    assert _status(catalogue, event_id)["denise@example.org"][0] == "waitlisted"

    again = import_replies(catalogue, [accept])

    assert (again.applied, again.ignored) == (0, 1)
    state = _status(catalogue, event_id)
    assert state["alice@example.org"] == ("accepted", "participant", None)
    assert state["denise@example.org"] == ("waitlisted", "participant", 1)


def test_a_newer_sequence_wins_even_with_an_older_stamp(catalogue, seminar, tmp_path):
    event_id, _people = seminar
    accept = _copy(tmp_path, "thunderbird-reply-accepted-later.ics")
    import_replies(catalogue, [accept])
    with catalogue.session() as session:
        session.get(Event, event_id).sequence = 1  # the event was moved and sent again
    text = (FIXTURES / "thunderbird-reply-tentative-first.ics").read_bytes()
    newer = tmp_path / "tentative-sequence-1.ics"
    newer.write_bytes(text.replace(b"SEQUENCE:0", b"SEQUENCE:1"))

    assert import_replies(catalogue, [newer]).applied == 1
    assert _status(catalogue, event_id)["alice@example.org"][0] == "tentative"


@pytest.mark.parametrize("order", ["delegator first", "delegate first"])
def test_a_delegated_place_passes_to_the_delegate_in_the_same_role(
    catalogue, seminar, tmp_path, order
):
    event_id, people = seminar
    plist.set_participant(catalogue, event_id, people["bruno"], status="accepted")
    planning.update_event(catalogue, event_id, planning.EventPatch(capacity=1))
    plist.add_participants(catalogue, event_id, [people["denise"]], status="accepted")
    files = [
        _copy(tmp_path, "outlook-reply-delegated.eml"),
        _copy(tmp_path, "outlook-reply-delegate-accepted.eml"),
    ]
    if order == "delegate first":
        files.reverse()

    report = import_replies(catalogue, files)

    assert report.applied == 2, [o.message for o in report.outcomes]
    state = _status(catalogue, event_id)
    assert state["bruno@example.org"] == ("delegated", "speaker", None)
    assert state["claire.petit@example.org"] == ("accepted", "speaker", None)
    # The place went to the delegate, not to the first person waiting.
    assert state["denise@example.org"] == ("waitlisted", "participant", 1)
    claire = next(p for p in cat.list_people(catalogue) if p.email == "claire.petit@example.org")
    assert (claire.given_name, claire.family_name) == ("Claire", "Petit")
    # The changes name the delegate, added to the catalogue and to the list.
    assert all(ChangeKind.PARTICIPATION in o.changes.kinds for o in report.outcomes)
    assert report.changes.touches(ChangeKind.PERSON, claire.id)


def test_a_delegate_reply_for_someone_not_on_the_list_is_refused(catalogue, tmp_path):
    event_id = planning.create_event(
        catalogue,
        planning.EventInput(
            kind="seminar", title="Autre", start="2027-06-10T09:00", end="2027-06-10T17:00"
        ),
    ).created_id("event")
    with catalogue.session() as session:
        session.get(Event, event_id).uid = UID

    report = import_replies(catalogue, [_copy(tmp_path, "outlook-reply-delegate-accepted.eml")])

    assert report.ignored == 1
    assert "bruno@example.org" in report.outcomes[0].message
    assert planning.get_event(catalogue, event_id).participants == ()


def test_the_next_request_shows_the_delegation_and_is_not_sent_to_the_delegator(
    catalogue, seminar, tmp_path
):
    from visitplanner.services.invitations import compose as invitations
    from visitplanner.settings import Settings

    event_id, _people = seminar
    import_replies(catalogue, [_copy(tmp_path, "outlook-reply-delegated.eml")])
    settings = Settings(organiser_name="Anaïs Benhamou", organiser_email="anais@example.org")

    calendar, messages = invitations.compose(catalogue, event_id, settings, kind="update")

    text = calendar.decode().replace("\r\n ", "")
    assert 'PARTSTAT=DELEGATED;RSVP=FALSE;DELEGATED-TO="mailto:claire.petit@example.org"' in text
    assert 'DELEGATED-FROM="mailto:bruno@example.org"' in text
    assert sorted(m.recipient for m in messages) == [
        "alice@example.org",
        "claire.petit@example.org",
    ]


def test_delegation_and_order_on_postgresql(postgres_url, tmp_path):
    """The same rules on PostgreSQL, where the event row is locked while its list changes."""
    from visitplanner.store.database import open_catalogue

    catalogue = open_catalogue(postgres_url)
    try:
        event_id, people = build_seminar(catalogue)
        plist.set_participant(catalogue, event_id, people["bruno"], status="accepted")
        planning.update_event(catalogue, event_id, planning.EventPatch(capacity=1))
        files = [
            _copy(tmp_path, "outlook-reply-delegate-accepted.eml"),
            _copy(tmp_path, "outlook-reply-delegated.eml"),
            _copy(tmp_path, "thunderbird-reply-accepted-later.ics"),
            _copy(tmp_path, "thunderbird-reply-tentative-first.ics"),
        ]
        report = import_replies(catalogue, files)
        state = _status(catalogue, event_id)
        assert state["bruno@example.org"] == ("delegated", "speaker", None)
        assert state["claire.petit@example.org"] == ("accepted", "speaker", None)
        assert state["alice@example.org"] == ("waitlisted", "participant", 1)
        assert (report.applied, report.ignored) == (3, 1)  # the earlier tentative changes nothing
    finally:
        catalogue.close()
