"""Dynamics, host organisations and people through the services the window and CLI share."""

import pytest

from visitplanner.domain.errors import NotFoundError, ValidationError
from visitplanner.services.changes import Changes
from visitplanner.services.directory import records as cat


def new_person(catalogue, family_name="Dupont", **values):
    return cat.create_person(catalogue, cat.PersonInput(family_name=family_name, **values))


def names(views):
    return [v.name for v in views]


# --- dynamics ---------------------------------------------------------------------------------


def test_create_a_dynamic_and_read_it_back(catalogue):
    changes = cat.create_dynamic(
        catalogue,
        cat.DynamicInput(
            name="  Clus'ter Jura ",
            kind="Business cluster",
            region="Bourgogne-Franche-Comté",
            tags=["réemploi", "bois", "réemploi", " "],
            services=["living_lab", "Observatory"],
        ),
    )
    assert changes == Changes.of(created=[("dynamic", changes.created_id("dynamic"))])
    assert changes.kinds == {"dynamic"}
    view = cat.get_dynamic(catalogue, changes.created_id("dynamic"))
    assert view.name == "Clus'ter Jura"
    assert view.kind == "cluster"
    assert view.tags == ("bois", "réemploi")
    assert view.services == ("living_lab", "observatory")


def test_update_a_dynamic(catalogue):
    dynamic_id = cat.create_dynamic(
        catalogue, cat.DynamicInput(name="Pôle", tags=["a"])
    ).created_id("dynamic")
    changes = cat.update_dynamic(
        catalogue, dynamic_id, cat.DynamicInput(name="Pôle Sud", kind="ptce", tags=["b"])
    )
    assert changes.updated == {("dynamic", dynamic_id)}
    assert not changes.created
    view = cat.get_dynamic(catalogue, dynamic_id)
    assert (view.name, view.kind, view.tags) == ("Pôle Sud", "ptce", ("b",))


def test_dynamics_are_listed_by_name_and_found_by_folded_words(catalogue):
    for name in ("Tiers-lieu La Ruche", "Clus'ter Jura", "Monnaie locale Léman"):
        cat.create_dynamic(catalogue, cat.DynamicInput(name=name))
    assert names(cat.list_dynamics(catalogue)) == [
        "Clus'ter Jura",
        "Monnaie locale Léman",
        "Tiers-lieu La Ruche",
    ]
    assert names(cat.list_dynamics(catalogue, "cluster jura")) == ["Clus'ter Jura"]
    assert names(cat.list_dynamics(catalogue, "CLUSTER")) == ["Clus'ter Jura"]
    assert names(cat.list_dynamics(catalogue, "leman")) == ["Monnaie locale Léman"]
    assert names(cat.list_dynamics(catalogue, "jura leman")) == []


def test_a_dynamic_is_found_by_its_tags(catalogue):
    cat.create_dynamic(catalogue, cat.DynamicInput(name="Pôle", tags=["Économie circulaire"]))
    assert names(cat.list_dynamics(catalogue, "economie")) == ["Pôle"]


def test_search_wildcards_are_plain_characters(catalogue):
    cat.create_dynamic(catalogue, cat.DynamicInput(name="Pôle"))
    cat.create_dynamic(catalogue, cat.DynamicInput(name="Pôle_Sud"))
    assert names(cat.list_dynamics(catalogue, "p_le")) == []
    assert names(cat.list_dynamics(catalogue, "pole_")) == ["Pôle_Sud"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (cat.DynamicInput(name="   "), "name"),
        (cat.DynamicInput(name="Pôle", kind="club"), "kind"),
        (cat.DynamicInput(name="Pôle", services=["coffee"]), "services"),
    ],
)
def test_a_bad_dynamic_is_refused_naming_the_field(catalogue, data, field):
    with pytest.raises(ValidationError) as info:
        cat.create_dynamic(catalogue, data)
    assert info.value.field == field
    assert str(info.value).startswith(f"{field}: ")
    assert cat.list_dynamics(catalogue) == []


# --- hosts ------------------------------------------------------------------------------------


def test_create_a_host_with_its_contact_and_dynamics(catalogue):
    contact_id = new_person(catalogue, given_name="Hélène").created_id("person")
    dynamic_id = cat.create_dynamic(catalogue, cat.DynamicInput(name="Clus'ter Jura")).created_id(
        "dynamic"
    )
    host_id = cat.create_host(
        catalogue,
        cat.HostInput(
            name="Fromagerie du Haut-Doubs",
            actor_type="sme",
            address_line1="2 rue des Sapins",
            postal_code="25300",
            city="Pontarlier",
            country="fr",
            capacity="25",
            contact_person_id=contact_id,
            dynamic_ids=[dynamic_id, dynamic_id],
        ),
    ).created_id("host")
    view = cat.get_host(catalogue, host_id)
    assert view.capacity == 25
    assert view.country == "FR"
    assert view.contact_person_name == "Hélène Dupont"
    assert view.dynamic_names == ("Clus'ter Jura",)
    assert view.address == "2 rue des Sapins\n25300 Pontarlier"


def test_hosts_are_found_by_city_and_postal_code(catalogue):
    cat.create_host(catalogue, cat.HostInput(name="Atelier", city="Besançon", postal_code="25000"))
    cat.create_host(catalogue, cat.HostInput(name="Ferme", city="Lyon", postal_code="69001"))
    assert names(cat.list_hosts(catalogue, "besancon")) == ["Atelier"]
    assert names(cat.list_hosts(catalogue, "69001")) == ["Ferme"]
    assert names(cat.list_hosts(catalogue)) == ["Atelier", "Ferme"]


def test_update_a_host(catalogue):
    host_id = cat.create_host(catalogue, cat.HostInput(name="Atelier")).created_id("host")
    changes = cat.update_host(catalogue, host_id, cat.HostInput(name="Atelier Nord", capacity=0))
    assert changes.updated == {("host", host_id)}
    assert cat.get_host(catalogue, host_id).capacity == 0


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (cat.HostInput(name=""), "name"),
        (cat.HostInput(name="Atelier", capacity="-3"), "capacity"),
        (cat.HostInput(name="Atelier", capacity="many"), "capacity"),
        (cat.HostInput(name="Atelier", actor_type="pirate"), "actor type"),
    ],
)
def test_a_bad_host_is_refused_naming_the_field(catalogue, data, field):
    with pytest.raises(ValidationError, match=rf"^{field}: "):
        cat.create_host(catalogue, data)
    assert cat.list_hosts(catalogue) == []


def test_a_host_with_an_unknown_contact_is_refused_and_nothing_is_saved(catalogue):
    with pytest.raises(NotFoundError, match=r"No person has id 42"):
        cat.create_host(catalogue, cat.HostInput(name="Atelier", contact_person_id=42))
    assert cat.list_hosts(catalogue) == []


# --- people -----------------------------------------------------------------------------------


def test_create_a_person_and_read_it_back(catalogue):
    changes = new_person(
        catalogue,
        given_name=" Hélène ",
        email="Helene.Dupont@Example.org",
        organisation="Clus'ter Jura",
        actor_type="Association",
        preferred_language="en",
        consent_photos=True,
    )
    assert changes.created == {("person", changes.created_id("person"))}
    view = cat.get_person(catalogue, changes.created_id("person"))
    assert view.name == "Hélène Dupont"
    assert view.email == "Helene.Dupont@Example.org"
    assert view.actor_type == "association"
    assert view.preferred_language == "en"
    # A consent the person comes with is a dated record for partners' documents.
    from visitplanner.services.privacy.consents import list_consents

    records = list_consents(catalogue, view.id)
    assert [(c.purpose, c.scope, c.withdrawn_on) for c in records] == [("photos", "partners", None)]


def test_people_are_sorted_by_family_name_then_given_name(catalogue):
    new_person(catalogue, "Martin", given_name="Zoé")
    new_person(catalogue, "Élie", given_name="Marc")
    new_person(catalogue, "Martin", given_name="Anne")
    assert names(cat.list_people(catalogue)) == ["Marc Élie", "Anne Martin", "Zoé Martin"]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("helene", ["Hélène Dupont"]),
        ("HÉLÈNE", ["Hélène Dupont"]),
        ("dupont hel", ["Hélène Dupont"]),
        ("cluster jura", ["Hélène Dupont"]),
        ("example.org", ["Hélène Dupont"]),
        ("martin", ["Marc Martin"]),
        ("", ["Hélène Dupont", "Marc Martin"]),
        ("helene martin", []),
    ],
)
def test_people_search_ignores_case_and_accents(catalogue, query, found):
    new_person(
        catalogue, given_name="Hélène", email="helene@example.org", organisation="Clus'ter Jura"
    )
    new_person(catalogue, "Martin", given_name="Marc")
    assert names(cat.list_people(catalogue, query)) == found


def test_update_a_person(catalogue):
    person_id = new_person(catalogue, email="old@example.org").created_id("person")
    changes = cat.update_person(
        catalogue,
        person_id,
        cat.PersonInput(family_name="Dupont-Martin", email="new@example.org"),
    )
    assert changes == Changes.of(updated=[("person", person_id)])
    view = cat.get_person(catalogue, person_id)
    assert (view.family_name, view.email) == ("Dupont-Martin", "new@example.org")
    assert names(cat.list_people(catalogue, "martin")) == ["Dupont-Martin"]
    assert names(cat.list_people(catalogue, "old")) == []


def test_a_person_may_keep_their_own_email_when_updated(catalogue):
    person_id = new_person(catalogue, email="marie@example.org").created_id("person")
    cat.update_person(
        catalogue, person_id, cat.PersonInput(family_name="Curie", email="MARIE@example.org")
    )
    assert cat.get_person(catalogue, person_id).email == "MARIE@example.org"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (cat.PersonInput(family_name=" "), "family name"),
        (cat.PersonInput(family_name="Dupont", email="dupont@"), "e-mail"),
        (cat.PersonInput(family_name="Dupont", preferred_language="de"), "language"),
        (cat.PersonInput(family_name="Dupont", actor_type="pirate"), "actor type"),
        (cat.PersonInput(family_name="Dupont", phone="0" * 41), "phone"),
    ],
)
def test_a_bad_person_is_refused_naming_the_field(catalogue, data, field):
    with pytest.raises(ValidationError) as info:
        cat.create_person(catalogue, data)
    assert info.value.field == field
    assert str(info.value).startswith(f"{field}: ")
    assert cat.list_people(catalogue) == []


def test_a_refused_update_changes_nothing(catalogue):
    dynamic_id = cat.create_dynamic(catalogue, cat.DynamicInput(name="Pôle")).created_id("dynamic")
    person_id = new_person(
        catalogue, given_name="Hélène", email="helene@example.org", dynamic_ids=[dynamic_id]
    ).created_id("person")
    before = cat.get_person(catalogue, person_id)
    # The family name and e-mail are valid and applied first; the unknown dynamic comes last.
    with pytest.raises(NotFoundError, match=r"No dynamic has id 999"):
        cat.update_person(
            catalogue,
            person_id,
            cat.PersonInput(family_name="Autre", email="autre@example.org", dynamic_ids=[999]),
        )
    assert cat.get_person(catalogue, person_id) == before
    assert names(cat.list_people(catalogue, "autre")) == []


def test_a_refused_creation_leaves_nothing_behind(catalogue):
    with pytest.raises(NotFoundError):
        new_person(catalogue, email="helene@example.org", dynamic_ids=[999])
    assert cat.list_people(catalogue) == []
    # The e-mail was not kept by the refused person.
    new_person(catalogue, email="helene@example.org")


def test_an_email_is_one_person_whatever_its_case(catalogue):
    existing = new_person(catalogue, email="Helene@Example.org").created_id("person")
    with pytest.raises(cat.DuplicateEmailError) as info:
        new_person(catalogue, "Autre", email="helene@EXAMPLE.ORG")
    assert info.value.existing_id == existing
    assert str(info.value) == f"e-mail: helene@EXAMPLE.ORG already belongs to person {existing}."
    assert names(cat.list_people(catalogue)) == ["Dupont"]


def test_an_update_cannot_take_another_persons_email(catalogue):
    first = new_person(catalogue, email="a@example.org").created_id("person")
    second = new_person(catalogue, "Martin", email="b@example.org").created_id("person")
    with pytest.raises(cat.DuplicateEmailError) as info:
        cat.update_person(
            catalogue, second, cat.PersonInput(family_name="Martin", email="A@example.org")
        )
    assert info.value.existing_id == first
    assert cat.get_person(catalogue, second).email == "b@example.org"


def test_a_person_in_the_trash_still_owns_their_email(catalogue):
    trashed = new_person(catalogue, email="a@example.org").created_id("person")
    cat.move_to_trash(catalogue, "person", trashed)
    with pytest.raises(cat.DuplicateEmailError) as info:
        new_person(catalogue, "Martin", email="a@example.org")
    assert info.value.existing_id == trashed


def test_find_a_person_by_id_or_by_email(catalogue):
    person_id = new_person(catalogue, email="Helene@Example.org").created_id("person")
    assert cat.find_person(catalogue, str(person_id)).id == person_id
    assert cat.find_person(catalogue, " helene@example.ORG ").id == person_id
    with pytest.raises(NotFoundError, match=r"No person matches “nobody@example.org”"):
        cat.find_person(catalogue, "nobody@example.org")
    with pytest.raises(NotFoundError):
        cat.find_person(catalogue, "999")


def test_an_unknown_id_is_not_found(catalogue):
    with pytest.raises(NotFoundError, match=r"No person has id 7"):
        cat.get_person(catalogue, 7)
    with pytest.raises(NotFoundError, match=r"No host organisation has id 7"):
        cat.get_host(catalogue, 7)
    with pytest.raises(NotFoundError, match=r"No dynamic has id 7"):
        cat.update_dynamic(catalogue, 7, cat.DynamicInput(name="x"))


# --- trash ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "create", "get", "listing"),
    [
        (
            "person",
            lambda c: new_person(c).created_id("person"),
            cat.get_person,
            cat.list_people,
        ),
        (
            "host",
            lambda c: cat.create_host(c, cat.HostInput(name="Atelier")).created_id("host"),
            cat.get_host,
            cat.list_hosts,
        ),
        (
            "dynamic",
            lambda c: cat.create_dynamic(c, cat.DynamicInput(name="Pôle")).created_id("dynamic"),
            cat.get_dynamic,
            cat.list_dynamics,
        ),
    ],
)
def test_trash_and_restore(catalogue, kind, create, get, listing):
    record_id = create(catalogue)

    assert cat.move_to_trash(catalogue, kind, record_id) == Changes.of(deleted=[(kind, record_id)])
    assert listing(catalogue) == []
    with pytest.raises(NotFoundError):
        get(catalogue, record_id)
    with pytest.raises(NotFoundError, match=rf"Nothing to delete: no .* has id {record_id}"):
        cat.move_to_trash(catalogue, kind, record_id)

    assert cat.restore_from_trash(catalogue, kind, record_id) == Changes.of(
        created=[(kind, record_id)]
    )
    assert [v.id for v in listing(catalogue)] == [record_id]
    assert get(catalogue, record_id).id == record_id
    with pytest.raises(NotFoundError, match=rf"The trash holds no .* with id {record_id}"):
        cat.restore_from_trash(catalogue, kind, record_id)


def test_a_person_in_the_trash_is_not_found_by_email(catalogue):
    person_id = new_person(catalogue, email="a@example.org").created_id("person")
    cat.move_to_trash(catalogue, "person", person_id)
    with pytest.raises(NotFoundError):
        cat.find_person(catalogue, "a@example.org")


def test_a_dynamic_in_the_trash_cannot_be_linked(catalogue):
    dynamic_id = cat.create_dynamic(catalogue, cat.DynamicInput(name="Pôle")).created_id("dynamic")
    cat.move_to_trash(catalogue, "dynamic", dynamic_id)
    with pytest.raises(NotFoundError, match=rf"No dynamic has id {dynamic_id}"):
        new_person(catalogue, dynamic_ids=[dynamic_id])
    assert cat.list_people(catalogue) == []
