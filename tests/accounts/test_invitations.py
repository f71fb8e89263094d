"""Invitation links: accepting as a new or an existing person, and every way a link stops working."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.accounts import services
from regie.accounts.models import Invitation, OrganisationMembership, User
from regie.accounts.roles import OrganisationRole, Role
from regie.productions.models import ProductionMembership
from tests.factories import (
    PASSWORD,
    InvitationFactory,
    OrganisationMembershipFactory,
    ProductionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TOKEN = "a-token-from-the-mail"
NEW_PASSWORD = "Zeemeeuw-over-de-Schelde"


def link(token: str = TOKEN) -> str:
    return reverse("accounts:invitation", kwargs={"token": token})


def signup(name: str = "Marie Lambert", password1: str = NEW_PASSWORD, password2: str = NEW_PASSWORD) -> dict:
    return {"name": name, "password1": password1, "password2": password2}


@pytest.fixture
def invitation():
    """A pending invitation to a production, in French, for someone without an account."""
    production = ProductionFactory(title="De Storm")
    return InvitationFactory(
        organisation=production.organisation,
        production=production,
        email="marie@example.be",
        organisation_role=OrganisationRole.GUEST,
        role=Role.CAST,
        language="fr",
        token=TOKEN,
    )


@pytest.fixture(autouse=True)
def _english_browser(client):
    """These tests read the English texts; the page follows a language the visitor chose before."""
    client.cookies["regie_language"] = "en"


def invalid_message(response) -> str:
    return response.context["message"]


# Accepting


def test_accept_invitation_new_user_gets_account_memberships_and_is_signed_in(client, invitation):
    # Arrange
    production = invitation.production

    # Act
    response = client.post(link(), signup())

    # Assert
    user = User.objects.get(email="marie@example.be")
    invitation.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse("productions:dashboard", kwargs={"pk": production.pk})
    assert (user.name, user.language, user.check_password(NEW_PASSWORD)) == ("Marie Lambert", "fr", True)
    assert OrganisationMembership.objects.get(user=user).role == OrganisationRole.GUEST
    assert ProductionMembership.objects.get(user=user).role == Role.CAST
    assert (invitation.accepted_by, invitation.accepted_at is not None) == (user, True)
    assert int(client.session["_auth_user_id"]) == user.pk
    assert response.cookies["regie_language"].value == "fr"


def test_accept_invitation_new_user_lands_on_production_in_their_language(client, invitation):
    # Arrange
    organisation = invitation.organisation

    # Act
    response = client.post(link(), signup(), follow=True)

    # Assert
    html = response.content.decode()
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [f"Bienvenue chez {organisation.name}."]
    assert '<html lang="fr">' in html
    assert "<h1>De Storm</h1>" in html


def test_accept_invitation_without_production_goes_to_organisation(client):
    # Arrange
    invitation = InvitationFactory(organisation_role=OrganisationRole.STAFF, token=TOKEN)

    # Act
    response = client.post(link(), signup())

    # Assert
    user = User.objects.get(email=invitation.email)
    assert response["Location"] == reverse(
        "productions:organisation_home", kwargs={"slug": invitation.organisation.slug}
    )
    assert OrganisationMembership.objects.get(user=user).role == OrganisationRole.STAFF
    assert ProductionMembership.objects.filter(user=user).count() == 0


def test_accept_invitation_form_shows_production_and_role(client, invitation):
    # Act
    response = client.get(link())

    # Assert
    assert response.status_code == 200
    assert response.context["form"]["name"].value() == invitation.name
    assert (
        "You are invited to the production <strong>De Storm</strong> with the role “Cast”." in response.content.decode()
    )


# Links that stop working


def test_accept_invitation_expired_link_answers_410_with_message(client, invitation):
    # Arrange
    invitation.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    invitation.save()

    # Act
    get, post = client.get(link()), client.post(link(), signup())

    # Assert
    assert (get.status_code, post.status_code) == (410, 410)
    expected = "This invitation has expired. Ask the person who invited you to send it again."
    assert (invalid_message(get), invalid_message(post)) == (expected, expected)
    assert expected in get.content.decode()
    assert User.objects.filter(email=invitation.email).count() == 0


def test_accept_invitation_used_link_answers_410_already_used(client, invitation):
    # Arrange
    client.post(link(), signup())
    other = Client()
    other.cookies["regie_language"] = "en"

    # Act
    response = other.post(link(), signup(name="Iemand Anders"))

    # Assert
    assert response.status_code == 410
    assert invalid_message(response) == (
        "This invitation was already used. Sign in with your e-mail address, or reset your password."
    )
    assert list(User.objects.values_list("name", flat=True)) == ["Marie Lambert"]


def test_accept_invitation_revoked_link_answers_410(client, invitation):
    # Arrange
    services.revoke_invitation(invitation, user=UserFactory())

    # Act
    response = client.get(link())

    # Assert
    assert response.status_code == 410
    assert invalid_message(response) == "This invitation was withdrawn. Ask the person who invited you for a new one."


def test_accept_invitation_garbage_token_answers_410(client, invitation):
    # Act
    response = client.get(link("not-a-token-we-ever-sent"))

    # Assert
    assert response.status_code == 410
    assert invalid_message(response) == "This invitation link is not valid. Check that you copied the whole link."


# Bad input


def test_accept_invitation_different_passwords_refused_and_nothing_created(client, invitation):
    # Act
    response = client.post(link(), signup(password2="Zeemeeuw-over-de-Leie"))

    # Assert
    assert response.status_code == 200
    assert response.context["form"].errors == {"password2": ["The two passwords are not the same."]}
    assert User.objects.count() == 0
    assert list(Invitation.objects.pending()) == [invitation]


def test_accept_invitation_short_password_refused_and_nothing_created(client, invitation):
    # Act
    response = client.post(link(), signup(password1="Kort-1", password2="Kort-1"))

    # Assert
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "password1": ["This password is too short. It must contain at least 10 characters."]
    }
    assert User.objects.count() == 0
    assert list(Invitation.objects.pending()) == [invitation]
    assert "_auth_user_id" not in client.session


# People who already have an account


def test_accept_invitation_existing_user_must_sign_in_first(client, invitation):
    # Arrange
    UserFactory(email="marie@example.be")

    # Act
    response = client.get(link(), follow=True)

    # Assert
    assert response.redirect_chain == [(f"{reverse('accounts:login')}?next={link()}", 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "You already have an account: sign in to accept the invitation."
    ]
    assert list(Invitation.objects.pending()) == [invitation]


def test_accept_invitation_existing_user_signed_in_joins_and_keeps_password(client, invitation):
    # Arrange
    marie = UserFactory(email="marie@example.be", language="nl")
    client.force_login(marie)
    page = client.get(link())

    # Act
    response = client.post(link())

    # Assert
    marie.refresh_from_db()
    invitation.refresh_from_db()
    assert (page.status_code, page.context["form"]) == (200, None)
    assert response["Location"] == reverse("productions:dashboard", kwargs={"pk": invitation.production.pk})
    assert (marie.language, marie.check_password(PASSWORD)) == ("nl", True)
    assert ProductionMembership.objects.get(user=marie).role == Role.CAST
    assert invitation.accepted_by == marie


def test_accept_invitation_signed_in_as_someone_else_refused(client, invitation):
    # Arrange
    UserFactory(email="marie@example.be")
    client.force_login(UserFactory())

    # Act
    response = client.post(link())

    # Assert
    assert response.status_code == 403
    assert invalid_message(response) == (
        "This invitation is for marie@example.be. Sign out first, then open the link again."
    )
    assert list(Invitation.objects.pending()) == [invitation]


def test_accept_invitation_existing_member_gets_higher_organisation_role_only(invitation):
    # Arrange
    staff = UserFactory(email="marie@example.be")
    OrganisationMembershipFactory(organisation=invitation.organisation, user=staff, role=OrganisationRole.STAFF)

    # Act
    services.accept_invitation(invitation, user=staff)

    # Assert
    assert OrganisationMembership.objects.get(user=staff).role == OrganisationRole.STAFF
    assert ProductionMembership.objects.get(user=staff).role == Role.CAST


# Resending, and accepting twice


def test_resend_invitation_old_link_fails_new_link_works(client, mailoutbox, django_capture_on_commit_callbacks):
    # Arrange
    invitation = InvitationFactory(token=TOKEN, language="nl")
    admin = UserFactory()
    OrganisationMembershipFactory(organisation=invitation.organisation, user=admin, role=OrganisationRole.ADMIN)
    client.force_login(admin)
    url = reverse(
        "accounts:invitation_resend", kwargs={"slug": invitation.organisation.slug, "invitation_pk": invitation.pk}
    )

    # Act
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    client.logout()

    # Assert
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == f"Uitnodiging bij {invitation.organisation.name} op Regie"
    new_token = re.search(r"/invitations/([^/\s]+)/", mailoutbox[0].body).group(1)
    old, new = client.get(link(TOKEN)), client.get(link(new_token))
    assert (old.status_code, new.status_code) == (410, 200)
    assert invalid_message(old) == "This invitation link is not valid. Check that you copied the whole link."


def test_accept_invitation_twice_second_refused(invitation):
    # Arrange
    services.accept_invitation(invitation, name="Marie Lambert", password=NEW_PASSWORD)

    # Act
    with pytest.raises(services.AccountError) as refused:
        services.accept_invitation(invitation, name="Marie Lambert", password=NEW_PASSWORD)

    # Assert
    assert str(refused.value) == (
        "This invitation was already used. Sign in with your e-mail address, or reset your password."
    )
    assert (User.objects.count(), ProductionMembership.objects.count()) == (1, 1)


def test_accept_invitation_as_new_user_when_account_appeared_meanwhile_refused(invitation):
    # Arrange: the address got an account between opening the form and sending it
    UserFactory(email="marie@example.be")

    # Act
    with pytest.raises(services.AccountError) as refused:
        services.accept_invitation(invitation, name="Marie Lambert", password=NEW_PASSWORD)

    # Assert
    assert str(refused.value) == (
        "An account with this e-mail address exists already. Sign in, then open the link again."
    )
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert ProductionMembership.objects.count() == 0


def test_accept_invitation_page_in_invitation_language_for_a_first_visit(invitation):
    # Arrange: a browser that never chose a language in Regie
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")

    # Act
    response = browser.get(link())

    # Assert
    assert response.headers["Content-Language"] == "fr"
    assert "Accepter l'invitation" in response.content.decode()
