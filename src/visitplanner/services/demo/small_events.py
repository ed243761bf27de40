"""The small demo's calendar: its events, the debriefs of the past visits and the shared log.

Plain tables like :mod:`.small_data`, on the same fictional story. Dates are
written against the demo's reference day (:data:`.shared.TODAY`): two visits are
over and debriefed, with some follow-up actions overdue, while a meeting, a
seminar and a draft workshop are still to come. Times are Paris wall-clock
times, as organisers write them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def paris_time(day: str, hm: str) -> datetime:
    """The aware datetime of a Paris wall-clock time, as the tables write it."""
    return datetime.fromisoformat(f"{day}T{hm}").replace(tzinfo=PARIS)


class _Item(NamedTuple):
    """A programme item: day, start and end times, title, speaker."""

    day: str
    start: str
    end: str
    title: str
    speaker: str | None = None


class EventSpec(NamedTuple):
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
EVENTS: tuple[EventSpec, ...] = (
    EventSpec(
        VISIT_NOVA,
        "visit",
        "done",
        paris_time("2026-05-19", "09:30"),
        paris_time("2026-05-19", "17:00"),
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
        invited_on=paris_time("2026-04-07", "10:00"),
        absences=(("mathieu", "2026-05-19", "pm"), ("maelle", "2026-05-19", "am")),
    ),
    EventSpec(
        VISIT_FIGEAC,
        "visit",
        "done",
        paris_time("2026-09-24", "10:00"),
        paris_time("2026-09-25", "12:30"),
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
        invited_on=paris_time("2026-07-02", "09:15"),
        absences=(("bruno", "2026-09-24", "am"), ("zoe", "2026-09-25", "am")),
    ),
    EventSpec(
        SEMINAR,
        "seminar",
        "confirmed",
        paris_time("2027-02-11", "09:30"),
        paris_time("2027-02-12", "16:00"),
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
        invited_on=paris_time("2026-11-12", "10:00"),
    ),
    EventSpec(
        MEETING,
        "meeting",
        "planned",
        paris_time("2026-12-15", "14:00"),
        paris_time("2026-12-15", "16:30"),
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
        invited_on=paris_time("2026-11-20", "11:30"),
    ),
    EventSpec(
        WORKSHOP,
        "workshop",
        "draft",
        paris_time("2027-03-18", "14:00"),
        paris_time("2027-03-18", "17:30"),
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


class DebriefSpec(NamedTuple):
    event: str
    finalised: datetime
    authors: tuple[str, ...]
    context: str
    what_we_saw: str
    ideas: str
    takeaways: tuple[tuple[str, str], ...]  # (text, challenge code)
    quotes: tuple[tuple[str, str], ...]  # (person key, text)
    actions: tuple[tuple[str, str, date, bool], ...]  # (text, owner key, due, done)


DEBRIEFS: tuple[DebriefSpec, ...] = (
    DebriefSpec(
        VISIT_NOVA,
        paris_time("2026-06-02", "16:40"),
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
    DebriefSpec(
        VISIT_FIGEAC,
        paris_time("2026-10-09", "11:05"),
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


class StorySpec(NamedTuple):
    day: date
    kind: str
    title: str
    text: str
    author: str
    dynamics: str = ""
    event: str | None = None


STORY: tuple[StorySpec, ...] = (
    StorySpec(
        date(2026, 1, 20),
        "milestone",
        "Lancement du cycle 2026 des visites apprenantes",
        "Réunis à distance, les animateurs du collectif ont décidé de consacrer l’année à "
        "deux questions : les services utiles aux membres et l’implication des habitants.",
        "helene",
        "dp",
    ),
    StorySpec(
        date(2026, 3, 10),
        "decision",
        "Deux visites retenues : Nova Child et Figeacteurs",
        "La task force a retenu une visite chez un cluster et une chez un PTCE, pour croiser "
        "les cultures. France Clusters fera le lien avec les autres clusters du réseau.",
        "francois",
        "dp nova figeac fc",
    ),
    StorySpec(
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
    StorySpec(
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
    StorySpec(
        date(2026, 10, 14),
        "decision",
        "Le séminaire commun sera payant",
        "Pour couvrir les repas et la facilitation, le séminaire de Fourmies coûtera 45 € "
        "par participant. Les habitants invités en sont exonérés.",
        "anais",
        "dp fabrique",
    ),
    StorySpec(
        date(2026, 11, 12),
        "note",
        "Invitations envoyées pour le séminaire de Fourmies",
        "Vingt-sept personnes invitées pour dix-huit places : une liste d’attente est "
        "ouverte. Les partenaires européens ont reçu l’invitation en anglais.",
        "helene",
        "dp",
        SEMINAR,
    ),
    StorySpec(
        date(2026, 11, 20),
        "seminar",
        "Programme du séminaire arrêté avec la Fabrique du Bocage",
        "Une demi-journée sera consacrée à la visite de l’entreprise à but d’emploi de "
        "Maubeuge ; Raphaël Azoulay assurera la facilitation graphique.",
        "anais",
        "fabrique tzcld",
        SEMINAR,
    ),
    StorySpec(
        date(2026, 11, 24),
        "note",
        "Relance des suites à donner",
        "Deux actions issues des visites sont en retard. Noémie et Sandrine proposent d’en "
        "faire le point au séminaire plutôt que par courriel.",
        "francois",
        "dp",
    ),
)
