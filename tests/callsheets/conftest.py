from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from regie.accounts.roles import Role
from regie.productions.models import Kind
from regie.scheduling.models import ItemKind
from tests.browser.smtp import Mailbox, SMTPServer
from tests.factories import (
    CallFactory,
    ContactFactory,
    EngagementFactory,
    ProductionFactory,
    SheetItemFactory,
    SheetPlaceFactory,
    UserFactory,
    brussels,
    member_of,
)

DAY = datetime.date(2027, 3, 2)


@dataclass
class Day:
    production: Any
    manager: Any
    place: Any
    load_in: Any
    show: Any
    ines: Any  # lighting, Dutch, phone visible
    camille: Any  # sound, French, phone hidden, has an account
    camille_user: Any
    noah: Any  # stage, called as a department


@pytest.fixture
def day(db) -> Day:
    """A performance day at a theatre in Gent: a load-in with two people called by name, a show
    with the stage department called."""
    production = ProductionFactory(kind=Kind.THEATRE, title="De Storm", working_languages=["nl", "fr"])
    manager = member_of(production, Role.PRODUCTION_MANAGER, language="nl")
    place = SheetPlaceFactory(organisation=production.organisation, name="Schouwburg Gent")
    ines = EngagementFactory(
        production=production,
        contact=ContactFactory(
            organisation=production.organisation, name="Ines Peeters", mobile="+32470111111", languages=["nl"]
        ),
        department="lighting",
        function="gaffer",
        fee=450,
    )
    camille_user = UserFactory(language="fr", email="camille.dubois@example.be")
    camille = EngagementFactory(
        production=production,
        contact=ContactFactory(
            organisation=production.organisation,
            name="Camille Dubois",
            email="camille.dubois@example.be",
            mobile="+32470222222",
            phone_private=True,
            languages=["fr"],
            user=camille_user,
        ),
        department="sound",
        function="sound_technician",
        fee=380,
    )
    noah = EngagementFactory(
        production=production,
        contact=ContactFactory(organisation=production.organisation, name="Noah Janssens", languages=["nl"]),
        department="stage",
        function="stage_manager",
    )
    load_in = SheetItemFactory(
        production=production,
        kind=ItemKind.LOAD_IN,
        title="Opbouw",
        place=place,
        starts_at=brussels(DAY, 9),
        ends_at=brussels(DAY, 13),
    )
    show = SheetItemFactory(
        production=production,
        kind=ItemKind.PERFORMANCE,
        title="Voorstelling",
        place=place,
        starts_at=brussels(DAY, 20),
        ends_at=brussels(DAY, 22, 30),
    )
    CallFactory(
        item=load_in,
        engagement=ines,
        call_at=brussels(DAY, 8, 30),
        pickup_at=brussels(DAY, 8),
        pickup_place="Gent-Sint-Pieters",
    )
    CallFactory(item=load_in, engagement=camille)
    CallFactory(item=show, engagement=camille, call_at=brussels(DAY, 18))
    CallFactory(item=show, department="stage", call_at=brussels(DAY, 17, 30))
    return Day(production, manager, place, load_in, show, ines, camille, camille_user, noah)


class RefusingMailbox(Mailbox):
    """A mailbox whose server refuses any address at bounce.example.be, as a real server refuses
    an unknown mailbox at RCPT time."""

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any) -> str:
        if address.endswith("@bounce.example.be"):
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[SMTPServer]:
    server = SMTPServer(RefusingMailbox())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mailbox(smtp_server: SMTPServer, settings: Any) -> Mailbox:
    """Django sends through SMTP to a real server in the test process; tasks run at once."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    settings.REGIE_BASE_URL = "https://regie.example.be"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    smtp_server.mailbox.clear()
    return smtp_server.mailbox
