"""The small demo's network: the dynamics of the study-action, their people and hosting places.

Plain tables, kept apart from the code that turns them into records so that the
story can be read and edited as a whole. Records refer to one another by short
keys (``"nova"``, ``"helene"``), resolved by :mod:`.small` when it builds them.
The dynamics are the kinds the study-action really followed; the people are
fictional, with e-mail addresses at ``example.org``.
"""

from __future__ import annotations

from typing import NamedTuple


class DynamicSpec(NamedTuple):
    key: str
    name: str
    kind: str
    region: str | None
    territory: str | None
    description: str
    tags: tuple[str, ...]
    services: tuple[str, ...]


DYNAMICS: tuple[DynamicSpec, ...] = (
    DynamicSpec(
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
    DynamicSpec(
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
    DynamicSpec(
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
    DynamicSpec(
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
    DynamicSpec(
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
    DynamicSpec(
        "fc",
        "France Clusters",
        "other",
        None,
        "Réseau national",
        "Réseau national des clusters et pôles ; participe à la task force de l’étude-action.",
        ("réseau de clusters", "animation de réseau"),
        ("training", "learning_visits"),
    ),
    DynamicSpec(
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
    DynamicSpec(
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
    DynamicSpec(
        "monnaie",
        "Le Tournesol, monnaie locale du Lot",
        "local_currency",
        "Occitanie",
        "Lot",
        "Monnaie locale complémentaire acceptée par plus de deux cents prestataires du Lot.",
        ("monnaie locale", "circuits courts", "commerce de proximité"),
        ("matchmaking",),
    ),
    DynamicSpec(
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
    DynamicSpec(
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


class PersonSpec(NamedTuple):
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
PEOPLE: tuple[PersonSpec, ...] = (
    # The coordination team: organisers of most events and authors of the log.
    PersonSpec("helene", "Hélène", "Marchand", COORDINATION, "association",
                "coordinatrice de l’étude-action", "dp", "PQ"),
    PersonSpec("francois", "François", "Le Gall", COORDINATION, "association",
                "chargé de mission visites apprenantes", "dp", "PQ"),
    PersonSpec("anais", "Anaïs", "Benhamou", COORDINATION, "association",
                "chargée de capitalisation", "dp", "PQ"),
    PersonSpec("lea", "Léa", "Chevalier", COORDINATION, "association",
                "chargée de communication", "dp", "P"),
    # Nova Child and its territory.
    PersonSpec("joel", "Joël", "Ménard", "Nova Child", "association",
                "directeur du cluster", "nova dp", "PQ"),
    PersonSpec("zoe", "Zoé", "Lemaître", "Nova Child", "association",
                "animatrice du living lab", "nova", "PQ"),
    PersonSpec("celine", "Céline", "Guérin", "Petits Pas Créations", "sme",
                "responsable innovation", "nova", "Q"),
    PersonSpec("benoit", "Benoît", "Chauvière", "Groupe Enfance & Cie", "large_company",
                "directeur RSE", "nova"),
    PersonSpec("maelle", "Maëlle", "Poirier", "Université d’Angers, campus de Cholet",
                "research", "maîtresse de conférences en psychologie du développement",
                "nova", "PQ"),
    PersonSpec("gaetan", "Gaëtan", "Rousseau", "Ville de Cholet", "local_authority",
                "adjoint au développement économique", "nova"),
    PersonSpec("ines", "Inès", "Ferreira", "Habitante du Choletais", "inhabitant",
                "mère de famille, membre du panel du living lab", "nova", "PQ"),
    PersonSpec("fatoumata", "Fatoumata", "Diallo", "Mission locale du Choletais",
                "association", "conseillère en insertion", "nova"),
    # Pôle Mer Bretagne Atlantique.
    PersonSpec("yann", "Yann", "Kerbrat", "Pôle Mer Bretagne Atlantique", "association",
                "chargé de mission pêche durable", "pmba dp", "Q"),
    PersonSpec("gwenaelle", "Gwenaëlle", "Le Floc’h", "Pôle Mer Bretagne Atlantique",
                "association", "animatrice de la filière biotechnologies marines", "pmba"),
    PersonSpec("erwan", "Erwan", "Quéméner", "Armement Iroise Pêche", "sme",
                "patron pêcheur", "pmba"),
    PersonSpec("solene", "Solène", "Abgrall", "Océans propres Finistère", "ngo",
                "coordinatrice bénévole", "pmba", "PQ"),
    PersonSpec("pieter", "Pieter", "van der Berg", "Laboratoire des sciences de la mer",
                "research", "chercheur invité, écologie marine", "pmba", "P", "en"),
    PersonSpec("anne_sophie", "Anne-Sophie", "Hénaff", "Comité régional des pêches",
                "association", "chargée de mission environnement", "pmba"),
    # Pôle Mer Méditerranée.
    PersonSpec("laurent", "Laurent", "Albertini", "Pôle Mer Méditerranée", "association",
                "chargé d’affaires", "pmm"),
    PersonSpec("chloe", "Chloé", "Durand-Nakamura", "Pôle Mer Méditerranée", "association",
                "responsable des projets européens", "pmm dp", "PQ"),
    PersonSpec("remi", "Rémi", "Castellani", "Chantier naval du Brusc", "micro_company",
                "gérant", "pmm"),
    PersonSpec("nadia", "Nadia", "Haddad", "Mer vivante Méditerranée", "ngo",
                "chargée de sensibilisation", "pmm", "Q"),
    PersonSpec("soren", "Søren", "Ørgaard", "Blue Commons Network", "ngo",
                "programme manager", "pmm", "PQ", "en"),
    # PTCE Figeacteurs and the Figeac area.
    PersonSpec("elodie", "Élodie", "Vayssière", "Figeacteurs", "sse",
                "coordinatrice du PTCE", "figeac dp", "PQ"),
    PersonSpec("thibault", "Thibault", "Lacoste", "Figeacteurs", "sse",
                "chargé de mission Start-up de territoire", "figeac", "PQ"),
    PersonSpec("jeanne", "Jeanne", "Delpech", "Ressourcerie du Pays de Figeac", "sse",
                "directrice", "figeac", "Q"),
    PersonSpec("bruno", "Bruno", "Falguières", "Mairie de Figeac", "local_authority",
                "conseiller municipal délégué à l’ESS", "figeac"),
    PersonSpec("amelie", "Amélie", "Cassagne", "Habitante de Figeac", "inhabitant",
                "porteuse de projet d’épicerie itinérante", "figeac monnaie", "PQ"),
    PersonSpec("karim", "Karim", "Bensaïd", "Scop Quercy Bois", "sse", "cogérant", "figeac"),
    PersonSpec("marie_noelle", "Marie-Noëlle", "Lafon", "Lot Initiative", "association",
                "chargée d’accompagnement", "figeac"),
    PersonSpec("hugo", "Hugo", "Marty", "Groupe Aéro-Quercy", "large_company",
                "responsable des achats responsables", "figeac"),
    PersonSpec("dominique", "Dominique", "Peyrot", "Conseil citoyen de Figeac", "inhabitant",
                "membre du conseil citoyen", "figeac"),
    PersonSpec("aurelien", "Aurélien", "Giraud", "Région Occitanie", "local_authority",
                "chargé de mission ESS", "figeac monnaie"),
    # Clus'ter Jura and Lons-le-Saunier.
    PersonSpec("agnes", "Agnès", "Mouchot", "Clus'ter Jura", "sse", "coordinatrice",
                "jura dp", "PQ"),
    PersonSpec("clement", "Clément", "Vuillermoz", "Clus'ter Jura", "sse",
                "chargé de mission économie de la fonctionnalité", "jura", "Q"),
    PersonSpec("lucie", "Lucie", "Bourgeois-Jacquet", "Fromagerie coopérative du Revermont",
                "sse", "présidente", "jura"),
    PersonSpec("stephane", "Stéphane", "Grappe", "Jura Mobilités Partagées", "micro_company",
                "fondateur", "jura transition"),
    PersonSpec("perrine", "Perrine", "Cuenot", "Conseil départemental du Jura",
                "local_authority", "chargée de mission ESS", "jura"),
    PersonSpec("berenice", "Bérénice", "Faure", "Région Bourgogne-Franche-Comté",
                "local_authority", "cheffe de projet innovation sociale", "jura"),
    PersonSpec("sylvie", "Sylvie", "Perrard", "Lons en transition", "association",
                "co-animatrice", "transition", "PQ"),
    PersonSpec("adrien", "Adrien", "Colin", "Habitant de Lons-le-Saunier", "inhabitant",
                "bénévole du repair café", "transition"),
    # France Clusters.
    PersonSpec("mathieu", "Mathieu", "Delorme", "France Clusters", "association",
                "chargé de mission réseau", "fc dp", "Q"),
    PersonSpec("aurelie", "Aurélie", "Faucher", "France Clusters", "association",
                "responsable formation", "fc"),
    # La Fabrique du Bocage, tiers-lieu.
    PersonSpec("noemie", "Noémie", "Lefebvre", "La Fabrique du Bocage", "association",
                "coordinatrice du tiers-lieu", "fabrique dp", "PQ"),
    PersonSpec("theo", "Théo", "Dupont-Mercier", "La Fabrique du Bocage", "association",
                "fabmanager", "fabrique", "P"),
    PersonSpec("ghislaine", "Ghislaine", "Vandenbussche", "Habitante de Fourmies",
                "inhabitant", "bénévole de l’atelier de réparation", "fabrique", "PQ"),
    PersonSpec("kevin", "Kévin", "Lemaire", "Compagnie Les Tisserands", "culture",
                "metteur en scène", "fabrique"),
    # Territoire zéro chômeur Val de Sambre.
    PersonSpec("sandrine", "Sandrine", "Delattre", "Territoire zéro chômeur Val de Sambre",
                "association", "cheffe de projet", "tzcld dp", "PQ"),
    PersonSpec("mohamed", "Mohamed", "Aït-Ouali", "EBE Sambre Active", "sse",
                "directeur de l’entreprise à but d’emploi", "tzcld", "Q"),
    PersonSpec("jacqueline", "Jacqueline", "Wattiez", "Comité local pour l’emploi",
                "inhabitant", "membre du comité local", "tzcld", "PQ"),
    PersonSpec("olivier", "Olivier", "Carpentier",
                "Communauté d’agglomération Maubeuge Val de Sambre", "local_authority",
                "vice-président chargé de l’emploi", "tzcld"),
    PersonSpec("ludovic", "Ludovic", "Hamon", "Région Hauts-de-France", "local_authority",
                "chargé de mission tiers-lieux", "tzcld fabrique"),
    # Le Tournesol, monnaie locale.
    PersonSpec("camille", "Camille", "Rigal", "Le Tournesol", "association",
                "animatrice du réseau des prestataires", "monnaie", "Q"),
    PersonSpec("pascal", "Pascal", "Bouyssou", "Boulangerie Bouyssou", "micro_company",
                "artisan boulanger, prestataire agréé", "monnaie"),
    # Researchers, partners and facilitators around the collective.
    PersonSpec("lan", "Thị Lan", "Nguyễn", "Université Toulouse Jean-Jaurès", "research",
                "doctorante en économie territoriale", "dp", "Q"),
    PersonSpec("cagla", "Çağla", "Yıldız", "Réseau européen des économies solidaires", "ngo",
                "chargée de projets européens", "dp", "PQ", "en"),
    PersonSpec("eleanor", "Eleanor", "Whitfield", "Community Transition Hub", "ngo",
                "network coordinator", "transition", "P", "en"),
    PersonSpec("josselin", "Josselin", "Le Bihan", "Banque solidaire de l’Ouest",
                "large_company", "chargé d’affaires ESS", "pmba"),
    PersonSpec("margaux", "Margaux", "Reynaud", "Tisser les liens", "micro_company",
                "facilitatrice, consultante en coopération", "dp", "PQ"),
    PersonSpec("raphael", "Raphaël", "Azoulay", "Atelier Sillages", "culture",
                "facilitateur graphique", "dp", "P"),
)
# fmt: on


class HostSpec(NamedTuple):
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
HOSTS: tuple[HostSpec, ...] = (
    HostSpec("nova", "Nova Child — espace d’innovation", "association",
              "14 rue du Puy-Saint-Bonnet", None, "49300", "Cholet", 40,
              "Salles de plain-pied, accessibles en fauteuil ; parking devant le bâtiment.",
              "joel", "nova", "Le living lab occupe l’aile est ; prévoir des badges."),
    HostSpec("petits_pas", "Petits Pas Créations", "sme",
              "5 rue de l’Aubrière", "Zone industrielle du Cormier", "49300", "Cholet", 15,
              "Atelier accessible ; salle de réunion à l’étage sans ascenseur.",
              "celine", "nova"),
    HostSpec("campus_cholet", "Université d’Angers — campus de Cholet", "research",
              "27 boulevard Pierre-Lecoq", None, "49300", "Cholet", 80,
              "Amphithéâtre accessible, boucle magnétique.", "maelle", "nova"),
    HostSpec("pmba", "Pôle Mer Bretagne Atlantique", "association",
              "18 rue Jim-Sévellec", "Technopôle Brest-Iroise", "29200", "Brest", 35,
              "Accessible en fauteuil ; tram A arrêt « Technopôle » à 10 minutes à pied.",
              "yann", "pmba"),
    HostSpec("pmm", "Pôle Mer Méditerranée", "association",
              "22 forum de la Méditerranée", "Technopôle de la Mer", "83190", "Ollioules", 30,
              "Ascenseur ; parking visiteurs.", "laurent", "pmm"),
    HostSpec("figeac", "Figeacteurs — espace coopératif", "sse",
              "11 rue de Colomb", None, "46100", "Figeac", 30,
              "Rez-de-chaussée accessible ; gare de Figeac à 8 minutes à pied.",
              "elodie", "figeac monnaie"),
    HostSpec("ressourcerie", "Ressourcerie du Pays de Figeac", "sse",
              "7 chemin de Lafarrière", "Zone artisanale de Lafarrière", "46100", "Figeac", 20,
              "Magasin et atelier de plain-pied ; sol irrégulier dans la cour.",
              "jeanne", "figeac"),
    HostSpec("mairie_figeac", "Mairie de Figeac — salle du conseil", "local_authority",
              "8 place Vival", None, "46100", "Figeac", 60,
              "Ascenseur depuis la cour intérieure.", "bruno", "figeac"),
    HostSpec("jura", "Clus'ter Jura — Maison de l’économie sociale", "sse",
              "7 rue Lecourbe", None, "39000", "Lons-le-Saunier", 25,
              "Salle au premier étage avec ascenseur.", "agnes", "jura transition"),
    HostSpec("fabrique", "La Fabrique du Bocage", "association",
              "21 rue des Tisserands", "Ancienne filature", "59610", "Fourmies", 60,
              "Grande halle de plain-pied, toilettes adaptées ; hébergement en gîtes à 2 km.",
              "noemie", "fabrique tzcld",
              "Repas préparés par le café associatif ; prévenir dix jours avant."),
    HostSpec("ebe", "EBE Sambre Active", "sse",
              "4 rue de la Verrerie", None, "59600", "Maubeuge", 20,
              "Ateliers accessibles ; salle de pause à l’étage.", "mohamed", "tzcld"),
)
# fmt: on
