"""API tokens: kept as a fingerprint, refused once revoked or expired, made and revoked on the account page."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from regie.api import tokens
from regie.api.models import ApiToken
from regie.core.models import AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_token_is_stored_as_its_fingerprint_and_found_by_it():
    user = UserFactory()

    token, secret = tokens.create_token(user, name="Payroll", read_only=True, days=30)

    stored = ApiToken.objects.values_list("token_hash", "prefix").get(pk=token.pk)
    assert secret.startswith("regie_") and secret not in stored and stored[1] == secret[:12]
    assert tokens.authenticate(secret) == token
    assert tokens.authenticate(secret + "x") is None
    assert tokens.authenticate("not-a-regie-token") is None


def test_revoked_expired_and_inactive_tokens_are_refused():
    user = UserFactory()
    revoked, revoked_secret = tokens.create_token(user, name="a", read_only=True, days=None)
    expired, expired_secret = tokens.create_token(user, name="b", read_only=True, days=1)
    other_user = UserFactory()
    _, inactive_secret = tokens.create_token(other_user, name="c", read_only=True, days=None)

    tokens.revoke_token(revoked, by=user)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    other_user.is_active = False
    other_user.save()

    assert [tokens.authenticate(s) for s in (revoked_secret, expired_secret, inactive_secret)] == [None, None, None]
    assert AuditEntry.objects.filter(action="api.token.revoked").count() == 1


def test_last_use_is_written_at_most_once_a_minute():
    token, secret = tokens.create_token(UserFactory(), name="a", read_only=True, days=None)
    tokens.authenticate(secret)
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    tokens.authenticate(secret)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first

    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - datetime.timedelta(minutes=2))
    tokens.authenticate(secret)

    assert first is not None and ApiToken.objects.get(pk=token.pk).last_used_at > first - datetime.timedelta(minutes=1)


def test_token_page_shows_a_new_token_once(client):
    user = UserFactory(language="fr")
    client.force_login(user)
    url = reverse("api_tokens:tokens")

    response = client.post(url, {"name": "Export Winbooks", "read_only": "on", "expires": "90"}, follow=True)

    token = ApiToken.objects.get(user=user)
    shown = response.content.decode()
    secret = shown.split('data-testid="new-token">')[1].split("<")[0]
    assert tokens.authenticate(secret) == token and token.read_only
    assert "copiez-le maintenant" in shown
    assert 'data-testid="new-token"' not in client.get(url).content.decode()
    assert AuditEntry.objects.filter(action="api.token.created", user=user).count() == 1


def test_token_page_refuses_a_token_without_a_name(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(reverse("api_tokens:tokens"), {"name": "", "expires": "30"})

    assert response.status_code == 400 and not ApiToken.objects.exists()


def test_nobody_revokes_another_persons_token(client):
    owner, intruder = UserFactory(), UserFactory()
    token, secret = tokens.create_token(owner, name="a", read_only=True, days=None)
    client.force_login(intruder)

    response = client.post(reverse("api_tokens:revoke"), {"token": token.pk}, follow=True)

    assert "nothing was revoked" in response.content.decode() and tokens.authenticate(secret) == token


def test_revoking_from_the_page_refuses_the_token_at_once(client):
    user = UserFactory()
    token, secret = tokens.create_token(user, name="Export", read_only=True, days=None)
    client.force_login(user)

    response = client.post(reverse("api_tokens:revoke"), {"token": token.pk}, follow=True)

    assert "was revoked" in response.content.decode() and tokens.authenticate(secret) is None
