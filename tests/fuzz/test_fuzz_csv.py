"""Mutated CSV tables of people: imported whole, or refused with a sentence and nothing written."""

from __future__ import annotations

from fuzzing import assert_lists_still_in_shape, budget, dump, lists, mutated, outcome
from hypothesis import given
from hypothesis import strategies as st

from visitplanner.domain.errors import UserError
from visitplanner.exchange.csvio import guess_mapping, read_table
from visitplanner.services.directory import imports
from visitplanner.services.events import planning


def read(path):
    table = read_table(path)
    return table, guess_mapping(table.headers)


def test_mutated_people_tables(demo_catalogue, csv_seeds, tmp_path):
    @budget()
    @given(data=mutated(csv_seeds), to_event=st.booleans(), dry_run=st.booleans())
    def run(data, to_event, dry_run):
        path = tmp_path / "people.csv"
        path.write_bytes(data)
        read_result = outcome("CSV read", lambda: read(path))
        if isinstance(read_result, UserError):
            return
        table, mapping = read_result
        catalogue = demo_catalogue()
        event = planning.list_events(catalogue)[0].id if to_event else None
        before, shape = dump(catalogue), lists(catalogue)
        preview = outcome(
            "CSV preview",
            lambda: imports.preview_people(catalogue, table, mapping, event_ref=event),
        )
        assert dump(catalogue) == before  # a preview writes nothing
        result = outcome(
            "CSV import",
            lambda: imports.import_people(
                catalogue, table, mapping, event_ref=event, dry_run=dry_run
            ),
        )
        if isinstance(result, UserError) or dry_run:
            assert dump(catalogue) == before
        assert_lists_still_in_shape(shape, catalogue)
        if isinstance(preview, UserError):
            # What the preview refuses for the whole file, the import refuses too.
            assert isinstance(result, UserError)
        elif not preview.errors and not isinstance(result, UserError):
            assert (result.created, result.updated) == (preview.created, preview.updated)

    run()
