"""Walks every operation of the API's OpenAPI description: a new operation is covered without a
test of its own. Without a token: 401. With the token of someone from another organisation: 404,
whatever the method. An owner of the production reads every GET operation."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from regie.accounts.roles import OrganisationRole, Role
from regie.api import tokens
from regie.api.main import api
from tests.factories import (
    ContactFactory,
    EngagementFactory,
    OrganisationMembershipFactory,
    ProductionFactory,
    UserFactory,
    budget_with_one_of_each,
    member_of,
)
from tests.factories.scheduling import ScheduleItemFactory

pytestmark = pytest.mark.django_db

OPERATIONS = [
    (method.upper(), path) for path, operations in api.get_openapi_schema()["paths"].items() for method in operations
]
# The query parameters an operation may require: a schedule window to read, the version to delete.
QUERY = {"GET": "start=2027-03-01T00:00:00Z&end=2027-04-01T00:00:00Z", "DELETE": "version=1"}
# One body valid for every operation that takes one (extra fields are ignored), so that a refusal
# is about who asks, not about what they send.
BODY = json.dumps(
    {
        "kind": "rehearsal",
        "title": "Walker",
        "name": "Walker",
        "starts_at": "2027-03-16T10:00:00Z",
        "ends_at": "2027-03-16T11:00:00Z",
        "version": 1,
        "invoice_date": "2027-03-16",
        "allocations": [],
        "contact": 1,
        "engagement_type": "freelance",
    }
)


def url_for(method: str, path: str, production, item) -> str:
    values = {
        "production_id": production.pk,
        "slug": production.organisation.slug,
        "item_id": item.pk,
        "contact_id": ContactFactory(organisation=production.organisation).pk,
        "engagement_id": EngagementFactory(production=production).pk,
    }
    names = re.findall(r"{(\w+)}", path)
    missing = [name for name in names if name not in values]
    assert not missing, f"Teach the API walker which object {missing} of {path} points at."
    url = re.sub(r"{(\w+)}", lambda m: str(values[m.group(1)]), path)
    return f"{url}?{QUERY.get(method, '')}"


def call(client: Client, method: str, url: str):
    return client.generic(method, url, BODY, content_type="application/json")


def bearer(user) -> Client:
    return Client(
        headers={"Authorization": f"Bearer {tokens.create_token(user, name='w', read_only=False, days=None)[1]}"}
    )


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_api_operation_answers_outsiders_and_the_owner(method, path):
    production = ProductionFactory()
    item = ScheduleItemFactory(production=production)
    budget_with_one_of_each(production)
    url = url_for(method, path, production, item)

    anonymous = call(Client(), method, url)
    assert anonymous.status_code == 401, f"{method} {path}: {anonymous.status_code} without a token"

    if "{" in path:
        stranger = member_of(ProductionFactory(), Role.OWNER)
        assert call(bearer(stranger), method, url).status_code == 404, f"{method} {path}: a stranger got in"

    if method == "GET":
        if "{slug}" in path:  # the organisation's address book is the office's: an administrator
            owner = UserFactory()
            OrganisationMembershipFactory(organisation=production.organisation, user=owner, role=OrganisationRole.ADMIN)
        else:
            owner = member_of(production, Role.OWNER)
        response = call(bearer(owner), method, url)
        assert response.status_code == 200, f"{method} {path}: {response.status_code} {response.content[:200]!r}"
