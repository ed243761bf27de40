"""The vocabulary the large demo draws its names from: people, towns, streets, organisations.

French names with their accents, apostrophes and hyphens, and a few foreign
ones, so that the synthetic rows exercise search folding and sorting the way
real catalogues do. Pure data; :mod:`.large` picks from it with a seeded
generator.
"""

from __future__ import annotations

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
# Hosts receive visits: they are organisations, never private inhabitants.
HOST_FORMS = tuple(form for form in ORG_FORMS if form[1] != "inhabitant")
