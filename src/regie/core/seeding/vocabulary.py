"""Names, titles, jobs and texts the seed generator draws from (Belgian, NL/FR/EN)."""

from __future__ import annotations

from regie.accounts.roles import Role

R = Role


def _words(text: str) -> list[str]:
    return text.split("|")


def _jobs(text: str) -> list[tuple[str, str]]:
    """ "function:department|..." as (function, department) pairs."""
    pairs = (item.split(":") for item in _words(text))
    return [(function, department) for function, department in pairs]


# Vocabulary. Names are common in Flanders and Brussels; functions are the trade's own words.
FIRST_NL = _words(
    "An|Anke|Bart|Bram|Dries|Elke|Ellen|Femke|Geert|Griet|Hanne|Jan|Jonas|Joke|Kobe|Koen|Lies|Lotte|Marieke|"
    "Nele|Pieter|Sander|Sofie|Stijn|Tine|Tom|Wim|Wouter|Lien|Jeroen"
)
FIRST_FR = _words(
    "Amélie|Antoine|Aurélie|Benoît|Camille|Chloé|Claire|Élise|Emma|Florence|Gaëlle|Hugo|Julien|Laura|Léa|"
    "Louis|Lucas|Manon|Mathilde|Maxime|Nicolas|Olivier|Pauline|Pierre|Sarah|Sophie|Thomas|Valérie|Yannick|Zoé"
)
FIRST_OTHER = _words("Aïcha|Ahmed|Ana|Fatima|Hamid|Ines|Karim|Leïla|Marco|Matteo|Mehmet|Nadia|Olga|Samir|Youssef")
LAST_NL = _words(
    "Peeters|Janssens|Maes|Jacobs|Mertens|Willems|Claes|Goossens|Wouters|De Smet|Vermeulen|Hermans|"
    "Van den Broeck|Desmet|Verstraeten|Pauwels|Cools|Segers|Lievens|Van Damme|Verhoeven|Baert|Smets|De Wilde"
)
LAST_FR = _words(
    "Lambert|Dupont|Dubois|Martin|Dumont|Simon|Laurent|Leclercq|Lefèvre|Renard|Gillet|Masson|Collard|Lemaire|"
    "Denis|Hautot|Gérard|Michel|Fontaine|Lejeune|Delvaux"
)
LAST_OTHER = _words("El Amrani|Benali|El Idrissi|Ouali|Yilmaz|Rossi|Kowalski|Haddad|Ferreira|Nowak")

TITLES_NL = _words(
    "De storm|Het zoutmeer|De laatste zomer|Wintergasten|De overtocht|Nachtwacht|De erfenis|Het eiland|"
    "De brug|Het lied van de zee|Zonder land|De kamer hiernaast|Oogst|Lage landen|De verloren zoon|Tij"
)
TITLES_FR = _words(
    "La traversée|Les eaux calmes|Le dernier été|Nuit blanche|L'héritage|Le pont|Les invités d'hiver|"
    "La maison vide|Marée basse|Sous la surface|Le chant du canal|Terre promise|Les heures creuses|Pays plat"
)
BRANDS = _words("Brasserie Zenne|Velo Gent|Chocolaterie Mosane|Kusttram|Banque Horta|Telco Delta")
FESTIVALS = _words("Zomer aan de Schelde|Festival des Deux Rives|Havennachten|Leie Live|Les Nuits du Canal")

CLIENTS = {
    "stage": _words(
        "Stadstheater Het Veer|Cultuurcentrum De Vierschaar|Théâtre de la Citadelle|Stadsschouwburg Scheldeoever|"
        "Schouwburg Oudegracht|Centre culturel de la Senne"
    ),
    "screen": _words("Canal Deux|Schelde Film|Télé Capitale|Noordzee Media|Plateforme Horta|Studio Kanaal"),
    "festival": _words("Stad Gent, dienst Evenementen|Ville de Bruxelles, Culture|Havenbedrijf|Provincie Limburg"),
}
JOBS: dict[str, dict[str, list[tuple[str, str]]]] = {
    "stage": {
        Role.OWNER: _jobs("zakelijk leider:Directie|artistiek leider:Directie"),
        Role.PRODUCER: _jobs("producent:Productie|chargée de production:Production"),
        Role.PRODUCTION_MANAGER: _jobs("productieleider:Productie|directeur de production:Production"),
        Role.PRODUCTION_ASSISTANT: _jobs("productieassistent:Productie|tourmanager:Productie"),
        Role.DEPARTMENT_HEAD: _jobs(
            "regisseur:Artistiek|technisch directeur:Techniek|lichtontwerper:Licht|"
            "kostuumontwerper:Kostuums|scenograaf:Decor|choreograaf:Artistiek"
        ),
        Role.CREW: _jobs(
            "belichter:Licht|geluidstechnicus:Geluid|toneelmeester:Techniek|podiumtechnicus:Techniek|"
            "regieassistent:Artistiek|kleedster:Kostuums|régisseur son:Son|boventiteling:Productie"
        ),
        Role.CAST: _jobs("actrice:Spel|acteur:Spel|danseres:Dans|musicus:Muziek"),
        Role.ACCOUNTANT: _jobs("boekhouder:Administratie|comptable:Administration"),
        Role.VIEWER: _jobs("programmator coproducent:Partners|raad van bestuur:Directie"),
    },
    "screen": {
        Role.OWNER: _jobs("productrice déléguée:Production|producent:Productie"),
        Role.PRODUCER: _jobs("producteur exécutif:Production|uitvoerend producent:Productie"),
        Role.PRODUCTION_MANAGER: _jobs("directeur de production:Production|productieleider:Productie"),
        Role.PRODUCTION_ASSISTANT: _jobs("assistante de production:Production|productieassistent:Productie"),
        Role.DEPARTMENT_HEAD: _jobs(
            "réalisatrice:Réalisation|chef opérateur:Image|chef électricien:Électricité|"
            "chef machiniste:Machinerie|chef décorateur:Décor|créatrice de costumes:Costumes"
        ),
        Role.CREW: _jobs(
            "premier assistant réalisateur:Réalisation|scripte:Réalisation|régisseur général:Régie|"
            "électricien:Électricité|machiniste:Machinerie|chef opérateur du son:Son|perchman:Son|cadreur:Image|"
            "focuspuller:Camera|maquilleuse:HMC"
        ),
        Role.CAST: _jobs("comédienne:Comédiens|comédien:Comédiens|figurant:Figuration"),
        Role.ACCOUNTANT: _jobs("comptable de production:Administration|productieboekhouder:Administratie"),
        Role.VIEWER: _jobs("chargée de programmes, diffuseur:Partenaires|fondsbeheerder:Partners"),
    },
    "festival": {
        Role.OWNER: _jobs("festivaldirecteur:Directie"),
        Role.PRODUCER: _jobs("programmator:Programma|producent:Productie"),
        Role.PRODUCTION_MANAGER: _jobs("productieleider site:Productie|productieleider podia:Productie"),
        Role.PRODUCTION_ASSISTANT: _jobs("productieassistent:Productie|artist liaison:Artiesten"),
        Role.DEPARTMENT_HEAD: _jobs(
            "stage manager:Podia|hoofd techniek:Techniek|hoofd veiligheid:Veiligheid|hoofd catering:Catering"
        ),
        Role.CREW: _jobs(
            "stagehand:Podia|backliner:Podia|geluidstechnicus FOH:Geluid|lichttechnicus:Licht|"
            "rigger:Techniek|runner:Productie|steward:Veiligheid|chauffeur:Transport"
        ),
        Role.CAST: _jobs("musicus:Artiesten|zangeres:Artiesten|dj:Artiesten"),
        Role.ACCOUNTANT: _jobs("boekhouder:Administratie"),
        Role.VIEWER: _jobs("sponsor:Partners|schepen van cultuur:Partners"),
    },
}
CONTACT_LABELS = {
    "stage": _words("coproducent|speelplek|lieu d'accueil|pers|hotel|transport decor"),
    "screen": _words("diffuseur|fonds régional|filmtoelating|location|loueur caméra|assurance|catering"),
    "festival": _words("vergunning stad|politie|brandweer|catering|security|boeker|leverancier podia"),
}
CONCEPTS = (
    "Een voorstelling over wat families verzwijgen, gespeeld in een ruimte van licht en water.",
    "Un récit de passage entre deux villes et deux langues, tourné au plus près des personnages.",
    "A portrait of a city at night, told by the people who keep it running.",
)
