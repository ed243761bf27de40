"""Consent records: given and withdrawn with their dates and scope, the history kept."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta

import pytest
from tests.privacy.conftest import NAME

from visitplanner.domain.consent import ConsentPurpose, ConsentScope
from visitplanner.domain.errors import UserError
from visitplanner.services.privacy import consents
from visitplanner.services.privacy.access import access_data, write_access_report
from visitplanner.services.privacy.consent_rules import allowed_people
from visitplanner.services.story.entries import get_entry

MENTION_UUID = "11111111-1111-4111-8111-111111111111"


def allowed(catalogue, person, purpose, scope, event_id=None, day=None):
    with catalogue.session() as session:
        found = allowed_people(session, [person], purpose, scope, event_id=event_id, day=day)
    return person in found


def test_a_consent_is_given_for_a_scope_and_covers_the_narrower_ones(catalogue, ids):
    changes = consents.give_consent(
        catalogue,
        ids.other,
        "quotes",
        "partners",
        given_on=date(2026, 3, 1),
        recorded_by="Ana Ruiz",
        note="Signed form",
    )
    assert changes.updated == {("person", ids.other)}
    [record] = consents.list_consents(catalogue, ids.other)
    assert (record.purpose, record.scope, record.given_on) == (
        "quotes",
        "partners",
        date(2026, 3, 1),
    )
    assert (record.recorded_by, record.note, record.withdrawn_on) == (
        "Ana Ruiz",
        "Signed form",
        None,
    )
    quotes = ConsentPurpose.QUOTES
    assert allowed(catalogue, ids.other, quotes, ConsentScope.INTERNAL)
    assert allowed(catalogue, ids.other, quotes, ConsentScope.PARTNERS)
    assert not allowed(catalogue, ids.other, quotes, ConsentScope.PUBLIC)
    assert not allowed(catalogue, ids.other, ConsentPurpose.PHOTOS, ConsentScope.INTERNAL)
    # Not before the day it was given.
    assert not allowed(catalogue, ids.other, quotes, ConsentScope.INTERNAL, day=date(2026, 2, 28))


def test_a_consent_for_one_event_holds_for_that_event_only(catalogue, ids):
    consents.give_consent(catalogue, ids.other, "photos", "public", event_id=ids.event)
    photos, public = ConsentPurpose.PHOTOS, ConsentScope.PUBLIC
    assert allowed(catalogue, ids.other, photos, public, event_id=ids.event)
    assert not allowed(catalogue, ids.other, photos, public, event_id=ids.old_event)
    assert not allowed(catalogue, ids.other, photos, public)
    [record] = consents.list_consents(catalogue, ids.other)
    assert record.event_title == "Visite de la recyclerie"


def test_withdrawing_dates_the_record_and_keeps_the_history(catalogue, ids):
    today = date.today()
    result = consents.withdraw_consent(catalogue, ids.person, "photos", note="Asked by phone")
    assert [c.purpose for c in result.withdrawn] == ["photos"]
    history = consents.list_consents(catalogue, ids.person)
    assert [(c.purpose, c.given_on, c.withdrawn_on) for c in history] == [
        ("photos", date(2026, 3, 2), today),
        ("quotes", date(2026, 3, 2), None),
    ]
    assert history[0].withdrawal_note == "Asked by phone"
    photos = ConsentPurpose.PHOTOS
    assert not allowed(catalogue, ids.person, photos, ConsentScope.INTERNAL)
    # What held yesterday is still readable: the state at a date.
    yesterday = today - timedelta(days=1)
    assert allowed(catalogue, ids.person, photos, ConsentScope.INTERNAL, day=yesterday)
    assert [c.purpose for c in consents.consents_on(catalogue, ids.person, yesterday)] == [
        "photos",
        "quotes",
    ]
    assert [c.purpose for c in consents.consents_on(catalogue, ids.person)] == ["quotes"]
    # Given again later: a new record beside the withdrawn one.
    consents.give_consent(catalogue, ids.person, "photos", "internal")
    assert len(consents.list_consents(catalogue, ids.person)) == 3
    assert allowed(catalogue, ids.person, photos, ConsentScope.INTERNAL)
    assert not allowed(catalogue, ids.person, photos, ConsentScope.PARTNERS)


def test_withdrawing_the_public_scope_keeps_the_partners_one(catalogue, ids):
    consents.give_consent(catalogue, ids.other, "quotes", "public")
    consents.give_consent(catalogue, ids.other, "quotes", "partners")
    result = consents.withdraw_consent(catalogue, ids.other, "quotes", "public")
    assert [c.scope for c in result.withdrawn] == ["public"]
    quotes = ConsentPurpose.QUOTES
    assert not allowed(catalogue, ids.other, quotes, ConsentScope.PUBLIC)
    assert allowed(catalogue, ids.other, quotes, ConsentScope.PARTNERS)


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda c, i: consents.give_consent(c, i.other, "selfies"), ["purpose", "selfies"]),
        (lambda c, i: consents.give_consent(c, i.other, "photos", "moon"), ["scope", "moon"]),
        (
            lambda c, i: consents.give_consent(
                c, i.other, "photos", given_on=date.today() + timedelta(days=2)
            ),
            ["date", "future"],
        ),
        (lambda c, i: consents.give_consent(c, 999_999, "photos"), ["999999"]),
        (lambda c, i: consents.withdraw_consent(c, i.other, "photos"), ["Bob Martin", "photos"]),
        (
            lambda c, i: consents.withdraw_consent(
                c, i.person, "photos", withdrawn_on=date(2026, 3, 1)
            ),
            ["date", "2026-03-01", "2026-03-02"],
        ),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_changes(catalogue, ids, call, words):
    before = consents.list_consents(catalogue, ids.person) + consents.list_consents(
        catalogue, ids.other
    )
    with pytest.raises(UserError) as refused:
        call(catalogue, ids)
    message = str(refused.value).casefold()
    for word in words:
        assert word.casefold() in message
    after = consents.list_consents(catalogue, ids.person) + consents.list_consents(
        catalogue, ids.other
    )
    assert after == before


def test_withdrawing_story_naming_redacts_the_entries_at_once(catalogue, ids):
    assert NAME.upper() in get_entry(catalogue, MENTION_UUID).text
    consents.give_consent(catalogue, ids.person, "story_naming", "internal")
    result = consents.withdraw_consent(catalogue, ids.person, "story_naming")
    assert result.redacted_entries == 1
    assert any(kind == "story_entry" for kind, _id in result.changes.updated)
    assert "nguy" not in get_entry(catalogue, MENTION_UUID).text.casefold()
    # The other entry, which does not name her, is left as it was.
    assert get_entry(catalogue, "22222222-2222-4222-8222-222222222222").text == "Rien sur elle."


def test_the_access_report_lists_every_record_with_its_dates_and_scope(catalogue, ids):
    consents.give_consent(catalogue, ids.person, "story_naming", "public", event_id=ids.event)
    consents.withdraw_consent(catalogue, ids.person, "quotes", note="Changed her mind")
    data = access_data(catalogue, ids.person)
    rows = [
        (
            c["purpose"],
            c["scope"],
            c["event"],
            c["given_on"],
            c["withdrawn_on"],
            c["withdrawal_note"],
        )
        for c in data["consents"]
    ]
    today = date.today().isoformat()
    assert rows == [
        ("photos", "partners", None, "2026-03-02", None, None),
        ("quotes", "partners", None, "2026-03-02", today, "Changed her mind"),
        ("story_naming", "public", "Visite de la recyclerie", today, None, None),
    ]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_the_access_report_pdf_shows_the_consents(catalogue, ids, tmp_path):
    consents.withdraw_consent(catalogue, ids.person, "quotes")
    out = write_access_report(catalogue, ids.person, tmp_path / "copy.pdf", language="en")
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(text.split())
    for words in ("Purpose", "Scope", "Given on", "Withdrawn on", "Appearing in photos"):
        assert words in text
    assert "Being quoted" in text and "Documents for funders and partners" in text


def test_an_erasure_takes_the_consent_records_with_it(catalogue, ids):
    from sqlalchemy import func, select

    from visitplanner.services.privacy.erasure import erase_person
    from visitplanner.store.models import Consent

    consents.withdraw_consent(catalogue, ids.person, "photos")
    erase_person(catalogue, ids.person)
    with catalogue.session() as session:
        left = session.scalar(select(func.count(Consent.id)).where(Consent.person_id == ids.person))
    assert left == 0


def test_a_debrief_finalised_after_withdrawing_story_naming_does_not_name_them(catalogue, ids):
    from tests.privacy.conftest import QUOTE

    from visitplanner.services.documents import debriefs
    from visitplanner.services.story.entries import list_story

    [summary] = [d for d in debriefs.list_debriefs(catalogue) if d.event_id == ids.event]
    debriefs.set_authors(catalogue, summary.id, [ids.person, ids.other])
    consents.give_consent(catalogue, ids.other, "quotes", "internal")
    consents.give_consent(catalogue, ids.person, "story_naming", "internal")
    consents.withdraw_consent(catalogue, ids.person, "story_naming")
    debriefs.set_status(catalogue, summary.id, "draft")
    debriefs.set_status(catalogue, summary.id, "final")
    [entry] = [e for e in list_story(catalogue) if e.debrief_id == summary.id]
    assert entry.author == "Bob Martin"
    assert "Bob’s words" in entry.text  # Bob agreed to be quoted in the story
    assert QUOTE not in entry.text  # she may be quoted, but no longer named in the story
