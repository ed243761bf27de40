"""Text folding for search, and the field rules shared by window, command line and imports."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from visitplanner.domain import validation as check
from visitplanner.domain.enums import EventKind, ResponseStatus
from visitplanner.domain.errors import ValidationError
from visitplanner.domain.text import fold, search_key, search_terms

PARIS = ZoneInfo("Europe/Paris")

# --- folding ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Hélène", "helene"),
        ("HÉLÈNE", "helene"),
        ("Clus'ter Jura", "cluster jura"),
        ("Clus’ter  Jura", "cluster jura"),
        ("Œuvre commune", "oeuvre commune"),
        ("Straße", "strasse"),
        ("Søren Ærø", "soren aero"),
        ("Tiers-lieu « La Ruche »", "tiers-lieu la ruche"),
        ("  ", ""),
        (None, ""),
    ],
)
def test_fold_removes_case_accents_apostrophes_and_punctuation(text, folded):
    assert fold(text) == folded


def test_fold_keeps_the_characters_of_an_email_address():
    assert fold("Marie.Dupont+visites@Exemple.org") == "marie.dupont+visites@exemple.org"


def test_search_terms_are_the_folded_words_of_the_query():
    assert search_terms("  Cluster   JURA ") == ["cluster", "jura"]
    assert search_terms("") == []
    assert search_terms(None) == []


def test_search_key_joins_the_folded_non_empty_parts():
    assert search_key("Hélène", None, "", "Dupont") == "helene dupont"


@pytest.mark.parametrize(
    ("query", "record"), [("helene", "Hélène"), ("cluster jura", "Clus'ter Jura")]
)
def test_every_term_of_a_folded_query_is_found_in_the_folded_record(query, record):
    key = search_key(record)
    assert all(term in key for term in search_terms(query))


# --- text fields ------------------------------------------------------------------------------


def test_required_text_is_stripped():
    assert check.required_text("  Visite  ", "title") == "Visite"


@pytest.mark.parametrize("value", [None, "", "   "])
def test_required_text_refuses_an_empty_value_naming_the_field(value):
    with pytest.raises(ValidationError) as info:
        check.required_text(value, "title")
    assert info.value.field == "title"
    assert str(info.value) == "title: this field is required."


def test_required_text_refuses_a_value_that_is_too_long():
    with pytest.raises(ValidationError, match=r"^name: at most 5 characters"):
        check.required_text("abcdef", "name", max_length=5)


def test_optional_text_turns_blank_into_none():
    assert check.optional_text("   ", "notes") is None
    assert check.optional_text(None, "notes") is None
    assert check.optional_text(" x ", "notes") == "x"
    with pytest.raises(ValidationError, match=r"^notes: "):
        check.optional_text("abc", "notes", max_length=2)


# --- e-mail -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("marie@example.org", "marie@example.org"),
        ("  Marie.Dupont@Example.ORG ", "Marie.Dupont@Example.ORG"),
        ("mailto:marie@example.org", "marie@example.org"),
        ("", None),
        (None, None),
    ],
)
def test_email_accepts_plausible_addresses(value, expected):
    assert check.email(value, "e-mail") == expected


@pytest.mark.parametrize(
    "value", ["marie", "marie@", "@example.org", "marie@example", "ma rie@example.org", "a@b@c.org"]
)
def test_email_refuses_typos_naming_the_field_and_the_value(value):
    with pytest.raises(ValidationError) as info:
        check.email(value, "e-mail")
    assert info.value.field == "e-mail"
    assert "is not a valid e-mail address" in str(info.value)
    assert value.strip() in str(info.value)


def test_email_key_is_case_insensitive():
    assert check.email_key(" Marie@Example.ORG ") == check.email_key("marie@example.org")
    assert check.email_key(None) is None


# --- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"), [(0, 0), ("12", 12), (" 7 ", 7), ("", None), (None, None)]
)
def test_non_negative_int_reads_whole_numbers(value, expected):
    assert check.non_negative_int(value, "capacity") == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [("-1", "cannot be negative"), (-3, "cannot be negative"), ("12.5", "is not a whole number")],
)
def test_non_negative_int_refuses_naming_the_field(value, reason):
    with pytest.raises(ValidationError) as info:
        check.non_negative_int(value, "capacity")
    assert str(info.value).startswith("capacity: ")
    assert reason in str(info.value)


# --- time zones and dates ---------------------------------------------------------------------


def test_timezone_defaults_to_paris_and_refuses_unknown_zones():
    assert check.timezone(None, "time zone").key == "Europe/Paris"
    assert check.timezone("America/Montreal", "time zone").key == "America/Montreal"
    with pytest.raises(ValidationError, match=r"^time zone: .*Mars/Olympus.*not a known time zone"):
        check.timezone("Mars/Olympus", "time zone")


def test_a_time_without_offset_is_taken_in_the_given_zone_with_its_daylight_saving_offset():
    summer = check.parse_datetime("2027-07-01T09:00", "start", PARIS)
    winter = check.parse_datetime("2027-01-14T09:00", "start", PARIS)
    assert summer.utcoffset() == timedelta(hours=2)
    assert winter.utcoffset() == timedelta(hours=1)
    assert summer.isoformat() == "2027-07-01T09:00:00+02:00"


def test_a_time_with_an_offset_keeps_it():
    moment = check.parse_datetime("2027-07-01T09:00-04:00", "start", PARIS)
    assert moment == datetime(2027, 7, 1, 13, 0, tzinfo=ZoneInfo("UTC"))


@pytest.mark.parametrize(
    "value", ["tomorrow", "2027-02-30T09:00", "01/07/2027 09:00", "2027-07-01T25:00"]
)
def test_a_malformed_date_is_refused_naming_the_field_and_the_value(value):
    with pytest.raises(ValidationError) as info:
        check.parse_datetime(value, "start", PARIS)
    assert info.value.field == "start"
    assert value in str(info.value)


def test_an_empty_date_is_required():
    with pytest.raises(ValidationError, match=r"^end: this field is required"):
        check.parse_datetime("  ", "end", PARIS)


def test_end_after_start():
    start = datetime(2027, 7, 1, 9, tzinfo=PARIS)
    check.end_after_start(start, start)  # an instant event is allowed
    with pytest.raises(ValidationError, match=r"^end: the end comes before the start"):
        check.end_after_start(start, start - timedelta(minutes=1), "end")


# --- enumerations -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["visit", "VISIT", " Visit ", "Learning visit", "learning VISIT"])
def test_enumerations_read_codes_and_labels_case_insensitively(value):
    assert EventKind.parse(value, "kind") is EventKind.VISIT


def test_an_unknown_enumeration_value_lists_the_codes():
    with pytest.raises(ValidationError) as info:
        ResponseStatus.parse("maybe", "status")
    assert info.value.field == "status"
    message = str(info.value)
    assert message.startswith("status: ")
    for code in ("invited", "accepted", "tentative", "declined", "waitlisted"):
        assert code in message
