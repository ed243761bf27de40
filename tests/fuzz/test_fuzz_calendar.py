"""Mutated calendar files and replies (.ics, .eml): no traceback, and a refusal writes nothing."""

from __future__ import annotations

from fuzzing import assert_lists_still_in_shape, budget, dump, lists, mutated, outcome
from hypothesis import given

from visitplanner.domain.errors import UserError
from visitplanner.exchange.calendar_import import read_calendar
from visitplanner.exchange.ical_read import read_replies
from visitplanner.services.calendars.importing import import_calendar, preview_calendar
from visitplanner.services.invitations import replies


def test_mutated_messages_are_read_or_refused(imip_seeds):
    """The readers alone: a list of replies or events, or a UserError with a sentence."""
    seeds = list(imip_seeds.values())

    @budget()
    @given(data=mutated(seeds))
    def run(data):
        outcome("replies read", lambda: read_replies(data, "reply.eml"))
        outcome("calendar read", lambda: read_calendar(data, "calendar.ics"))

    run()


def test_mutated_replies_change_only_what_they_answer(replies_catalogue, imip_seeds, tmp_path):
    replies_only = [d for n, d in imip_seeds.items() if "reply" in n or "counter" in n]

    @budget()
    @given(data=mutated(replies_only))
    def run(data):
        catalogue = replies_catalogue()
        path = tmp_path / "reply.eml"
        path.write_bytes(data)
        before, shape = dump(catalogue), lists(catalogue)
        report = replies.import_replies(catalogue, [path])
        assert_lists_still_in_shape(shape, catalogue)
        assert all(o.message.strip() for o in report.outcomes)
        if not any(o.applied for o in report.outcomes):
            assert dump(catalogue) == before

    run()


def test_mutated_calendars_import_whole_or_not_at_all(demo_catalogue, calendar_seeds, tmp_path):
    @budget()
    @given(data=mutated(calendar_seeds))
    def run(data):
        catalogue = demo_catalogue()
        path = tmp_path / "calendar.ics"
        path.write_bytes(data)
        before = dump(catalogue)
        preview = outcome("calendar preview", lambda: preview_calendar(catalogue, path))
        assert dump(catalogue) == before
        result = outcome("calendar import", lambda: import_calendar(catalogue, path))
        if isinstance(result, UserError):
            assert dump(catalogue) == before
            assert isinstance(preview, UserError)  # the preview said so first
        else:
            assert not isinstance(preview, UserError)
            assert (result.created, result.updated) == (preview.created, preview.updated)

    run()
