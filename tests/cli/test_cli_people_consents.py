"""``visitplanner people consent``: list, give and withdraw consents from the command line."""

from __future__ import annotations

import json
from datetime import date

import pytest
from tests.cli.conftest import _refused
from tests.privacy.conftest import EMAIL, fill

from visitplanner.services.privacy import consents
from visitplanner.services.story.entries import get_entry


@pytest.fixture
def ids(catalogue):
    return fill(catalogue)


def test_list_shows_the_records_with_dates_and_scope(vpdb, ids):
    result = vpdb("--lang", "en", "people", "consent", EMAIL)
    assert result.code == 0, result
    assert "Appearing in photos" in result.out and "Being quoted" in result.out
    assert "Documents for funders and partners" in result.out and "2026-03-02" in result.out
    listed = json.loads(vpdb("people", "consent", EMAIL, "--json").out)
    assert [(c["purpose"], c["scope"], c["given_on"], c["withdrawn_on"]) for c in listed] == [
        ("photos", "partners", "2026-03-02", None),
        ("quotes", "partners", "2026-03-02", None),
    ]


def test_give_then_withdraw(vpdb, catalogue, ids):
    result = vpdb(
        "--lang", "en", "people", "consent", "Bob Martin", "give", "quotes",
        "--scope", "public", "--event", ids.event, "--date", "2026-03-10",
        "--by", "Ana Ruiz", "--note", "Formulaire signé",
    )  # fmt: skip
    assert result.code == 0, result
    assert "Consent recorded: Being quoted, Public (web site, press)." in result.out
    [record] = consents.list_consents(catalogue, ids.other)
    assert (record.scope, record.event_id, record.given_on) == (
        "public",
        ids.event,
        date(2026, 3, 10),
    )
    assert (record.recorded_by, record.note) == ("Ana Ruiz", "Formulaire signé")

    result = vpdb("--lang", "en", "people", "consent", "Bob Martin", "withdraw", "quotes")
    assert result.code == 0, result
    assert "1 consent withdrawn." in result.out
    [record] = consents.list_consents(catalogue, ids.other)
    assert record.withdrawn_on == date.today()


def test_withdrawing_story_naming_redacts_the_story(vpdb, catalogue, ids):
    assert vpdb("people", "consent", EMAIL, "give", "story_naming").code == 0
    result = vpdb("--lang", "en", "people", "consent", EMAIL, "withdraw", "story_naming")
    assert result.code == 0, result
    assert "1 story entry naming them was redacted." in result.out
    text = get_entry(catalogue, "11111111-1111-4111-8111-111111111111").text
    assert "nguy" not in text.casefold()


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("give", "selfies"), ("purpose", "selfies")),
        (("give", "photos", "--scope", "moon"), ("scope", "moon")),
        (("give", "photos", "--date", "2026-13-45"), ("2026-13-45", "YYYY-MM-DD")),
        (("give", "photos", "--date", "2999-01-01"), ("date", "2999-01-01")),
        (("give", "photos", "--event", "no such event"), ("no such event",)),
        (("withdraw", "story_naming"), ("Bob Martin",)),
        (("withdraw", "photos", "--event", "1"), ("--event",)),
        (("give",), ("give", "photos")),
    ],
)
def test_bad_input_is_refused_in_one_sentence_and_nothing_changes(
    vpdb, catalogue, ids, args, fragments
):
    _refused(vpdb("--lang", "en", "people", "consent", "Bob Martin", *args), *fragments)
    assert consents.list_consents(catalogue, ids.other) == []


def test_an_unknown_action_is_a_usage_error(vpdb, ids):
    assert vpdb("people", "consent", EMAIL, "revoke", "photos").code == 2
