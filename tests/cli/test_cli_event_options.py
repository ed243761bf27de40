"""``event add|edit`` with whole days, an organiser, a status and a host; what JSON carries."""

from __future__ import annotations

import json


def _setup(vpdb):
    vpdb("person", "add", "--given-name", "Hélène", "--family-name", "Lefèvre", "--email", "h@x.fr")
    vpdb("person", "add", "--given-name", "Marc", "--family-name", "Martin")
    vpdb("host", "add", "--name", "Fromagerie du Haut-Doubs", "--city", "Besançon")


def _event(vpdb, event_id):
    listed = json.loads(vpdb("list", "events", "--json").out)
    return next(e for e in listed if e["id"] == event_id)


def test_all_day_event_with_organiser_and_status(vpdb):
    _setup(vpdb)
    made = vpdb(
        "event", "add", "--kind", "seminar", "--title", "Séminaire d’automne",
        "--start", "2027-10-04", "--end", "2027-10-05", "--all-day",
        "--organiser", "helene lefevre", "--status", "confirmed",
    )  # fmt: skip
    assert made.code == 0, made.err
    assert made.out.startswith("Event 1 created: Séminaire d’automne (")
    event = _event(vpdb, 1)
    # The end day is included: two whole days, to the midnight after the 5th.
    assert (event["start"], event["end"]) == (
        "2027-10-04T00:00:00+02:00",
        "2027-10-06T00:00:00+02:00",
    )
    assert (event["all_day"], event["status"]) == (True, "confirmed")
    assert (event["organiser"], event["organiser_email"]) == ("Hélène Lefèvre", "h@x.fr")
    shown = json.loads(vpdb("show", "event", "1", "--json").out)
    assert (shown["all_day"], shown["organiser"], shown["organiser_email"]) == (
        True,
        "Hélène Lefèvre",
        "h@x.fr",
    )


def test_timed_event_json_says_so_and_has_no_organiser(vpdb):
    vpdb(
        "event", "add", "--kind", "visit", "--title", "Visite",
        "--start", "2027-07-01T09:00", "--end", "2027-07-01T12:00",
    )  # fmt: skip
    event = _event(vpdb, 1)
    assert (event["all_day"], event["organiser"], event["organiser_email"]) == (False, None, None)
    assert event["status"] == "planned"


def test_edit_changes_organiser_status_host_and_whole_days(vpdb):
    _setup(vpdb)
    vpdb(
        "event", "add", "--kind", "visit", "--title", "Visite",
        "--start", "2027-07-01T09:00", "--end", "2027-07-01T12:00",
    )  # fmt: skip
    edited = vpdb(
        "event", "edit", "visite", "--organiser", "2", "--status", "confirmed",
        "--host", "fromagerie du haut-doubs", "--all-day",
    )  # fmt: skip
    assert edited.out == "Event 1 updated: Visite.\n", edited.err
    event = _event(vpdb, 1)
    assert (event["organiser"], event["organiser_email"]) == ("Marc Martin", None)
    assert (event["status"], event["host_id"], event["all_day"]) == ("confirmed", 1, True)
    # The morning became the whole day of 1 July.
    assert (event["start"], event["end"]) == (
        "2027-07-01T00:00:00+02:00",
        "2027-07-02T00:00:00+02:00",
    )
    # Whole days stay whole days when only the dates move; the end day is included.
    vpdb("event", "edit", "1", "--start", "2027-07-02", "--end", "2027-07-03")
    event = _event(vpdb, 1)
    assert (event["start"], event["end"]) == (
        "2027-07-02T00:00:00+02:00",
        "2027-07-04T00:00:00+02:00",
    )
    # And back to hours.
    vpdb(
        "event", "edit", "1", "--no-all-day", "--start", "2027-07-02T14:00",
        "--end", "2027-07-02T16:00",
    )  # fmt: skip
    event = _event(vpdb, 1)
    assert (event["all_day"], event["start"]) == (False, "2027-07-02T14:00:00+02:00")


def test_bad_organiser_or_status_changes_nothing(vpdb, db, table_rows, refused):
    _setup(vpdb)
    vpdb(
        "event", "add", "--kind", "visit", "--title", "Visite",
        "--start", "2027-07-01T09:00", "--end", "2027-07-01T12:00",
    )  # fmt: skip
    before = table_rows(db)
    refused(vpdb("event", "edit", "1", "--organiser", "nobody@x.fr"), "No person matches")
    refused(vpdb("event", "edit", "1", "--status", "soon"), "status:", "“soon”")
    reversed_days = (
        "event", "add", "--kind", "visit", "--title", "X", "--all-day",
        "--start", "2027-07-03", "--end", "2027-07-01",
    )  # fmt: skip
    refused(vpdb(*reversed_days), "end:")
    assert table_rows(db) == before


def test_show_names_the_organiser_and_the_days(vpdb):
    _setup(vpdb)
    vpdb(
        "event", "add", "--kind", "seminar", "--title", "Séminaire",
        "--start", "2027-10-04", "--end", "2027-10-05", "--all-day", "--organiser", "h@x.fr",
    )  # fmt: skip
    shown = vpdb("show", "event", "séminaire").out.splitlines()
    assert shown[1] == "2027-10-04 → 2027-10-05, whole days (Europe/Paris)"
    assert shown[2] == "Organiser: Hélène Lefèvre <h@x.fr>"
