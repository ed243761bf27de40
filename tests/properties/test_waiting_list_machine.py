"""Random sequences of list changes keep the capacity and the waiting list right.

A hypothesis state machine creates events, adds people in bulk and one at a time,
changes answers, removes people, raises and lowers capacities, edits and trashes
and restores events, through the real services on a real SQLite catalogue.
After every step, for every event:

- the waiting list holds positions 1..n with no gap, and only waiting people have one;
- accepted people never exceed the capacity, except after the capacity was lowered
  under them (then their number never grows while it stays over);
- people stay in line in the order they joined; places go to the front of the line;
- the people on the list are exactly those added and not removed (nothing lost);
- trashing and restoring an event, or saving its form unchanged, gives back the same.
"""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select

from visitplanner.domain.errors import UserError
from visitplanner.services.directory import records as cat
from visitplanner.services.events import participants as plist
from visitplanner.services.events import planning
from visitplanner.services.recovery import trash
from visitplanner.store.models import Participation

PEOPLE = 6
statuses = st.sampled_from(["invited", "accepted", "tentative", "declined", "waitlisted"])
capacities = st.none() | st.integers(0, 4)


def rows(catalogue, event_id: int) -> dict[int, tuple[str, int | None]]:
    """person id: (status, waiting position), read straight from the table."""
    with catalogue.session() as session:
        found = session.execute(
            select(
                Participation.person_id, Participation.status, Participation.waitlist_position
            ).where(Participation.event_id == event_id)
        ).all()
    return {person: (status, position) for person, status, position in found}


def line(state: dict[int, tuple[str, int | None]]) -> list[int]:
    return [
        p for p, _ in sorted(((p, pos) for p, (_, pos) in state.items() if pos), key=lambda x: x[1])
    ]


def accepted(state: dict[int, tuple[str, int | None]]) -> int:
    return sum(1 for status, _ in state.values() if status == "accepted")


class WaitingListMachine(RuleBasedStateMachine):
    events = Bundle("events")

    def __init__(self, make_catalogue) -> None:
        super().__init__()
        self.catalogue = make_catalogue()
        self.capacity: dict[int, int | None] = {}
        self.listed: dict[int, set[int]] = {}
        self.trashed: set[int] = set()
        self.people: list[int] = []

    @initialize()
    def some_people(self):
        for n in range(PEOPLE):
            data = cat.PersonInput(family_name=f"Personne {n}", email=f"p{n}@example.org")
            self.people.append(cat.create_person(self.catalogue, data).created_id("person"))

    # --- the step under test ---------------------------------------------------------------

    def step(
        self,
        event_id: int,
        action,
        acted: int | None = None,
        capacity_change=False,
        capacity: int | str | None = "unchanged",
    ):
        """Runs one list operation and checks the rules that link before and after."""
        before = rows(self.catalogue, event_id)
        try:
            outcome = action()
        except UserError:
            assert rows(self.catalogue, event_id) == before
            return None
        after = rows(self.catalogue, event_id)
        if capacity == "unchanged":
            capacity = self.capacity[event_id]
        # Over the capacity only if it was lowered under them, and then never growing.
        if capacity is not None and accepted(after) > capacity:
            assert accepted(after) <= accepted(before), (before, after, capacity)
        # In line in the order of joining; newcomers at the end.
        old_line, new_line = line(before), line(after)
        stayed = [p for p in old_line if p in new_line]
        assert new_line[: len(stayed)] == stayed, (old_line, new_line)
        # Places go to the front of the line (the person acted on aside).
        others = [p for p in old_line if p != acted and p in after]
        promoted = [p for p in others if after[p][0] == "accepted"]
        assert promoted == others[: len(promoted)], (old_line, after)
        if outcome is not None and hasattr(outcome, "promoted") and not capacity_change:
            assert set(outcome.promoted) == set(promoted)
        return outcome

    # --- rules -----------------------------------------------------------------------------

    @rule(target=events, capacity=capacities)
    def create_event(self, capacity):
        data = planning.EventInput(
            kind="visit",
            title="Visite",
            start="2027-06-10T09:30",
            end="2027-06-10T17:00",
            capacity=capacity,
        )
        event_id = planning.create_event(self.catalogue, data).created_id("event")
        self.capacity[event_id] = capacity
        self.listed[event_id] = set()
        return event_id

    @rule(event=events, who=st.lists(st.integers(0, PEOPLE - 1), max_size=4), status=statuses)
    def add_several(self, event, who, status):
        ids = [self.people[i] for i in who]
        outcome = self.step(
            event, lambda: plist.add_participants(self.catalogue, event, ids, status=status)
        )
        if outcome is not None:
            self.listed[event] |= set(ids)

    @rule(event=events, who=st.integers(0, PEOPLE - 1), status=statuses)
    def add_one(self, event, who, status):
        person = self.people[who]
        outcome = self.step(
            event,
            lambda: planning.add_participant(self.catalogue, event, person, status=status),
            acted=person,
        )
        if outcome is not None:
            self.listed[event].add(person)

    @rule(event=events, who=st.integers(0, PEOPLE - 1), status=statuses)
    def answer(self, event, who, status):
        person = self.people[who]
        self.step(
            event,
            lambda: plist.set_participant(self.catalogue, event, person, status=status),
            acted=person,
        )

    @rule(event=events, who=st.integers(0, PEOPLE - 1))
    def remove(self, event, who):
        person = self.people[who]
        outcome = self.step(
            event, lambda: plist.remove_participant(self.catalogue, event, person), acted=person
        )
        if outcome is not None:
            self.listed[event].discard(person)

    @rule(event=events, capacity=st.integers(0, 4))
    def patch_capacity(self, event, capacity):
        outcome = self.step(
            event,
            lambda: planning.update_event(
                self.catalogue, event, planning.EventPatch(capacity=capacity)
            ),
            capacity_change=True,
            capacity=capacity,
        )
        if outcome is not None:
            self.capacity[event] = capacity

    @rule(event=events, capacity=capacities)
    def form_capacity(self, event, capacity):
        """The event editor saves the whole form; no capacity at all is allowed there."""
        if event in self.trashed:
            return
        form = planning.event_input(planning.get_event(self.catalogue, event))
        form = planning.EventInput(**{**form.__dict__, "capacity": capacity})
        outcome = self.step(
            event,
            lambda: planning.save_event(self.catalogue, event, form),
            capacity_change=True,
            capacity=capacity,
        )
        if outcome is not None:
            self.capacity[event] = capacity

    @rule(event=events)
    def save_form_unchanged(self, event):
        if event in self.trashed:
            return
        detail = planning.get_event(self.catalogue, event)
        planning.save_event(self.catalogue, event, planning.event_input(detail))
        assert planning.get_event(self.catalogue, event) == detail

    @rule(event=events)
    def trash_and_restore(self, event):
        if event in self.trashed:
            return
        detail = planning.get_event(self.catalogue, event)
        planning.trash_event(self.catalogue, event)
        trash.restore(self.catalogue, "event", event)
        assert planning.get_event(self.catalogue, event) == detail

    @rule(event=events)
    def trash_event(self, event):
        if event in self.trashed:
            return
        planning.trash_event(self.catalogue, event)
        self.trashed.add(event)

    @precondition(lambda self: self.trashed)
    @rule(data=st.data())
    def restore_event(self, data):
        event = data.draw(st.sampled_from(sorted(self.trashed)))
        before = rows(self.catalogue, event)
        trash.restore(self.catalogue, "event", event)
        self.trashed.discard(event)
        assert rows(self.catalogue, event) == before

    # --- invariants ----------------------------------------------------------------------

    @invariant()
    def every_list_is_whole_and_in_shape(self):
        if not hasattr(self, "listed"):
            return
        for event, listed in self.listed.items():
            state = rows(self.catalogue, event)
            assert set(state) == listed
            positions = sorted(pos for status, pos in state.values() if status == "waitlisted")
            assert positions == list(range(1, len(positions) + 1))
            assert all(pos is None for status, pos in state.values() if status != "waitlisted")


def test_random_list_changes_keep_capacity_and_waiting_list(fresh_catalogue):
    run_state_machine_as_test(lambda: WaitingListMachine(fresh_catalogue))


def test_the_same_rules_hold_on_postgresql(fresh_postgres_catalogue):
    """One code path for both engines: a shorter run of the same machine on PostgreSQL."""
    budget = settings(max_examples=max(3, settings.default.max_examples // 3))
    run_state_machine_as_test(lambda: WaitingListMachine(fresh_postgres_catalogue), settings=budget)
