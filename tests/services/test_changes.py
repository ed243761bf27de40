"""What a write reports: typed kinds, the whole catalogue, kinds without named records."""

from __future__ import annotations

import pytest

from visitplanner.services.changes import ChangeKind, Changes


def test_kinds_are_typed_and_equal_to_the_names_used_elsewhere() -> None:
    changes = Changes.of(created=[("person", 3)], updated=[(ChangeKind.EVENT, 7)])
    assert changes.kinds == {ChangeKind.PERSON, ChangeKind.EVENT}
    assert all(isinstance(kind, ChangeKind) for kind in changes.kinds)
    assert changes == Changes.of(created=[(ChangeKind.PERSON, 3)], updated=[("event", 7)])
    assert hash(changes) == hash(Changes.of(created=[("person", 3)], updated=[("event", 7)]))


def test_a_kind_nobody_listens_to_is_refused() -> None:
    with pytest.raises(ValueError):
        Changes.of(created=[("catalogue", 0)])


def test_everything_touches_every_kind_and_record() -> None:
    everything = Changes.everything()
    assert everything
    assert everything.whole
    assert everything.kinds == frozenset(ChangeKind)
    assert all(everything.touches(kind) for kind in ChangeKind)
    assert everything.touches(ChangeKind.PERSON, 12)
    assert (Changes.of(updated=[("event", 1)]) | everything).whole


def test_touches_one_record() -> None:
    changes = Changes.of(updated=[("event", 1)], deleted=[("person", 2)])
    assert changes.touches(ChangeKind.EVENT, 1)
    assert not changes.touches(ChangeKind.EVENT, 2)
    assert changes.touches(ChangeKind.PERSON, 2)
    assert not changes.touches(ChangeKind.HOST)
    assert changes.updated_ids(ChangeKind.EVENT) == [1]


def test_kinds_without_named_records() -> None:
    synced = Changes.of_kinds(ChangeKind.STORY_ENTRY)
    assert synced
    assert not synced.whole
    assert synced.touches(ChangeKind.STORY_ENTRY)
    assert synced.touches(ChangeKind.STORY_ENTRY, 5)
    assert not synced.touches(ChangeKind.EVENT)
    assert synced.kinds == {ChangeKind.STORY_ENTRY}
    merged = synced | Changes.of(created=[("event", 4)])
    assert merged.kinds == {ChangeKind.STORY_ENTRY, ChangeKind.EVENT}
    assert merged.created_id(ChangeKind.EVENT) == 4


def test_nothing_changed_is_false() -> None:
    assert not Changes()
    assert not (Changes() | Changes.of())


def test_the_writes_that_returned_something_else_return_changes(catalogue) -> None:
    """A new story entry, the demo, an invitation marked as sent: each says what changed."""
    from visitplanner.services.demo import load_demo
    from visitplanner.services.events import planning
    from visitplanner.services.invitations.issuing import mark_issued

    assert load_demo(catalogue).changes == Changes.everything()

    data = planning.EventInput(
        kind="meeting", title="Point", start="2027-07-01T09:00", end="2027-07-01T10:00"
    )
    event_id = planning.create_event(catalogue, data).created_id(ChangeKind.EVENT)
    assert mark_issued(catalogue, event_id, 0) == Changes.of(updated=[("event", event_id)])
    assert mark_issued(catalogue, event_id, 0) == Changes()  # never lowered, nothing written
