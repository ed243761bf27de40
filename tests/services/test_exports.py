"""Exported lists open correctly in French Excel and import back unchanged."""

import pytest

from visitplanner.domain.errors import NotFoundError, UserError
from visitplanner.exchange.csvio import guess_mapping, read_table
from visitplanner.i18n import set_language
from visitplanner.services.directory import exports, imports
from visitplanner.services.directory import records as cat
from visitplanner.services.events import planning
from visitplanner.store.database import open_catalogue

BOM = b"\xef\xbb\xbf"


def person(catalogue, family_name, **values):
    data = cat.PersonInput(family_name=family_name, **values)
    return cat.create_person(catalogue, data).created_id("person")


@pytest.fixture
def filled(catalogue):
    person(
        catalogue,
        "Lefèvre",
        given_name="Hélène",
        email="helene@x.fr",
        phone="+33 6 12 34 56 78",
        organisation="Tiers-lieu « La Fabrique »",
        function="Chargée de mission",
        actor_type="association",
    )
    person(catalogue, "Nguyễn", given_name="Çağla", email="cagla@x.fr", organisation="=SUM(1)")
    gone = person(catalogue, "Parti", email="parti@x.fr")
    cat.move_to_trash(catalogue, "person", gone)
    person(catalogue, "Abad", given_name="Inès", preferred_language="en", notes="privé")
    return catalogue


def lines(path):
    data = path.read_bytes()
    assert data.startswith(BOM)
    text = data[len(BOM) :].decode("utf-8")
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    return text.split("\r\n")[:-1]


def test_people_export_is_french_excel_csv(filled, tmp_path):
    path = tmp_path / "people.csv"
    assert exports.export_people(filled, path) == 3
    assert lines(path) == [
        "Family name;Given name;E-mail;Phone;Organisation;Function;Actor type;Language",
        "Abad;Inès;;;;;;English",
        "Lefèvre;Hélène;helene@x.fr;'+33 6 12 34 56 78;Tiers-lieu « La Fabrique »;"
        "Chargée de mission;Association;French",
        "Nguyễn;Çağla;cagla@x.fr;;'=SUM(1);;;French",
    ]


def test_headers_and_labels_follow_the_interface_language(filled, tmp_path):
    set_language("fr")
    path = tmp_path / "personnes.csv"
    exports.export_people(filled, path)
    header, _abad, helene, _cagla = lines(path)
    assert header == "Nom;Prénom;Courriel;Téléphone;Organisation;Fonction;Type d’acteur;Langue"
    assert helene.endswith(";Association;Français")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_exported_people_import_back_unchanged(filled, tmp_path, language):
    set_language(language)
    path = tmp_path / "people.csv"
    exports.export_people(filled, path)
    table = read_table(path)
    mapping = guess_mapping(table.headers)
    assert None not in mapping.values()
    other = open_catalogue(str(tmp_path / "other.sqlite"))
    try:
        report = imports.import_people(other, table, mapping)
        assert report.created == 3

        def key(p):
            return (
                p.family_name,
                p.given_name,
                p.email,
                p.phone,
                p.organisation,
                p.function,
                p.actor_type,
                p.preferred_language,
            )

        assert [key(p) for p in cat.list_people(other)] == [key(p) for p in cat.list_people(filled)]
    finally:
        other.close()


def test_participant_list_export(filled, tmp_path):
    data = planning.EventInput(
        kind="visit", title="Visite", start="2027-07-01T09:00", end="2027-07-01T12:00", capacity=1
    )
    event_id = planning.create_event(filled, data).created_id("event")
    helene = cat.find_person(filled, "helene@x.fr").id
    cagla = cat.find_person(filled, "cagla@x.fr").id
    planning.add_participant(filled, event_id, helene, role="speaker", status="accepted")
    planning.add_participant(filled, event_id, cagla, status="accepted")
    path = tmp_path / "participants.csv"
    assert exports.export_participants(filled, str(event_id), path) == 2
    assert lines(path) == [
        "Family name;Given name;E-mail;Organisation;Function;Actor type;Role;Status;Waiting list",
        "Lefèvre;Hélène;helene@x.fr;Tiers-lieu « La Fabrique »;Chargée de mission;Association;"
        "Speaker;Accepted;",
        "Nguyễn;Çağla;cagla@x.fr;'=SUM(1);;;Participant;Waiting list;1",
    ]
    set_language("fr")
    exports.export_participants(filled, event_id, path)
    assert lines(path)[0] == (
        "Nom;Prénom;Courriel;Organisation;Fonction;Type d’acteur;Rôle;Statut;Liste d’attente"
    )
    assert lines(path)[2].endswith(";Participant;Liste d’attente;1")


def test_participants_export_reimports_onto_another_event(filled, tmp_path):
    data = planning.EventInput(
        kind="visit", title="A", start="2027-07-01T09:00", end="2027-07-01T12:00"
    )
    first = planning.create_event(filled, data).created_id("event")
    second = planning.create_event(filled, data).created_id("event")
    helene = cat.find_person(filled, "helene@x.fr").id
    planning.add_participant(filled, first, helene, role="organiser", status="declined")
    path = tmp_path / "participants.csv"
    exports.export_participants(filled, first, path)
    table = read_table(path)
    report = imports.import_people(filled, table, guess_mapping(table.headers), event_ref=second)
    assert (report.matched, report.added_to_event) == (1, 1)
    (p,) = planning.get_event(filled, second).participants
    assert (p.person_id, p.role, p.status) == (helene, "organiser", "declined")


def test_unknown_event_and_unwritable_path_are_user_errors(filled, tmp_path):
    with pytest.raises(NotFoundError):
        exports.export_participants(filled, "42", tmp_path / "x.csv")
    with pytest.raises(UserError, match="Cannot write"):
        exports.export_people(filled, tmp_path / "absent" / "x.csv")
    assert not (tmp_path / "x.csv").exists()
