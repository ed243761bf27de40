"""Importing people from CSV: all or nothing, matched by e-mail, onto an event's list."""

import codecs
import csv
import io

import pytest
from sqlalchemy import func, select

from visitplanner.domain.errors import NotFoundError, UserError
from visitplanner.exchange.cell_values import read_choice, split_full_name
from visitplanner.exchange.csvio import guess_mapping, read_table
from visitplanner.i18n import set_language
from visitplanner.services.directory import imports
from visitplanner.services.directory import records as cat
from visitplanner.services.directory.imports import ImportCancelled, ImportRejected
from visitplanner.services.events import planning
from visitplanner.store.models import Participation, Person

HEADER = ["Nom", "Prénom", "Courriel", "Structure", "Type d'acteur"]


def excel_csv(tmp_path, rows, header=HEADER, name="liste.csv", encoding="utf-8"):
    """A French Excel file: semicolons, CRLF, BOM when UTF-8."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows([header, *rows])
    data = buffer.getvalue().encode(encoding)
    path = tmp_path / name
    path.write_bytes(codecs.BOM_UTF8 + data if encoding == "utf-8" else data)
    return read_table(path)


def run(catalogue, table, **options):
    return imports.import_people(catalogue, table, guess_mapping(table.headers), **options)


def people(catalogue):
    return {p.email: p for p in cat.list_people(catalogue)}


def count(catalogue, model):
    with catalogue.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def new_event(catalogue, capacity=None, title="Visite de la fromagerie"):
    data = planning.EventInput(
        kind="visit",
        title=title,
        start="2027-07-01T09:00",
        end="2027-07-01T17:00",
        capacity=capacity,
    )
    return planning.create_event(catalogue, data).created_id("event")


# --- into the catalogue ---------------------------------------------------------------------


def test_import_creates_people_with_every_field(catalogue, tmp_path):
    table = excel_csv(
        tmp_path,
        [
            ["Lefèvre", "Hélène", "Helene@Tiers-Lieu.fr", "« La Fabrique »", "Association"],
            ["Nguyễn", "Thị Lan", "lan@exemple.vn", "Coopérative", "Habitant·e"],
            ["Yılmaz", "Çağla", "cagla@exemple.tr", "", "PME"],
        ],
    )
    report = run(catalogue, table)
    assert (report.rows, report.created, report.matched, report.written) == (3, 3, 0, True)
    assert report.summary() == ["3 people imported."]
    found = people(catalogue)
    helene = found["Helene@Tiers-Lieu.fr"]
    assert (helene.given_name, helene.family_name) == ("Hélène", "Lefèvre")
    assert (helene.organisation, helene.actor_type) == ("« La Fabrique »", "association")
    # French labels are read even though the interface is in English.
    assert found["lan@exemple.vn"].actor_type == "inhabitant"
    assert found["cagla@exemple.tr"].actor_type == "sme"
    assert found["cagla@exemple.tr"].organisation is None
    # Imported people are found and sorted like people typed in the window.
    assert [p.name for p in cat.list_people(catalogue, "helene fabrique")] == ["Hélène Lefèvre"]
    assert [p.family_name for p in cat.list_people(catalogue)] == ["Lefèvre", "Nguyễn", "Yılmaz"]
    assert {("person", p.id) for p in found.values()} == report.changes.created


def test_windows_1252_excel_file(catalogue, tmp_path):
    table = excel_csv(tmp_path, [["Œuvray", "Noël", "n@x.fr", "Mairie", ""]], encoding="cp1252")
    run(catalogue, table)
    assert people(catalogue)["n@x.fr"].name == "Noël Œuvray"


def test_existing_people_are_matched_by_email_and_only_blanks_filled(catalogue, tmp_path):
    changes = cat.create_person(
        catalogue,
        cat.PersonInput(
            family_name="Lefèvre", given_name="Hélène", email="helene@x.fr", phone="01"
        ),
    )
    person_id = changes.created_id("person")
    table = excel_csv(tmp_path, [["LEFEVRE", "H.", "HELENE@X.FR", "La Fabrique", "Association"]])
    report = run(catalogue, table)
    assert (report.created, report.matched, report.updated) == (0, 1, 1)
    assert report.summary() == [
        "No person imported: the one in the file is already in the catalogue.",
        "Blank fields filled in from the file for people already there: 1.",
    ]
    assert report.changes.updated == {("person", person_id)}
    person = cat.get_person(catalogue, person_id)
    assert (person.family_name, person.given_name) == ("Lefèvre", "Hélène")
    assert (person.email, person.phone) == ("helene@x.fr", "01")
    assert (person.organisation, person.actor_type) == ("La Fabrique", "association")
    assert [p.id for p in cat.list_people(catalogue, "fabrique")] == [person_id]
    assert count(catalogue, Person) == 1


def test_rows_repeating_an_email_are_merged(catalogue, tmp_path):
    table = excel_csv(
        tmp_path,
        [
            ["Dupont", "Zoé", "zoe@x.fr", "", ""],
            ["Dupont", "Zoé", "ZOE@x.fr", "Cluster Jura", "PME"],
        ],
    )
    report = run(catalogue, table)
    assert (report.created, report.duplicates) == (1, 1)
    assert people(catalogue)["zoe@x.fr"].organisation == "Cluster Jura"


def test_rows_without_email_make_new_people(catalogue, tmp_path):
    table = excel_csv(tmp_path, [["Martin", "Paul", "", "", ""], ["Martin", "Paul", "", "", ""]])
    assert run(catalogue, table).created == 2


def test_full_name_column_is_split(catalogue, tmp_path):
    table = excel_csv(
        tmp_path,
        [["DUPONT Hélène", "h@x.fr"], ["Jean de La Tour", "j@x.fr"], ["Cher", "c@x.fr"]],
        header=["Nom complet", "E-mail"],
    )
    run(catalogue, table)
    found = people(catalogue)
    assert (found["h@x.fr"].given_name, found["h@x.fr"].family_name) == ("Hélène", "DUPONT")
    assert (found["j@x.fr"].given_name, found["j@x.fr"].family_name) == ("Jean de La", "Tour")
    assert (found["c@x.fr"].given_name, found["c@x.fr"].family_name) == (None, "Cher")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hélène Lefèvre", ("Hélène", "Lefèvre")),
        ("LEFÈVRE Hélène", ("Hélène", "LEFÈVRE")),
        ("DE LA TOUR Marie-Anne", ("Marie-Anne", "DE LA TOUR")),
        ("  Zoé   Martin ", ("Zoé", "Martin")),
        ("MARTIN", (None, "MARTIN")),
        ("", (None, "")),
    ],
)
def test_split_full_name(text, expected):
    assert split_full_name(text) == expected


def test_formula_neutralised_cells_come_back_as_typed(catalogue, tmp_path):
    table = excel_csv(tmp_path, [["Dupont", "Zoé", "zoe@x.fr", "'=Cluster", ""]])
    run(catalogue, table)
    assert people(catalogue)["zoe@x.fr"].organisation == "=Cluster"


def test_choices_accept_codes_labels_in_both_languages_and_feminine_forms():
    from visitplanner.domain.enums import ActorType, ResponseStatus, Role

    assert read_choice(ActorType, "Collectivité", "type") == "local_authority"
    assert read_choice(ActorType, "local_authority", "type") == "local_authority"
    assert read_choice(Role, "Organisatrice", "role") == "organiser"
    assert read_choice(ResponseStatus, "ACCEPTÉE", "status") == "accepted"
    set_language("fr")
    assert read_choice(ResponseStatus, "Waiting list", "statut") == "waitlisted"
    with pytest.raises(UserError) as info:
        read_choice(ResponseStatus, "Peut-être", "statut")
    assert "Peut-être" in info.value.message
    assert "Invité, Accepté, Provisoire, Décliné, Liste d’attente, A délégué." in info.value.message


# --- all or nothing ----------------------------------------------------------------------------


def test_one_bad_row_means_nothing_is_imported(catalogue, tmp_path):
    table = excel_csv(
        tmp_path,
        [
            ["Lefèvre", "Hélène", "helene@x.fr", "", ""],
            ["", "Sans nom", "sans@x.fr", "", ""],
            ["Dupont", "Zoé", "zoe@x", "", ""],
            ["Martin", "Paul", "paul@x.fr", "", "Extraterrestre"],
        ],
    )
    with pytest.raises(ImportRejected) as info:
        run(catalogue, table)
    error = info.value
    assert error.message == f"{table.name}: 3 rows have errors; nothing was imported."
    assert error.lines() == [
        error.message,
        "line 3: family name: this field is required.",
        "line 4: e-mail: “zoe@x” is not a valid e-mail address.",
        "line 5: actor type: “Extraterrestre” is not one of: Large company, SME, "
        "Micro-enterprise, Social and solidarity economy organisation, Association, "
        "Research, Local authority, Inhabitant, NGO, Cultural organisation.",
    ]
    assert error.lines(limit=1)[-1] == "… and 2 more errors."
    assert count(catalogue, Person) == 0


def test_preview_lists_every_error_and_writes_nothing(catalogue, tmp_path):
    cat.create_person(catalogue, cat.PersonInput(family_name="Lefèvre", email="helene@x.fr"))
    table = excel_csv(
        tmp_path,
        [["Lefèvre", "Hélène", "helene@x.fr", "Fabrique", ""], ["Dupont", "", "zoe@x", "", ""]],
    )
    report = imports.preview_people(catalogue, table, guess_mapping(table.headers))
    assert not report.ok
    assert [e.line for e in report.errors] == [3]
    assert (report.matched, report.written) == (1, False)
    assert not report.changes
    assert people(catalogue)["helene@x.fr"].given_name is None


def test_dry_run_checks_everything_and_writes_nothing(catalogue, tmp_path):
    table = excel_csv(tmp_path, [["Lefèvre", "Hélène", "helene@x.fr", "", ""]])
    report = run(catalogue, table, dry_run=True)
    assert (report.created, report.written) == (1, False)
    assert report.summary() == ["Dry run: 1 row is valid; nothing was written."]
    assert count(catalogue, Person) == 0
    bad = excel_csv(tmp_path, [["Lefèvre", "Hélène", "pas-un-mail", "", ""]], name="b.csv")
    with pytest.raises(ImportRejected):
        run(catalogue, bad, dry_run=True)


def test_a_file_without_email_column_is_refused(catalogue, tmp_path):
    table = excel_csv(tmp_path, [["Lefèvre", "Hélène"]], header=["Nom", "Prénom"])
    with pytest.raises(UserError, match="has no e-mail column"):
        run(catalogue, table)
    assert count(catalogue, Person) == 0


def test_a_row_with_more_cells_than_the_header_is_an_error(catalogue, tmp_path):
    table = excel_csv(tmp_path, [["Lefèvre", "Hélène", "h@x.fr", "A", "", "en trop"]])
    with pytest.raises(ImportRejected) as info:
        run(catalogue, table)
    assert "6 cells but the header line has 5" in info.value.lines()[1]


def test_an_email_in_the_trash_is_an_error(catalogue, tmp_path):
    person_id = cat.create_person(
        catalogue, cat.PersonInput(family_name="Lefèvre", email="helene@x.fr")
    ).created_id("person")
    cat.move_to_trash(catalogue, "person", person_id)
    table = excel_csv(tmp_path, [["Lefèvre", "Hélène", "Helene@x.fr", "", ""]])
    with pytest.raises(ImportRejected) as info:
        run(catalogue, table)
    assert "in the trash" in info.value.lines()[1]


def test_cancel_rolls_everything_back_and_progress_reaches_the_end(catalogue, tmp_path):
    rows = [["Nom", f"P{i}", f"p{i}@x.fr", "", ""] for i in range(600)]
    table = excel_csv(tmp_path, rows)
    seen = []
    report = run(catalogue, table, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 600) and seen[-1] == (600, 600)
    assert report.created == 600

    other = excel_csv(tmp_path, [[*r[:2], "n" + r[2], "", ""] for r in rows], name="b.csv")
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(ImportCancelled, match=r"^Import cancelled; nothing was imported\.$"):
        run(catalogue, other, cancelled=cancelled)
    assert count(catalogue, Person) == 600


def test_ten_thousand_rows_onto_an_event_fill_places_then_the_waiting_list(catalogue, tmp_path):
    # Speed is measured by benchmarks/csv_import.py; this checks the outcome at that scale.
    rows = [
        [f"Nom{i}", "Hélène", f"personne.{i}@exemple.fr", f"Structure {i % 50}", "PME"]
        for i in range(10_000)
    ]
    path_table = excel_csv(tmp_path, rows, encoding="cp1252")
    event_id = new_event(catalogue, capacity=100)
    table = read_table(path_table.path)
    report = run(catalogue, table, event_ref=event_id, status="accepted")
    assert (report.created, report.added_to_event, report.waitlisted) == (10_000, 10_000, 9_900)


# --- onto an event's list ---------------------------------------------------------------------


def test_import_onto_an_event_fills_places_then_the_waiting_list(catalogue, tmp_path):
    event_id = new_event(catalogue, capacity=2)
    known = cat.create_person(
        catalogue, cat.PersonInput(family_name="Ancien", email="ancien@x.fr")
    ).created_id("person")
    planning.add_participant(catalogue, event_id, known, status="accepted")
    table = excel_csv(
        tmp_path,
        [
            ["Lefèvre", "Hélène", "helene@x.fr", "Accepté", "Intervenante"],
            ["Dupont", "Zoé", "zoe@x.fr", "accepted", ""],
            ["Martin", "Paul", "paul@x.fr", "", ""],
            ["Ancien", "", "ANCIEN@x.fr", "Décliné", ""],
            ["Durand", "Léa", "lea@x.fr", "Liste d'attente", "Observatrice"],
            ["Dupont", "Zoé", "zoe@x.fr", "", ""],
        ],
        header=["Nom", "Prénom", "E-mail", "Statut", "Rôle"],
    )
    report = run(catalogue, table, event_ref=event_id)
    assert (report.added_to_event, report.waitlisted, report.already_on_event) == (4, 2, 1)
    assert report.summary() == [
        "4 people imported.",
        "Already in the catalogue, matched by e-mail: 1.",
        "Rows repeating an earlier row's e-mail, merged: 1.",
        "New on the list of “Visite de la fromagerie”: 4.",
        "On the waiting list: 2.",
        "Already on the list: 1.",
    ]
    detail = planning.get_event(catalogue, event_id)
    rows = {p.email: (p.role, p.status, p.waitlist_position) for p in detail.participants}
    assert rows == {
        "ancien@x.fr": ("participant", "accepted", None),  # left as it was
        "helene@x.fr": ("speaker", "accepted", None),
        "zoe@x.fr": ("participant", "waitlisted", 1),  # full: the capacity is 2
        "paul@x.fr": ("participant", "invited", None),
        "lea@x.fr": ("observer", "waitlisted", 2),
    }
    assert ("event", event_id) in report.changes.updated
    assert sum(1 for kind, _id in report.changes.created if kind == "participation") == 4


def test_default_role_and_status_apply_to_rows_without_them(catalogue, tmp_path):
    event_id = new_event(catalogue)
    table = excel_csv(tmp_path, [["Lefèvre", "Hélène", "helene@x.fr", "", ""]])
    run(catalogue, table, event_ref=str(event_id), role="host", status="tentative")
    (p,) = planning.get_event(catalogue, event_id).participants
    assert (p.role, p.status) == ("host", "tentative")
    with catalogue.session() as session:
        assert session.scalar(select(Participation.responded_at)) is not None


def test_role_and_status_columns_are_ignored_without_an_event(catalogue, tmp_path):
    table = excel_csv(
        tmp_path, [["Lefèvre", "h@x.fr", "n'importe quoi"]], header=["Nom", "Mail", "Statut"]
    )
    assert run(catalogue, table).created == 1


def test_unknown_event_is_refused_and_nothing_imported(catalogue, tmp_path):
    table = excel_csv(tmp_path, [["Lefèvre", "Hélène", "helene@x.fr", "", ""]])
    with pytest.raises(NotFoundError, match="No event matches “99”"):
        run(catalogue, table, event_ref=99)
    assert count(catalogue, Person) == 0
