"""No silent overwrite: a save naming an old version is refused with the other save's values.

On SQLite and on PostgreSQL; the last test has two real processes save the same person
at the same moment: exactly one wins, the other is told, never both silently.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from visitplanner.domain.errors import EditConflict
from visitplanner.services.directory import records as cat
from visitplanner.services.events import planning
from visitplanner.store.database import open_catalogue


def new_person(catalogue, family_name="Dupont", **values):
    data = cat.PersonInput(family_name=family_name, **values)
    return cat.create_person(catalogue, data).created_id("person")


def edit(view, **changes):
    """The form's input: what the form loaded, a few fields changed, its version named."""
    data = cat.person_input(view)
    return dataclasses.replace(data, expected_version=view.version, **changes)


@pytest.fixture
def marie(db):
    """A second coordinator on the same catalogue, saving under her own name."""
    other = open_catalogue(db)
    other.actor.coordinator = "Marie Curie"
    yield other
    other.close()


def test_a_new_record_is_at_version_one_and_each_save_bumps_it(catalogue):
    pid = new_person(catalogue, notes="a")
    loaded = cat.get_person(catalogue, pid)
    assert loaded.version == 1
    cat.update_person(catalogue, pid, edit(loaded, notes="b"))
    assert cat.get_person(catalogue, pid).version == 2


def test_a_stale_save_is_refused_with_their_values_and_who_saved(catalogue, marie):
    pid = new_person(catalogue, notes="first")
    mine = cat.get_person(catalogue, pid)
    cat.update_person(marie, pid, edit(cat.get_person(marie, pid), notes="Marie's"))

    with pytest.raises(EditConflict) as refused:
        cat.update_person(catalogue, pid, edit(mine, notes="mine"))

    conflict = refused.value
    assert conflict.kind == "person" and conflict.record_id == pid
    assert conflict.theirs.notes == "Marie's"
    assert conflict.version == 2
    assert conflict.saved_by == "Marie Curie"
    assert conflict.saved_at is not None
    assert "Marie Curie" in str(conflict)
    assert cat.get_person(catalogue, pid).notes == "Marie's"  # nothing written


def test_saving_mine_over_theirs_names_their_version(catalogue, marie):
    pid = new_person(catalogue, notes="first")
    mine = cat.get_person(catalogue, pid)
    cat.update_person(marie, pid, edit(cat.get_person(marie, pid), notes="Marie's"))
    with pytest.raises(EditConflict) as refused:
        cat.update_person(catalogue, pid, edit(mine, notes="mine"))

    data = dataclasses.replace(edit(mine, notes="mine"), expected_version=refused.value.version)
    cat.update_person(catalogue, pid, data)
    assert cat.get_person(catalogue, pid).notes == "mine"


def test_no_expected_version_is_last_write_wins(catalogue, marie):
    pid = new_person(catalogue, notes="first")
    mine = cat.get_person(catalogue, pid)
    cat.update_person(marie, pid, edit(cat.get_person(marie, pid), notes="Marie's"))
    cat.update_person(catalogue, pid, cat.person_input(mine))  # the command line's way
    assert cat.get_person(catalogue, pid).notes == "first"


def test_hosts_and_dynamics_refuse_a_stale_save(catalogue, marie):
    hid = cat.create_host(catalogue, cat.HostInput(name="Ferme")).created_id("host")
    did = cat.create_dynamic(catalogue, cat.DynamicInput(name="Réemploi")).created_id("dynamic")
    host, dynamic = cat.get_host(catalogue, hid), cat.get_dynamic(catalogue, did)
    cat.update_host(marie, hid, dataclasses.replace(cat.host_input(host), city="Lyon"))
    cat.update_dynamic(marie, did, dataclasses.replace(cat.dynamic_input(dynamic), tags=["bois"]))

    with pytest.raises(EditConflict) as host_refused:
        cat.update_host(
            catalogue,
            hid,
            dataclasses.replace(cat.host_input(host), city="Nantes", expected_version=1),
        )
    assert host_refused.value.theirs.city == "Lyon"
    with pytest.raises(EditConflict) as dynamic_refused:
        cat.update_dynamic(
            catalogue,
            did,
            dataclasses.replace(cat.dynamic_input(dynamic), region="Bretagne", expected_version=1),
        )
    # A change of tags alone (another table) is a new version too.
    assert dynamic_refused.value.theirs.tags == ("bois",)
    assert cat.get_host(catalogue, hid).city == "Lyon"
    assert cat.get_dynamic(catalogue, did).region is None


def test_an_event_form_saved_over_a_newer_event_is_refused(catalogue, marie):
    data = planning.EventInput(
        kind="visit", title="Fromagerie", start="2027-07-01T09:00", end="2027-07-01T17:00"
    )
    eid = planning.create_event(catalogue, data).created_id("event")
    mine = planning.get_event(catalogue, eid)
    theirs = dataclasses.replace(
        planning.event_input(planning.get_event(marie, eid)), title="Fromagerie du Vercors"
    )
    planning.save_event(marie, eid, theirs)

    stale = dataclasses.replace(
        planning.event_input(mine), capacity=12, expected_version=mine.event.version
    )
    with pytest.raises(EditConflict) as refused:
        planning.save_event(catalogue, eid, stale)
    assert refused.value.theirs.event.title == "Fromagerie du Vercors"
    assert planning.get_event(catalogue, eid).event.capacity is None


WORKER = textwrap.dedent(
    """
    import dataclasses, sys, time
    from pathlib import Path
    from visitplanner.domain.errors import EditConflict
    from visitplanner.services.directory import records as cat
    from visitplanner.store.database import open_catalogue

    db, pid, go, token = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
    catalogue = open_catalogue(db)
    view = cat.get_person(catalogue, pid)
    data = dataclasses.replace(
        cat.person_input(view), notes=token, expected_version=view.version
    )
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.001)
    try:
        cat.update_person(catalogue, pid, data)
        print("saved", flush=True)
    except EditConflict as conflict:
        print("conflict", conflict.theirs.notes, flush=True)
    catalogue.close()
    """
)


def test_two_processes_saving_the_same_person_at_once_one_wins(catalogue, db, tmp_path: Path):
    for trial in range(3):
        pid = new_person(catalogue, f"Essai{trial}", notes="start")
        go = tmp_path / f"go{trial}"
        workers = [
            subprocess.Popen(
                [sys.executable, "-c", WORKER, db, str(pid), str(go), token],
                stdout=subprocess.PIPE,
                text=True,
            )
            for token in ("A", "B")
        ]
        for worker in workers:
            assert worker.stdout.readline().strip() == "ready"
        go.touch()
        answers = [worker.communicate(timeout=60)[0].split() for worker in workers]
        assert all(worker.returncode == 0 for worker in workers)
        outcomes = sorted(a[0] for a in answers)
        assert outcomes == ["conflict", "saved"], answers
        winner = next(t for t, a in zip("AB", answers, strict=True) if a[0] == "saved")
        loser = next(a for a in answers if a[0] == "conflict")
        assert loser[1] == winner  # the refused one is shown the winner's values
        assert cat.get_person(catalogue, pid).notes == winner


@pytest.mark.postgresql_only(reason="SQLite lets one writer in at a time: the write waits")
def test_a_write_racing_a_save_is_refused_in_words_not_lost(catalogue, backend, marie):
    """A write without a version (here the trash) whose row changed after it read it."""
    from visitplanner.domain.errors import ConcurrentSaveError
    from visitplanner.store.models import Person

    pid = new_person(catalogue, notes="first")
    with pytest.raises(ConcurrentSaveError), catalogue.session() as session:
        person = session.get(Person, pid)  # read at version 1
        cat.update_person(marie, pid, edit(cat.get_person(marie, pid), notes="Marie's"))
        person.notes = "overwritten"
    assert cat.get_person(catalogue, pid).notes == "Marie's"
