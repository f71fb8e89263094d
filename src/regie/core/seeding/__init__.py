"""Generated organisations at scale, for tests and benchmarks (`regie seed --size small|large`).

The contract:

- Deterministic: the same size and seed give the same people, titles, teams and history (dates
  are relative to the day of seeding). Each step draws from its own random stream, seeded by the
  seed and the step's name, so adding a step does not change what the other steps generate.
- Fast: rows are written with `bulk_create`, every account gets the same password hash (hashed
  once), and the history entries are written together at the end.
- Extensible: a later issue adds its data as one more function in `STEPS`. A step reads what the
  earlier steps made from the `SeedContext`, adds its rows, records its counts in
  `context.counts` and its history with `context.log(...)`.

The organisation's address book holds a contact for every account (linked to it) plus companies,
venues and suppliers; everyone on a team is engaged on that production, in a department and under
its head, so the large seed's festival has 800 engagements.
"""

from __future__ import annotations

import datetime
import random
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from regie.accounts.models import Organisation, OrganisationMembership, User
from regie.accounts.roles import OrganisationRole, Role
from regie.core.audit import diff, json_safe, snapshot
from regie.core.models import AuditEntry
from regie.core.seeding.schedule import add_schedules
from regie.core.seeding.vocabulary import (
    BRANDS,
    CLIENTS,
    CONCEPTS,
    CONTACT_LABELS,
    FESTIVALS,
    FIRST_FR,
    FIRST_NL,
    FIRST_OTHER,
    JOBS,
    LAST_FR,
    LAST_NL,
    LAST_OTHER,
    TITLES_FR,
    TITLES_NL,
)
from regie.people.functions import Department, department_of
from regie.people.models import (
    Contact,
    ContactKind,
    Engagement,
    EngagementStatus,
    EngagementType,
    FeeUnit,
    IdDocumentKind,
    PersonalData,
)
from regie.people.validation import name_key
from regie.productions.models import SCREEN_KINDS, KeyContact, Kind, Phase, Production, ProductionMembership

R = Role
SEED_PASSWORD = "seed-password"  # generated data only; printed by `regie seed`


@dataclass(frozen=True)
class SeedPlan:
    """How much one size generates. `users` counts every account, the two fixed log-ins included."""

    size: str
    productions: int
    users: int
    staff: int
    festival_members: int
    team_sizes: tuple[int, int]
    contacts: tuple[int, int]
    festival_contacts: int
    address_book_companies: int = 0


PLANS: dict[str, SeedPlan] = {
    "small": SeedPlan(
        "small", 3, 50, 5, 20, team_sizes=(6, 12), contacts=(2, 4), festival_contacts=6, address_book_companies=11
    ),
    "large": SeedPlan(
        "large",
        24,
        2000,
        60,
        800,
        team_sizes=(12, 60),
        contacts=(3, 12),
        festival_contacts=40,
        address_book_companies=201,
    ),
}


def seed_slug(size: str) -> str:
    return f"seed-{size}"


def seed_domain(size: str) -> str:
    return f"seed-{size}.example"


def admin_email(size: str) -> str:
    return f"admin@{seed_domain(size)}"


def crew_email(size: str) -> str:
    """A crew member of the festival: the person who sees the big team from below."""
    return f"crew@{seed_domain(size)}"


@dataclass
class SeedContext:
    """What the steps share: the plan, the clock, the rows made so far and the history to write."""

    plan: SeedPlan
    seed: int
    now: datetime.datetime
    password_hash: str
    organisation: Organisation | None = None
    admin: User | None = None
    users: list[User] = field(default_factory=list)
    staff: list[User] = field(default_factory=list)
    productions: list[Production] = field(default_factory=list)
    festival: Production | None = None
    memberships: list[ProductionMembership] = field(default_factory=list)
    contacts: list[KeyContact] = field(default_factory=list)
    address_book: dict[int, Contact] = field(default_factory=dict)
    history: list[tuple[AuditEntry, datetime.datetime]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def today(self) -> datetime.date:
        return timezone.localdate(self.now)

    def rng(self, step: str) -> random.Random:
        # A string seed is hashed with SHA-512 by `random`: stable across runs and machines.
        return random.Random(f"{self.seed}:{step}")

    def log(
        self,
        obj: models.Model,
        action: str,
        *,
        when: datetime.datetime,
        user: User | None,
        production: Production | None = None,
        changes: dict[str, Any] | None = None,
        data: dict[str, Any] | None = None,
    ) -> None:
        """Queue a history entry dated `when`, as the services would have written it then."""
        entry = AuditEntry(
            user=user,
            organisation=self.organisation,
            production=production,
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
            object_repr=str(obj)[:255],
            action=action,
            changes=json_safe(changes or {}),
            data=json_safe(data or {}),
        )
        self.history.append((entry, min(when, self.now)))


def _domain(kind: str) -> str:
    if kind in SCREEN_KINDS:
        return "screen"
    return "festival" if kind in {Kind.FESTIVAL, Kind.EVENT, Kind.CONCERT} else "stage"


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "-" for c in plain.lower()).strip("-")


def _person(rng: random.Random) -> tuple[str, str]:
    """A (name, language) pair, in the mix of a Brussels-based organisation."""
    group = rng.choices(("nl", "fr", "en"), weights=(5, 4, 1))[0]
    first = rng.choice({"nl": FIRST_NL, "fr": FIRST_FR, "en": FIRST_OTHER}[group])
    last = rng.choice({"nl": LAST_NL, "fr": LAST_FR, "en": LAST_OTHER}[group])
    return f"{first} {last}", group


def _moment(rng: random.Random, start: datetime.datetime, end: datetime.datetime) -> datetime.datetime:
    return start + (end - start) * rng.random()


def add_people(ctx: SeedContext) -> None:
    """The accounts: the administrator, the festival crew member, then generated people."""
    rng, plan, domain = ctx.rng("people"), ctx.plan, seed_domain(ctx.plan.size)
    users = [
        User(email=admin_email(plan.size), name="Seed Admin", language="en"),
        User(email=crew_email(plan.size), name="Seed Crew", language="nl"),
    ]
    for number in range(len(users), plan.users):
        name, language = _person(rng)
        users.append(User(email=f"{_ascii(name)}.{number:04d}@{domain}", name=name, language=language))
    for user in users:
        user.password = ctx.password_hash
    ctx.users = User.objects.bulk_create(users, batch_size=500)
    ctx.admin = ctx.users[0]
    ctx.staff = ctx.users[2 : 2 + plan.staff]
    ctx.counts["users"] = len(ctx.users)


def add_organisation(ctx: SeedContext) -> None:
    """The organisation and its members: one administrator, some staff, the rest guests."""
    rng, plan = ctx.rng("organisation"), ctx.plan
    ctx.organisation = Organisation.objects.create(name=f"Seed ({plan.size})", slug=seed_slug(plan.size))
    founded = ctx.now - datetime.timedelta(days=720)
    ctx.log(ctx.organisation, "accounts.organisation.created", when=founded, user=ctx.admin)
    staff = {user.pk for user in ctx.staff}
    memberships = [
        OrganisationMembership(
            organisation=ctx.organisation,
            user=user,
            role=OrganisationRole.ADMIN
            if user is ctx.admin
            else OrganisationRole.STAFF
            if user.pk in staff
            else OrganisationRole.GUEST,
        )
        for user in ctx.users
    ]
    OrganisationMembership.objects.bulk_create(memberships, batch_size=500)
    for membership in memberships[1:]:
        ctx.log(
            membership,
            "accounts.member.added",
            when=_moment(rng, founded, ctx.now),
            user=ctx.admin,
            data={"role": membership.role},
        )
    ctx.counts["organisation_members"] = len(memberships)


def _title(rng: random.Random, kind: str, taken: set[str]) -> str:
    for _attempt in range(50):
        if kind in {Kind.COMMERCIAL, Kind.CORPORATE_VIDEO}:
            title = f"{rng.choice(BRANDS)} — {rng.choice(('lente', 'été', 'winter', 'rentrée'))}"
        else:
            title = rng.choice(TITLES_NL + TITLES_FR)
            if rng.random() < 0.4:
                title = f"{title} / {rng.choice(TITLES_FR if title in TITLES_NL else TITLES_NL)}"
        if title not in taken:
            break
    else:
        title = f"{title} {len(taken)}"
    taken.add(title)
    return title


def _dates_and_phase(rng: random.Random, today: datetime.date, kind: str) -> tuple[datetime.date, datetime.date, str]:
    start = today + datetime.timedelta(days=rng.randint(-300, 240))
    end = start + datetime.timedelta(days=rng.randint(14, 200))
    if end < today:
        phase = rng.choice([Phase.CLOSED, Phase.POST_PRODUCTION if kind in SCREEN_KINDS else Phase.TOURING])
    elif start <= today:
        phase = Phase.PRODUCTION if kind in SCREEN_KINDS else rng.choice([Phase.PRODUCTION, Phase.TOURING])
    else:
        phase = rng.choice([Phase.DEVELOPMENT, Phase.PRE_PRODUCTION])
    return start, end, phase


def add_productions(ctx: SeedContext) -> None:
    """The festival (first, with the big team) and productions of every other kind, in plausible phases."""
    rng, today = ctx.rng("productions"), ctx.today
    festival_start = today + datetime.timedelta(days=rng.randint(20, 60))
    productions = [
        Production(
            title=f"{rng.choice(FESTIVALS)} {festival_start.year}",
            kind=Kind.FESTIVAL,
            phase=Phase.PRE_PRODUCTION,
            client=rng.choice(CLIENTS["festival"]),
            start_date=festival_start,
            end_date=festival_start + datetime.timedelta(days=3),
            working_languages=["nl", "fr", "en"],
            concept=CONCEPTS[2],
        )
    ]
    taken = {productions[0].title}
    other_kinds = [kind for kind in Kind if kind != Kind.FESTIVAL]
    for _number in range(ctx.plan.productions - 1):
        kind = rng.choice(other_kinds)
        start, end, phase = _dates_and_phase(rng, today, kind)
        productions.append(
            Production(
                title=_title(rng, kind, taken),
                kind=kind,
                phase=phase,
                client=rng.choice(CLIENTS[_domain(kind)]),
                start_date=start,
                end_date=end,
                timezone=rng.choice(["Europe/Brussels"] * 4 + ["Europe/Amsterdam", "Europe/Paris"]),
                working_languages=[code for code in ("nl", "fr", "en") if rng.random() < 0.6] or ["nl"],
                concept=rng.choice(CONCEPTS),
                archived_at=ctx.now - datetime.timedelta(days=(today - end).days)
                if phase == Phase.CLOSED and rng.random() < 0.5
                else None,
            )
        )
    assert ctx.organisation is not None
    for production in productions:
        production.organisation = ctx.organisation
        production.created_by = rng.choice(ctx.staff)
    ctx.productions = Production.objects.bulk_create(productions)
    ctx.festival = ctx.productions[0]
    for production in ctx.productions:
        _log_production_history(ctx, rng, production)
    ctx.counts["productions"] = len(ctx.productions)


def _log_production_history(ctx: SeedContext, rng: random.Random, production: Production) -> None:
    """Created some months ago, then moved phase by phase to where it is now."""
    opened = ctx.now - datetime.timedelta(days=rng.randint(30, 400))
    owner = production.created_by
    created = snapshot(production)
    created.update(phase=Phase.DEVELOPMENT, archived_at=None)
    ctx.log(
        production,
        "productions.production.created",
        when=opened,
        user=owner,
        production=production,
        changes=diff({}, created),
    )
    skip = Phase.TOURING if production.kind in SCREEN_KINDS else Phase.POST_PRODUCTION
    phases = [phase for phase in Phase.values if phase != skip or phase == production.phase]
    steps = phases[1 : phases.index(production.phase) + 1]
    moments = sorted(_moment(rng, opened, ctx.now) for _ in steps)
    previous: str = Phase.DEVELOPMENT
    for phase, when in zip(steps, moments, strict=True):
        changes = {"phase": {"old": previous, "new": phase}}
        ctx.log(
            production, "productions.production.changed", when=when, user=owner, production=production, changes=changes
        )
        previous = phase
    if production.archived_at is not None:
        ctx.log(
            production,
            "productions.production.archived",
            when=production.archived_at,
            user=owner,
            production=production,
        )


def _team_roles(size: int, rng: random.Random) -> list[Role]:
    """Roles for a team of `size` besides its owner: every role at least once when it fits."""
    roles: list[Role] = [R.PRODUCER, R.PRODUCTION_MANAGER, R.PRODUCTION_ASSISTANT, R.ACCOUNTANT, R.VIEWER]
    roles += [R.PRODUCTION_MANAGER, R.PRODUCTION_ASSISTANT] * (size // 150)
    roles = roles[:size]
    roles += rng.choices([Role.DEPARTMENT_HEAD, Role.CREW, Role.CAST], weights=(1, 6, 3), k=size - len(roles))
    return roles


def add_teams(ctx: SeedContext) -> None:
    """A team per production: the festival gets `festival_members`, the crew log-in among them."""
    rng, plan = ctx.rng("teams"), ctx.plan
    crew = ctx.users[1]
    candidates = ctx.users[1:]  # the administrator sees everything without being on a team
    memberships: list[ProductionMembership] = []
    for production in ctx.productions:
        owner = production.created_by
        assert owner is not None
        if production is ctx.festival:
            size, required = plan.festival_members, [crew]
        else:
            size, required = rng.randint(*plan.team_sizes), []
        pool = [user for user in candidates if user is not owner and user is not crew]
        people = [owner, *required, *rng.sample(pool, size - 1 - len(required))]
        roles = [Role.OWNER, *[Role.CREW] * len(required), *_team_roles(size - 1 - len(required), rng)]
        jobs = JOBS[_domain(production.kind)]
        for user, role in zip(people, roles, strict=True):
            job_title, department = rng.choice(jobs[role])
            memberships.append(
                ProductionMembership(
                    production=production, user=user, role=role, job_title=job_title, department=department
                )
            )
    ctx.memberships = ProductionMembership.objects.bulk_create(memberships, batch_size=500)
    for membership in ctx.memberships:
        production = membership.production
        if membership.role == Role.OWNER:
            continue
        when = _moment(rng, ctx.now - datetime.timedelta(days=30), ctx.now)
        ctx.log(
            membership,
            "productions.member.added",
            when=when,
            user=production.created_by,
            production=production,
            data={"user": membership.user.email, "role": membership.role},
        )
        if membership.role == Role.DEPARTMENT_HEAD and rng.random() < 0.3:
            ctx.log(
                membership,
                "productions.member.changed",
                when=when + datetime.timedelta(days=rng.randint(1, 20)),
                user=production.created_by,
                production=production,
                changes={"role": {"old": Role.CREW, "new": Role.DEPARTMENT_HEAD}},
            )
    ctx.counts["production_members"] = len(ctx.memberships)
    ctx.counts["festival_members"] = sum(1 for m in ctx.memberships if m.production is ctx.festival)


def add_key_contacts(ctx: SeedContext) -> None:
    """Key contacts per production: venues, funders, permits, suppliers."""
    rng, plan = ctx.rng("contacts"), ctx.plan
    contacts = []
    for production in ctx.productions:
        count = plan.festival_contacts if production is ctx.festival else rng.randint(*plan.contacts)
        domain = _domain(production.kind)
        for position in range(count):
            name, _language = _person(rng)
            contacts.append(
                KeyContact(
                    production=production,
                    position=position,
                    label=rng.choice(CONTACT_LABELS[domain]),
                    name=name,
                    company=rng.choice(CLIENTS[domain]),
                    email=f"{_ascii(name)}@example.com",
                    phone=f"+32 {rng.randint(2, 9)} 555 {rng.randint(10, 99)} {rng.randint(10, 99)}",
                )
            )
    ctx.contacts = KeyContact.objects.bulk_create(contacts, batch_size=500)
    for contact in ctx.contacts:
        production = contact.production
        ctx.log(
            contact,
            "productions.contact.added",
            when=_moment(rng, ctx.now - datetime.timedelta(days=60), ctx.now),
            user=production.created_by,
            production=production,
            changes=diff({}, snapshot(contact)),
        )
    ctx.counts["key_contacts"] = len(ctx.contacts)


CITIES = (
    ("1000", "Brussel"),
    ("1060", "Saint-Gilles"),
    ("1210", "Sint-Joost-ten-Node"),
    ("2000", "Antwerpen"),
    ("3000", "Leuven"),
    ("4000", "Liège"),
    ("5000", "Namur"),
    ("7000", "Mons"),
    ("8000", "Brugge"),
    ("9000", "Gent"),
)
SEED_TAGS = ("trusted", "local", "touring", "night shifts", "driving licence C", "first aid")
COMPANY_KINDS = (ContactKind.COMPANY, ContactKind.SUPPLIER, ContactKind.VENUE, ContactKind.PRESS, ContactKind.FUNDER)
FUNCTIONS_BY_ROLE: dict[str, tuple[str, ...]] = {
    R.OWNER: ("producer",),
    R.PRODUCER: ("producer", "executive_producer", "line_producer"),
    R.PRODUCTION_MANAGER: ("production_manager",),
    R.PRODUCTION_ASSISTANT: ("production_assistant", "production_coordinator"),
    R.ACCOUNTANT: ("",),
    R.VIEWER: ("",),
    R.DEPARTMENT_HEAD: ("technical_director", "gaffer", "sound_mixer", "key_grip", "costume_designer", "head_of_stage"),
    R.CREW: (
        "electrician",
        "stagehand",
        "rigger",
        "sound_technician",
        "grip",
        "dresser",
        "make_up_artist",
        "volunteer",
    ),
    R.CAST: ("actor", "dancer", "musician", "singer"),
}


def add_address_book(ctx: SeedContext) -> None:
    """A contact per account (linked to it) and some companies, venues and suppliers."""
    rng, plan = ctx.rng("address_book"), ctx.plan
    assert ctx.organisation is not None
    contacts = []
    for user in ctx.users[1:]:
        postcode, city = rng.choice(CITIES)
        contacts.append(
            Contact(
                organisation=ctx.organisation,
                kind=ContactKind.PERSON,
                name=user.name,
                name_key=name_key(user.name),
                email=user.email,
                email_key=user.email,
                mobile=f"+324{rng.randint(70, 99)}{rng.randint(100000, 999999)}",
                postcode=postcode,
                city=city,
                languages=sorted({user.language, rng.choice(("nl", "fr", "en"))}),
                skills=sorted(set(rng.sample(FUNCTIONS_BY_ROLE[R.CREW], 2))),
                tags=rng.sample(SEED_TAGS, rng.randint(0, 2)),
                day_rate=Decimal(rng.randrange(18000, 45000, 500)) / 100,
                user=user,
            )
        )
    for number in range(plan.address_book_companies):
        kind = COMPANY_KINDS[number % len(COMPANY_KINDS)]
        name = f"{rng.choice(CLIENTS[rng.choice(('stage', 'screen', 'festival'))])} {number + 1}"
        postcode, city = rng.choice(CITIES)
        contacts.append(
            Contact(
                organisation=ctx.organisation,
                kind=kind,
                name=name,
                name_key=name_key(name),
                email=f"info{number}@example.com",
                email_key=f"info{number}@example.com",
                postcode=postcode,
                city=city,
            )
        )
    created = Contact.objects.bulk_create(contacts, batch_size=500)
    ctx.address_book = {contact.user_id: contact for contact in created if contact.user_id}
    for contact in created:
        when = _moment(rng, ctx.now - datetime.timedelta(days=700), ctx.now - datetime.timedelta(days=60))
        ctx.log(contact, "people.contact.created", when=when, user=ctx.admin)
    ctx.counts["address_book"] = len(created)


def add_engagements(ctx: SeedContext) -> None:
    """Everyone on a team is engaged: function by role, heads per department, the rest reporting to them.

    About one in twenty people engaged on the festival have a passport on file, a few of which
    expire before the festival ends: the dashboard's warning has something to show.
    """
    rng = ctx.rng("engagements")
    engagements = []
    for membership in ctx.memberships:
        function = rng.choice(FUNCTIONS_BY_ROLE[membership.role]) or "production_assistant"
        production = membership.production
        engagements.append(
            Engagement(
                production=production,
                contact=ctx.address_book[membership.user_id],
                function=function,
                department=department_of(function),
                is_department_head=membership.role in {R.DEPARTMENT_HEAD, R.PRODUCTION_MANAGER, R.OWNER},
                start_date=production.start_date,
                end_date=production.end_date,
                engagement_type=rng.choice(EngagementType.values),
                fee=Decimal(rng.randrange(18000, 45000, 500)) / 100,
                fee_unit=FeeUnit.DAY,
                currency=production.currency,
                status=rng.choices(EngagementStatus.values, weights=(1, 1, 4, 4, 0.3))[0],
            )
        )
    created = Engagement.objects.bulk_create(engagements, batch_size=500)
    heads: dict[tuple[int, str], Engagement] = {}
    top: dict[int, Engagement] = {}
    for engagement in created:
        if engagement.function == "producer" and engagement.production_id not in top:
            top[engagement.production_id] = engagement
        if engagement.is_department_head:
            heads.setdefault((engagement.production_id, engagement.department), engagement)
    for engagement in created:
        head = heads.get((engagement.production_id, engagement.department)) or top.get(engagement.production_id)
        if engagement.is_department_head and engagement.department != Department.PRODUCTION:
            head = top.get(engagement.production_id)
        engagement.reports_to = head if head is not None and head.pk != engagement.pk else None
        ctx.log(
            engagement,
            "people.engagement.added",
            when=_moment(rng, ctx.now - datetime.timedelta(days=30), ctx.now),
            user=engagement.production.created_by,
            production=engagement.production,
        )
    Engagement.objects.bulk_update(created, ["reports_to"], batch_size=500)
    assert ctx.festival is not None
    festival = [e for e in created if e.production_id == ctx.festival.pk]
    end = ctx.festival.end_date or ctx.today
    PersonalData.objects.bulk_create(
        PersonalData(
            contact=e.contact,
            id_document_kind=IdDocumentKind.PASSPORT,
            id_document_number=f"EM{rng.randint(100000, 999999)}",
            id_document_expiry=end + datetime.timedelta(days=rng.randint(-40, 400)),
        )
        for e in festival[:: max(1, len(festival) // 40)]
    )
    ctx.counts["engagements"] = len(created)
    ctx.counts["festival_engagements"] = len(festival)


def save_history(ctx: SeedContext) -> None:
    """Write the queued history entries, then give them their dates (`created` is auto_now_add)."""
    entries = AuditEntry.objects.bulk_create([entry for entry, _when in ctx.history], batch_size=500)
    for entry, (_queued, when) in zip(entries, ctx.history, strict=True):
        entry.created = when
    AuditEntry.objects.bulk_update(entries, ["created"], batch_size=500)
    ctx.counts["history_entries"] = len(entries)


Step = Callable[[SeedContext], None]
# Later issues append their steps; `save_history` always runs after the last one.
STEPS: list[Step] = [
    add_people,
    add_organisation,
    add_productions,
    add_teams,
    add_key_contacts,
    add_address_book,
    add_engagements,
    add_schedules,
]


@dataclass(frozen=True)
class SeedResult:
    organisation: Organisation
    festival: Production
    counts: dict[str, int]
    seconds: float

    def logins(self) -> list[dict[str, str]]:
        size = self.organisation.slug.removeprefix("seed-")
        return [
            {"email": admin_email(size), "name": "Seed Admin", "role": "organisation administrator"},
            {"email": crew_email(size), "name": "Seed Crew", "role": f"crew on {self.festival.title}"},
        ]


def seed_exists(size: str) -> bool:
    return Organisation.objects.filter(slug=seed_slug(size)).exists()


def remove_seed(size: str) -> None:
    """Delete the seeded organisation (productions and history go with it) and its accounts."""
    with transaction.atomic():
        Organisation.objects.filter(slug=seed_slug(size)).delete()
        User.objects.filter(email__endswith=f"@{seed_domain(size)}").delete()


def generate(size: str, *, seed: int = 1, now: datetime.datetime | None = None) -> SeedResult:
    """Create the `size` organisation in one transaction. It must not exist yet (see `remove_seed`)."""
    started = time.perf_counter()
    ctx = SeedContext(
        plan=PLANS[size], seed=seed, now=now or timezone.now(), password_hash=make_password(SEED_PASSWORD)
    )
    with transaction.atomic():
        for step in STEPS:
            step(ctx)
        save_history(ctx)
    assert ctx.organisation is not None and ctx.festival is not None
    counts = {"organisations": 1, **ctx.counts}
    return SeedResult(ctx.organisation, ctx.festival, counts, time.perf_counter() - started)


def festival_for(size: str) -> Production:
    """The seeded festival: the organisation's only festival."""
    return Production.objects.select_related("organisation").get(organisation__slug=seed_slug(size), kind=Kind.FESTIVAL)
