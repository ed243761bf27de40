"""``dynamic add``, ``host add``, ``person add`` and records named the way a script has them.

EVENT, PERSON, HOST and DYNAMIC take the numeric id, an event's UID, a person's
e-mail, or a name that only one record has (case and accents do not matter);
a shared name is refused with the candidates and their ids.
"""

from __future__ import annotations

import json

from visitplanner.services.directory import records as cat
from visitplanner.store.database import open_catalogue


def test_dynamic_host_and_person_add_through_the_catalogue_services(vpdb, db):
    made = vpdb(
        "dynamic", "add", "--name", "Pôle Mer Bretagne", "--kind", "competitiveness_cluster",
        "--city", "Brest", "--postcode", "29200",
    )  # fmt: skip
    assert (made.code, made.err) == (0, "")
    assert made.out == "Dynamic 1 created: Pôle Mer Bretagne.\n"
    host = vpdb(
        "host", "add", "--name", "Fromagerie du Haut-Doubs", "--address", "2 rue du Lait",
        "--postcode", "25000", "--city", "Besançon", "--capacity", "20",
        "--dynamic", "pole mer bretagne",
    )  # fmt: skip
    assert host.out == "Host organisation 1 created: Fromagerie du Haut-Doubs.\n", host.err
    person = vpdb(
        "person", "add", "--given-name", "Hélène", "--family-name", "Lefèvre",
        "--email", "helene@example.org", "--organisation", "La Fabrique",
        "--actor-type", "association",
    )  # fmt: skip
    assert person.out == "Person 1 created: Hélène Lefèvre.\n", person.err

    catalogue = open_catalogue(str(db))
    dynamic = cat.get_dynamic(catalogue, 1)
    assert (dynamic.kind, dynamic.territory) == ("competitiveness_cluster", "29200 Brest")
    saved_host = cat.get_host(catalogue, 1)
    assert (saved_host.address, saved_host.capacity) == ("2 rue du Lait\n25000 Besançon", 20)
    assert saved_host.dynamic_names == ("Pôle Mer Bretagne",)
    # Searchable like a record typed in the window: the folded key was filled in.
    assert [p.id for p in cat.list_people(catalogue, "lefevre fabrique")] == [1]
    assert cat.get_person(catalogue, 1).actor_type == "association"
    catalogue.close()


def test_duplicate_email_is_refused_and_nothing_changes(vpdb, db, table_rows, refused):
    vpdb("person", "add", "--given-name", "Hélène", "--family-name", "Lefèvre", "--email", "h@x.fr")
    before = table_rows(db)
    again = vpdb("person", "add", "--given-name", "H", "--family-name", "L", "--email", "H@X.fr")
    refused(again, "e-mail:", "H@X.fr", "person 1")
    assert table_rows(db) == before


def test_bad_values_name_the_field(vpdb, refused):
    refused(vpdb("dynamic", "add", "--name", "X", "--kind", "galaxy"), "kind:", "“galaxy”", "ptce")
    refused(vpdb("host", "add", "--name", "X", "--capacity", "many"), "capacity:", "“many”")
    refused(vpdb("host", "add", "--name", "X", "--dynamic", "Nowhere"), "No dynamic", "Nowhere")
    refused(
        vpdb("person", "add", "--given-name", "A", "--family-name", "B", "--email", "a@"),
        "e-mail:",
        "“a@”",
    )
    refused(
        vpdb("person", "add", "--given-name", "A", "--family-name", " "), "family name:", "required"
    )
    assert vpdb("person", "add", "--given-name", "A").code == 2  # --family-name is required


def _event(vpdb, title="Visite de la fromagerie", *extra):
    result = vpdb(
        "event", "add", "--kind", "visit", "--title", title,
        "--start", "2027-07-01T09:00", "--end", "2027-07-01T12:00", *extra,
    )  # fmt: skip
    assert result.code == 0, result.err
    return result


def test_records_are_named_by_id_uid_email_or_unique_name(vpdb):
    vpdb("person", "add", "--given-name", "Hélène", "--family-name", "Lefèvre", "--email", "h@x.fr")
    vpdb("person", "add", "--given-name", "Marc", "--family-name", "Martin")
    vpdb("host", "add", "--name", "Fromagerie du Haut-Doubs")
    _event(vpdb, "Visite de la fromagerie", "--host", "FROMAGERIE DU HAUT-DOUBS")
    uid = json.loads(vpdb("list", "events", "--json").out)[0]["uid"]

    for reference in ("1", uid, "visite de la FROMAGERIE"):
        shown = vpdb("show", "event", reference, "--json")
        assert shown.code == 0, (reference, shown.err)
        assert json.loads(shown.out)["host_id"] == 1
    assert vpdb("participants", "add", "Visite de la fromagerie", "1").code == 0
    for person in ("H@X.FR", "helene lefevre", "Lefèvre Hélène"):
        again = vpdb("participants", "add", "Visite de la fromagerie", person)
        assert again.err == "Hélène Lefèvre is already on the list of “Visite de la fromagerie”.\n"
    assert vpdb("participants", "add", "1", "marc martin").out == "Marc Martin added (Invited).\n"
    people = json.loads(vpdb("show", "event", "1", "--json").out)["participants"]
    assert [p["name"] for p in people] == ["Hélène Lefèvre", "Marc Martin"]


def test_a_shared_name_is_refused_with_the_candidates(vpdb, db, table_rows, refused):
    vpdb("person", "add", "--given-name", "Marie", "--family-name", "Dupont", "--email", "m1@x.fr")
    vpdb("person", "add", "--given-name", "Marie", "--family-name", "Dupont", "--email", "m2@x.fr")
    vpdb("dynamic", "add", "--name", "Atelier Partagé", "--kind", "third_place", "--city", "Lyon")
    vpdb("dynamic", "add", "--name", "atelier partage", "--kind", "third_place", "--city", "Nantes")
    _event(vpdb, "Séminaire")
    _event(vpdb, "Seminaire")
    before = table_rows(db)

    refused(
        vpdb("participants", "add", "1", "marie dupont"),
        "several people",
        "1 (Marie Dupont, m1@x.fr)",
        "2 (Marie Dupont, m2@x.fr)",
        "id",
    )
    refused(vpdb("event", "edit", "séminaire", "--capacity", "3"), "several events", "1 (", "2 (")
    refused(
        vpdb("host", "add", "--name", "Atelier", "--dynamic", "ATELIER PARTAGE"),
        "several dynamics",
        "1 (Atelier Partagé, Lyon)",
        "2 (atelier partage, Nantes)",
    )
    # French separates the candidates as French is written, a no-break space before « ; ».
    refused(
        vpdb("--lang", "fr", "participants", "add", "1", "marie dupont"),
        "plusieurs personnes",
        "1 (Marie Dupont, m1@x.fr)\u00a0; 2 (Marie Dupont, m2@x.fr)",
    )
    assert table_rows(db) == before
    # The id settles it.
    assert vpdb("participants", "add", "1", "2").code == 0


def test_unknown_references_are_refused(vpdb, refused):
    _event(vpdb)
    refused(vpdb("show", "event", "Nothing like it"), "No event matches “Nothing like it”.")
    refused(vpdb("participants", "add", "1", "nobody@x.fr"), "No person matches “nobody@x.fr”.")
    refused(vpdb("participants", "add", "1", "7"), "No person has id 7.")
    refused(vpdb("event", "edit", "1", "--host", "Nowhere"), "No host organisation matches")


def test_people_export_takes_the_file_as_argument_or_with_out(vpdb, tmp_path):
    vpdb("person", "add", "--given-name", "Hélène", "--family-name", "Lefèvre", "--email", "h@x.fr")
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    assert vpdb("people", "export", first).out == f"1 person written to {first}.\n"
    assert vpdb("people", "export", "--out", second).out == f"1 person written to {second}.\n"
    assert first.read_bytes() == second.read_bytes()
    _event(vpdb)
    vpdb("participants", "add", "1", "h@x.fr")
    third = tmp_path / "c.csv"
    assert vpdb("participants", "export", "visite de la fromagerie", "--out", third).code == 0
    assert "h@x.fr" in third.read_text(encoding="utf-8-sig")
    # Without a file, or with two different ones: wrong usage.
    assert vpdb("people", "export").code == 2
    assert vpdb("people", "export", first, "--out", second).code == 2
