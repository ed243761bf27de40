"""Mutated revision files in the shared story folder: read, or set aside with a reason.

A bad file never stops a synchronisation and never changes the local story; a file
that is read gives an entry every view can show.
"""

from __future__ import annotations

import json

from fuzzing import TALLY, budget, dump, mutated, outcome
from hypothesis import given
from hypothesis import strategies as st

from visitplanner.domain.errors import UserError
from visitplanner.exchange import story_folder
from visitplanner.services.story import entries as story_entries
from visitplanner.services.story import folder_sync
from visitplanner.services.story.folder_sync import REJECTED_KEY

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True)
    | st.text(max_size=30)
    | st.sampled_from(["2026-02-30", "9999-12-31T23:59:59Z", "0000-01-01", "note", "visit"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)


# Values of the right type that a person or another version could have written.
plausible = {
    "title": st.text(min_size=1, max_size=320),
    "text": st.none() | st.text(max_size=200),
    "author": st.none() | st.text(max_size=50),
    "date": st.dates().map(lambda d: d.isoformat()),
    "saved_at": st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
    "kind": st.sampled_from(story_folder.KINDS),
    "deleted": st.booleans(),
    "dynamics": st.lists(st.text(max_size=40), max_size=4),
    "challenges": st.lists(st.text(max_size=40), max_size=3),
    "event": st.none() | st.fixed_dictionaries({"uid": st.text(max_size=60)}),
    "photo": st.none(),
}


@st.composite
def edited_json(draw, seed: bytes) -> bytes:
    """A revision file whose fields were changed by hand, or by another program."""
    record = json.loads(seed)
    for _ in range(draw(st.integers(1, 3))):
        key = draw(st.sampled_from(sorted(record)))
        choice = draw(st.integers(0, 5))
        if choice == 0:
            del record[key]
        elif choice == 1 or key not in plausible:
            record[key] = draw(json_values)
        else:
            record[key] = draw(plausible[key])
    return json.dumps(record, ensure_ascii=draw(st.booleans())).encode()


def without_bookkeeping(content):
    """The catalogue minus the list of files set aside (that list is meant to change)."""
    return {
        table: [row for row in rows if not (table == "catalogue_info" and row[0] == REJECTED_KEY)]
        for table, rows in content.items()
    }


def test_mutated_revision_files(fresh_catalogue, story_seeds, tmp_path, monkeypatch):
    monkeypatch.setenv("VISITPLANNER_DATA", str(tmp_path / "data"))
    names = sorted(story_seeds)
    count = iter(range(10**9))

    @budget()
    @given(st.data())
    def run(draw):
        name = draw.draw(st.sampled_from(names), label="file")
        seed = story_seeds[name]
        data = draw.draw(mutated([seed]) | edited_json(seed), label="content")
        folder = tmp_path / f"story-{next(count)}"
        (folder / story_folder.ENTRIES).mkdir(parents=True)
        (folder / story_folder.ENTRIES / name).write_bytes(data)
        catalogue = fresh_catalogue()
        before = dump(catalogue)
        report = outcome("story sync", lambda: folder_sync.sync_folder(catalogue, folder))
        assert not isinstance(report, UserError), report
        TALLY["story file: read" if report.read else "story file: set aside"] += 1
        if report.read == 0:
            assert [p.file for p in report.problems] in ([name], [])
            assert all(p.reason.strip() for p in report.problems)
            assert without_bookkeeping(dump(catalogue)) == without_bookkeeping(before)
        else:
            # What was read shows everywhere without a fault.
            for entry in story_entries.list_story(catalogue):
                story_entries.get_entry(catalogue, entry.uuid)
                story_entries.entry_history(catalogue, entry.uuid)
        again = folder_sync.sync_folder(catalogue, folder)
        assert again.problems == []  # reported once, not at every synchronisation

    run()
