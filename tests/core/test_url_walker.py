"""Walks every URL pattern of the project and checks how each page answers each persona.

The personas come from the view's `regie_access` marker and, for scoped views, from the role
table in `regie.accounts.roles`: a new page is covered without writing a test for it. A page
without a marker, or with a URL parameter the walker cannot fill, fails the walk.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from regie.accounts.roles import ORGANISATION_PERMISSIONS, PRODUCTION_PERMISSIONS, OrganisationRole, Role
from regie.contracts.models import ContractTemplate
from regie.people.models import ContactImport
from tests.factories import (
    ContactFactory,
    EngagementFactory,
    InvitationFactory,
    KeyContactFactory,
    OrganisationFactory,
    OrganisationMembershipFactory,
    ProductionFactory,
    ProductionMembershipFactory,
    UserFactory,
    budget_with_costs,
    onboarding_of,
    published_sheet,
    scene_with_element,
    schedule_with_one_of_each,
)
from tests.factories.contracts import contract_with_one_of_each

pytestmark = pytest.mark.django_db

INVITATION_TOKEN = "walker-invitation-token"
ONBOARDING_TOKEN = "walker-onboarding-token"
CONTRACT_TOKEN = "walker-contract-token"
CONTRACT_KWARGS = {
    "contract_pk",
    "document_pk",
    "link_pk",
    "payment_pk",
    "batch_pk",
    "invoice_pk",
    "settlement_pk",
    "required_pk",
}
ACCESS_KINDS = {"public", "user", "organisation", "production"}


@dataclasses.dataclass(frozen=True)
class Page:
    namespace: str
    name: str | None
    route: str
    callback: Any
    kwarg_names: frozenset[str]

    @property
    def label(self) -> str:
        return f"{self.namespace}:{self.name}" if self.name else self.route


def collect_pages(patterns: list[Any] | None = None, namespace: str = "", prefix: str = "", kwargs=frozenset()):
    """Every URL pattern, with its namespace and the names of all its URL parameters (includes too)."""
    pages: list[Page] = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        names = kwargs | frozenset(entry.pattern.regex.groupindex)
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            pages += collect_pages(entry.url_patterns, inner, route, names)
        else:
            assert isinstance(entry, URLPattern)
            pages.append(Page(namespace, entry.name, route, entry.callback, names))
    return pages


# The JSON API (namespace "api") answers programs, not browsers: 401 instead of a redirect to the
# log-in page. tests/api/test_api_walker.py walks its operations the same way from its OpenAPI description.
PAGES = [page for page in collect_pages() if page.namespace != "api"]


@dataclasses.dataclass
class World:
    """Organisation A with one production and one of everything a URL can point at; organisation B apart."""

    organisation: Any
    production: Any
    org_membership: Any
    production_membership: Any
    invitation: Any
    contact: Any
    reset_user: Any
    stranger: Any
    address_contact: Any = None
    engagement: Any = None
    budget: dict[str, Any] = dataclasses.field(default_factory=dict)
    breakdown: dict[str, Any] = dataclasses.field(default_factory=dict)
    schedule: dict[str, Any] = dataclasses.field(default_factory=dict)
    callsheet: dict[str, Any] = dataclasses.field(default_factory=dict)
    onboarding: dict[str, Any] = dataclasses.field(default_factory=dict)
    contracts: dict[str, Any] = dataclasses.field(default_factory=dict)


@pytest.fixture
def world() -> World:
    organisation = OrganisationFactory()
    production = ProductionFactory(organisation=organisation)
    owner = UserFactory()
    org_membership = OrganisationMembershipFactory(organisation=organisation, user=owner, role=OrganisationRole.STAFF)
    production_membership = ProductionMembershipFactory(production=production, user=owner, role=Role.OWNER)
    invitation = InvitationFactory(
        organisation=organisation, production=production, role=Role.CREW, token=INVITATION_TOKEN
    )
    contact = KeyContactFactory(production=production)
    other_organisation = OrganisationFactory()
    ProductionFactory(organisation=other_organisation)
    stranger = UserFactory()
    OrganisationMembershipFactory(organisation=other_organisation, user=stranger, role=OrganisationRole.ADMIN)
    address_contact = ContactFactory(organisation=organisation)
    engagement = EngagementFactory(production=production, contact=address_contact)
    return World(
        organisation,
        production,
        org_membership,
        production_membership,
        invitation,
        contact,
        owner,
        stranger,
        address_contact,
        engagement,
    )


def url_for(page: Page, world: World) -> str:
    if page.name is None:
        pytest.fail(f"The URL pattern {page.route} has no name; name it so that it can be reversed and walked.")
    kwargs: dict[str, Any] = {}
    member_models = {"accounts": world.org_membership, "productions": world.production_membership}
    for name in sorted(page.kwarg_names):
        if name == "slug":
            kwargs[name] = world.organisation.slug
        elif name == "pk":
            kwargs[name] = world.production.pk
        elif name == "member_pk" and page.namespace in member_models:
            kwargs[name] = member_models[page.namespace].pk
        elif name == "invitation_pk":
            kwargs[name] = world.invitation.pk
        elif name == "contact_pk" and page.namespace == "people":
            kwargs[name] = world.address_contact.pk
        elif name == "contact_pk":
            kwargs[name] = world.contact.pk
        elif name == "engagement_pk":
            kwargs[name] = world.engagement.pk
        elif name == "uidb64":
            kwargs[name] = urlsafe_base64_encode(force_bytes(world.reset_user.pk))
        elif name == "import_pk":
            kwargs[name] = ContactImport.objects.create(organisation=world.organisation, filename="crew.csv").pk
        elif page.namespace == "people" and name in {"document_pk", "token"}:
            world.onboarding = world.onboarding or onboarding_of(world.engagement, ONBOARDING_TOKEN)
            kwargs[name] = ONBOARDING_TOKEN if name == "token" else world.onboarding["document"].pk
        elif name == "token" and "uidb64" in page.kwarg_names:
            kwargs[name] = default_token_generator.make_token(world.reset_user)
        elif name == "token" and page.namespace == "contracts":
            world.contracts = world.contracts or contract_with_one_of_each(world.production, CONTRACT_TOKEN)
            kwargs[name] = CONTRACT_TOKEN
        elif name == "token":
            kwargs[name] = INVITATION_TOKEN
        elif name == "line_key":
            world.budget = world.budget or budget_with_costs(world.production)
            kwargs[name] = world.budget["line"].key
        elif name in {
            "version_pk",
            "account_pk",
            "line_pk",
            "global_pk",
            "fringe_pk",
            "source_pk",
            "order_pk",
            "cost_pk",
        }:
            world.budget = world.budget or budget_with_costs(world.production)
            kwargs[name] = world.budget[name.removesuffix("_pk")].pk
        elif name in {"scene_pk", "element_pk", "board_pk", "strip_pk", "run_pk"}:
            world.breakdown = world.breakdown or scene_with_element(world.production)
            kwargs[name] = world.breakdown[name.removesuffix("_pk")].pk
        elif page.namespace == "scheduling" and name in {
            "item_pk",
            "call_pk",
            "place_pk",
            "space_pk",
            "template_pk",
            "entry_pk",
        }:
            world.schedule = world.schedule or schedule_with_one_of_each(world.production)
            kwargs[name] = world.schedule[name.removesuffix("_pk")].pk
        elif name == "feed_token":
            from regie.scheduling.services import make_feed

            kwargs[name] = make_feed(world.reset_user, world.production)
        elif name in {"sheet_pk", "number", "recipient_token"}:
            world.callsheet = world.callsheet or published_sheet(world.production)
            sheet = world.callsheet
            kwargs[name] = {"sheet_pk": sheet["sheet"].pk, "number": 1, "recipient_token": sheet["token"]}[name]
        elif name == "template_pk" and page.namespace == "contracts":
            kwargs[name] = ContractTemplate.objects.create(
                organisation=world.organisation, kind="freelance", language="nl", name="Eigen", clauses=[]
            ).pk
        elif name in CONTRACT_KWARGS:
            world.contracts = world.contracts or contract_with_one_of_each(world.production, CONTRACT_TOKEN)
            kwargs[name] = world.contracts[name.removesuffix("_pk")].pk
        else:
            pytest.fail(
                f"The URL walker cannot fill the URL parameter {name!r} of {page.label} ({page.route}). "
                "Teach url_for() in tests/core/test_url_walker.py which object it points at, so the page is covered."
            )
    return reverse(page.label, kwargs=kwargs)


def right_role(permission: str, table: dict[str, Any], roles: list[str], top: str) -> str:
    """The least-ranked role holding `permission` (roles are listed highest first); `top` only if alone."""
    holders = [role for role in roles if role in table[permission][0]]
    return ([role for role in holders if role != top] or holders)[-1]


def wrong_role(permission: str, table: dict[str, Any], roles: list[str]) -> str | None:
    """The highest-ranked role lacking `permission`, or None when every role holds it."""
    lacking = [role for role in roles if role not in table[permission][0]]
    return lacking[0] if lacking else None


def org_member(world: World, role: str) -> Any:
    user = UserFactory()
    OrganisationMembershipFactory(organisation=world.organisation, user=user, role=role)
    return user


def production_member(world: World, role: str) -> Any:
    user = org_member(world, OrganisationRole.GUEST)
    ProductionMembershipFactory(production=world.production, user=user, role=role)
    return user


def personas(access: str, permission: str, world: World) -> tuple[Any, Any]:
    """(right role, wrong role or None) for a scoped view."""
    if access == "organisation":
        table, roles, make = ORGANISATION_PERMISSIONS, list(OrganisationRole), org_member
        top = OrganisationRole.ADMIN
    else:
        table, roles, make = PRODUCTION_PERMISSIONS, list(Role), production_member
        top = Role.OWNER
    assert permission in table, f"{permission!r} is not in the {access} permission table of regie.accounts.roles"
    wrong = wrong_role(permission, table, roles)
    return make(world, right_role(permission, table, roles, top)), (make(world, wrong) if wrong else None)


def assert_answers_signed_in_user(client, url: str, label: str) -> None:
    """200 on GET, or 405 on GET for POST-only views and then no refusal or crash on an empty POST."""
    response = client.get(url)
    if response.status_code == 405:
        assert "POST" in response["Allow"], f"{label}: 405 without allowing POST"
        post = client.post(url, {})
        assert post.status_code not in {403, 404, 500}, f"{label}: POST answered {post.status_code}"
    else:
        assert response.status_code == 200, f"{label}: GET answered {response.status_code}"


def assert_refused(client, url: str, status: int, who: str, label: str) -> None:
    get, post = client.get(url), client.post(url, {})
    assert (get.status_code, post.status_code) == (status, status), f"{label}: {who} must get {status} on GET and POST"


@pytest.mark.parametrize("page", PAGES, ids=[page.label for page in PAGES])
def test_url_answers_each_persona_as_its_access_marker_says(client, world, page):
    # Arrange
    access = getattr(page.callback, "regie_access", None)
    assert access in ACCESS_KINDS, f"{page.label} ({page.route}) has no valid regie_access marker: {access!r}"
    url = url_for(page, world)

    # Act and assert: anonymous visitors
    anonymous = client.get(url)
    if access == "public":
        assert anonymous.status_code < 400 or anonymous.status_code == 405, f"{page.label}: {anonymous.status_code}"
        if anonymous.status_code == 405:
            assert client.post(url, {}).status_code not in {403, 404, 500}
        return
    login = reverse("accounts:login")
    assert (anonymous.status_code, anonymous["Location"]) == (302, f"{login}?next={anonymous.wsgi_request.path}")

    if access == "user":
        client.force_login(UserFactory())
        assert_answers_signed_in_user(client, url, page.label)
        return

    permission = getattr(page.callback, "regie_permission", None)
    assert permission, f"{page.label} is scoped ({access}) but has no regie_permission"
    right, wrong = personas(access, permission, world)

    client.force_login(world.stranger)
    assert_refused(client, url, 404, "a stranger", page.label)

    if wrong is not None:
        client.force_login(wrong)
        assert_refused(client, url, 403, "a member with the wrong role", page.label)

    client.force_login(right)
    assert_answers_signed_in_user(client, url, page.label)
