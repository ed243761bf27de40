"""Demo catalogues: a small realistic one to explore the application, a large one to measure it.

The small catalogue tells the story of a fictional collective of coordinators
("équipe d'animation") following the study-action *Dynamiques pionnières de
territoire*: the real kinds of dynamics it studied (Nova Child, the two Pôles Mer,
Figeacteurs, Clus'ter Jura...), fictional people at ``example.org``, two learning
visits already debriefed, a joint seminar and a meeting to come. It is written
against the reference date :data:`TODAY` so that some follow-up actions are
overdue, as they always are in real life.

The large catalogue is synthetic and deterministic: the same seed always gives
the same rows, so benchmarks of lists, searches and exports are comparable from
one run to the next. It is inserted with SQLAlchemy Core in chunks, because ORM
objects would take minutes for a few hundred thousand rows.

Either catalogue is loaded in one transaction: a failure leaves the catalogue
exactly as it was.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import Table, delete, exists, func, insert, select, text
from sqlalchemy.orm import Session

from visitplanner.domain.enums import ActorType, Challenge, Service
from visitplanner.domain.errors import UserError
from visitplanner.domain.text import fold, search_key
from visitplanner.i18n import _
from visitplanner.store.database import Catalogue
from visitplanner.store.models import (
    Attendance,
    Base,
    CatalogueInfo,
    Debrief,
    Dynamic,
    DynamicService,
    DynamicTag,
    Event,
    EventDynamic,
    FollowUpAction,
    Host,
    LogEntry,
    Participation,
    Person,
    ProgrammeItem,
    Quote,
    Takeaway,
    debrief_authors,
    host_dynamics,
    log_entry_dynamics,
    person_dynamics,
)

Progress = Callable[[int, int], None]

SIZES = ("small", "large")
# The demo's "today": past visits, overdue actions and upcoming events are relative to it.
TODAY = date(2026, 11, 26)
PARIS = ZoneInfo("Europe/Paris")
# Fixed so that event UIDs and log-entry UUIDs are the same on every machine and every load.
NAMESPACE = uuid.UUID("5d0f3c1e-8a54-4c1b-9b8e-2f6a0d4e7c21")
UID_DOMAIN = "visitplanner"
LARGE_SEED = 20261126
CHUNK = 10_000
# Tables a reload keeps: the catalogue's identity (shared-log origin) and its schema revision.
KEPT_TABLES = frozenset({"catalogue_info", "alembic_version"})


@dataclass(frozen=True)
class DemoSummary:
    """What the catalogue holds after loading, counted in the database itself."""

    dynamics: int
    hosts: int
    people: int
    events: int
    participations: int
    debriefs: int
    log_entries: int


# --- public entry points ----------------------------------------------------------------------


def is_empty(catalogue: Catalogue) -> bool:
    """True when the catalogue holds no record a user made (its identity does not count).

    Used to offer the demo on first start and to refuse overwriting real work.
    """
    with catalogue.session() as session:
        return _is_empty(session)


def load_demo(
    catalogue: Catalogue,
    size: str = "small",
    *,
    force: bool = False,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fills the catalogue with the ``small`` or ``large`` demo, all or nothing.

    A catalogue that already holds records is refused unless ``force`` is given,
    in which case its content is deleted in the same transaction, so a failed load
    never leaves a half-emptied catalogue. ``progress(done, total)`` is called as
    rows are written, for a progress bar.
    """
    if size not in SIZES:
        raise UserError(_("Unknown demo size “{size}”: choose small or large.").format(size=size))
    with catalogue.session() as session:
        if not _is_empty(session):
            if not force:
                raise UserError(
                    _(
                        "The catalogue is not empty; use --force to replace its content "
                        "with the demo catalogue."
                    )
                )
            _delete_content(session)
        origin = session.scalar(
            select(CatalogueInfo.value).where(CatalogueInfo.key == "catalogue_id")
        )
        if size == "small":
            _load_small(session, origin, _Ticker(progress, _SMALL_TOTAL))
        else:
            _load_large(session, origin, _Ticker(progress, _large_total()))
            _sync_sequences(session)
        return _summary(session)


# --- shared helpers ------------------------------------------------------------------------------

_COUNTED = (Dynamic, Host, Person, Event, LogEntry)


def _is_empty(session: Session) -> bool:
    return not any(session.scalar(select(exists().select_from(m.__table__))) for m in _COUNTED)


def _delete_content(session: Session) -> None:
    """Deletes every row but the catalogue's identity, children before parents."""
    for table in reversed(Base.metadata.sorted_tables):
        if table.name not in KEPT_TABLES:
            session.execute(delete(table))


def _count(session: Session, model: type[Base]) -> int:
    return session.scalar(select(func.count()).select_from(model.__table__)) or 0


def _summary(session: Session) -> DemoSummary:
    return DemoSummary(
        dynamics=_count(session, Dynamic),
        hosts=_count(session, Host),
        people=_count(session, Person),
        events=_count(session, Event),
        participations=_count(session, Participation),
        debriefs=_count(session, Debrief),
        log_entries=_count(session, LogEntry),
    )


def _sync_sequences(session: Session) -> None:
    """PostgreSQL: moves id sequences past the explicit ids the large demo wrote.

    SQLite picks the next id from the table itself; PostgreSQL's sequences do
    not see explicit ids and would hand out ones already taken.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        if "id" in table.c and table.c.id.primary_key and table.c.id.autoincrement:
            session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table.name}"
                )
            )


class _Ticker:
    """Counts written rows and reports them to the optional progress callback."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress
        self.total = total
        self.done = 0

    def advance(self, rows: int) -> None:
        self.done = min(self.total, self.done + rows)
        if self.progress is not None:
            self.progress(self.done, self.total)

    def finish(self) -> None:
        self.advance(self.total - self.done)


def _typo(text: str) -> str:
    """French typography: no-break spaces before ``: ; ! ?`` and inside « ».

    U+00A0 rather than the thin U+202F, which the PDFs' standard fonts lack.
    """
    for before, after in (
        (" :", "\u00a0:"),
        (" ;", "\u00a0;"),
        (" !", "\u00a0!"),
        (" ?", "\u00a0?"),
        ("« ", "«\u00a0"),
        (" »", "\u00a0»"),
    ):
        text = text.replace(before, after)
    return text


def _typo_opt(text: str | None) -> str | None:
    return _typo(text) if text else None


def _paris(day: str, hm: str) -> datetime:
    return datetime.fromisoformat(f"{day}T{hm}").replace(tzinfo=PARIS)


def _uid(name: str) -> str:
    return f"{uuid.uuid5(NAMESPACE, 'event:' + name)}@{UID_DOMAIN}"


def _log_uuid(name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "log:" + name))


def _email(given: str | None, family: str, suffix: str = "") -> str:
    """``prenom.nom@example.org`` without accents, spaces or apostrophes."""
    parts = [fold(p).replace(" ", "-") for p in (given, family) if p]
    return f"{'.'.join(parts)}{suffix}@example.org"


def _person_keys(p: Person) -> None:
    p.search_key = search_key(p.given_name, p.family_name, p.email, p.organisation)
    p.sort_key = search_key(p.family_name, p.given_name)[:320]
    p.email_key = p.email.casefold() if p.email else None


# =================================================================================================
# Small demo: the data
# =================================================================================================


class _DynamicSpec(NamedTuple):
    key: str
    name: str
    kind: str
    region: str | None
    territory: str | None
    description: str
    tags: tuple[str, ...]
    services: tuple[str, ...]


DYNAMICS: tuple[_DynamicSpec, ...] = (
    _DynamicSpec(
        "nova",
        "Nova Child",
        "cluster",
        "Pays de la Loire",
        "Cholet, Choletais",
        "Cluster des entreprises de l’univers de l’enfant. Il anime un observatoire des "
        "tendances de marché et un living lab où des familles testent les produits et "
        "concepts des membres.",
        ("univers de l’enfant", "observatoire des tendances", "living lab", "prévention"),
        ("observatory", "living_lab", "matchmaking", "learning_visits"),
    ),
    _DynamicSpec(
        "pmba",
        "Pôle Mer Bretagne Atlantique",
        "competitiveness_cluster",
        "Bretagne",
        "Brest, façade atlantique",
        "Pôle de compétitivité de l’économie maritime : projets d’innovation entre "
        "entreprises, laboratoires et collectivités.",
        ("pêche durable", "plastique", "biotechnologies marines", "préservation des océans"),
        ("project_engineering", "matchmaking", "training"),
    ),
    _DynamicSpec(
        "pmm",
        "Pôle Mer Méditerranée",
        "competitiveness_cluster",
        "Provence-Alpes-Côte d’Azur",
        "Toulon, littoral méditerranéen",
        "Pôle de compétitivité de la mer en Méditerranée ; accompagne les TPE et PME "
        "dans leurs projets innovants.",
        ("préservation des océans", "plastique", "ports durables"),
        ("project_engineering", "matchmaking"),
    ),
    _DynamicSpec(
        "figeac",
        "PTCE Figeacteurs",
        "ptce",
        "Occitanie",
        "Figeac, Lot",
        "Pôle territorial de coopération économique du Grand Figeac. Porte la démarche "
        "« Start-up de territoire » : faire émerger des activités nouvelles à partir des "
        "besoins exprimés par les habitants et les entreprises.",
        ("start-up de territoire", "réemploi", "ingénierie de projets", "circuits courts"),
        ("project_engineering", "learning_visits", "pooling", "matchmaking"),
    ),
    _DynamicSpec(
        "jura",
        "Clus'ter Jura",
        "ptce",
        "Bourgogne-Franche-Comté",
        "Jura",
        "PTCE jurassien ; bureau d’ingénierie de projets d’intérêt collectif, rémunéré pour "
        "l’impulsion de nouvelles activités sur le territoire.",
        ("start-up de territoire", "économie de la fonctionnalité", "mobilité"),
        ("project_engineering", "matchmaking", "pooling", "training"),
    ),
    _DynamicSpec(
        "fc",
        "France Clusters",
        "other",
        None,
        "Réseau national",
        "Réseau national des clusters et pôles ; participe à la task force de l’étude-action.",
        ("réseau de clusters", "animation de réseau"),
        ("training", "learning_visits"),
    ),
    _DynamicSpec(
        "fabrique",
        "La Fabrique du Bocage",
        "third_place",
        "Hauts-de-France",
        "Fourmies, Avesnois",
        "Tiers-lieu rural installé dans une ancienne filature : fablab, atelier de "
        "réparation, café associatif et espace de travail partagé.",
        ("tiers-lieu rural", "réemploi", "fablab", "café associatif"),
        ("pooling", "training", "living_lab"),
    ),
    _DynamicSpec(
        "tzcld",
        "Territoire zéro chômeur Val de Sambre",
        "tzcld",
        "Hauts-de-France",
        "Maubeuge, Val de Sambre",
        "Expérimentation Territoires zéro chômeur de longue durée : une entreprise à but "
        "d’emploi crée des activités utiles au territoire avec les personnes privées "
        "durablement d’emploi.",
        ("entreprise à but d’emploi", "emploi", "réemploi"),
        ("project_engineering", "pooling"),
    ),
    _DynamicSpec(
        "monnaie",
        "Le Tournesol, monnaie locale du Lot",
        "local_currency",
        "Occitanie",
        "Lot",
        "Monnaie locale complémentaire acceptée par plus de deux cents prestataires du Lot.",
        ("monnaie locale", "circuits courts", "commerce de proximité"),
        ("matchmaking",),
    ),
    _DynamicSpec(
        "transition",
        "Lons en transition",
        "transition_initiative",
        "Bourgogne-Franche-Comté",
        "Lons-le-Saunier",
        "Initiative citoyenne de transition : repair café, jardins partagés, fresque du "
        "climat pour les entreprises.",
        ("transition écologique", "repair café", "jardins partagés"),
        ("training",),
    ),
    _DynamicSpec(
        "dp",
        "Collectif Dynamiques pionnières",
        "other",
        None,
        "Réseau national",
        "Le collectif des animateurs et animatrices issu de l’étude-action « Dynamiques "
        "pionnières de territoire » : séminaires communs, task force et visites apprenantes.",
        ("coopération", "récit commun", "visites apprenantes"),
        ("learning_visits", "training"),
    ),
)


class _PersonSpec(NamedTuple):
    key: str
    given: str | None
    family: str
    organisation: str
    actor_type: str
    function: str
    dynamics: str  # space-separated dynamic keys
    consent: str = ""  # "P": photos, "Q": quotes
    language: str = "fr"
    phone: str | None = None


COORDINATION = "Collectif Dynamiques pionnières"

# fmt: off
PEOPLE: tuple[_PersonSpec, ...] = (
    # The coordination team: organisers of most events and authors of the log.
    _PersonSpec("helene", "Hélène", "Marchand", COORDINATION, "association",
                "coordinatrice de l’étude-action", "dp", "PQ"),
    _PersonSpec("francois", "François", "Le Gall", COORDINATION, "association",
                "chargé de mission visites apprenantes", "dp", "PQ"),
    _PersonSpec("anais", "Anaïs", "Benhamou", COORDINATION, "association",
                "chargée de capitalisation", "dp", "PQ"),
    _PersonSpec("lea", "Léa", "Chevalier", COORDINATION, "association",
                "chargée de communication", "dp", "P"),
    # Nova Child and its territory.
    _PersonSpec("joel", "Joël", "Ménard", "Nova Child", "association",
                "directeur du cluster", "nova dp", "PQ"),
    _PersonSpec("zoe", "Zoé", "Lemaître", "Nova Child", "association",
                "animatrice du living lab", "nova", "PQ"),
    _PersonSpec("celine", "Céline", "Guérin", "Petits Pas Créations", "sme",
                "responsable innovation", "nova", "Q"),
    _PersonSpec("benoit", "Benoît", "Chauvière", "Groupe Enfance & Cie", "large_company",
                "directeur RSE", "nova"),
    _PersonSpec("maelle", "Maëlle", "Poirier", "Université d’Angers, campus de Cholet",
                "research", "maîtresse de conférences en psychologie du développement",
                "nova", "PQ"),
    _PersonSpec("gaetan", "Gaëtan", "Rousseau", "Ville de Cholet", "local_authority",
                "adjoint au développement économique", "nova"),
    _PersonSpec("ines", "Inès", "Ferreira", "Habitante du Choletais", "inhabitant",
                "mère de famille, membre du panel du living lab", "nova", "PQ"),
    _PersonSpec("fatoumata", "Fatoumata", "Diallo", "Mission locale du Choletais",
                "association", "conseillère en insertion", "nova"),
    # Pôle Mer Bretagne Atlantique.
    _PersonSpec("yann", "Yann", "Kerbrat", "Pôle Mer Bretagne Atlantique", "association",
                "chargé de mission pêche durable", "pmba dp", "Q"),
    _PersonSpec("gwenaelle", "Gwenaëlle", "Le Floc’h", "Pôle Mer Bretagne Atlantique",
                "association", "animatrice de la filière biotechnologies marines", "pmba"),
    _PersonSpec("erwan", "Erwan", "Quéméner", "Armement Iroise Pêche", "sme",
                "patron pêcheur", "pmba"),
    _PersonSpec("solene", "Solène", "Abgrall", "Océans propres Finistère", "ngo",
                "coordinatrice bénévole", "pmba", "PQ"),
    _PersonSpec("pieter", "Pieter", "van der Berg", "Laboratoire des sciences de la mer",
                "research", "chercheur invité, écologie marine", "pmba", "P", "en"),
    _PersonSpec("anne_sophie", "Anne-Sophie", "Hénaff", "Comité régional des pêches",
                "association", "chargée de mission environnement", "pmba"),
    # Pôle Mer Méditerranée.
    _PersonSpec("laurent", "Laurent", "Albertini", "Pôle Mer Méditerranée", "association",
                "chargé d’affaires", "pmm"),
    _PersonSpec("chloe", "Chloé", "Durand-Nakamura", "Pôle Mer Méditerranée", "association",
                "responsable des projets européens", "pmm dp", "PQ"),
    _PersonSpec("remi", "Rémi", "Castellani", "Chantier naval du Brusc", "micro_company",
                "gérant", "pmm"),
    _PersonSpec("nadia", "Nadia", "Haddad", "Mer vivante Méditerranée", "ngo",
                "chargée de sensibilisation", "pmm", "Q"),
    _PersonSpec("soren", "Søren", "Ørgaard", "Blue Commons Network", "ngo",
                "programme manager", "pmm", "PQ", "en"),
    # PTCE Figeacteurs and the Figeac area.
    _PersonSpec("elodie", "Élodie", "Vayssière", "Figeacteurs", "sse",
                "coordinatrice du PTCE", "figeac dp", "PQ"),
    _PersonSpec("thibault", "Thibault", "Lacoste", "Figeacteurs", "sse",
                "chargé de mission Start-up de territoire", "figeac", "PQ"),
    _PersonSpec("jeanne", "Jeanne", "Delpech", "Ressourcerie du Pays de Figeac", "sse",
                "directrice", "figeac", "Q"),
    _PersonSpec("bruno", "Bruno", "Falguières", "Mairie de Figeac", "local_authority",
                "conseiller municipal délégué à l’ESS", "figeac"),
    _PersonSpec("amelie", "Amélie", "Cassagne", "Habitante de Figeac", "inhabitant",
                "porteuse de projet d’épicerie itinérante", "figeac monnaie", "PQ"),
    _PersonSpec("karim", "Karim", "Bensaïd", "Scop Quercy Bois", "sse", "cogérant", "figeac"),
    _PersonSpec("marie_noelle", "Marie-Noëlle", "Lafon", "Lot Initiative", "association",
                "chargée d’accompagnement", "figeac"),
    _PersonSpec("hugo", "Hugo", "Marty", "Groupe Aéro-Quercy", "large_company",
                "responsable des achats responsables", "figeac"),
    _PersonSpec("dominique", "Dominique", "Peyrot", "Conseil citoyen de Figeac", "inhabitant",
                "membre du conseil citoyen", "figeac"),
    _PersonSpec("aurelien", "Aurélien", "Giraud", "Région Occitanie", "local_authority",
                "chargé de mission ESS", "figeac monnaie"),
    # Clus'ter Jura and Lons-le-Saunier.
    _PersonSpec("agnes", "Agnès", "Mouchot", "Clus'ter Jura", "sse", "coordinatrice",
                "jura dp", "PQ"),
    _PersonSpec("clement", "Clément", "Vuillermoz", "Clus'ter Jura", "sse",
                "chargé de mission économie de la fonctionnalité", "jura", "Q"),
    _PersonSpec("lucie", "Lucie", "Bourgeois-Jacquet", "Fromagerie coopérative du Revermont",
                "sse", "présidente", "jura"),
    _PersonSpec("stephane", "Stéphane", "Grappe", "Jura Mobilités Partagées", "micro_company",
                "fondateur", "jura transition"),
    _PersonSpec("perrine", "Perrine", "Cuenot", "Conseil départemental du Jura",
                "local_authority", "chargée de mission ESS", "jura"),
    _PersonSpec("berenice", "Bérénice", "Faure", "Région Bourgogne-Franche-Comté",
                "local_authority", "cheffe de projet innovation sociale", "jura"),
    _PersonSpec("sylvie", "Sylvie", "Perrard", "Lons en transition", "association",
                "co-animatrice", "transition", "PQ"),
    _PersonSpec("adrien", "Adrien", "Colin", "Habitant de Lons-le-Saunier", "inhabitant",
                "bénévole du repair café", "transition"),
    # France Clusters.
    _PersonSpec("mathieu", "Mathieu", "Delorme", "France Clusters", "association",
                "chargé de mission réseau", "fc dp", "Q"),
    _PersonSpec("aurelie", "Aurélie", "Faucher", "France Clusters", "association",
                "responsable formation", "fc"),
    # La Fabrique du Bocage, tiers-lieu.
    _PersonSpec("noemie", "Noémie", "Lefebvre", "La Fabrique du Bocage", "association",
                "coordinatrice du tiers-lieu", "fabrique dp", "PQ"),
    _PersonSpec("theo", "Théo", "Dupont-Mercier", "La Fabrique du Bocage", "association",
                "fabmanager", "fabrique", "P"),
    _PersonSpec("ghislaine", "Ghislaine", "Vandenbussche", "Habitante de Fourmies",
                "inhabitant", "bénévole de l’atelier de réparation", "fabrique", "PQ"),
    _PersonSpec("kevin", "Kévin", "Lemaire", "Compagnie Les Tisserands", "culture",
                "metteur en scène", "fabrique"),
    # Territoire zéro chômeur Val de Sambre.
    _PersonSpec("sandrine", "Sandrine", "Delattre", "Territoire zéro chômeur Val de Sambre",
                "association", "cheffe de projet", "tzcld dp", "PQ"),
    _PersonSpec("mohamed", "Mohamed", "Aït-Ouali", "EBE Sambre Active", "sse",
                "directeur de l’entreprise à but d’emploi", "tzcld", "Q"),
    _PersonSpec("jacqueline", "Jacqueline", "Wattiez", "Comité local pour l’emploi",
                "inhabitant", "membre du comité local", "tzcld", "PQ"),
    _PersonSpec("olivier", "Olivier", "Carpentier",
                "Communauté d’agglomération Maubeuge Val de Sambre", "local_authority",
                "vice-président chargé de l’emploi", "tzcld"),
    _PersonSpec("ludovic", "Ludovic", "Hamon", "Région Hauts-de-France", "local_authority",
                "chargé de mission tiers-lieux", "tzcld fabrique"),
    # Le Tournesol, monnaie locale.
    _PersonSpec("camille", "Camille", "Rigal", "Le Tournesol", "association",
                "animatrice du réseau des prestataires", "monnaie", "Q"),
    _PersonSpec("pascal", "Pascal", "Bouyssou", "Boulangerie Bouyssou", "micro_company",
                "artisan boulanger, prestataire agréé", "monnaie"),
    # Researchers, partners and facilitators around the collective.
    _PersonSpec("lan", "Thị Lan", "Nguyễn", "Université Toulouse Jean-Jaurès", "research",
                "doctorante en économie territoriale", "dp", "Q"),
    _PersonSpec("cagla", "Çağla", "Yıldız", "Réseau européen des économies solidaires", "ngo",
                "chargée de projets européens", "dp", "PQ", "en"),
    _PersonSpec("eleanor", "Eleanor", "Whitfield", "Community Transition Hub", "ngo",
                "network coordinator", "transition", "P", "en"),
    _PersonSpec("josselin", "Josselin", "Le Bihan", "Banque solidaire de l’Ouest",
                "large_company", "chargé d’affaires ESS", "pmba"),
    _PersonSpec("margaux", "Margaux", "Reynaud", "Tisser les liens", "micro_company",
                "facilitatrice, consultante en coopération", "dp", "PQ"),
    _PersonSpec("raphael", "Raphaël", "Azoulay", "Atelier Sillages", "culture",
                "facilitateur graphique", "dp", "P"),
)
# fmt: on


class _HostSpec(NamedTuple):
    key: str
    name: str
    actor_type: str
    address_line1: str
    address_line2: str | None
    postal_code: str
    city: str
    capacity: int
    accessibility: str
    contact: str
    dynamics: str
    notes: str | None = None


# fmt: off
HOSTS: tuple[_HostSpec, ...] = (
    _HostSpec("nova", "Nova Child — espace d’innovation", "association",
              "14 rue du Puy-Saint-Bonnet", None, "49300", "Cholet", 40,
              "Salles de plain-pied, accessibles en fauteuil ; parking devant le bâtiment.",
              "joel", "nova", "Le living lab occupe l’aile est ; prévoir des badges."),
    _HostSpec("petits_pas", "Petits Pas Créations", "sme",
              "5 rue de l’Aubrière", "Zone industrielle du Cormier", "49300", "Cholet", 15,
              "Atelier accessible ; salle de réunion à l’étage sans ascenseur.",
              "celine", "nova"),
    _HostSpec("campus_cholet", "Université d’Angers — campus de Cholet", "research",
              "27 boulevard Pierre-Lecoq", None, "49300", "Cholet", 80,
              "Amphithéâtre accessible, boucle magnétique.", "maelle", "nova"),
    _HostSpec("pmba", "Pôle Mer Bretagne Atlantique", "association",
              "18 rue Jim-Sévellec", "Technopôle Brest-Iroise", "29200", "Brest", 35,
              "Accessible en fauteuil ; tram A arrêt « Technopôle » à 10 minutes à pied.",
              "yann", "pmba"),
    _HostSpec("pmm", "Pôle Mer Méditerranée", "association",
              "22 forum de la Méditerranée", "Technopôle de la Mer", "83190", "Ollioules", 30,
              "Ascenseur ; parking visiteurs.", "laurent", "pmm"),
    _HostSpec("figeac", "Figeacteurs — espace coopératif", "sse",
              "11 rue de Colomb", None, "46100", "Figeac", 30,
              "Rez-de-chaussée accessible ; gare de Figeac à 8 minutes à pied.",
              "elodie", "figeac monnaie"),
    _HostSpec("ressourcerie", "Ressourcerie du Pays de Figeac", "sse",
              "7 chemin de Lafarrière", "Zone artisanale de Lafarrière", "46100", "Figeac", 20,
              "Magasin et atelier de plain-pied ; sol irrégulier dans la cour.",
              "jeanne", "figeac"),
    _HostSpec("mairie_figeac", "Mairie de Figeac — salle du conseil", "local_authority",
              "8 place Vival", None, "46100", "Figeac", 60,
              "Ascenseur depuis la cour intérieure.", "bruno", "figeac"),
    _HostSpec("jura", "Clus'ter Jura — Maison de l’économie sociale", "sse",
              "7 rue Lecourbe", None, "39000", "Lons-le-Saunier", 25,
              "Salle au premier étage avec ascenseur.", "agnes", "jura transition"),
    _HostSpec("fabrique", "La Fabrique du Bocage", "association",
              "21 rue des Tisserands", "Ancienne filature", "59610", "Fourmies", 60,
              "Grande halle de plain-pied, toilettes adaptées ; hébergement en gîtes à 2 km.",
              "noemie", "fabrique tzcld",
              "Repas préparés par le café associatif ; prévenir dix jours avant."),
    _HostSpec("ebe", "EBE Sambre Active", "sse",
              "4 rue de la Verrerie", None, "59600", "Maubeuge", 20,
              "Ateliers accessibles ; salle de pause à l’étage.", "mohamed", "tzcld"),
)
# fmt: on


class _Item(NamedTuple):
    """A programme item: day, start and end times, title, speaker."""

    day: str
    start: str
    end: str
    title: str
    speaker: str | None = None


class _EventSpec(NamedTuple):
    title: str
    kind: str
    status: str
    start: datetime
    end: datetime
    organiser: str
    host: str | None = None
    location: str | None = None
    online_url: str | None = None
    visit_question: str | None = None
    objectives: str | None = None
    capacity: int | None = None
    fee_cents: int | None = None
    sequence: int = 0
    visiting: str = ""
    visited: str = ""
    programme: tuple[_Item, ...] = ()
    # (person key, role, status); waiting-list positions follow the order given.
    participants: tuple[tuple[str, str, str], ...] = ()
    invited_on: datetime | None = None
    # (person key, day, half-day) missed by an accepted participant of a past event.
    absences: tuple[tuple[str, str, str], ...] = ()


VISIT_NOVA = "Visite apprenante chez Nova Child"
VISIT_FIGEAC = "Visite apprenante à Figeac : la démarche Start-up de territoire"
SEMINAR = "Séminaire commun des animateurs — coopérer avec les habitants"
MEETING = "Réunion de la task force — préparation du séminaire commun"
WORKSHOP = "Atelier modèle économique : cotisations, prestations et séminaires payants"

# Short names keep the participant lists below one line per few people.
ORG, HST, SPK, PAR, OBS = "organiser", "host", "speaker", "participant", "observer"
ACC = "accepted"

# fmt: off
EVENTS: tuple[_EventSpec, ...] = (
    _EventSpec(
        VISIT_NOVA,
        "visit",
        "done",
        _paris("2026-05-19", "09:30"),
        _paris("2026-05-19", "17:00"),
        organiser="helene",
        host="nova",
        visit_question="Comment un cluster crée-t-il un living lab utile à ses membres ?",
        objectives="Comprendre comment Nova Child a construit son observatoire des tendances "
        "et son living lab ; repérer ce qu’un PTCE ou un tiers-lieu peut en transposer.",
        capacity=15,
        visiting="figeac jura fabrique dp",
        visited="nova",
        programme=(
            _Item("2026-05-19", "09:30", "10:00", "Accueil café et tour de table", "Joël Ménard"),
            _Item("2026-05-19", "10:00", "11:15",
                  "L’observatoire des tendances de l’univers de l’enfant", "Joël Ménard"),
            _Item("2026-05-19", "11:30", "12:30",
                  "Visite du living lab : des familles testent les produits", "Zoé Lemaître"),
            _Item("2026-05-19", "14:00", "15:30",
                  "Témoignage d’une PME membre", "Céline Guérin, Petits Pas Créations"),
            _Item("2026-05-19", "15:45", "17:00",
                  "Atelier : qu’est-ce qu’on transpose chez nous ?", "Hélène Marchand"),
        ),
        participants=(
            ("helene", ORG, ACC), ("joel", HST, ACC), ("zoe", SPK, ACC), ("celine", SPK, ACC),
            ("maelle", PAR, ACC), ("francois", ORG, ACC), ("elodie", PAR, ACC),
            ("agnes", PAR, ACC), ("noemie", PAR, ACC), ("clement", PAR, ACC),
            ("mathieu", OBS, ACC), ("ines", PAR, ACC),
        ),
        invited_on=_paris("2026-04-07", "10:00"),
        absences=(("mathieu", "2026-05-19", "pm"), ("maelle", "2026-05-19", "am")),
    ),
    _EventSpec(
        VISIT_FIGEAC,
        "visit",
        "done",
        _paris("2026-09-24", "10:00"),
        _paris("2026-09-25", "12:30"),
        organiser="francois",
        host="figeac",
        visit_question="Comment faire émerger des activités nouvelles à partir des besoins "
        "exprimés par le territoire ?",
        objectives="Découvrir la démarche Start-up de territoire, rencontrer des porteurs de "
        "projets et comprendre le modèle économique d’un PTCE bureau d’ingénierie.",
        capacity=16,
        visiting="nova jura tzcld fabrique dp",
        visited="figeac monnaie",
        programme=(
            _Item("2026-09-24", "10:00", "12:00",
                  "Start-up de territoire : de la soirée de créativité aux activités",
                  "Élodie Vayssière et Thibault Lacoste"),
            _Item("2026-09-24", "14:00", "16:00",
                  "Visite de la Ressourcerie du Pays de Figeac", "Jeanne Delpech"),
            _Item("2026-09-24", "16:30", "18:00",
                  "Rencontre avec des porteurs de projets", "Amélie Cassagne, Karim Bensaïd"),
            _Item("2026-09-25", "09:00", "10:30",
                  "Le regard de la collectivité", "Bruno Falguières"),
            _Item("2026-09-25", "10:45", "12:30",
                  "Atelier : nos idées à transposer", "François Le Gall"),
        ),
        participants=(
            ("francois", ORG, ACC), ("elodie", HST, ACC), ("thibault", SPK, ACC),
            ("jeanne", SPK, ACC), ("bruno", SPK, ACC), ("amelie", PAR, ACC), ("helene", ORG, ACC),
            ("zoe", PAR, ACC), ("agnes", PAR, ACC), ("sandrine", PAR, ACC), ("noemie", PAR, ACC),
            ("camille", PAR, ACC), ("lan", OBS, ACC),
        ),
        invited_on=_paris("2026-07-02", "09:15"),
        absences=(("bruno", "2026-09-24", "am"), ("zoe", "2026-09-25", "am")),
    ),
    _EventSpec(
        SEMINAR,
        "seminar",
        "confirmed",
        _paris("2027-02-11", "09:30"),
        _paris("2027-02-12", "16:00"),
        organiser="helene",
        host="fabrique",
        objectives="Partager nos pratiques d’implication des habitants ; tirer les leçons "
        "des visites de l’année ; préparer le récit commun 2027.",
        capacity=18,
        fee_cents=4500,
        sequence=1,
        visiting="nova pmba pmm figeac jura fc monnaie transition dp",
        visited="fabrique tzcld",
        programme=(
            _Item("2027-02-11", "09:30", "10:30",
                  "Ouverture : ce que les visites nous ont appris", "Hélène Marchand"),
            _Item("2027-02-11", "10:45", "12:30",
                  "Impliquer les habitants dans un tiers-lieu rural", "Noémie Lefebvre"),
            _Item("2027-02-11", "14:00", "17:30",
                  "Visite de l’entreprise à but d’emploi", "Sandrine Delattre, Mohamed Aït-Ouali"),
            _Item("2027-02-12", "09:00", "12:00",
                  "Ateliers croisés clusters, pôles et PTCE", "Margaux Reynaud"),
            _Item("2027-02-12", "13:30", "16:00",
                  "Récit commun et suites à donner", "Anaïs Benhamou"),
        ),
        participants=(
            ("helene", ORG, ACC), ("francois", ORG, ACC), ("anais", ORG, ACC),
            ("noemie", HST, ACC), ("sandrine", SPK, ACC), ("mohamed", SPK, ACC),
            ("margaux", SPK, ACC), ("joel", PAR, ACC), ("yann", PAR, ACC), ("chloe", PAR, ACC),
            ("elodie", PAR, ACC), ("agnes", PAR, ACC), ("mathieu", OBS, ACC),
            ("camille", PAR, ACC), ("sylvie", PAR, ACC), ("ghislaine", PAR, ACC),
            ("raphael", SPK, ACC), ("lan", OBS, ACC), ("cagla", PAR, "tentative"),
            ("zoe", PAR, "tentative"), ("laurent", PAR, "declined"), ("aurelie", PAR, "declined"),
            ("ludovic", OBS, "invited"), ("eleanor", PAR, "invited"),
            ("thibault", PAR, "waitlisted"), ("clement", PAR, "waitlisted"),
            ("jacqueline", PAR, "waitlisted"),
        ),
        invited_on=_paris("2026-11-12", "10:00"),
    ),
    _EventSpec(
        MEETING,
        "meeting",
        "planned",
        _paris("2026-12-15", "14:00"),
        _paris("2026-12-15", "16:30"),
        organiser="anais",
        location="Visioconférence",
        online_url="https://visio.example.org/task-force-dynamiques-pionnieres",
        objectives="Arrêter le déroulé du séminaire de Fourmies et la répartition des "
        "ateliers.",
        visiting="dp fc",
        participants=(
            ("anais", ORG, ACC), ("helene", ORG, ACC), ("francois", PAR, ACC),
            ("mathieu", PAR, ACC), ("elodie", PAR, "tentative"), ("agnes", PAR, ACC),
            ("noemie", PAR, "invited"), ("chloe", PAR, "declined"),
        ),
        invited_on=_paris("2026-11-20", "11:30"),
    ),
    _EventSpec(
        WORKSHOP,
        "workshop",
        "draft",
        _paris("2027-03-18", "14:00"),
        _paris("2027-03-18", "17:30"),
        organiser="agnes",
        host="jura",
        visit_question="Comment conjuguer cotisations des membres, prestations et "
        "financements publics ?",
        capacity=20,
        visiting="dp",
        visited="jura",
    ),
)
# fmt: on


class _DebriefSpec(NamedTuple):
    event: str
    finalised: datetime
    authors: tuple[str, ...]
    context: str
    what_we_saw: str
    ideas: str
    takeaways: tuple[tuple[str, str], ...]  # (text, challenge code)
    quotes: tuple[tuple[str, str], ...]  # (person key, text)
    actions: tuple[tuple[str, str, date, bool], ...]  # (text, owner key, due, done)


DEBRIEFS: tuple[_DebriefSpec, ...] = (
    _DebriefSpec(
        VISIT_NOVA,
        _paris("2026-06-02", "16:40"),
        ("helene", "francois"),
        context="Première visite apprenante du cycle 2026. Les PTCE et le tiers-lieu du "
        "collectif cherchent à construire des services utiles à leurs membres ; Nova Child "
        "a accepté de nous montrer son observatoire et son living lab.",
        what_we_saw="Une équipe d’animation de quatre personnes qui parle aussi bien aux "
        "PME qu’aux chercheurs et aux familles. L’observatoire des tendances publie une note "
        "trimestrielle lue par tous les membres. Au living lab, un panel de familles du "
        "Choletais teste des prototypes ; les tests sont facturés aux entreprises.",
        ideas="Constituer un panel d’habitants à la Fabrique du Bocage pour tester les "
        "objets réparés ; proposer aux membres de Clus'ter Jura une veille partagée sur "
        "l’économie de la fonctionnalité ; facturer certaines mises en relation.",
        takeaways=(
            (
                "Partir de l’intérêt des membres : le living lab est né d’une demande des PME "
                "qui voulaient tester leurs produits auprès de vraies familles.",
                "service_offer",
            ),
            (
                "Une petite équipe d’animation « traductrice » entre entreprises, chercheurs et "
                "familles fait vivre la coopération dans la durée.",
                "lasting_cooperation",
            ),
            (
                "Les tests du living lab sont facturés : une ressource propre qui complète les "
                "cotisations.",
                "business_model",
            ),
            (
                "Ouvrir le panel aux habitants du Choletais valorise le savoir-faire local et "
                "aide à attirer de nouveaux talents.",
                "inhabitant_involvement",
            ),
            (
                "Le réemploi et la location de matériel de puériculture restent peu abordés par "
                "les membres.",
                "societal_concerns",
            ),
        ),
        quotes=(
            (
                "joel",
                "On ne crée pas un service pour les membres, on le crée avec eux ; "
                "sinon personne ne s’en sert.",
            ),
            (
                "ines",
                "Tester un siège auto avec ma fille, c’était la première fois qu’une "
                "entreprise d’ici me demandait mon avis.",
            ),
        ),
        actions=(
            (
                "Envoyer aux participants la grille d’évaluation du living lab",
                "zoe",
                date(2026, 6, 15),
                True,
            ),
            (
                "Organiser un échange entre le living lab et la Fabrique du Bocage sur les "
                "panels d’habitants",
                "noemie",
                date(2026, 10, 31),
                False,
            ),
            (
                "Rédiger une fiche « réemploi et économie de la fonctionnalité dans l’univers "
                "de l’enfant »",
                "anais",
                date(2027, 1, 31),
                False,
            ),
            (
                "Présenter la démarche de Nova Child au séminaire commun",
                "helene",
                date(2027, 2, 11),
                False,
            ),
        ),
    ),
    _DebriefSpec(
        VISIT_FIGEAC,
        _paris("2026-10-09", "11:05"),
        ("francois", "anais"),
        context="Deuxième visite du cycle. Plusieurs dynamiques veulent faire émerger des "
        "activités nouvelles sans tout porter elles-mêmes : Figeacteurs pratique la démarche "
        "Start-up de territoire depuis plusieurs années.",
        what_we_saw="Une soirée de créativité a réuni plus de cent habitants ; les idées "
        "retenues sont accompagnées par le PTCE jusqu’à la création d’activités. La "
        "Ressourcerie est née ainsi. La mairie finance une partie de l’ingénierie ; une part "
        "du chiffre d’affaires des activités créées revient au PTCE.",
        ideas="Tester une soirée de créativité à Maubeuge avec l’entreprise à but d’emploi ; "
        "inviter Le Tournesol dans les ateliers pour ancrer les nouvelles activités dans les "
        "circuits courts ; documenter la rétrocession de chiffre d’affaires.",
        takeaways=(
            (
                "Les besoins du territoire, exprimés par les habitants, sont le point de départ "
                "des activités accompagnées.",
                "inhabitant_involvement",
            ),
            (
                "Le PTCE se rémunère comme bureau d’ingénierie de projets d’intérêt collectif, "
                "avec une rétrocession sur les activités créées.",
                "business_model",
            ),
            (
                "Des petites victoires rapides (la Ressourcerie) cimentent la coopération "
                "entre acteurs très différents.",
                "lasting_cooperation",
            ),
            (
                "L’accompagnement des porteurs de projets est le cœur de l’offre de services.",
                "service_offer",
            ),
        ),
        quotes=(
            (
                "elodie",
                "Notre métier, c’est de transformer une envie d’habitant en activité "
                "économique qui tient debout.",
            ),
            (
                "amelie",
                "Sans le PTCE, mon épicerie serait restée une idée griffonnée sur un post-it.",
            ),
        ),
        actions=(
            (
                "Partager le kit d’animation de la soirée de créativité",
                "thibault",
                date(2026, 10, 15),
                True,
            ),
            ("Étudier une soirée de créativité à Maubeuge", "sandrine", date(2026, 11, 15), False),
            (
                "Rédiger une note sur la rétrocession de chiffre d’affaires au PTCE",
                "lan",
                date(2027, 1, 15),
                False,
            ),
        ),
    ),
)


class _LogSpec(NamedTuple):
    day: date
    kind: str
    title: str
    text: str
    author: str
    dynamics: str = ""
    event: str | None = None


LOG: tuple[_LogSpec, ...] = (
    _LogSpec(
        date(2026, 1, 20),
        "milestone",
        "Lancement du cycle 2026 des visites apprenantes",
        "Réunis à distance, les animateurs du collectif ont décidé de consacrer l’année à "
        "deux questions : les services utiles aux membres et l’implication des habitants.",
        "helene",
        "dp",
    ),
    _LogSpec(
        date(2026, 3, 10),
        "decision",
        "Deux visites retenues : Nova Child et Figeacteurs",
        "La task force a retenu une visite chez un cluster et une chez un PTCE, pour croiser "
        "les cultures. France Clusters fera le lien avec les autres clusters du réseau.",
        "francois",
        "dp nova figeac fc",
    ),
    _LogSpec(
        date(2026, 5, 19),
        "visit",
        VISIT_NOVA,
        "Douze participants à Cholet. Le living lab a beaucoup marqué : « on le crée avec "
        "eux », nous a dit Joël Ménard. La Fabrique du Bocage veut constituer son propre "
        "panel d’habitants.",
        "helene",
        "nova fabrique",
        VISIT_NOVA,
    ),
    _LogSpec(
        date(2026, 9, 25),
        "visit",
        "Deux jours à Figeac avec Figeacteurs",
        "Nous avons suivi la démarche Start-up de territoire de la soirée de créativité "
        "jusqu’à la Ressourcerie. Le Territoire zéro chômeur Val de Sambre envisage de "
        "tester la démarche à Maubeuge.",
        "francois",
        "figeac tzcld",
        VISIT_FIGEAC,
    ),
    _LogSpec(
        date(2026, 10, 14),
        "decision",
        "Le séminaire commun sera payant",
        "Pour couvrir les repas et la facilitation, le séminaire de Fourmies coûtera 45 € "
        "par participant. Les habitants invités en sont exonérés.",
        "anais",
        "dp fabrique",
    ),
    _LogSpec(
        date(2026, 11, 12),
        "note",
        "Invitations envoyées pour le séminaire de Fourmies",
        "Vingt-sept personnes invitées pour dix-huit places : une liste d’attente est "
        "ouverte. Les partenaires européens ont reçu l’invitation en anglais.",
        "helene",
        "dp",
        SEMINAR,
    ),
    _LogSpec(
        date(2026, 11, 20),
        "seminar",
        "Programme du séminaire arrêté avec la Fabrique du Bocage",
        "Une demi-journée sera consacrée à la visite de l’entreprise à but d’emploi de "
        "Maubeuge ; Raphaël Azoulay assurera la facilitation graphique.",
        "anais",
        "fabrique tzcld",
        SEMINAR,
    ),
    _LogSpec(
        date(2026, 11, 24),
        "note",
        "Relance des suites à donner",
        "Deux actions issues des visites sont en retard. Noémie et Sandrine proposent d’en "
        "faire le point au séminaire plutôt que par courriel.",
        "francois",
        "dp",
    ),
)


# Progress units of the small demo: one per headline record.
_SMALL_TOTAL = len(DYNAMICS) + len(HOSTS) + len(PEOPLE) + len(EVENTS) + len(DEBRIEFS) + len(LOG)


# =================================================================================================
# Small demo: the builders
# =================================================================================================


def _phone(index: int) -> str:
    """A deterministic French mobile number, written the French way."""
    digits = f"{(index * 7_919 + 1_234_567) % 100_000_000:08d}"
    prefix = "06" if index % 3 else "07"
    return " ".join([prefix, *(digits[i : i + 2] for i in range(0, 8, 2))])


def _build_dynamic(spec: _DynamicSpec) -> Dynamic:
    tags = sorted(set(spec.tags), key=fold)
    return Dynamic(
        name=spec.name,
        kind=spec.kind,
        region=spec.region,
        territory=spec.territory,
        description=_typo_opt(spec.description),
        tags=[DynamicTag(tag=t) for t in tags],
        services=[DynamicService(service=Service(s).value) for s in sorted(spec.services)],
        search_key=search_key(spec.name, spec.region, spec.territory, *tags),
    )


def _build_person(index: int, spec: _PersonSpec, dynamics: dict[str, Dynamic]) -> Person:
    consented = bool(spec.consent)
    person = Person(
        given_name=spec.given,
        family_name=spec.family,
        email=_email(spec.given, spec.family),
        phone=spec.phone or _phone(index),
        organisation=spec.organisation,
        actor_type=ActorType(spec.actor_type).value,
        function=spec.function,
        preferred_language=spec.language,
        consent_photos="P" in spec.consent,
        consent_quotes="Q" in spec.consent,
        consent_date=date(2026, 1, 5) + timedelta(days=index * 3) if consented else None,
        dynamics=[dynamics[k] for k in spec.dynamics.split()],
    )
    _person_keys(person)
    return person


def _build_host(spec: _HostSpec, people: dict[str, Person], dynamics: dict[str, Dynamic]) -> Host:
    return Host(
        name=spec.name,
        actor_type=ActorType(spec.actor_type).value,
        address_line1=spec.address_line1,
        address_line2=spec.address_line2,
        postal_code=spec.postal_code,
        city=spec.city,
        country="FR",
        capacity=spec.capacity,
        accessibility=_typo_opt(spec.accessibility),
        notes=_typo_opt(spec.notes),
        contact_person=people[spec.contact],
        dynamics=[dynamics[k] for k in spec.dynamics.split()],
        search_key=search_key(spec.name, spec.city, spec.postal_code),
    )


def _half_days(start: datetime, end: datetime) -> list[tuple[date, str]]:
    """The half-days an event covers, as on its sign-in sheet."""
    first, last = start.date(), end.date()
    found = []
    day = first
    while day <= last:
        if not (day == first and start.hour >= 13):
            found.append((day, "am"))
        if not (day == last and end.hour < 14):
            found.append((day, "pm"))
        day += timedelta(days=1)
    return found


def _build_event(
    spec: _EventSpec,
    people: dict[str, Person],
    hosts: dict[str, Host],
    dynamics: dict[str, Dynamic],
) -> Event:
    event = Event(
        uid=_uid(spec.title),
        sequence=spec.sequence,
        kind=spec.kind,
        title=spec.title,
        visit_question=_typo_opt(spec.visit_question),
        objectives=_typo_opt(spec.objectives),
        starts_at=spec.start,
        ends_at=spec.end,
        timezone="Europe/Paris",
        all_day=False,
        host=hosts[spec.host] if spec.host else None,
        location=spec.location,
        online_url=spec.online_url,
        capacity=spec.capacity,
        fee_cents=spec.fee_cents,
        status=spec.status,
        organiser=people[spec.organiser],
    )
    event.search_key = search_key(event.title, event.location, event.visit_question)
    event.dynamic_links = [
        EventDynamic(dynamic=dynamics[k], side=side)
        for side, keys in (("visiting", spec.visiting), ("visited", spec.visited))
        for k in keys.split()
    ]
    event.programme = [
        ProgrammeItem(
            position=position,
            starts_at=_paris(item.day, item.start),
            ends_at=_paris(item.day, item.end),
            title=_typo(item.title),
            speaker=item.speaker,
        )
        for position, item in enumerate(spec.programme)
    ]
    event.participations = _build_participations(spec, people)
    return event


def _build_participations(spec: _EventSpec, people: dict[str, Person]) -> list[Participation]:
    """The list with its answers, waiting list in order, and attendance for past events."""
    half_days = _half_days(spec.start, spec.end) if spec.status == "done" else []
    missed = {(key, date.fromisoformat(day), half) for key, day, half in spec.absences}
    waitlist = 0
    found = []
    for index, (key, role, status) in enumerate(spec.participants):
        position = None
        if status == "waitlisted":
            waitlist += 1
            position = waitlist
        invited_at = spec.invited_on
        responded_at = None
        if invited_at is not None and status != "invited":
            responded_at = invited_at + timedelta(days=1 + index % 3, hours=index % 7)
        participation = Participation(
            person=people[key],
            role=role,
            status=status,
            waitlist_position=position,
            to_notify=False,
            invited_at=invited_at,
            responded_at=responded_at,
            reply_sequence=spec.sequence if responded_at else None,
        )
        if status == "accepted":
            participation.attendance = [
                Attendance(day=day, half_day=half, present=(key, day, half) not in missed)
                for day, half in half_days
            ]
        found.append(participation)
    return found


def _build_debrief(spec: _DebriefSpec, event: Event, people: dict[str, Person]) -> Debrief:
    for key, _text in spec.quotes:
        if not people[key].consent_quotes:  # pragma: no cover - guards the data above
            raise ValueError(f"{key} has not agreed to be quoted")
    return Debrief(
        event=event,
        status="final",
        context=_typo_opt(spec.context),
        what_we_saw=_typo_opt(spec.what_we_saw),
        ideas_to_transpose=_typo_opt(spec.ideas),
        finalised_at=spec.finalised,
        authors=[people[k] for k in spec.authors],
        takeaways=[
            Takeaway(position=i, text=_typo(t), challenge=Challenge(c).value)
            for i, (t, c) in enumerate(spec.takeaways)
        ],
        quotes=[
            Quote(position=i, text=_typo(t), person=people[k])
            for i, (k, t) in enumerate(spec.quotes)
        ],
        actions=[
            FollowUpAction(position=i, text=_typo(t), owner=people[k], due_date=due, done=done)
            for i, (t, k, due, done) in enumerate(spec.actions)
        ],
    )


def _build_log_entry(
    spec: _LogSpec,
    origin: str | None,
    people: dict[str, Person],
    events: dict[str, Event],
    debriefs: dict[str, Debrief],
    dynamics: dict[str, Dynamic],
) -> LogEntry:
    event = events.get(spec.event) if spec.event else None
    debrief = debriefs.get(spec.event) if spec.event else None
    return LogEntry(
        uuid=_log_uuid(f"{spec.day.isoformat()} {spec.title}"),
        revision=1,
        entry_date=spec.day,
        title=spec.title,
        text=_typo(spec.text),
        kind=spec.kind,
        author=people[spec.author].full_name,
        event_id=event.id if event else None,
        debrief_id=debrief.id if debrief else None,
        origin=origin,
        search_key=search_key(spec.title, _typo(spec.text)),
        dynamics=[dynamics[k] for k in spec.dynamics.split()],
    )


def _load_small(session: Session, origin: str | None, ticker: _Ticker) -> None:
    dynamics = {spec.key: _build_dynamic(spec) for spec in DYNAMICS}
    session.add_all(dynamics.values())
    ticker.advance(len(dynamics))
    people = {spec.key: _build_person(i, spec, dynamics) for i, spec in enumerate(PEOPLE)}
    session.add_all(people.values())
    ticker.advance(len(people))
    hosts = {spec.key: _build_host(spec, people, dynamics) for spec in HOSTS}
    session.add_all(hosts.values())
    ticker.advance(len(hosts))
    events = {spec.title: _build_event(spec, people, hosts, dynamics) for spec in EVENTS}
    session.add_all(events.values())
    ticker.advance(len(events))
    debriefs = {spec.event: _build_debrief(spec, events[spec.event], people) for spec in DEBRIEFS}
    session.add_all(debriefs.values())
    ticker.advance(len(debriefs))
    session.flush()  # log entries refer to events and debriefs by id
    session.add_all(
        _build_log_entry(spec, origin, people, events, debriefs, dynamics) for spec in LOG
    )
    session.flush()
    ticker.finish()


# =================================================================================================
# Large demo: synthetic, deterministic, bulk-inserted
# =================================================================================================

LARGE_DYNAMICS = 200
LARGE_PEOPLE = 100_000
LARGE_HOSTS = 5_000
LARGE_EVENTS = 20_000
LARGE_PARTICIPATIONS = 200_000  # exactly 10 per event on average
LARGE_DEBRIEFS = 5_000
LARGE_LOG_ENTRIES = 3_000


def _large_total() -> int:
    """Progress units of the large demo: one per headline row."""
    return (
        LARGE_DYNAMICS
        + LARGE_PEOPLE
        + LARGE_HOSTS
        + LARGE_EVENTS
        + LARGE_PARTICIPATIONS
        + LARGE_DEBRIEFS
        + LARGE_LOG_ENTRIES
    )


# fmt: off
GIVEN_NAMES = (
    "Hélène", "François", "Zoé", "Anaïs", "Joël", "Maëlle", "Gaëtan", "Inès", "Noémie",
    "Théo", "Élodie", "Agnès", "Clément", "Bérénice", "Léa", "Chloé", "Rémi", "Solène",
    "Gwenaëlle", "Benoît", "Céline", "Aurélien", "Jérôme", "Loïc", "Mélanie", "Cécile",
    "Jean-Baptiste", "Marie-Claire", "Anne-Sophie", "Pierre", "Sophie", "Nicolas", "Julie",
    "Thomas", "Camille", "Lucas", "Manon", "Hugo", "Emma", "Louis", "Clémence", "Nathan",
    "Sarah", "Karim", "Yasmine", "Mohamed", "Fatoumata", "Aminata", "Mamadou", "Leïla",
    "Samir", "Nadia", "Ibrahim", "Aïcha", "Thị Lan", "Minh", "Çağla", "Emre", "Søren",
    "Ingrid", "Pieter", "Eleanor", "Ştefan", "Małgorzata", "Jérémie", "Gaëlle", "Yannick",
    "Maïwenn", "Ghislaine", "Sébastien", "Stéphanie", "Frédéric", "Valérie", "Éric",
    "Dominique", "Claude", "Noël", "Capucine", "Raphaël", "Eloïse", "Mathis", "Océane",
)

FAMILY_NAMES = (
    "Marchand", "Le Gall", "Benhamou", "Ménard", "Lemaître", "Guérin", "Chauvière", "Poirier",
    "Rousseau", "Ferreira", "Kerbrat", "Le Floc’h", "Quéméner", "Abgrall", "Hénaff",
    "Albertini", "Castellani", "Haddad", "Vayssière", "Lacoste", "Delpech", "Falguières",
    "Cassagne", "Bensaïd", "Lafon", "Mouchot", "Vuillermoz", "Bourgeois-Jacquet", "Cuenot",
    "Delorme", "Faucher", "Lefebvre", "Dupont-Mercier", "Vandenbussche", "Delattre",
    "Aït-Ouali", "Wattiez", "Carpentier", "Rigal", "Bouyssou", "Nguyễn", "Trần", "Yıldız",
    "Ørgaard", "Østergaard", "van der Berg", "Whitfield", "Müller", "Nowak", "Popescu",
    "Da Silva", "Gonçalves", "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard",
    "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia",
    "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier",
    "Blanc", "Lebreton", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier",
    "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier",
    "Masson", "Marchal", "Duval", "Denis", "Lemoine", "Aubert", "Barbier", "Brun", "Faure",
    "Rolland", "Benoît", "Colin", "Pierre", "Hervé", "Jégou", "Le Bihan", "Kervella",
    "N’Diaye", "Traoré", "Diallo", "Coulibaly", "El Amrani", "Bouzid", "Saïdi", "Mbappé",
)

# (city, postal code, region)
TOWNS = (
    ("Cholet", "49300", "Pays de la Loire"), ("Angers", "49000", "Pays de la Loire"),
    ("Nantes", "44000", "Pays de la Loire"), ("Saint-Nazaire", "44600", "Pays de la Loire"),
    ("Brest", "29200", "Bretagne"), ("Lorient", "56100", "Bretagne"),
    ("Quimper", "29000", "Bretagne"), ("Rennes", "35000", "Bretagne"),
    ("Toulon", "83000", "Provence-Alpes-Côte d’Azur"),
    ("Marseille", "13001", "Provence-Alpes-Côte d’Azur"),
    ("Nice", "06000", "Provence-Alpes-Côte d’Azur"), ("Figeac", "46100", "Occitanie"),
    ("Cahors", "46000", "Occitanie"), ("Rodez", "12000", "Occitanie"),
    ("Albi", "81000", "Occitanie"), ("Toulouse", "31000", "Occitanie"),
    ("Montpellier", "34000", "Occitanie"), ("Lons-le-Saunier", "39000", "Bourgogne-Franche-Comté"),
    ("Dole", "39100", "Bourgogne-Franche-Comté"), ("Besançon", "25000", "Bourgogne-Franche-Comté"),
    ("Dijon", "21000", "Bourgogne-Franche-Comté"),
    ("Chalon-sur-Saône", "71100", "Bourgogne-Franche-Comté"),
    ("Fourmies", "59610", "Hauts-de-France"), ("Maubeuge", "59600", "Hauts-de-France"),
    ("Lille", "59000", "Hauts-de-France"), ("Amiens", "80000", "Hauts-de-France"),
    ("Arras", "62000", "Hauts-de-France"), ("Lyon", "69001", "Auvergne-Rhône-Alpes"),
    ("Grenoble", "38000", "Auvergne-Rhône-Alpes"),
    ("Clermont-Ferrand", "63000", "Auvergne-Rhône-Alpes"),
    ("Saint-Étienne", "42000", "Auvergne-Rhône-Alpes"), ("Annecy", "74000", "Auvergne-Rhône-Alpes"),
    ("Strasbourg", "67000", "Grand Est"), ("Nancy", "54000", "Grand Est"),
    ("Metz", "57000", "Grand Est"), ("Reims", "51100", "Grand Est"),
    ("Tours", "37000", "Centre-Val de Loire"), ("Orléans", "45000", "Centre-Val de Loire"),
    ("Bourges", "18000", "Centre-Val de Loire"), ("Poitiers", "86000", "Nouvelle-Aquitaine"),
    ("Limoges", "87000", "Nouvelle-Aquitaine"), ("Bordeaux", "33000", "Nouvelle-Aquitaine"),
    ("Pau", "64000", "Nouvelle-Aquitaine"), ("La Rochelle", "17000", "Nouvelle-Aquitaine"),
    ("Caen", "14000", "Normandie"), ("Rouen", "76000", "Normandie"),
    ("Le Havre", "76600", "Normandie"), ("Paris", "75011", "Île-de-France"),
    ("Montreuil", "93100", "Île-de-France"), ("Ajaccio", "20000", "Corse"),
)

STREETS = (
    "rue de la République", "avenue Jean-Jaurès", "rue Victor-Hugo", "place de la Mairie",
    "rue des Tisserands", "chemin des Vignes", "boulevard Pasteur", "rue du Port",
    "allée des Tilleuls", "rue de l’Église", "quai des Chartrons", "rue Émile-Zola",
    "impasse des Artisans", "route de la Forêt", "rue Gambetta", "rue des Écoles",
)

# Name templates: {theme} from THEMES, {de_city} is "de Figeac", "d’Albi" or "du Havre".
DYNAMIC_PATTERNS = (
    ("cluster", "Cluster {theme} {de_city}"),
    ("competitiveness_cluster", "Pôle {theme} — {region}"),
    ("ptce", "PTCE du pays {de_city}"),
    ("third_place", "Tiers-lieu La Fabrique {de_city}"),
    ("tzcld", "Territoire zéro chômeur {de_city}"),
    ("local_currency", "Monnaie locale {de_city}"),
    ("transition_initiative", "{city} en transition"),
    ("other", "Réseau régional {theme}"),
)
THEMES = (
    "de l’enfant", "de la mer", "du bois", "du textile", "de l’alimentation", "du numérique",
    "du réemploi", "des mobilités", "de la santé", "de l’énergie", "du tourisme",
    "de la culture", "de l’habitat", "de la mécanique",
)
TAGS = (
    "réemploi", "économie de la fonctionnalité", "start-up de territoire", "pêche durable",
    "plastique", "living lab", "circuits courts", "mobilité", "fablab", "repair café",
    "observatoire des tendances", "entreprise à but d’emploi", "monnaie locale",
    "transition écologique", "innovation sociale", "formation", "mutualisation",
)
# Organisation templates with their actor type; {family} from FAMILY_NAMES.
ORG_FORMS = (
    ("Atelier {family}", "micro_company"), ("Groupe {family} Industries", "large_company"),
    ("{family} et fils", "sme"), ("Scop {family}", "sse"),
    ("Ressourcerie {de_city}", "sse"), ("Association des habitants {de_city}", "association"),
    ("Laboratoire d’économie {de_city}", "research"), ("Mairie {de_city}", "local_authority"),
    ("Collectif pour le climat {de_city}", "ngo"), ("Compagnie {family}", "culture"),
    ("Coopérative agricole {de_city}", "sse"), ("Maison de l’emploi {de_city}", "association"),
    ("Habitant·e {de_city}", "inhabitant"),
)
FUNCTIONS = (
    "animatrice", "animateur", "chargée de mission", "chargé de mission", "directrice",
    "directeur", "gérant", "présidente", "bénévole", "chercheuse", "élu", "cheffe de projet",
    "responsable innovation", "habitant", "habitante", "coordinatrice", "facilitateur",
)
# fmt: on
HOST_FORMS = tuple(form for form in ORG_FORMS if form[1] != "inhabitant")
LARGE_CREATED = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
_EPOCH = datetime(2019, 1, 7, 8, 0, tzinfo=UTC)
_EVENT_SPAN_DAYS = 10 * 365


def _chunks(rows: Iterable[dict[str, Any]], size: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _bulk(
    session: Session,
    table: Table,
    rows: Iterable[dict[str, Any]],
    ticker: _Ticker | None = None,
) -> int:
    """Inserts ``rows`` with executemany, ``CHUNK`` at a time; returns how many."""
    count = 0
    for batch in _chunks(rows):
        session.execute(insert(table), batch)
        count += len(batch)
        if ticker is not None:
            ticker.advance(len(batch))
    return count


def _stamps() -> dict[str, datetime]:
    return {"created_at": LARGE_CREATED, "updated_at": LARGE_CREATED}


def _large_dynamics(rng: random.Random) -> Iterator[dict[str, Any]]:
    for i in range(1, LARGE_DYNAMICS + 1):
        kind, template = DYNAMIC_PATTERNS[i % len(DYNAMIC_PATTERNS)]
        city, _postal, region = rng.choice(TOWNS)
        name = template.format(
            theme=rng.choice(THEMES), city=city, de_city=_de(city), region=region
        )
        tags = sorted(rng.sample(TAGS, rng.randint(1, 3)), key=fold)
        yield {
            "id": i,
            "name": name,
            "kind": kind,
            "region": region,
            "territory": city,
            "description": None,
            "website": None,
            "search_key": search_key(name, region, city, *tags),
            "deleted_at": None,
            **_stamps(),
            "_tags": tags,
            "_services": sorted(rng.sample(Service.codes(), rng.randint(1, 3))),
        }


def _large_people(rng: random.Random, organisations: list[tuple[str, str]]) -> Iterator[dict]:
    for i in range(1, LARGE_PEOPLE + 1):
        given = rng.choice(GIVEN_NAMES)
        family = rng.choice(FAMILY_NAMES)
        organisation, actor_type = rng.choice(organisations)
        email = _email(given, family, f".{i}")
        consent = rng.random() < 0.6
        yield {
            "id": i,
            "given_name": given,
            "family_name": family,
            "email": email,
            "email_key": email.casefold(),
            "phone": _phone(i),
            "organisation": organisation,
            "actor_type": actor_type,
            "function": rng.choice(FUNCTIONS),
            "preferred_language": "en" if rng.random() < 0.05 else "fr",
            "consent_photos": consent and rng.random() < 0.8,
            "consent_quotes": consent,
            "consent_date": date(2020, 1, 1) + timedelta(days=rng.randrange(2500))
            if consent
            else None,
            "notes": None,
            "search_key": search_key(given, family, email, organisation),
            "sort_key": search_key(family, given)[:320],
            "deleted_at": None,
            **_stamps(),
        }


def _de(place: str) -> str:
    """The French preposition before a place name: de Figeac, d’Albi, du Havre."""
    if place.startswith("Le "):
        return "du " + place[3:]
    if place[0] in "AEIOUÉÎ":
        return "d’" + place
    return "de " + place


def _organisation(rng: random.Random, city: str, host: bool = False) -> tuple[str, str]:
    """An organisation name and its actor type; hosts are never private inhabitants."""
    template, actor_type = rng.choice(HOST_FORMS if host else ORG_FORMS)
    return template.format(family=rng.choice(FAMILY_NAMES), de_city=_de(city)), actor_type


def _large_organisations(rng: random.Random) -> list[tuple[str, str]]:
    """A few thousand organisation names with their actor type, shared by people."""
    return [_organisation(rng, rng.choice(TOWNS)[0]) for _i in range(3_000)]


def _large_hosts(rng: random.Random) -> Iterator[dict]:
    for i in range(1, LARGE_HOSTS + 1):
        city, postal, _region = rng.choice(TOWNS)
        name, actor_type = _organisation(rng, city, host=True)
        yield {
            "id": i,
            "name": name,
            "actor_type": actor_type,
            "address_line1": f"{rng.randint(1, 180)} {rng.choice(STREETS)}",
            "address_line2": None,
            "postal_code": postal,
            "city": city,
            "country": "FR",
            "capacity": rng.choice((12, 15, 20, 25, 30, 40, 60, 80)),
            "accessibility": rng.choice(
                ("Accessible en fauteuil roulant.", "Salle à l’étage sans ascenseur.", None)
            ),
            "notes": None,
            "contact_person_id": rng.randint(1, LARGE_PEOPLE),
            "search_key": search_key(name, city, postal),
            "deleted_at": None,
            **_stamps(),
        }


_KINDS = ("visit", "visit", "visit", "seminar", "meeting", "meeting", "workshop")
_KIND_TITLES = {
    "visit": "Visite apprenante",
    "seminar": "Séminaire commun",
    "meeting": "Réunion de la task force",
    "workshop": "Atelier",
}
_TODAY_UTC = datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=UTC)


def _large_events(rng: random.Random) -> Iterator[dict]:
    for i in range(1, LARGE_EVENTS + 1):
        kind = rng.choice(_KINDS)
        start = _EPOCH + timedelta(days=rng.randrange(_EVENT_SPAN_DAYS), hours=rng.randint(0, 2))
        hours = 24 + 7 if kind == "seminar" else rng.choice((2, 3, 7))
        end = start + timedelta(hours=hours)
        if start < _TODAY_UTC:
            status = "cancelled" if rng.random() < 0.03 else "done"
        else:
            status = rng.choice(("draft", "planned", "planned", "confirmed"))
        host_id = rng.randint(1, LARGE_HOSTS) if kind != "meeting" else None
        theme = rng.choice(THEMES)
        title = f"{_KIND_TITLES[kind]} — filière {theme} (n° {i})"
        question = (
            f"Comment coopérer autour {theme} avec les habitants ?" if kind == "visit" else None
        )
        location = "Visioconférence" if host_id is None else None
        yield {
            "id": i,
            "uid": _uid(f"large:{i}"),
            "sequence": 0,
            "kind": kind,
            "title": title,
            "visit_question": question,
            "objectives": None,
            "starts_at": start,
            "ends_at": end,
            "timezone": "Europe/Paris",
            "all_day": False,
            "host_id": host_id,
            "location": location,
            "online_url": None,
            "capacity": rng.choice((None, 15, 20, 25, 30)),
            "fee_cents": rng.choice((3000, 4500, 6000)) if kind == "seminar" else None,
            "status": status,
            "organiser_id": rng.randint(1, LARGE_PEOPLE),
            "search_key": search_key(title, location, question),
            "deleted_at": None,
            **_stamps(),
        }


def _list_sizes(rng: random.Random) -> list[int]:
    """Participants per event: between 4 and 16, exactly LARGE_PARTICIPATIONS in all."""
    mean = LARGE_PARTICIPATIONS // LARGE_EVENTS
    sizes = [mean] * LARGE_EVENTS
    for i in range(0, LARGE_EVENTS - 1, 2):
        shift = rng.randint(-6, 6)
        sizes[i] += shift
        sizes[i + 1] -= shift
    return sizes


_FUTURE_STATUSES = ("accepted",) * 5 + ("invited", "invited", "tentative", "declined")


def _large_participations(rng: random.Random, events: list[dict]) -> Iterator[dict]:
    pid = 0
    for event, size in zip(events, _list_sizes(rng), strict=True):
        past = event["status"] in ("done", "cancelled")
        invited_at = event["starts_at"] - timedelta(days=30)
        waitlist = 0
        for rank, person_id in enumerate(rng.sample(range(1, LARGE_PEOPLE + 1), size)):
            pid += 1
            if past:
                status = "accepted" if rng.random() < 0.9 else "declined"
            elif event["capacity"] is not None and rank >= event["capacity"]:
                status = "waitlisted"
            else:
                status = rng.choice(_FUTURE_STATUSES)
            position = None
            if status == "waitlisted":
                waitlist += 1
                position = waitlist
            answered = status != "invited"
            yield {
                "id": pid,
                "event_id": event["id"],
                "person_id": person_id,
                "role": "organiser"
                if rank == 0
                else rng.choice(("participant",) * 6 + ("speaker", "host", "observer")),
                "status": status,
                "waitlist_position": position,
                "to_notify": False,
                "invited_at": invited_at,
                "responded_at": invited_at + timedelta(days=rng.randint(1, 20))
                if answered
                else None,
                "reply_sequence": 0 if answered else None,
                "delegated_to": None,
                "notes": None,
                **_stamps(),
            }


_TAKEAWAY_TEXTS = {
    "lasting_cooperation": "Partir de l’intérêt des membres et viser des petites victoires "
    "rapides.",
    "service_offer": "Un service né d’une demande des membres est utilisé dans la durée.",
    "business_model": "Les prestations facturées complètent les cotisations.",
    "societal_concerns": "Le réemploi devient un sujet que les entreprises veulent traiter.",
    "inhabitant_involvement": "Les habitants apportent des idées que les membres n’avaient pas.",
}


def _large_debriefs(
    rng: random.Random, session: Session, events: list[dict], ticker: _Ticker
) -> list[dict]:
    done = [e for e in events if e["status"] == "done"]
    chosen = sorted(rng.sample(done, LARGE_DEBRIEFS), key=lambda e: e["id"])
    debriefs, takeaways, authors, actions = [], [], [], []
    for i, event in enumerate(chosen, start=1):
        final = rng.random() < 0.9
        finished = event["ends_at"] + timedelta(days=rng.randint(3, 30))
        debriefs.append(
            {
                "id": i,
                "event_id": event["id"],
                "status": "final" if final else "draft",
                "context": f"Contexte de « {event['title']} ».",
                "what_we_saw": "Une équipe d’animation attentive aux membres.",
                "ideas_to_transpose": "Tester la démarche chez nous.",
                "finalised_at": finished if final else None,
                **_stamps(),
            }
        )
        for position, challenge in enumerate(rng.sample(Challenge.codes(), rng.randint(1, 2))):
            takeaways.append(
                {
                    "debrief_id": i,
                    "position": position,
                    "text": _TAKEAWAY_TEXTS[challenge],
                    "challenge": challenge,
                }
            )
        authors.append({"debrief_id": i, "person_id": event["organiser_id"]})
        actions.append(
            {
                "debrief_id": i,
                "position": 0,
                "text": "Partager le compte rendu avec les membres",
                "owner_id": event["organiser_id"],
                "due_date": (finished + timedelta(days=21)).date(),
                "done": rng.random() < 0.7,
            }
        )
    _bulk(session, Debrief.__table__, debriefs, ticker)
    _bulk(session, Takeaway.__table__, takeaways)
    _bulk(session, debrief_authors, authors)
    _bulk(session, FollowUpAction.__table__, actions)
    return debriefs


def _large_log(
    rng: random.Random, origin: str | None, debriefs: list[dict], events: list[dict]
) -> Iterator[dict]:
    by_id = {e["id"]: e for e in events}
    for i, debrief in enumerate(rng.sample(debriefs, LARGE_LOG_ENTRIES), start=1):
        event = by_id[debrief["event_id"]]
        title = event["title"]
        body = f"Retour sur « {title} » : une étape de plus dans notre récit commun."
        yield {
            "id": i,
            "uuid": _log_uuid(f"large:{i}"),
            "revision": 1,
            "entry_date": event["starts_at"].date(),
            "title": title,
            "text": body,
            "kind": "visit" if event["kind"] == "visit" else "note",
            "author": "Hélène Marchand",
            "event_id": event["id"],
            "debrief_id": debrief["id"],
            "photo_path": None,
            "origin": origin,
            "search_key": search_key(title, body),
            **_stamps(),
        }


def _load_large(session: Session, origin: str | None, ticker: _Ticker) -> None:
    """Writes the synthetic catalogue with explicit ids 1..n, parents before children.

    Explicit ids let children refer to parents without reading anything back; the
    tables are empty at this point (checked or just emptied by the caller).
    """
    rng = random.Random(LARGE_SEED)

    dynamics = list(_large_dynamics(rng))
    tags = [{"dynamic_id": d["id"], "tag": t} for d in dynamics for t in d.pop("_tags")]
    services = [{"dynamic_id": d["id"], "service": s} for d in dynamics for s in d.pop("_services")]
    _bulk(session, Dynamic.__table__, dynamics, ticker)
    _bulk(session, DynamicTag.__table__, tags)
    _bulk(session, DynamicService.__table__, services)

    organisations = _large_organisations(rng)
    _bulk(session, Person.__table__, _large_people(rng, organisations), ticker)
    _bulk(
        session,
        person_dynamics,
        (
            {"person_id": p, "dynamic_id": d}
            for p in range(1, LARGE_PEOPLE + 1)
            for d in rng.sample(range(1, LARGE_DYNAMICS + 1), rng.choice((0, 1, 1, 2)))
        ),
    )
    _bulk(session, Host.__table__, _large_hosts(rng), ticker)
    _bulk(
        session,
        host_dynamics,
        (
            {"host_id": h, "dynamic_id": rng.randint(1, LARGE_DYNAMICS)}
            for h in range(1, LARGE_HOSTS + 1)
        ),
    )

    events = list(_large_events(rng))
    _bulk(session, Event.__table__, events, ticker)
    _bulk(
        session,
        EventDynamic.__table__,
        (
            {"event_id": e["id"], "dynamic_id": d, "side": side}
            for e in events
            for side, d in zip(
                ("visiting", "visited"), rng.sample(range(1, LARGE_DYNAMICS + 1), 2), strict=True
            )
        ),
    )
    _bulk(session, Participation.__table__, _large_participations(rng, events), ticker)
    debriefs = _large_debriefs(rng, session, events, ticker)
    _bulk(session, LogEntry.__table__, _large_log(rng, origin, debriefs, events), ticker)
    _bulk(
        session,
        log_entry_dynamics,
        (
            {"entry_id": i, "dynamic_id": rng.randint(1, LARGE_DYNAMICS)}
            for i in range(1, LARGE_LOG_ENTRIES + 1)
        ),
    )
    ticker.finish()
