"""Random sequences of catalogue edits, undo, redo, trash and restore lose nothing.

A hypothesis state machine drives the real services on a real SQLite catalogue:
create, edit and delete dynamics, hosts and people through the undo history, undo and
redo, and restore from the trash. After every step:

- every record ever created is either live or in the trash (nothing lost);
- undo brings back exactly what the lists showed before the step; redo after undo
  brings back exactly what they showed before the undo;
- restoring from the trash gives back the record exactly as it was deleted;
- a refused operation (duplicate e-mail, undo of something changed since) changes
  nothing.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from visitplanner.domain.enums import ActorType, DynamicKind, Service
from visitplanner.domain.errors import UserError
from visitplanner.services.directory import records as cat
from visitplanner.services.recovery import trash
from visitplanner.services.recovery.history import History, HistoryError

GET = {"dynamic": cat.get_dynamic, "host": cat.get_host, "person": cat.get_person}

# Short texts with the characters people type: accents, apostrophes, spaces to trim.
words = st.text(alphabet="abcdéèçÉœ'’- AZ", min_size=1, max_size=12).filter(lambda s: s.strip())
optional = st.none() | words
emails = st.none() | st.sampled_from(
    ["anne@example.org", "ANNE@example.org", "léa@exemple.fr", "bob@example.org"]
)


def snapshot(catalogue) -> tuple[Any, ...]:
    """What the user sees in the three lists.

    The trash is left out: undoing a creation puts the record there on purpose (so that
    redo gives back the same id); ``nothing_is_lost`` checks the trash on every step.
    """
    return (cat.list_dynamics(catalogue), cat.list_hosts(catalogue), cat.list_people(catalogue))


def trashed(catalogue) -> list[tuple[str, int, str]]:
    return sorted((i.kind, i.id, i.title) for i in trash.list_trash(catalogue))


LINKS = ("dynamic_ids", "dynamic_names", "contact_person_id", "contact_person_name")


def own_fields(view: Any) -> Any:
    """A record's view without what it shows of other records (which may change meanwhile)."""
    names = {f.name for f in dataclasses.fields(view)}
    return dataclasses.replace(view, **{n: None for n in LINKS if n in names})


class HistoryMachine(RuleBasedStateMachine):
    dynamics = Bundle("dynamics")
    people = Bundle("people")
    hosts = Bundle("hosts")

    def __init__(self, make_catalogue) -> None:
        super().__init__()
        self.catalogue = make_catalogue()
        self.history = History(self.catalogue)
        self.created: set[tuple[str, int]] = set()
        # The lists before each step on the undo stack and before each undo on the redo
        # stack; None once something outside the history changed the catalogue since.
        self.before_steps: list[Any] = []
        self.before_undos: list[Any] = []
        # Records as they were when deleted outside the history: restore must give them back.
        self.deleted: dict[tuple[str, int], Any] = {}

    # --- helpers -----------------------------------------------------------------------

    def live(self, kind: str) -> set[int]:
        lister = {"dynamic": cat.list_dynamics, "host": cat.list_hosts, "person": cat.list_people}
        return {r.id for r in lister[kind](self.catalogue)}

    def recorded(self, action) -> Any:
        """Runs a history operation; checks a refusal changed nothing; tracks the stacks."""
        before = snapshot(self.catalogue)
        steps = self.history.undo_steps
        try:
            result = action()
        except UserError:
            assert snapshot(self.catalogue) == before
            assert self.history.undo_steps == steps
            return None
        if self.history.undo_steps != steps:  # a step was recorded; redo is gone
            self.before_steps.append(before)
            del self.before_steps[: -self.history.limit]
            self.before_undos.clear()
        return result

    def outside_history(self) -> None:
        """The catalogue changed without the history: earlier snapshots no longer apply."""
        self.before_steps = [None] * len(self.before_steps)
        self.before_undos = [None] * len(self.before_undos)

    # --- creating ------------------------------------------------------------------------

    @rule(
        target=dynamics,
        name=words,
        kind=st.sampled_from(list(DynamicKind)),
        region=optional,
        tags=st.lists(words, max_size=3),
        services=st.lists(st.sampled_from(list(Service)), max_size=3, unique=True),
    )
    def create_dynamic(self, name, kind, region, tags, services):
        data = cat.DynamicInput(
            name=name,
            kind=kind.value,
            region=region,
            tags=tags,
            services=[s.value for s in services],
        )
        changes = self.recorded(lambda: self.history.create("dynamic", data))
        if changes is None:
            return None
        record_id = changes.created_id("dynamic")
        self.created.add(("dynamic", record_id))
        return record_id

    @rule(
        target=people,
        family=words,
        given=optional,
        email=emails,
        links=st.lists(dynamics, max_size=2, unique=True),
        actor=st.none() | st.sampled_from(list(ActorType)),
        consent=st.booleans(),
    )
    def create_person(self, family, given, email, links, actor, consent):
        data = cat.PersonInput(
            family_name=family,
            given_name=given,
            email=email,
            actor_type=actor.value if actor else None,
            consent_photos=consent,
            dynamic_ids=[d for d in links if d in self.live("dynamic")],
        )
        changes = self.recorded(lambda: self.history.create("person", data))
        if changes is None:
            return None
        record_id = changes.created_id("person")
        self.created.add(("person", record_id))
        return record_id

    @rule(
        target=hosts,
        name=words,
        country=st.sampled_from(["FR", "be", "DE"]),
        capacity=st.none() | st.integers(0, 200),
        contact=st.none() | people,
        links=st.lists(dynamics, max_size=2, unique=True),
    )
    def create_host(self, name, country, capacity, contact, links):
        data = cat.HostInput(
            name=name,
            country=country,
            capacity=capacity,
            contact_person_id=contact if contact in self.live("person") else None,
            dynamic_ids=[d for d in links if d in self.live("dynamic")],
        )
        changes = self.recorded(lambda: self.history.create("host", data))
        if changes is None:
            return None
        record_id = changes.created_id("host")
        self.created.add(("host", record_id))
        return record_id

    # --- editing and deleting ----------------------------------------------------------

    @rule(person=people, family=words, email=emails, notes=optional)
    def edit_person(self, person, family, email, notes):
        if person is None or person not in self.live("person"):
            return
        current = cat.person_input(cat.get_person(self.catalogue, person))
        data = cat.PersonInput(
            **{**current.__dict__, "family_name": family, "email": email, "notes": notes}
        )
        self.recorded(lambda: self.history.update("person", person, data))

    @rule(dynamic=dynamics, name=words, tags=st.lists(words, max_size=3))
    def edit_dynamic(self, dynamic, name, tags):
        if dynamic is None or dynamic not in self.live("dynamic"):
            return
        current = cat.dynamic_input(cat.get_dynamic(self.catalogue, dynamic))
        data = cat.DynamicInput(**{**current.__dict__, "name": name, "tags": tags})
        self.recorded(lambda: self.history.update("dynamic", dynamic, data))

    @rule(host=hosts, capacity=st.none() | st.integers(0, 200), contact=st.none() | people)
    def edit_host(self, host, capacity, contact):
        if host is None or host not in self.live("host"):
            return
        current = cat.host_input(cat.get_host(self.catalogue, host))
        contact = contact if contact in self.live("person") else None
        data = cat.HostInput(
            **{**current.__dict__, "capacity": capacity, "contact_person_id": contact}
        )
        self.recorded(lambda: self.history.update("host", host, data))

    @rule(
        kind_and_id=st.one_of(
            st.tuples(st.just("dynamic"), dynamics),
            st.tuples(st.just("host"), hosts),
            st.tuples(st.just("person"), people),
        )
    )
    def delete(self, kind_and_id):
        kind, record_id = kind_and_id
        if record_id is None or record_id not in self.live(kind):
            return
        view = GET[kind](self.catalogue, record_id)
        if self.recorded(lambda: self.history.trash(kind, record_id)) is not None:
            self.deleted[(kind, record_id)] = view
        assert record_id not in self.live(kind)

    @rule(
        kind_and_id=st.one_of(
            st.tuples(st.just("dynamic"), dynamics),
            st.tuples(st.just("host"), hosts),
            st.tuples(st.just("person"), people),
        )
    )
    def delete_outside_history_and_restore(self, kind_and_id):
        """The trash's own Restore (not Undo) gives back the record exactly."""
        kind, record_id = kind_and_id
        if record_id is None or record_id not in self.live(kind):
            return
        view = GET[kind](self.catalogue, record_id)
        lists = snapshot(self.catalogue)
        cat.move_to_trash(self.catalogue, kind, record_id)
        in_trash = trashed(self.catalogue)
        assert (kind, record_id, view.name) in in_trash
        trash.restore(self.catalogue, kind, record_id)
        assert GET[kind](self.catalogue, record_id) == view
        assert snapshot(self.catalogue) == lists
        assert (kind, record_id, view.name) not in trashed(self.catalogue)

    @precondition(lambda self: any(i.kind != "event" for i in trash.list_trash(self.catalogue)))
    @rule(data=st.data())
    def restore_from_trash(self, data):
        items = [i for i in trash.list_trash(self.catalogue) if i.kind != "event"]
        item = data.draw(st.sampled_from(items))
        trash.restore(self.catalogue, item.kind, item.id)
        assert item.id in self.live(item.kind)
        was = self.deleted.pop((item.kind, item.id), None)
        if was is not None:  # deleted by the user, not a creation undone: given back as it was
            now = GET[item.kind](self.catalogue, item.id)
            assert own_fields(now) == own_fields(was)
            live_dynamics = self.live("dynamic")
            links = set(getattr(was, "dynamic_ids", ()))  # dynamics link to nothing
            assert links & live_dynamics <= set(getattr(now, "dynamic_ids", ()))
        self.outside_history()

    # --- undo and redo -------------------------------------------------------------------

    @precondition(lambda self: self.history.can_undo)
    @rule()
    def undo(self):
        before = snapshot(self.catalogue)
        stacks = (self.history.undo_steps, self.history.redo_steps)
        try:
            self.history.undo()
        except HistoryError:
            # Something changed since (a restore outside the history): nothing moves.
            assert snapshot(self.catalogue) == before
            assert (self.history.undo_steps, self.history.redo_steps) == stacks
            return
        expected = self.before_steps.pop() if self.before_steps else None
        if expected is not None:
            assert snapshot(self.catalogue) == expected
        self.before_undos.append(before)

    @precondition(lambda self: self.history.can_redo)
    @rule()
    def redo(self):
        before = snapshot(self.catalogue)
        stacks = (self.history.undo_steps, self.history.redo_steps)
        try:
            self.history.redo()
        except HistoryError:
            assert snapshot(self.catalogue) == before
            assert (self.history.undo_steps, self.history.redo_steps) == stacks
            return
        expected = self.before_undos.pop() if self.before_undos else None
        if expected is not None:
            assert snapshot(self.catalogue) == expected
        self.before_steps.append(before)

    @precondition(lambda self: self.history.can_undo)
    @rule()
    def undo_then_redo_changes_nothing(self):
        before = snapshot(self.catalogue)
        try:
            self.history.undo()
        except HistoryError:
            return
        self.history.redo()
        assert snapshot(self.catalogue) == before

    # --- invariants ----------------------------------------------------------------------

    @invariant()
    def nothing_is_lost(self):
        """Every record is live or in the trash; views link only to live records."""
        if not hasattr(self, "history"):
            return
        dynamics, hosts, people = snapshot(self.catalogue)
        live = (
            {("dynamic", d.id) for d in dynamics}
            | {("host", h.id) for h in hosts}
            | {("person", p.id) for p in people}
        )
        in_trash = {(kind, record_id) for kind, record_id, _ in trashed(self.catalogue)}
        assert not live & in_trash
        assert live | in_trash == self.created
        # Only records still in the trash wait to be restored as they were deleted.
        self.deleted = {key: view for key, view in self.deleted.items() if key in in_trash}
        live_dynamics = {d.id for d in dynamics}
        for person in people:
            assert set(person.dynamic_ids) <= live_dynamics
        assert len(self.before_steps) == len(self.history.undo_steps)
        assert len(self.before_undos) == len(self.history.redo_steps)


def test_random_catalogue_edits_with_undo_redo_and_trash(fresh_catalogue):
    run_state_machine_as_test(lambda: HistoryMachine(fresh_catalogue))
