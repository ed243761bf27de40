"""Mutated redaction files in the shared story folder: applied whole, or set aside with a reason.

A redaction deletes revisions, so a damaged or forged one must never purge anything: it
is either a valid redaction (every view still shows every entry) or it changes nothing
but the list of files set aside, and is reported once.
"""

from __future__ import annotations

import json

from fuzzing import TALLY, budget, dump, mutated, outcome
from hypothesis import given
from hypothesis import strategies as st

from visitplanner.domain.errors import UserError
from visitplanner.exchange import story_redactions
from visitplanner.services.story import entries as story_entries
from visitplanner.services.story import folder_sync
from visitplanner.services.story.folder_sync import REJECTED_KEY
from visitplanner.services.story.redaction import REDACTIONS_KEY, redact_mentions

BOOKKEEPING = (REJECTED_KEY, REDACTIONS_KEY)


def without_bookkeeping(content):
    return {
        table: [r for r in rows if not (table == "catalogue_info" and r[0] in BOOKKEEPING)]
        for table, rows in content.items()
    }


@st.composite
def edited_redaction(draw, seed: bytes) -> bytes:
    """The redaction with numbers, ids or revisions changed by hand or by another program."""
    data = json.loads(seed)
    entry = draw(st.sampled_from(data["entries"]))
    choice = draw(st.integers(0, 5))
    if choice == 0:
        entry["through"] = draw(st.integers(-2, 12) | st.text(max_size=3) | st.none())
    elif choice == 1:
        entry["replacement"]["revision"] = draw(st.integers(-1, 12))
    elif choice == 2:
        entry["replacement"]["entry"] = draw(st.uuids().map(str))
    elif choice == 3:
        entry["purge"] = draw(st.lists(st.integers(0, 20) | st.text(max_size=5), max_size=3))
    elif choice == 4:
        data[draw(st.sampled_from(sorted(data)))] = draw(st.none() | st.integers() | st.text())
    else:
        data["origin"] = draw(st.uuids().map(str))
    return json.dumps(data, ensure_ascii=draw(st.booleans())).encode()


def test_mutated_redaction_files(demo_catalogue, tmp_path, monkeypatch):
    monkeypatch.setenv("VISITPLANNER_DATA", str(tmp_path / "data"))
    source = demo_catalogue()
    author = next(e.author for e in story_entries.list_story(source) if e.author)
    origin_folder = tmp_path / "origin"
    origin_folder.mkdir()
    assert redact_mentions(source, [author], "erasure")
    folder_sync.sync_folder(source, origin_folder)
    (name,) = story_redactions.list_redaction_names(origin_folder)
    seed = (origin_folder / story_redactions.REDACTIONS / name).read_bytes()
    count = iter(range(10**9))

    @budget()
    @given(st.data())
    def run(draw):
        data = draw.draw(mutated([seed]) | edited_redaction(seed), label="content")
        folder = tmp_path / f"story-{next(count)}"
        folder.mkdir()
        catalogue = demo_catalogue()
        folder_sync.sync_folder(catalogue, folder)  # its own revisions, written first
        before = dump(catalogue)
        (folder / story_redactions.REDACTIONS).mkdir()
        (folder / story_redactions.REDACTIONS / name).write_bytes(data)
        report = outcome("story redaction", lambda: folder_sync.sync_folder(catalogue, folder))
        assert not isinstance(report, UserError), report
        if report.redactions_applied:
            TALLY["redaction file: applied"] += 1
            for entry in story_entries.list_story(catalogue):
                story_entries.get_entry(catalogue, entry.uuid)
                assert story_entries.entry_history(catalogue, entry.uuid)
        else:
            TALLY["redaction file: set aside"] += 1
            assert [p.file for p in report.problems] in ([name], [])
            assert all(p.reason.strip() for p in report.problems)
            assert without_bookkeeping(dump(catalogue)) == without_bookkeeping(before)
        again = folder_sync.sync_folder(catalogue, folder)
        assert again.problems == [] and again.redactions_applied == 0
        catalogue.close()

    run()
