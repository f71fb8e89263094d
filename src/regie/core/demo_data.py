"""What `regie demo` loads: one organisation, two hand-made productions and their people.

Everything here is plain data. The people and organisations are invented; the trade vocabulary
(functions, departments, documents) is the one Belgian crews use, in the language each team works
in. Dates are computed from the day the demo is loaded, so countdowns always mean something:
the theatre production is on tour, the film starts shooting in six weeks.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from regie.accounts.roles import OrganisationRole, Role
from regie.productions.models import Kind, Phase

ORGANISATION_NAME = "Regie Demo"
ORGANISATION_SLUG = "demo"
# One password for every demo account; printed by `regie demo`. Demo data only.
DEMO_PASSWORD = "regie-demo-password"

ADMIN, STAFF, GUEST = OrganisationRole.ADMIN, OrganisationRole.STAFF, OrganisationRole.GUEST


@dataclass(frozen=True)
class DemoPerson:
    email: str
    name: str
    language: str
    organisation_role: OrganisationRole


@dataclass(frozen=True)
class TeamPlace:
    """A person's place on one production; `email` points at a DemoPerson."""

    email: str
    role: Role
    job_title: str
    department: str


@dataclass(frozen=True)
class DemoContact:
    label: str
    name: str
    company: str
    email: str
    phone: str
    notes: str = ""


@dataclass(frozen=True)
class DemoInvitation:
    """An invitation still waiting for an answer, so the team page shows one."""

    email: str
    name: str
    role: Role
    language: str


@dataclass(frozen=True)
class DemoProduction:
    """A production as the demo builds it.

    It is created in `first_phase` by the first team place (the owner), then moved through
    `later_phases` with the production service, so its history shows the changes.
    """

    title: str
    kind: Kind
    first_phase: Phase
    later_phases: tuple[Phase, ...]
    client: str
    start_date: datetime.date
    end_date: datetime.date
    timezone: str
    working_languages: tuple[str, ...]
    concept: str
    description: str
    team: tuple[TeamPlace, ...]
    contacts: tuple[DemoContact, ...]
    invitations: tuple[DemoInvitation, ...]

    @property
    def phase(self) -> Phase:
        return self.later_phases[-1] if self.later_phases else self.first_phase


PEOPLE: tuple[DemoPerson, ...] = (
    # The company: administration and production office.
    DemoPerson("an.verstraeten@example.be", "An Verstraeten", "en", ADMIN),
    DemoPerson("ellen.maes@example.be", "Ellen Maes", "nl", STAFF),
    DemoPerson("tom.jacobs@example.be", "Tom Jacobs", "nl", STAFF),
    DemoPerson("sarah.elamrani@example.be", "Sarah El Amrani", "en", STAFF),
    DemoPerson("hilde.mertens@example.be", "Hilde Mertens", "nl", STAFF),
    DemoPerson("wim.goossens@example.be", "Wim Goossens", "nl", STAFF),
    DemoPerson("sophie.lambert@example.be", "Sophie Lambert", "fr", STAFF),
    DemoPerson("jonas.peeters@example.be", "Jonas Peeters", "nl", STAFF),
    DemoPerson("olivier.dumont@example.be", "Olivier Dumont", "fr", STAFF),
    DemoPerson("lotte.wouters@example.be", "Lotte Wouters", "nl", STAFF),
    # Theatre: artistic team, technicians, actresses, co-producer.
    DemoPerson("griet.vandenbroeck@example.be", "Griet Van den Broeck", "nl", GUEST),
    DemoPerson("fatima.ouali@example.be", "Fatima Ouali", "fr", GUEST),
    DemoPerson("dries.willems@example.be", "Dries Willems", "nl", GUEST),
    DemoPerson("kobe.claes@example.be", "Kobe Claes", "nl", GUEST),
    DemoPerson("lies.verhaegen@example.be", "Lies Verhaegen", "nl", GUEST),
    DemoPerson("julien.lemaire@example.be", "Julien Lemaire", "fr", GUEST),
    DemoPerson("joke.dewilde@example.be", "Joke De Wilde", "nl", GUEST),
    DemoPerson("marie.vandenberghe@example.be", "Marie Vandenberghe", "nl", GUEST),
    DemoPerson("hanne.desmet@example.be", "Hanne Desmet", "nl", GUEST),
    DemoPerson("nathalie.dupont@example.be", "Nathalie Dupont", "fr", GUEST),
    DemoPerson("dirk.hermans@example.be", "Dirk Hermans", "nl", GUEST),
    # Film: direction, camera, light, sound, make-up, cast, broadcaster.
    DemoPerson("leila.benali@example.be", "Leïla Benali", "fr", GUEST),
    DemoPerson("matteo.rossi@example.com", "Matteo Rossi", "en", GUEST),
    DemoPerson("pieter.janssens@example.be", "Pieter Janssens", "nl", GUEST),
    DemoPerson("thomas.lefevre@example.be", "Thomas Lefèvre", "fr", GUEST),
    DemoPerson("emma.leclercq@example.be", "Emma Leclercq", "fr", GUEST),
    DemoPerson("stijn.vanhoof@example.be", "Stijn Van Hoof", "nl", GUEST),
    DemoPerson("antoine.collard@example.be", "Antoine Collard", "fr", GUEST),
    DemoPerson("elise.martin@example.be", "Élise Martin", "fr", GUEST),
    DemoPerson("camille.dubois@example.be", "Camille Dubois", "fr", GUEST),
    DemoPerson("jan.vermeersch@example.be", "Jan Vermeersch", "nl", GUEST),
    DemoPerson("youssef.elidrissi@example.be", "Youssef El Idrissi", "fr", GUEST),
    DemoPerson("chloe.gillet@example.com", "Chloé Gillet", "en", GUEST),
)

R = Role


def theatre_production(today: datetime.date) -> DemoProduction:
    """A Flemish theatre creation: rehearsals began two months ago, the tour runs four more months."""
    return DemoProduction(
        title="Wat het water weet",
        kind=Kind.THEATRE,
        first_phase=Phase.PRE_PRODUCTION,
        later_phases=(Phase.PRODUCTION, Phase.TOURING),
        client="Theater Het Veer, Antwerpen (coproducent)",
        start_date=today - datetime.timedelta(days=61),
        end_date=today + datetime.timedelta(days=122),
        timezone="Europe/Brussels",
        working_languages=("nl", "fr", "en"),
        concept=(
            "Een dorp aan de Westkust, de winter na een stormvloed. Drie zussen keren terug naar het huis "
            "van hun moeder, dat maandenlang half onder water stond. Tussen opruimen en herinneren "
            "ontrafelen ze wat het water heeft meegenomen en wat het heeft bovengehaald.\n\n"
            "De scenografie is een vloer met zestien centimeter water die tijdens de voorstelling langzaam "
            "wegloopt; licht en geluid volgen het ritme van de getijden. Het decor past in één "
            "vrachtwagen van 40 m³ en wordt in zes uur opgebouwd. We spelen in het Nederlands met Franse "
            "en Engelse boventitels, zodat de voorstelling zonder aanpassingen reist naar Nederland en "
            "Frankrijk."
        ),
        description=(
            "Wat het water weet is een voorstelling over rouw, erfenis en het landschap dat ons vormt. "
            "Drie zussen, één huis, één nacht, en een scène die letterlijk onder water staat. Met een "
            "soundscape van opgenomen zeegeluiden en live gezongen visserliederen.\n\n"
            "Nederlands gesproken, met Franse en Engelse boventitels. Duur: 1u35, zonder pauze. Vanaf 14 jaar."
        ),
        team=(
            TeamPlace("an.verstraeten@example.be", R.OWNER, "zakelijk leider", "Directie"),
            TeamPlace("ellen.maes@example.be", R.PRODUCER, "producent en spreiding", "Productie"),
            TeamPlace("tom.jacobs@example.be", R.PRODUCTION_MANAGER, "productieleider", "Productie"),
            TeamPlace("sarah.elamrani@example.be", R.PRODUCTION_ASSISTANT, "productieassistent", "Productie"),
            TeamPlace("griet.vandenbroeck@example.be", R.DEPARTMENT_HEAD, "regisseur", "Artistiek"),
            TeamPlace("wim.goossens@example.be", R.DEPARTMENT_HEAD, "technisch directeur", "Techniek"),
            TeamPlace("fatima.ouali@example.be", R.DEPARTMENT_HEAD, "kostuumontwerper", "Kostuums"),
            TeamPlace("lies.verhaegen@example.be", R.CREW, "regieassistent", "Artistiek"),
            TeamPlace("dries.willems@example.be", R.CREW, "belichter", "Techniek"),
            TeamPlace("kobe.claes@example.be", R.CREW, "geluidstechnicus", "Techniek"),
            TeamPlace("julien.lemaire@example.be", R.CREW, "toneelmeester op tournee", "Techniek"),
            TeamPlace("joke.dewilde@example.be", R.CREW, "kleedster", "Kostuums"),
            TeamPlace("marie.vandenberghe@example.be", R.CAST, "actrice (Vera, de oudste zus)", "Spel"),
            TeamPlace("hanne.desmet@example.be", R.CAST, "actrice (Ilse)", "Spel"),
            TeamPlace("nathalie.dupont@example.be", R.CAST, "actrice (Lotte, de jongste)", "Spel"),
            TeamPlace("hilde.mertens@example.be", R.ACCOUNTANT, "boekhouder", "Administratie"),
            TeamPlace("dirk.hermans@example.be", R.VIEWER, "programmator coproducent", "Partners"),
        ),
        contacts=(
            DemoContact(
                "coproducent",
                "Katrien Lievens",
                "Theater Het Veer, Antwerpen",
                "katrien.lievens@example.be",
                "+32 3 555 01 23",
                "Coproductieovereenkomst getekend; tweede schijf na de première.",
            ),
            DemoContact(
                "speelplek Gent",
                "Jeroen Van Acker",
                "Kunstencentrum De Vierschaar, Gent",
                "jeroen.vanacker@example.be",
                "+32 9 555 02 47",
                "Opbouw vanaf 9u via de laadkade aan de Leie; waterbak op de scènevloer goedgekeurd.",
            ),
            DemoContact(
                "speelplek Utrecht",
                "Marloes de Groot",
                "Theater Oudegracht, Utrecht",
                "marloes.degroot@example.com",
                "+31 30 555 0147",
                "Engelse boventitels op vraag; parkeervergunning voor de vrachtwagen aanvragen.",
            ),
            DemoContact(
                "lieu Lille",
                "Claire Dufour",
                "Théâtre de la Citadelle, Lille",
                "claire.dufour@example.com",
                "+33 3 20 55 01 89",
                "Surtitrage en français ; fiche technique envoyée, montage la veille.",
            ),
            DemoContact(
                "pers",
                "Nele Segers",
                "Bureau Woordwerk (perswerking)",
                "nele.segers@example.be",
                "+32 2 555 03 61",
                "Persmap in NL, FR en EN; recensenten op de première en in Lille.",
            ),
        ),
        invitations=(DemoInvitation("bavo.smets@example.be", "Bavo Smets", R.CREW, "nl"),),
    )


def film_production(today: datetime.date) -> DemoProduction:
    """A Belgian feature film: 35 shooting days from six weeks on, then post-production."""
    shooting_start = today + datetime.timedelta(days=42)
    # 35 shooting days in seven five-day weeks: the last one is 46 days after the first.
    shooting_end = shooting_start + datetime.timedelta(days=46)
    return DemoProduction(
        title="Entre deux rives / Tussen twee oevers",
        kind=Kind.FEATURE_FILM,
        first_phase=Phase.DEVELOPMENT,
        later_phases=(Phase.PRE_PRODUCTION,),
        client="Canal Deux (diffuseur) et Schelde Film, Antwerpen (coproducteur)",
        start_date=shooting_start,
        end_date=shooting_end + datetime.timedelta(days=120),
        timezone="Europe/Brussels",
        working_languages=("fr", "nl"),
        concept=(
            "Lina, traductrice bruxelloise, hérite de la péniche de son père, qu'elle n'a plus vu depuis "
            "vingt ans, amarrée au bassin Bonaparte à Anvers. Pour la vendre, elle doit la ramener à "
            "Bruxelles par le canal, avec un batelier anversois qui ne parle pas un mot de français. Quatre "
            "jours de voyage, deux langues, deux villes.\n\n"
            "35 jours de tournage : 20 à Bruxelles (Schaerbeek, Molenbeek, le canal et trois jours en studio) "
            "et 15 à Anvers (Eilandje, Merksem, les écluses), dont six jours sur l'eau. Une seule caméra, "
            "optiques anamorphiques, lumière naturelle autant que possible. Montage et mixage à Bruxelles "
            "après le tournage."
        ),
        description=(
            "Entre deux rives / Tussen twee oevers — long métrage de fiction, 100 minutes, en français et en "
            "néerlandais. Une femme, un bateau, un canal : le voyage lent de deux personnes qui ne se "
            "comprennent pas et finissent par s'entendre.\n\n"
            "Een vrouw, een boot, een kanaal: de trage reis van twee mensen die elkaars taal niet spreken."
        ),
        team=(
            TeamPlace("sophie.lambert@example.be", R.OWNER, "productrice déléguée", "Production"),
            TeamPlace("jonas.peeters@example.be", R.PRODUCER, "coproducteur (uitvoerend producent)", "Production"),
            TeamPlace("olivier.dumont@example.be", R.PRODUCTION_MANAGER, "directeur de production", "Production"),
            TeamPlace("lotte.wouters@example.be", R.PRODUCTION_ASSISTANT, "assistante de production", "Production"),
            TeamPlace("leila.benali@example.be", R.DEPARTMENT_HEAD, "réalisatrice", "Réalisation"),
            TeamPlace("matteo.rossi@example.com", R.DEPARTMENT_HEAD, "chef opérateur", "Image"),
            TeamPlace("pieter.janssens@example.be", R.DEPARTMENT_HEAD, "chef électricien", "Électricité"),
            TeamPlace("thomas.lefevre@example.be", R.CREW, "premier assistant réalisateur", "Réalisation"),
            TeamPlace("emma.leclercq@example.be", R.CREW, "scripte", "Réalisation"),
            TeamPlace("stijn.vanhoof@example.be", R.CREW, "régisseur général (algemene opnameleider)", "Régie"),
            TeamPlace("antoine.collard@example.be", R.CREW, "chef opérateur du son", "Son"),
            TeamPlace("elise.martin@example.be", R.CREW, "cheffe maquilleuse", "HMC"),
            TeamPlace("camille.dubois@example.be", R.CAST, "comédienne (Lina)", "Comédiens"),
            TeamPlace("jan.vermeersch@example.be", R.CAST, "comédien (Staf, le batelier)", "Comédiens"),
            TeamPlace("youssef.elidrissi@example.be", R.CAST, "comédien (Karim)", "Comédiens"),
            TeamPlace("hilde.mertens@example.be", R.ACCOUNTANT, "comptable de production", "Administration"),
            TeamPlace("chloe.gillet@example.com", R.VIEWER, "chargée de programmes, Canal Deux", "Partenaires"),
        ),
        contacts=(
            DemoContact(
                "diffuseur",
                "Isabelle Renard",
                "Canal Deux",
                "isabelle.renard@example.be",
                "+32 2 555 04 12",
                "Préachat signé ; livraison du master et de la version audiodécrite.",
            ),
            DemoContact(
                "coproducteur",
                "Wouter Baert",
                "Schelde Film, Antwerpen",
                "wouter.baert@example.be",
                "+32 3 555 04 58",
                "Coproduction 60/40 ; dépenses flamandes suivies par poste.",
            ),
            DemoContact(
                "fonds régional (Bruxelles)",
                "Géraldine Hautot",
                "Bruxelles Images, fonds économique régional",
                "geraldine.hautot@example.be",
                "+32 2 555 05 30",
                "Dépenses éligibles à Bruxelles : rapport intermédiaire après le tournage.",
            ),
            DemoContact(
                "regionaal fonds (Vlaanderen)",
                "Liesbeth Van Damme",
                "Screen Schelde, regionaal filmfonds",
                "liesbeth.vandamme@example.be",
                "+32 3 555 05 77",
                "Vlaamse uitgaven en draaidagen in Antwerpen rapporteren per week.",
            ),
            DemoContact(
                "autorisation de tournage Bruxelles",
                "Aurélie Masson",
                "Cellule tournages, Ville de Bruxelles",
                "aurelie.masson@example.be",
                "+32 2 555 06 14",
                "Demande au moins trois semaines avant ; plan de stationnement des camions requis.",
            ),
            DemoContact(
                "filmtoelating Antwerpen",
                "Bart Verhoeven",
                "Havenbedrijf Antwerpen, dienst filmopnames",
                "bart.verhoeven@example.be",
                "+32 3 555 06 90",
                "Draaien aan het Bonapartedok pas na 9u; vaarvergunning apart aanvragen.",
            ),
            DemoContact(
                "péniche (décor)",
                "Ludo Peeters",
                "Rederij De Zwaan, Merksem",
                "ludo.peeters@example.be",
                "+32 475 55 07 21",
                "Schipper mee aan boord op alle draaidagen op het water.",
            ),
        ),
        invitations=(DemoInvitation("mathis.gerard@example.be", "Mathis Gérard", R.CREW, "fr"),),
    )


def demo_productions(today: datetime.date) -> tuple[DemoProduction, ...]:
    return (theatre_production(today), film_production(today))


def demo_emails() -> frozenset[str]:
    """Every address the demo creates an account for."""
    return frozenset(person.email for person in PEOPLE)
