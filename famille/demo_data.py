"""Tables for the demo family: Québec given names by era, surnames, places, occupations and note texts.

Kept apart from :mod:`famille.demo` so that the generator reads as logic. Everything here is fictional
decoration; the slugs of profile links are built from these names with a ``demo`` suffix.
"""

from __future__ import annotations


def _names(text: str) -> tuple[str, ...]:
    """Names written as one space-separated string, which keeps the tables short."""
    return tuple(text.split())


# Given names by birth year: each entry holds names for people born up to that year (inclusive).
GIVEN_NAMES: tuple[tuple[int, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        1830,
        _names(
            "Jean-Baptiste Joseph François Pierre Louis Antoine Charles Michel Augustin Ignace "
            "Étienne Prisque Germain Basile Hyacinthe Isidore"
        ),
        _names(
            "Marie-Josephte Marie-Louise Marguerite Geneviève Angélique Josephte Françoise "
            "Madeleine Thérèse Rosalie Scholastique Euphrosine Julie Marie-Anne Victoire"
        ),
    ),
    (
        1880,
        _names(
            "Joseph Napoléon Télesphore Théophile Édouard Alphonse Narcisse Onésime Cyprien "
            "Elzéar Hubert Damase Thomas Didace Octave Honoré"
        ),
        _names(
            "Philomène Délima Célina Exilda Rose-de-Lima Sophie Émilie Éléonore Mathilde "
            "Olive Adèle Henriette Zoé Séraphine Obéline Marie-Louise"
        ),
    ),
    (
        1920,
        _names(
            "Joseph Wilfrid Arthur Adélard Alfred Ernest Hormidas Wilbrod Albert Omer "
            "Léonidas Philippe Henri Eugène Ovila Napoléon"
        ),
        _names(
            "Marie-Anne Rose-Anna Yvonne Bernadette Alma Aurore Lucienne Blanche Léontine "
            "Antoinette Georgette Jeanne Laura Éva Albertine Irène"
        ),
    ),
    (
        1950,
        _names(
            "Rosaire Roland Gérard Marcel Lucien Maurice Fernand Jean-Paul Gaston Réal "
            "Conrad Laurent Raymond Roger Paul-Émile André"
        ),
        _names(
            "Thérèse Cécile Germaine Yvette Rita Jeannette Gisèle Pierrette Huguette "
            "Claudette Jacqueline Monique Rolande Hélène Denise Simone"
        ),
    ),
    (
        1975,
        _names(
            "Réjean Gilles Michel Normand Serge Daniel Richard Alain Sylvain Denis Luc "
            "Mario Jean-Guy Claude Yves Benoît"
        ),
        _names(
            "Sylvie Johanne Nathalie Manon Lise Diane Nicole Francine Line Chantal Josée "
            "Carole Louise Suzanne Lucie Ginette"
        ),
    ),
    (
        2000,
        _names(
            "Mathieu Jean-François Éric Stéphane Sébastien Maxime Simon Patrick Martin "
            "Guillaume Jérôme Philippe Vincent Alexandre Marc-André David"
        ),
        _names(
            "Émilie Mélanie Julie Isabelle Geneviève Annie Catherine Marie-Ève Valérie "
            "Caroline Audrey Karine Véronique Stéphanie Hélène Andrée-Anne"
        ),
    ),
    (
        9999,
        _names(
            "Noah William Thomas Liam Nathan Félix Jacob Léo Samuel Édouard Émile Arthur Zacharie Louis Olivier Raphaël"
        ),
        _names(
            "Léa Emma Olivia Alice Florence Chloé Charlotte Rosalie Béatrice Zoé Juliette "
            "Camille Maëlle Mia Éloïse Clara"
        ),
    ),
)

SURNAMES: tuple[str, ...] = _names(
    "Côté Bouchard Gauthier Morin Lavoie Fortin Gagné Ouellet Pelletier Bélanger Lévesque "
    "Bergeron Leblanc Paquette Girard Simard Boucher Caron Beaulieu Cloutier Dubé Poirier "
    "Fournier Lapointe Leclerc Lefebvre Poulin Thibault St-Pierre Nadeau Martin Landry "
    "Bédard Hébert Thériault Séguin Bérubé Létourneau"
)

FOUNDER_SURNAMES = ("Tremblay", "Gagnon")


def _places(names: str, suffix: str) -> tuple[str, ...]:
    """Full GEDCOM place names from a ``|``-separated list of towns and their common suffix."""
    return tuple(f"{name}, {suffix}" for name in names.split("|"))


# Rural parishes where the first generations were baptised, married and buried.
PARISHES = _places(
    "Baie-Saint-Paul|Les Éboulements|La Malbaie|Saint-Joseph-de-Beauce|Sainte-Marie-de-Beauce|"
    "Kamouraska|Rivière-Ouelle|L'Islet|Saint-Jean-Port-Joli|Château-Richer|Sainte-Anne-de-Beaupré|"
    "Saint-Urbain|Batiscan|Saint-Roch-des-Aulnaies",
    "Québec, Canada",
)
# Towns and cities the family moved to as the farms filled up (1880-1960).
TOWNS = _places(
    "Chicoutimi|Jonquière|Québec|Lévis|Trois-Rivières|Sherbrooke|Montréal|Rimouski|"
    "Saint-Hyacinthe|Drummondville|Alma|Hébertville|Saint-Fulgence|Saint-Georges",
    "Québec, Canada",
)
# Where the family lives today.
CITIES = _places(
    "Montréal|Québec|Gatineau|Laval|Longueuil|Sherbrooke|Saguenay|Trois-Rivières|Rimouski|Lévis",
    "Québec, Canada",
)
# The Franco-American mill towns of the great emigration (1870-1930).
NEW_ENGLAND = (
    "Lowell, Massachusetts, États-Unis",
    "Manchester, New Hampshire, États-Unis",
    "Woonsocket, Rhode Island, États-Unis",
)
# The dispersed family, after 1960.
ABROAD = (
    "Ottawa, Ontario, Canada",
    "Toronto, Ontario, Canada",
    "Boston, Massachusetts, États-Unis",
    "Paris, Île-de-France, France",
    "Vancouver, Colombie-Britannique, Canada",
    "Moncton, Nouveau-Brunswick, Canada",
)
ADOPTION_PLACES = ("Port-au-Prince, Haïti", "Hô-Chi-Minh-Ville, Viêt Nam", "Bogotá, Colombie")

# Occupations by birth year (same convention as GIVEN_NAMES): (men, women).
OCCUPATIONS: tuple[tuple[int, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        1880,
        (
            "cultivateur",
            "cultivateur",
            "cultivateur",
            "forgeron",
            "menuisier",
            "meunier",
            "marchand général",
            "charretier",
            "navigateur",
            "bûcheron",
        ),
        ("", "", "", "institutrice", "couturière", "sage-femme", "tisserande"),
    ),
    (
        1950,
        (
            "cultivateur",
            "journalier",
            "commis",
            "mécanicien",
            "électricien",
            "notaire",
            "médecin",
            "machiniste",
            "camionneur",
            "policier",
            "forgeron",
        ),
        ("", "institutrice", "infirmière", "secrétaire", "couturière", "téléphoniste", "vendeuse"),
    ),
    (
        9999,
        (
            "ingénieur",
            "programmeur",
            "infirmier",
            "enseignant",
            "comptable",
            "avocat",
            "électricien",
            "biologiste",
            "pharmacien",
            "charpentier-menuisier",
            "designer graphique",
        ),
        (
            "ingénieure",
            "programmeuse",
            "infirmière",
            "enseignante",
            "comptable",
            "avocate",
            "pharmacienne",
            "chercheuse",
            "médecin",
            "designer graphique",
            "architecte",
        ),
    ),
)
STUDENT = {"M": "étudiant", "F": "étudiante"}
RELIGIOUS = {"M": "prêtre", "F": "religieuse"}

# Profile links: GEDCOM tag and URL pattern; slugs come from the person's name plus "demo".
LINK_FORMATS = {
    "linkedin": ("WWW", "https://www.linkedin.com/in/{dash}"),
    "facebook": ("WWW", "https://www.facebook.com/{dot}"),
    "instagram": ("WWW", "https://www.instagram.com/{dot}"),
    "mastodon": ("WWW", "https://mastodon.social/@{under}"),
    "blog": ("WWW", "https://{dash}.example.org"),
    "email": ("EMAIL", "{dot}@example.org"),
}

# The header of the file; the NOTE saying what it is follows it, then the submitter record.
HEAD_LINES = (
    "0 HEAD",
    "1 SOUR FAMILLE",
    "2 NAME Famille",
    "2 VERS 0.1",
    "1 DATE {today}",
    "1 SUBM @U1@",
    "1 GEDC",
    "2 VERS 5.5.1",
    "2 FORM LINEAGE-LINKED",
    "1 CHAR UTF-8",
    "1 LANG French",
)
SUBMITTER_LINES = ("0 @U1@ SUBM", "1 NAME Famille (démonstration)")
HEAD_NOTE = (
    "Famille de démonstration générée — personnes fictives.\n"
    "Toute ressemblance avec des personnes réelles serait une coïncidence. Générée par Famille "
    "(graine {seed}) pour essayer le site avant d'importer le fichier de sa propre famille."
)

FOUNDER_NOTES = {
    "M": (
        "Ancêtre de toute la famille présentée ici. Descendant d'un colon arrivé de France en 1665 "
        "et établi sur la côte de Beaupré.\nCultivateur à {lieu}, il a eu avec {conjoint} une "
        "nombreuse famille dont descendent aujourd'hui des cousins au Québec, en Ontario, aux "
        "États-Unis et jusqu'en France."
    ),
    "F": (
        "Fille d'un meunier de {lieu}. Elle savait lire et écrire, chose rare à l'époque, et "
        "c'est elle qui tenait les comptes de la terre.\nSes descendants la surnomment encore "
        "« la grand-mère du moulin »."
    ),
}

# Notes by occupation first, then by era; {e} gives the feminine ending, {il} the pronoun.
OCCUPATION_NOTES = {
    "marchand général": "A tenu le magasin général du village de {lieu} pendant plus de trente ans. "
    "On y trouvait de tout : farine, clous, tissu à la verge et le seul téléphone du rang.",
    "forgeron": "Forgeron du village de {lieu}.\nLa forge était au coin du chemin du Roy ; on y "
    "ferrait les chevaux de toute la paroisse.",
    "institutrice": "A enseigné dans une école de rang à {lieu}, seule avec trente-deux élèves de la "
    "première à la septième année. Elle arrivait avant le jour pour allumer le poêle à bois, et les "
    "plus grands rentraient le bois de chauffage à tour de rôle ; plusieurs de ses anciens élèves "
    "lui écrivaient encore quarante ans plus tard.",
    "infirmière": "A fait partie des premières infirmières diplômées de l'hôpital de {lieu}.",
    "religieuse": "Entrée en communauté en {annee}, sous le nom de Sœur Marie-de-l'Assomption.\n"
    "A enseigné la musique dans plusieurs couvents de la province.",
    "prêtre": "Ordonné prêtre en {annee} ; a été curé de plusieurs paroisses de la région.",
}
ERA_NOTES: tuple[tuple[int, tuple[str, ...]], ...] = (
    (
        1880,
        (
            "Baptisé{e} le lendemain de sa naissance à l'église de {lieu}. Le parrain, qui ne savait "
            "pas écrire, a fait sa marque au registre.",
            "A défriché avec ses frères une terre du rang Saint-Joseph, à {lieu}. La famille raconte que "
            "la première maison, en bois équarri, a brûlé un hiver et qu'elle fut rebâtie avant le "
            "printemps avec l'aide de tout le voisinage ; la corvée est restée dans la mémoire du rang "
            "pendant des générations.",
            "Chantre à l'église paroissiale de {lieu} pendant quarante ans.\nSa voix est restée dans la "
            "mémoire des anciens du village.",
        ),
    ),
    (
        1950,
        (
            "Parti{e} travailler dans les filatures de Lowell, au Massachusetts, à seize ans ; "
            "revenu{e} au pays avec assez d'économies pour acheter une terre.",
            "A fondé avec quelques voisins la caisse populaire de {lieu}.\nEn a tenu les livres "
            "bénévolement pendant vingt-deux ans.",
            "La famille passait les étés au chalet du lac, construit de ses mains après la guerre. Les "
            "photos de ces étés, retrouvées dans une boîte à chaussures en 2011, ont été numérisées par "
            "ses petits-enfants et sont maintenant partagées avec toute la famille sur ce site.",
        ),
    ),
    (
        9999,
        (
            "Organise chaque été la grande réunion de famille au chalet du lac Saint-Jean. Apportez vos photos !",
            "Tient à jour l'arbre de la famille depuis {annee}. Corrections et photos bienvenues.",
            "Joue du violon aux veillées du temps des fêtes, comme son arrière-grand-père.",
            "A quitté {lieu} pour les études ; revient chaque Noël pour le réveillon chez les "
            "grands-parents.\nÉcrivez-lui pour les photos du dernier réveillon.",
        ),
    ),
)

COUSIN_NOTE = (
    "A épousé {conjoint}, son cousin au troisième degré : tous deux descendent du couple fondateur. "
    "Le curé a dû demander une dispense de consanguinité à l'évêché avant de publier les bans."
)

# The site's recent activity (famille.demo_story): news posts as relatives would write them, signed.
FRENCH_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
NEW_JOB = {"M": "technicien", "F": "technicienne"}
NEWS_JOB = (
    "Nouveau défi : je commence lundi comme {metier} à {ville}. Merci à tous pour vos encouragements, "
    "et au cousin qui m'a parlé du poste au dernier réveillon !\n— {signe}"
)
NEWS_MOVE = (
    "Après bien des années à {avant}, nous déménageons à {ville} à la fin du mois. "
    "Il y aura toujours un lit pour la visite ; écrivez-nous pour la nouvelle adresse.\n— {signe}"
)
NEWS_BIRTH = (
    "Bienvenue à {bebe}, {ne} le {date} à {ville} ({poids}) ! La maman et le bébé se portent très bien. "
    "Photos au prochain souper de famille.\n— {signe}"
)
#: Québec parents still announce a birth weight in pounds and ounces.
BIRTH_WEIGHTS = ("7 lb 1 oz", "7 lb 8 oz", "7 lb 15 oz", "6 lb 6 oz")
NEWS_WEDDING = (
    "{marie} et {conjoint} se sont dit oui samedi à {ville}, entourés de toute la famille. "
    "Merci à ceux qui ont fait la route et à l'oncle qui a sorti son violon !\n— {signe}"
)
NEWS_REUNION = (
    "La grande réunion des descendants de {fondateur} et {fondatrice} aura lieu le {date} au chalet "
    "du lac Saint-Jean. Apportez vos photos et un plat à partager ; on cherche encore des bras pour monter "
    "la tente.\n— {signe}"
)
