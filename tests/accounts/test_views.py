"""Organisation pages: creating one, members and their roles, invitations, history, the profile.

Who gets 403 and 404 on which page is walked for every URL in tests/core/test_url_walker.py.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from regie.accounts.models import Invitation, Organisation, OrganisationMembership, hash_token
from regie.accounts.roles import OrganisationRole, Role
from regie.core.audit import log_action
from regie.core.models import AuditEntry
from regie.productions.models import ProductionMembership
from tests.accounts.conftest import page_messages
from tests.factories import (
    PASSWORD,
    InvitationFactory,
    OrganisationFactory,
    OrganisationMembershipFactory,
    ProductionFactory,
    ProductionMembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


# Creating an organisation


def test_create_organisation_makes_creator_admin_and_derives_slug(client):
    # Arrange
    user = UserFactory()
    client.force_login(user)

    # Act
    response = client.post(reverse("accounts:create_organisation"), {"name": "Compagnie Storm", "slug": ""})

    # Assert
    organisation = Organisation.objects.get()
    assert organisation.slug == "compagnie-storm"
    assert response["Location"] == reverse("productions:organisation_home", kwargs={"slug": "compagnie-storm"})
    assert list(organisation.memberships.values_list("user", "role")) == [(user.pk, OrganisationRole.ADMIN)]
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.user, entry.organisation) == ("accounts.organisation.created", user, organisation)


def test_create_organisation_taken_slug_refused_and_nothing_saved(client):
    # Arrange
    OrganisationFactory(slug="storm")
    client.force_login(UserFactory())

    # Act
    response = client.post(reverse("accounts:create_organisation"), {"name": "Storm", "slug": ""})

    # Assert
    assert response.status_code == 200
    assert response.context["form"].errors == {"slug": ["This short name is taken; choose another."]}
    assert (Organisation.objects.count(), OrganisationMembership.objects.count()) == (1, 0)


# Members and invitations


def test_members_invite_creates_invitation_and_mails_in_its_language(
    client, admin_of, mailoutbox, django_capture_on_commit_callbacks
):
    # Arrange
    organisation, _ = admin_of
    data = {"email": "Jan@Example.be", "name": "Jan Peeters", "organisation_role": "staff", "language": "nl"}

    # Act
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:members", kwargs={"slug": organisation.slug}), data, follow=True)

    # Assert
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.organisation_role, invitation.language, invitation.production) == (
        "jan@example.be",
        OrganisationRole.STAFF,
        "nl",
        None,
    )
    assert page_messages(response) == ["The invitation was sent to jan@example.be."]
    mail = mailoutbox[0]
    assert (len(mailoutbox), mail.to) == (1, ["jan@example.be"])
    assert mail.subject == "Uitnodiging bij Compagnie de la Tempête op Regie"
    assert mail.body.startswith("Hallo Jan Peeters,\n")
    token = re.search(r"http://127\.0\.0\.1:8000/invitations/([^/\s]+)/", mail.body).group(1)
    assert hash_token(token) == invitation.token_hash


def test_members_invite_existing_member_refused(client, admin_of, mailoutbox):
    # Arrange
    organisation, _ = admin_of
    OrganisationMembershipFactory(organisation=organisation, user=UserFactory(email="jan@example.be"))
    data = {"email": "jan@example.be", "name": "", "organisation_role": "guest", "language": "en"}

    # Act
    response = client.post(reverse("accounts:members", kwargs={"slug": organisation.slug}), data)

    # Assert
    assert response.status_code == 200
    assert response.context["form"].errors == {"email": ["This person is already a member of the organisation."]}
    assert (Invitation.objects.count(), len(mailoutbox)) == (0, 0)


def test_member_edit_changes_role_and_logs_it(client, admin_of):
    # Arrange
    organisation, admin = admin_of
    membership = OrganisationMembershipFactory(organisation=organisation, role=OrganisationRole.STAFF)

    # Act
    response = client.post(
        reverse("accounts:member_edit", kwargs={"slug": organisation.slug, "member_pk": membership.pk}),
        {"role": OrganisationRole.GUEST},
        follow=True,
    )

    # Assert
    membership.refresh_from_db()
    assert membership.role == OrganisationRole.GUEST
    assert page_messages(response) == ["The role was changed."]
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.user, entry.changes) == (
        "accounts.member.changed",
        admin,
        {"role": {"old": "staff", "new": "guest"}},
    )


def test_member_edit_last_admin_demotion_refused_with_message(client, admin_of):
    # Arrange
    organisation, admin = admin_of
    own = OrganisationMembership.objects.get(user=admin)

    # Act
    response = client.post(
        reverse("accounts:member_edit", kwargs={"slug": organisation.slug, "member_pk": own.pk}),
        {"role": OrganisationRole.STAFF},
        follow=True,
    )

    # Assert
    own.refresh_from_db()
    assert own.role == OrganisationRole.ADMIN
    assert page_messages(response) == ["An organisation needs at least one administrator."]
    assert AuditEntry.objects.count() == 0


def test_member_remove_takes_person_off_every_production_of_the_organisation(client, admin_of):
    # Arrange
    organisation, _ = admin_of
    leaving = OrganisationMembershipFactory(organisation=organisation, role=OrganisationRole.STAFF)
    ProductionMembershipFactory(production=ProductionFactory(organisation=organisation), user=leaving.user)
    elsewhere = ProductionMembershipFactory(user=leaving.user)

    # Act
    response = client.post(
        reverse("accounts:member_remove", kwargs={"slug": organisation.slug, "member_pk": leaving.pk}), follow=True
    )

    # Assert
    assert page_messages(response) == ["The member was removed from the organisation and its productions."]
    assert list(OrganisationMembership.objects.filter(user=leaving.user)) == []
    assert list(ProductionMembership.objects.filter(user=leaving.user)) == [elsewhere]
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.organisation, entry.data) == (
        "accounts.member.removed",
        organisation,
        {"email": leaving.user.email},
    )


def test_member_remove_last_admin_refused_with_message(client, admin_of):
    # Arrange
    organisation, admin = admin_of
    own = OrganisationMembership.objects.get(user=admin)

    # Act
    response = client.post(
        reverse("accounts:member_remove", kwargs={"slug": organisation.slug, "member_pk": own.pk}), follow=True
    )

    # Assert
    assert page_messages(response) == ["An organisation needs at least one administrator."]
    assert OrganisationMembership.objects.filter(pk=own.pk).count() == 1


def test_invitation_revoke_marks_revoked_and_hides_it(client, admin_of):
    # Arrange
    organisation, _ = admin_of
    invitation = InvitationFactory(organisation=organisation)

    # Act
    client.post(
        reverse("accounts:invitation_revoke", kwargs={"slug": organisation.slug, "invitation_pk": invitation.pk})
    )
    page = client.get(reverse("accounts:members", kwargs={"slug": organisation.slug}))

    # Assert
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert list(page.context["invitations"]) == []
    assert AuditEntry.objects.get().action == "accounts.invitation.revoked"


def test_invitation_resend_of_accepted_invitation_refused(client, admin_of, mailoutbox):
    # Arrange
    organisation, _ = admin_of
    invitation = InvitationFactory(organisation=organisation)
    invitation.accepted_at = invitation.created
    invitation.save()
    url = reverse("accounts:invitation_resend", kwargs={"slug": organisation.slug, "invitation_pk": invitation.pk})

    # Act
    response = client.post(url, follow=True)

    # Assert
    assert page_messages(response) == ["This invitation was already used or revoked."]
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [("http://evil.example/", None), ("//evil.example/", None), ("/account/", "/account/")],
)
def test_invitation_resend_follows_only_local_next(client, admin_of, next_url, expected):
    # Arrange
    organisation, _ = admin_of
    invitation = InvitationFactory(organisation=organisation)
    url = reverse("accounts:invitation_resend", kwargs={"slug": organisation.slug, "invitation_pk": invitation.pk})

    # Act
    response = client.post(url, {"next": next_url})

    # Assert
    members = reverse("accounts:members", kwargs={"slug": organisation.slug})
    assert (response.status_code, response["Location"]) == (302, expected or members)


def test_invitation_resend_other_organisations_invitation_not_found(client, admin_of):
    # Arrange
    organisation, _ = admin_of
    foreign = InvitationFactory()

    # Act
    response = client.post(
        reverse("accounts:invitation_resend", kwargs={"slug": organisation.slug, "invitation_pk": foreign.pk})
    )

    # Assert
    assert response.status_code == 404


def test_member_edit_other_organisations_member_not_found(client, admin_of):
    # Arrange
    organisation, _ = admin_of
    foreign = OrganisationMembershipFactory()

    # Act
    response = client.get(reverse("accounts:member_edit", kwargs={"slug": organisation.slug, "member_pk": foreign.pk}))

    # Assert
    assert response.status_code == 404


# History


def test_organisation_history_shows_only_its_own_entries(client, admin_of):
    # Arrange
    organisation, admin = admin_of
    log_action(organisation, "accounts.organisation.changed", user=admin, changes={"name": {"old": "A", "new": "B"}})
    other = OrganisationFactory()
    log_action(other, "accounts.organisation.changed", user=admin)

    # Act
    response = client.get(reverse("accounts:organisation_history", kwargs={"slug": organisation.slug}))

    # Assert
    assert [entry.organisation for entry in response.context["entries"]] == [organisation]
    assert "<tr><td>Name</td><td>A</td><td>B</td></tr>" in response.content.decode()


# Profile and password


def test_profile_saves_name_and_language(client):
    # Arrange
    user = UserFactory(name="Lies", language="en")
    client.force_login(user)

    # Act
    response = client.post(reverse("accounts:profile"), {"name": "Lies Janssens", "language": "nl"}, follow=True)

    # Assert
    user.refresh_from_db()
    assert (user.name, user.language) == ("Lies Janssens", "nl")
    assert page_messages(response) == ["Je profiel werd bewaard."]
    assert AuditEntry.objects.get().changes == {
        "name": {"old": "Lies", "new": "Lies Janssens"},
        "language": {"old": "en", "new": "nl"},
    }


def test_password_change_needs_old_password(client):
    # Arrange
    user = UserFactory()
    client.force_login(user)
    new = "Een-nieuw-wachtwoord-2027"

    # Act
    refused = client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": new, "new_password2": new},
    )
    accepted = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )

    # Assert
    user.refresh_from_db()
    assert refused.status_code == 200
    assert list(refused.context["form"].errors) == ["old_password"]
    assert accepted["Location"] == reverse("accounts:profile")
    assert user.check_password(new) is True


# Query counts: the members page stays flat as the organisation grows


def test_members_page_query_count_flat_over_1_and_3_members(client, assert_flat_queries):
    # Arrange
    organisation = OrganisationFactory()
    admin = UserFactory()
    OrganisationMembershipFactory(organisation=organisation, user=admin, role=OrganisationRole.ADMIN)
    InvitationFactory(organisation=organisation, production=ProductionFactory(organisation=organisation), role="crew")
    client.force_login(admin)

    def add_two():
        OrganisationMembershipFactory(organisation=organisation, role=OrganisationRole.STAFF)
        OrganisationMembershipFactory(organisation=organisation, role=OrganisationRole.GUEST)
        InvitationFactory(organisation=organisation, production=ProductionFactory(organisation=organisation))

    # Act and assert
    assert_flat_queries(reverse("accounts:members", kwargs={"slug": organisation.slug}), add_two)


def test_organisation_history_query_count_flat_over_1_and_3_entries(client, assert_flat_queries):
    # Arrange
    organisation = OrganisationFactory()
    admin = UserFactory()
    OrganisationMembershipFactory(organisation=organisation, user=admin, role=OrganisationRole.ADMIN)
    log_action(organisation, "accounts.organisation.changed", user=admin)
    client.force_login(admin)

    def add_two():
        production = ProductionFactory(organisation=organisation)
        log_action(production, "productions.production.changed", user=UserFactory(), changes={"kind": {"old": "dance"}})
        log_action(organisation, "accounts.member.added", user=admin, data={"role": Role.CREW})

    # Act and assert
    assert_flat_queries(reverse("accounts:organisation_history", kwargs={"slug": organisation.slug}), add_two)
