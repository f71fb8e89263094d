from __future__ import annotations

import datetime
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from bench import pages
from regie.accounts.models import Invitation, Organisation, OrganisationMembership, User
from regie.accounts.roles import OrganisationRole, Role
from regie.core.models import AuditEntry
from regie.core.seeding import SEED_PASSWORD, festival_for, generate, remove_seed
from regie.productions.models import KeyContact, Production, ProductionMembership

pytestmark = pytest.mark.django_db

THEATRE = "Wat het water weet"
FILM = "Entre deux rives / Tussen twee oevers"


def run_json(*args: str) -> dict[str, Any]:
    out = io.StringIO()
    call_command(*args, "--json", stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


def demo_row_counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "organisations": Organisation.objects.count(),
        "organisation_members": OrganisationMembership.objects.count(),
        "productions": Production.objects.count(),
        "production_members": ProductionMembership.objects.count(),
        "key_contacts": KeyContact.objects.count(),
        "invitations": Invitation.objects.count(),
        "history": AuditEntry.objects.count(),
    }


def test_demo_loads_both_productions_with_every_role():
    payload = run_json("demo")

    productions = Production.objects.filter(organisation__slug="demo").order_by("title")
    assert payload["loaded"] is True
    assert [p.title for p in productions] == [FILM, THEATRE]
    for production in productions:
        assert set(production.memberships.values_list("role", flat=True)) == set(Role.values)


def test_demo_dates_count_from_today():
    call_command("demo", stdout=io.StringIO(), stderr=io.StringIO())

    theatre = Production.objects.get(title=THEATRE)
    film = Production.objects.get(title=FILM)
    assert theatre.countdown() == ("to_end", 122)
    assert film.countdown() == ("to_start", 42)
    assert film.start_date == timezone.localdate() + datetime.timedelta(days=42)


def test_demo_users_log_in_with_printed_password(client):
    payload = run_json("demo")

    emails = [login["email"] for login in payload["logins"]]
    assert len(emails) == User.objects.count()
    for email in emails:
        assert client.login(username=email, password=payload["password"]) is True
        client.logout()


def test_demo_text_output_lists_password_and_every_login():
    out = io.StringIO()

    call_command("demo", stdout=out, stderr=io.StringIO())

    text = out.getvalue()
    assert "regie-demo-password" in text
    assert all(user.email in text for user in User.objects.all())


def test_demo_organisation_roles_admin_staff_and_guests():
    call_command("demo", stdout=io.StringIO(), stderr=io.StringIO())

    roles = list(OrganisationMembership.objects.filter(organisation__slug="demo").values_list("role", flat=True))
    assert roles.count(OrganisationRole.ADMIN) == 1
    assert roles.count(OrganisationRole.STAFF) == 9
    assert roles.count(OrganisationRole.GUEST) == 23


def test_demo_productions_have_history_from_services():
    call_command("demo", stdout=io.StringIO(), stderr=io.StringIO())

    theatre = Production.objects.get(title=THEATRE)
    actions = set(theatre.audit_entries.values_list("action", flat=True))
    assert actions == {
        "productions.production.created",
        "productions.production.changed",
        "productions.member.added",
        "productions.member.changed",
        "productions.contact.added",
        "accounts.invitation.sent",
        "scheduling.item.created",
        "scheduling.template.applied",
        "people.engagement.added",
        "contracts.contract.created",
        "contracts.payment.added",
        "contracts.payment.due",
        "contracts.contract.scan_uploaded",
        "contracts.document.added",
    }
    assert theatre.audit_entries.filter(action="productions.member.added").count() == 16


def test_demo_theatre_has_a_signed_contract_with_its_deposit_and_a_missing_release():
    from regie.contracts.models import ContractStatus, PaymentStatus
    from regie.contracts.register import missing_portrait_releases

    call_command("demo", stdout=io.StringIO(), stderr=io.StringIO())

    theatre = Production.objects.get(title=THEATRE)
    contract = theatre.contracts.get(kind="freelance")
    door_deal = theatre.contracts.get(kind="presenting")
    deposit = contract.payments.get(kind="deposit")
    assert (contract.kind, contract.status, contract.counterparty.name) == (
        "freelance",
        ContractStatus.SIGNED,
        "Fatima Ouali",
    )
    assert (deposit.status, deposit.amount) == (PaymentStatus.DUE, Decimal("1440.00"))
    assert [m.engagement.contact.name for m in missing_portrait_releases(theatre)] == ["Nathalie Dupont"]
    assert (door_deal.our_role, door_deal.company_and_presenter[1]) == ("presented", "Cultuurcentrum Belgica")


def test_demo_twice_does_not_duplicate():
    call_command("demo", stdout=io.StringIO(), stderr=io.StringIO())
    before = demo_row_counts()

    payload = run_json("demo")

    assert payload["loaded"] is False
    assert demo_row_counts() == before


def test_demo_reset_reloads_the_same_rows():
    call_command("demo", stdout=io.StringIO(), stderr=io.StringIO())
    before = demo_row_counts()

    payload = run_json("demo", "--reset")

    assert payload["loaded"] is True
    assert demo_row_counts() == before


def test_demo_accounts_without_organisation_refused():
    from regie.contracts.demo import remove_demo_contracts

    call_command("demo", stdout=io.StringIO(), stderr=io.StringIO())
    remove_demo_contracts("demo")  # signatures and payments protect the demo's contacts
    Organisation.objects.filter(slug="demo").delete()

    with pytest.raises(CommandError):
        call_command("demo", stdout=io.StringIO(), stderr=io.StringIO())

    assert Production.objects.count() == 0


def test_demo_dashboard_renders_for_crew(client):
    call_command("demo", stdout=io.StringIO(), stderr=io.StringIO())
    theatre = Production.objects.get(title=THEATRE)
    client.force_login(User.objects.get(email="dries.willems@example.be"))

    response = client.get(reverse("productions:dashboard", kwargs={"pk": theatre.pk}))

    assert response.status_code == 200
    assert "Kunstencentrum De Vierschaar, Gent" in response.content.decode()


def test_seed_small_creates_stated_counts():
    payload = run_json("seed", "--size", "small")

    counts = payload["counts"]
    organisation = Organisation.objects.get(slug="seed-small")
    stated = ("organisations", "users", "organisation_members", "productions", "festival_members")
    assert {name: counts[name] for name in stated} == {
        "organisations": 1,
        "users": 50,
        "organisation_members": 50,
        "productions": 3,
        "festival_members": 20,
    }
    assert User.objects.filter(email__endswith="@seed-small.example").count() == 50
    assert organisation.memberships.count() == 50
    assert organisation.productions.count() == 3
    assert festival_for("small").memberships.count() == 20
    assert (
        ProductionMembership.objects.filter(production__organisation=organisation).count()
        == counts["production_members"]
    )
    assert KeyContact.objects.filter(production__organisation=organisation).count() == counts["key_contacts"]
    assert AuditEntry.objects.filter(organisation=organisation).count() == counts["history_entries"]


def test_seed_same_seed_gives_same_titles():
    generate("small", seed=7)
    first = list(Production.objects.filter(organisation__slug="seed-small").order_by("pk").values_list("title"))
    remove_seed("small")

    generate("small", seed=7)

    again = list(Production.objects.filter(organisation__slug="seed-small").order_by("pk").values_list("title"))
    assert again == first


def test_seed_other_seed_gives_other_titles():
    generate("small", seed=1)
    first = list(Production.objects.filter(organisation__slug="seed-small").order_by("pk").values_list("title"))
    remove_seed("small")

    generate("small", seed=2)

    other = list(Production.objects.filter(organisation__slug="seed-small").order_by("pk").values_list("title"))
    assert other != first


def test_seed_existing_refused_without_reset():
    call_command("seed", "--size", "small", stdout=io.StringIO())

    with pytest.raises(CommandError):
        call_command("seed", "--size", "small", stdout=io.StringIO())

    assert Organisation.objects.filter(slug="seed-small").count() == 1


def test_seed_reset_replaces_without_duplicates():
    first = run_json("seed", "--size", "small")

    again = run_json("seed", "--size", "small", "--reset")

    assert again["counts"] == first["counts"]
    assert User.objects.filter(email__endswith="@seed-small.example").count() == 50


def test_seed_logins_are_admin_and_festival_crew(client):
    payload = run_json("seed", "--size", "small")

    festival = festival_for("small")
    admin = User.objects.get(email="admin@seed-small.example")
    crew = User.objects.get(email="crew@seed-small.example")
    assert payload["password"] == SEED_PASSWORD
    assert OrganisationMembership.objects.get(user=admin).role == OrganisationRole.ADMIN
    assert festival.memberships.get(user=crew).role == Role.CREW
    assert client.login(username=crew.email, password=SEED_PASSWORD) is True


def test_seed_small_bench_api_operations_answer_with_a_token():
    from bench import api

    generate("small")
    clients = api.api_clients("small")

    counts = {page.key: pages.count_queries(clients[page.person], page.path) for page in api.api_pages("small")}

    assert list(counts)[:3] == ["floor", "me", "productions"] and counts["floor"] == 0
    assert all(count > 0 for key, count in counts.items() if key not in {"floor", "openapi"})


def test_seed_small_bench_pages_answer():
    generate("small")

    counts = {
        page.key: pages.count_queries(pages.clients_for("small")[page.person], page.path)
        for page in pages.pages_for("small")
    }

    assert list(counts) == [
        "floor",
        "home",
        "dashboard",
        "dashboard_crew",
        "team",
        "history",
        "members",
        "crew",
        "crew_crew",
        "org_chart",
        "address_book",
        "address_book_search",
    ]
    assert counts["floor"] == 0
