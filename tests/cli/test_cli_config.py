"""``config list | get KEY | set KEY VALUE``: the window's preferences, checked the same way."""

from __future__ import annotations

import json

import pytest

from visitplanner.settings import load_settings, settings_path


def test_list_shows_every_preference_with_its_value(vp):
    listed = vp("config", "list")
    assert listed.code == 0
    lines = listed.out.splitlines()
    assert "organiser_name = " in lines
    assert "default_timezone = Europe/Paris" in lines
    assert "smtp_port = 587" in lines
    assert "backup_keep = 7" in lines
    assert not [line for line in lines if "password" in line]
    data = json.loads(vp("config", "list", "--json").out)
    assert data["smtp_security"] == "starttls"
    assert set(data) >= {"organiser_email", "language", "smtp_host", "smtp_user", "backup_folder"}


@pytest.mark.parametrize(
    ("key", "value", "stored"),
    [
        ("organiser_name", "  Bruno Coordinateur ", "Bruno Coordinateur"),
        ("organiser_email", "bruno@reseau.example", "bruno@reseau.example"),
        ("default_timezone", "America/Montreal", "America/Montreal"),
        ("language", "FR", "fr"),
        ("smtp_host", "smtp.example.org", "smtp.example.org"),
        ("smtp_port", "465", 465),
        ("smtp_security", "ssl", "ssl"),
        ("smtp_user", "bruno", "bruno"),
        ("backup_keep", "0", 0),
    ],
)
def test_set_writes_the_file_the_window_reads(vp, key, value, stored):
    result = vp("config", "set", key, value)
    assert (result.code, result.err) == (0, "")
    assert result.out == f"{key} is now “{stored}”.\n"
    assert getattr(load_settings(), key) == stored
    assert vp("config", "get", key).out == f"{stored}\n"


def test_set_keeps_the_other_preferences(vp):
    vp("config", "set", "organiser_name", "Bruno")
    vp("config", "set", "smtp_port", "2525")
    settings = load_settings()
    assert (settings.organiser_name, settings.smtp_port) == ("Bruno", 2525)


@pytest.mark.parametrize(
    ("key", "value", "fragments"),
    [
        ("organiser_email", "bruno@", ["organiser_email:", "“bruno@”"]),
        ("default_timezone", "Mars/Base", ["default_timezone:", "Mars/Base"]),
        ("default_timezone", " ", ["default_timezone:", "required"]),
        ("language", "de", ["language:", "“de”", "fr", "en"]),
        ("smtp_port", "many", ["smtp_port:", "“many”"]),
        ("smtp_port", "70000", ["smtp_port:", "1", "65535"]),
        ("smtp_security", "tls", ["smtp_security:", "starttls"]),
        ("backup_keep", "-1", ["backup_keep:", "0", "365"]),
    ],
)
def test_bad_values_are_refused_naming_the_key(vp, refused, key, value, fragments):
    vp("config", "set", "organiser_name", "Bruno")
    before = settings_path().read_bytes()
    refused(vp("config", "set", key, value), *fragments)
    assert settings_path().read_bytes() == before


def test_unknown_key_lists_the_known_ones(vp, refused):
    result = vp("config", "get", "colour")
    refused(result, "“colour”", "organiser_name", "default_timezone", "backup_keep")
    refused(vp("config", "set", "colour", "blue"), "“colour”", "smtp_port")
    assert not settings_path().exists()


def test_the_smtp_password_stays_in_the_keyring(vp, refused):
    for args in (("set", "smtp_password", "secret"), ("set", "smtp_password")):
        refused(vp("config", *args), "smtp_password", "keyring", "Preferences")
    refused(vp("config", "get", "smtp_password"), "keyring")
    assert not settings_path().exists()


def test_set_without_a_value_says_so(vp, refused):
    refused(vp("config", "set", "organiser_name"), "organiser_name:", "value")
    assert vp("config", "set", "organiser_name", "").out == "organiser_name is now “”.\n"


@pytest.mark.sqlite_only(reason="the lock beside the catalogue file")
def test_config_works_beside_a_window_holding_the_catalogue(vp, db_path):
    """Preferences are not in the catalogue: the window's lock on it does not stop them."""
    from visitplanner.store.lock import CatalogueLock

    lock = CatalogueLock(db_path)
    assert lock.acquire()
    try:
        result = vp("--db", db_path, "config", "set", "organiser_name", "Bruno")
        assert (result.code, result.err) == (0, "")
        # A command on the catalogue itself is still refused.
        assert (
            vp("--db", db_path, "person", "add", "--given-name", "A", "--family-name", "B").code
            == 1
        )
    finally:
        lock.release()
    assert load_settings().organiser_name == "Bruno"
