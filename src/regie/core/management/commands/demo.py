"""`regie demo`: load the demo organisation once, and print how to sign in to it.

Idempotent: when the organisation `demo` exists the command changes nothing, says so, prints the
log-ins again and exits 0. `--reset` deletes the demo organisation and the demo accounts first, so
the dates start again from today. The data goes through the services, so the productions have a
history from the first page view.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import sys
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from regie.accounts.models import Organisation, OrganisationMembership, User
from regie.accounts.roles import MANAGERS, OrganisationRole, Role
from regie.accounts.services import create_organisation, invite
from regie.contracts.demo import load_demo_contracts, remove_demo_contracts
from regie.core.audit import log_action
from regie.core.demo_data import (
    DEMO_PASSWORD,
    ORGANISATION_NAME,
    ORGANISATION_SLUG,
    PEOPLE,
    DemoProduction,
    demo_emails,
    demo_productions,
)
from regie.productions.models import KeyContact, Kind, Production
from regie.productions.services import add_member, create_production, save_key_contact, update_member, update_production
from regie.scheduling.demo import load_demo_schedule


def remove_demo() -> None:
    """Delete the demo organisation (its productions and history go with it) and the demo accounts."""
    with transaction.atomic():
        remove_demo_contracts(ORGANISATION_SLUG)
        Organisation.objects.filter(slug=ORGANISATION_SLUG).delete()
        User.objects.filter(email__in=demo_emails()).delete()


def load_demo(today: datetime.date) -> Organisation:
    """Create the demo accounts, organisation and productions in one transaction."""
    password = make_password(DEMO_PASSWORD)  # hashed once: every demo account shares it
    with transaction.atomic():
        users = {
            p.email: User.objects.create(email=p.email, name=p.name, language=p.language, password=password)
            for p in PEOPLE
        }
        admin = next(users[p.email] for p in PEOPLE if p.organisation_role == OrganisationRole.ADMIN)
        organisation = create_organisation(name=ORGANISATION_NAME, slug=ORGANISATION_SLUG, admin=admin)
        for person in PEOPLE:
            if person.organisation_role != OrganisationRole.ADMIN:
                _add_to_organisation(organisation, users[person.email], person.organisation_role, by=admin)
        for spec in demo_productions(today):
            production = _load_production(spec, organisation, users)
            if spec.kind == Kind.THEATRE:
                planner = next(p.email for p in spec.team if p.role == Role.PRODUCTION_MANAGER)
                load_demo_schedule(production, by=users[planner], today=today)
                load_demo_contracts(production, by=users[planner], today=today)
    return organisation


def _add_to_organisation(organisation: Organisation, user: User, role: str, *, by: User) -> None:
    # No service adds a member without an invitation; log what accepting one would have logged.
    membership = OrganisationMembership.objects.create(organisation=organisation, user=user, role=role)
    log_action(membership, "accounts.member.added", user=by, data={"role": role})


def _load_production(spec: DemoProduction, organisation: Organisation, users: dict[str, User]) -> Production:
    owner_place, *places = spec.team
    owner = users[owner_place.email]
    production = create_production(
        Production(
            title=spec.title,
            kind=spec.kind,
            phase=spec.first_phase,
            client=spec.client,
            start_date=spec.start_date,
            end_date=spec.end_date,
            timezone=spec.timezone,
            working_languages=list(spec.working_languages),
            concept=spec.concept,
            description=spec.description,
        ),
        organisation=organisation,
        by=owner,
    )
    own = production.memberships.get(user=owner)
    own.job_title, own.department = owner_place.job_title, owner_place.department
    update_member(own, by=owner)
    for phase in spec.later_phases:
        production.phase = phase
        update_production(production, version=production.version, by=owner)

    # The owner brings in the managers; the production manager brings in everyone else.
    manager = users[next(p.email for p in places if p.role == Role.PRODUCTION_MANAGER)]
    assistant = users[next(p.email for p in places if p.role == Role.PRODUCTION_ASSISTANT)]
    for place in places:
        add_member(
            production,
            user=users[place.email],
            role=place.role,
            by=owner if place.role in MANAGERS else manager,
            job_title=place.job_title,
            department=place.department,
        )
    for position, contact in enumerate(spec.contacts):
        save_key_contact(
            KeyContact(
                production=production,
                position=position,
                label=contact.label,
                name=contact.name,
                company=contact.company,
                email=contact.email,
                phone=contact.phone,
                notes=contact.notes,
            ),
            by=assistant,
        )
    for invitation in spec.invitations:
        invite(
            organisation=organisation,
            production=production,
            email=invitation.email,
            name=invitation.name,
            role=invitation.role,
            language=invitation.language,
            organisation_role=OrganisationRole.GUEST,
            invited_by=manager,
        )
    return production


def demo_logins(today: datetime.date) -> list[dict[str, Any]]:
    """Every demo account with its organisation role and its places on the productions."""
    places: dict[str, list[dict[str, str]]] = {}
    for production in demo_productions(today):
        for place in production.team:
            places.setdefault(place.email, []).append(
                {"production": production.title, "role": place.role.value, "function": place.job_title}
            )
    return [
        {
            "email": person.email,
            "name": person.name,
            "language": person.language,
            "organisation_role": person.organisation_role.value,
            "productions": places.get(person.email, []),
        }
        for person in PEOPLE
    ]


def login_table(today: datetime.date) -> str:
    """The log-ins as a plain-text table, one block per production."""
    people = {p.email: p for p in PEOPLE}
    header = ("e-mail", "name", "language", "organisation", "role", "function")
    blocks = []
    for production in demo_productions(today):
        rows = [header] + [
            (
                place.email,
                people[place.email].name,
                people[place.email].language,
                people[place.email].organisation_role.value,
                place.role.value,
                place.job_title,
            )
            for place in production.team
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
        lines.insert(1, "  ".join("-" * width for width in widths))
        blocks.append(f"{production.title} ({production.kind.value}, {production.phase.value})\n" + "\n".join(lines))
    return "\n\n".join(blocks)


class Command(BaseCommand):
    help = "Load the demo organisation (two productions, people in every role) and print the demo log-ins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo organisation and the demo accounts, then load them again with dates from today.",
        )
        parser.add_argument("--json", action="store_true", help="Print the log-ins as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["reset"]:
            remove_demo()
        loaded = not Organisation.objects.filter(slug=ORGANISATION_SLUG).exists()
        today = timezone.localdate()
        if loaded:
            if User.objects.filter(email__in=demo_emails()).exists():
                raise CommandError(
                    "Some demo accounts exist without the demo organisation. "
                    "Run `regie demo --reset` to delete them and load the demo again."
                )
            # Invitation mails go out through the mail backend, which prints them when no mail
            # server is set: send that to stderr so that stdout stays the table (or the JSON).
            with contextlib.redirect_stdout(sys.stderr):
                load_demo(today)
        url = settings.REGIE_BASE_URL + reverse("productions:organisation_home", kwargs={"slug": ORGANISATION_SLUG})
        if options["json"]:
            payload = {
                "loaded": loaded,
                "organisation": {"name": ORGANISATION_NAME, "slug": ORGANISATION_SLUG, "url": url},
                "password": DEMO_PASSWORD,
                "logins": demo_logins(today),
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        if loaded:
            self.stdout.write(self.style.SUCCESS(f'Loaded the demo organisation "{ORGANISATION_NAME}": {url}'))
        else:
            self.stdout.write(
                f'The demo organisation "{ORGANISATION_NAME}" is already loaded ({url}); nothing changed. '
                "`regie demo --reset` loads it again with dates from today."
            )
        self.stdout.write(f"Every demo account signs in with the password: {DEMO_PASSWORD}")
        self.stdout.write("")
        self.stdout.write(login_table(today))
