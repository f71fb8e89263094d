"""The production pages: what each persona can do there and what it leaves behind.

Who gets 403 and 404 on which page is walked for every URL in tests/core/test_url_walker.py.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from regie.accounts.models import Invitation, hash_token
from regie.accounts.roles import OrganisationRole, Role
from regie.core.audit import log_action
from regie.core.models import AuditEntry
from regie.productions.models import KeyContact, Kind, Phase, Production, ProductionMembership
from tests.factories import (
    InvitationFactory,
    KeyContactFactory,
    OrganisationFactory,
    OrganisationMembershipFactory,
    ProductionFactory,
    ProductionMembershipFactory,
    UserFactory,
    member_of,
)

pytestmark = pytest.mark.django_db


def production_form_data(production: Production, **changes) -> dict:
    """The edit form as the page fills it for `production`, with `changes` typed in."""
    data = {
        "title": production.title,
        "kind": production.kind,
        "phase": production.phase,
        "client": production.client,
        "start_date": production.start_date.isoformat() if production.start_date else "",
        "end_date": production.end_date.isoformat() if production.end_date else "",
        "currency": production.currency,
        "timezone": production.timezone,
        "working_languages": production.working_languages,
        "concept": production.concept,
        "description": production.description,
        "version": production.version,
    }
    data.update(changes)
    return data


def org_admin(organisation) -> object:
    user = UserFactory()
    OrganisationMembershipFactory(organisation=organisation, user=user, role=OrganisationRole.ADMIN)
    return user


def page_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# Dashboard


def test_dashboard_shows_title_for_member(client):
    # Arrange
    production = ProductionFactory(title="De Storm")
    client.force_login(member_of(production, Role.VIEWER))

    # Act
    response = client.get(reverse("productions:dashboard", kwargs={"pk": production.pk}))

    # Assert
    assert response.status_code == 200
    assert "<h1>De Storm</h1>" in response.content.decode()


def test_dashboard_viewer_sees_no_team_list_nor_history(client):
    # Arrange
    production = ProductionFactory()
    ProductionMembershipFactory(production=production, role=Role.CREW, user=UserFactory(name="Jan Peeters"))
    client.force_login(member_of(production, Role.VIEWER))

    # Act
    response = client.get(reverse("productions:dashboard", kwargs={"pk": production.pk}))

    # Assert
    html = response.content.decode()
    assert (response.context["team_groups"], response.context["history"]) == ([], None)
    assert response.context["pending_invitations"] is None
    assert "Jan Peeters" not in html
    assert "Your role does not show the team list." in html


def test_dashboard_manager_sees_team_history_and_pending_invitations(client):
    # Arrange
    production = ProductionFactory()
    ProductionMembershipFactory(production=production, role=Role.CREW, user=UserFactory(name="Jan Peeters"))
    InvitationFactory(organisation=production.organisation, production=production, role=Role.CAST)
    log_action(production, "productions.production.archived")
    client.force_login(member_of(production, Role.PRODUCTION_MANAGER))

    # Act
    response = client.get(reverse("productions:dashboard", kwargs={"pk": production.pk}))

    # Assert
    assert "Jan Peeters" in response.content.decode()
    assert response.context["pending_invitations"] == 1
    assert [entry.action for entry in response.context["history"]] == ["productions.production.archived"]


def test_edit_production_by_wrong_role_refused_and_nothing_saved(client):
    # Arrange
    production = ProductionFactory(title="De Storm")
    client.force_login(member_of(production, Role.PRODUCTION_ASSISTANT))

    # Act
    response = client.post(
        reverse("productions:edit", kwargs={"pk": production.pk}), production_form_data(production, title="Anders")
    )

    # Assert
    production.refresh_from_db()
    assert response.status_code == 403
    assert (production.title, production.version, AuditEntry.objects.count()) == ("De Storm", 1, 0)


def test_archive_production_by_stranger_not_found_and_nothing_changed(client):
    # Arrange
    production = ProductionFactory()
    stranger = UserFactory()
    OrganisationMembershipFactory(user=stranger, role=OrganisationRole.ADMIN)
    client.force_login(stranger)

    # Act
    response = client.post(reverse("productions:archive", kwargs={"pk": production.pk}))

    # Assert
    production.refresh_from_db()
    assert response.status_code == 404
    assert (production.archived_at, AuditEntry.objects.count()) == (None, 0)


# Creating


def test_create_production_makes_creator_owner_and_logs_fields(client):
    # Arrange
    organisation = OrganisationFactory()
    staff = UserFactory()
    OrganisationMembershipFactory(organisation=organisation, user=staff, role=OrganisationRole.STAFF)
    client.force_login(staff)
    data = {
        "title": "De Storm",
        "kind": Kind.THEATRE,
        "phase": Phase.PRE_PRODUCTION,
        "client": "KVS",
        "start_date": "2027-01-10",
        "end_date": "2027-03-31",
        "currency": "EUR",
        "timezone": "Europe/Brussels",
        "working_languages": ["nl", "fr"],
        "concept": "Een storm op zee.",
        "description": "",
    }

    # Act
    response = client.post(reverse("productions:create", kwargs={"slug": organisation.slug}), data)

    # Assert
    production = Production.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("productions:dashboard", kwargs={"pk": production.pk})
    assert (production.organisation, production.title, production.created_by) == (organisation, "De Storm", staff)
    assert list(production.memberships.values_list("user", "role")) == [(staff.pk, Role.OWNER)]
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.user, entry.production, entry.organisation) == (
        "productions.production.created",
        staff,
        production,
        organisation,
    )
    assert entry.changes == {
        "title": {"old": None, "new": "De Storm"},
        "kind": {"old": None, "new": "theatre"},
        "phase": {"old": None, "new": "pre_production"},
        "client": {"old": None, "new": "KVS"},
        "start_date": {"old": None, "new": "2027-01-10"},
        "end_date": {"old": None, "new": "2027-03-31"},
        "currency": {"old": None, "new": "EUR"},
        "timezone": {"old": None, "new": "Europe/Brussels"},
        "working_time_rules": {"old": None, "new": ""},
        "working_languages": {"old": None, "new": ["nl", "fr"]},
        "concept": {"old": None, "new": "Een storm op zee."},
        "description": {"old": None, "new": ""},
    }


def test_create_production_end_before_start_refused_and_nothing_saved(client):
    # Arrange
    organisation = OrganisationFactory()
    client.force_login(org_admin(organisation))
    template = ProductionFactory.build(organisation=organisation)
    data = production_form_data(template, start_date="2027-03-31", end_date="2027-01-10")

    # Act
    response = client.post(reverse("productions:create", kwargs={"slug": organisation.slug}), data)

    # Assert
    assert response.status_code == 200
    assert response.context["form"].errors == {"end_date": ["The end date is before the start date."]}
    assert "The end date is before the start date." in response.content.decode()
    assert (Production.objects.count(), AuditEntry.objects.count()) == (0, 0)


# Editing


def test_edit_production_changes_fields_and_history_shows_old_and_new(client):
    # Arrange
    production = ProductionFactory(title="De Storm", phase=Phase.PRE_PRODUCTION)
    manager = member_of(production, Role.PRODUCTION_MANAGER)
    client.force_login(manager)
    data = production_form_data(production, title="La Tempête", phase=Phase.PRODUCTION)

    # Act
    response = client.post(reverse("productions:edit", kwargs={"pk": production.pk}), data)
    history = client.get(reverse("productions:history", kwargs={"pk": production.pk}))

    # Assert
    production.refresh_from_db()
    assert response.status_code == 302
    assert (production.title, production.phase, production.version) == ("La Tempête", Phase.PRODUCTION, 2)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.user) == ("productions.production.changed", manager)
    assert entry.changes == {
        "title": {"old": "De Storm", "new": "La Tempête"},
        "phase": {"old": "pre_production", "new": "production"},
    }
    html = history.content.decode()
    assert "<tr><td>Title</td><td>De Storm</td><td>La Tempête</td></tr>" in html
    assert "<tr><td>Phase</td><td>Pre-production</td><td>Production</td></tr>" in html


def test_edit_production_second_save_from_same_version_conflicts_and_keeps_first():
    # Arrange
    production = ProductionFactory(title="De Storm")
    first, second = Client(), Client()
    first.force_login(member_of(production, Role.PRODUCER))
    second.force_login(member_of(production, Role.PRODUCTION_MANAGER))
    url = reverse("productions:edit", kwargs={"pk": production.pk})
    first_form, second_form = first.get(url).context["form"], second.get(url).context["form"]
    first.post(url, production_form_data(production, title="Eerste", version=first_form["version"].value()))

    # Act
    response = second.post(
        url, production_form_data(production, title="Tweede", version=second_form["version"].value())
    )

    # Assert
    production.refresh_from_db()
    assert (first_form["version"].value(), second_form["version"].value()) == (1, 1)
    assert response.status_code == 409
    assert page_messages(response) == [
        "Someone else saved this in the meantime. Your changes were not saved; they are still in the form "
        "below. Check the current values and save again."
    ]
    assert (production.title, production.version) == ("Eerste", 2)
    assert response.context["form"]["title"].value() == "Tweede"
    assert response.context["form"]["version"].value() == "2"
    assert list(AuditEntry.objects.values_list("changes", flat=True)) == [
        {"title": {"old": "De Storm", "new": "Eerste"}}
    ]


def test_edit_production_end_before_start_refused_and_nothing_saved(client):
    # Arrange
    production = ProductionFactory(title="De Storm")
    client.force_login(member_of(production, Role.PRODUCER))
    data = production_form_data(production, title="Gewijzigd", start_date="2027-05-01", end_date="2027-04-30")

    # Act
    response = client.post(reverse("productions:edit", kwargs={"pk": production.pk}), data)

    # Assert
    production.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors == {"end_date": ["The end date is before the start date."]}
    assert "The end date is before the start date." in response.content.decode()
    assert (production.title, production.start_date, production.end_date, production.version) == (
        "De Storm",
        datetime.date(2027, 1, 10),
        datetime.date(2027, 3, 31),
        1,
    )
    assert AuditEntry.objects.count() == 0


# Archiving


def test_archive_then_unarchive_production_by_producer_logs_both(client):
    # Arrange
    production = ProductionFactory()
    producer = member_of(production, Role.PRODUCER)
    client.force_login(producer)

    # Act
    archived = client.post(reverse("productions:archive", kwargs={"pk": production.pk}))
    production.refresh_from_db()
    archived_at = production.archived_at
    restored = client.post(reverse("productions:unarchive", kwargs={"pk": production.pk}))

    # Assert
    production.refresh_from_db()
    assert (archived.status_code, restored.status_code) == (302, 302)
    assert archived_at is not None
    assert (production.archived_at, production.version) == (None, 3)
    assert list(AuditEntry.objects.order_by("pk").values_list("action", "user")) == [
        ("productions.production.archived", producer.pk),
        ("productions.production.unarchived", producer.pk),
    ]


# Duplicating


def test_duplicate_production_shifts_dates_copies_contacts_without_team(client):
    # Arrange
    source = ProductionFactory(title="De Storm", phase=Phase.TOURING)
    ProductionMembershipFactory(production=source, role=Role.OWNER)
    member_of(source, Role.CREW)
    KeyContactFactory(production=source, label="client", name="Anne Dupont", position=0)
    KeyContactFactory(production=source, label="venue", name="Jan Peeters", position=1)
    manager = member_of(source, Role.PRODUCTION_MANAGER)
    client.force_login(manager)

    # Act
    response = client.post(
        reverse("productions:duplicate", kwargs={"pk": source.pk}),
        {"title": "De Storm 2028", "start_date": "2027-09-01"},
    )

    # Assert
    copy = Production.objects.get(title="De Storm 2028")
    assert response["Location"] == reverse("productions:dashboard", kwargs={"pk": copy.pk})
    assert (copy.start_date, copy.end_date) == (datetime.date(2027, 9, 1), datetime.date(2027, 11, 20))
    assert (copy.phase, copy.duplicated_from, copy.created_by, copy.version) == (
        Phase.DEVELOPMENT,
        source,
        manager,
        1,
    )
    assert list(copy.key_contacts.values_list("label", "name")) == [("client", "Anne Dupont"), ("venue", "Jan Peeters")]
    assert list(copy.memberships.values_list("user", "role")) == [(manager.pk, Role.OWNER)]
    assert source.key_contacts.count() == 2


def test_duplicate_production_with_team_keeps_roles_and_makes_creator_owner(client):
    # Arrange
    source = ProductionFactory()
    owner = ProductionMembershipFactory(production=source, role=Role.OWNER).user
    crew = member_of(source, Role.CREW)
    manager = member_of(source, Role.PRODUCTION_MANAGER)
    client.force_login(manager)

    # Act
    client.post(
        reverse("productions:duplicate", kwargs={"pk": source.pk}),
        {"title": "Kopie", "start_date": "", "copy_team": "on"},
    )

    # Assert
    copy = Production.objects.get(title="Kopie")
    assert (copy.start_date, copy.end_date) == (source.start_date, source.end_date)
    assert set(copy.memberships.values_list("user", "role")) == {
        (owner.pk, Role.OWNER),
        (crew.pk, Role.CREW),
        (manager.pk, Role.OWNER),
    }


# Team


@pytest.fixture
def manager_on_production(client):
    production = ProductionFactory(title="De Storm")
    manager = member_of(production, Role.PRODUCTION_MANAGER, name="Lies Janssens")
    client.force_login(manager)
    return production, manager


def test_team_invite_new_email_creates_invitation_and_mails_in_its_language(
    client, mailoutbox, django_capture_on_commit_callbacks, manager_on_production
):
    # Arrange
    production, manager = manager_on_production
    data = {"email": "Marie@Example.be", "name": "Marie Lambert", "role": Role.CAST, "language": "fr"}

    # Act
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("productions:team", kwargs={"pk": production.pk}), data)

    # Assert
    invitation = Invitation.objects.get()
    assert response.status_code == 302
    assert (
        invitation.email,
        invitation.organisation,
        invitation.production,
        invitation.role,
        invitation.organisation_role,
        invitation.language,
        invitation.invited_by,
    ) == ("marie@example.be", production.organisation, production, Role.CAST, OrganisationRole.GUEST, "fr", manager)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["marie@example.be"]
    assert mail.subject == "Invitation à la production De Storm sur Regie"
    assert mail.body.startswith("Bonjour Marie Lambert,")
    token = re.search(r"http://127\.0\.0\.1:8000/invitations/([^/\s]+)/", mail.body).group(1)
    assert hash_token(token) == invitation.token_hash
    assert ProductionMembership.objects.filter(user__email="marie@example.be").count() == 0


def test_team_invite_existing_org_member_adds_them_without_mail(
    client, mailoutbox, django_capture_on_commit_callbacks, manager_on_production
):
    # Arrange
    production, manager = manager_on_production
    colleague = UserFactory(email="jan@example.be")
    OrganisationMembershipFactory(organisation=production.organisation, user=colleague, role=OrganisationRole.STAFF)
    data = {"email": "JAN@example.be", "name": "", "role": Role.DEPARTMENT_HEAD, "language": "nl"}

    # Act
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("productions:team", kwargs={"pk": production.pk}), data, follow=True)

    # Assert
    assert production.memberships.get(user=colleague).role == Role.DEPARTMENT_HEAD
    assert (Invitation.objects.count(), len(mailoutbox)) == (0, 0)
    assert page_messages(response) == [f"{colleague.name} was added to the team."]
    entry = AuditEntry.objects.get(action="productions.member.added")
    assert (entry.user, entry.production, entry.data) == (
        manager,
        production,
        {"user": "jan@example.be", "role": "department_head"},
    )


@pytest.fixture
def owner_on_production(client):
    production = ProductionFactory(title="De Storm")
    owner = member_of(production, Role.OWNER, name="Jan Peeters")
    client.force_login(owner)
    return production, production.memberships.get(user=owner)


def test_team_remove_last_owner_refused_with_message(client, owner_on_production):
    # Arrange
    production, own = owner_on_production

    # Act
    response = client.post(
        reverse("productions:member_remove", kwargs={"pk": production.pk, "member_pk": own.pk}), follow=True
    )

    # Assert
    assert page_messages(response) == ["A production needs at least one owner."]
    assert production.memberships.filter(pk=own.pk, role=Role.OWNER).count() == 1
    assert AuditEntry.objects.count() == 0


def test_team_demote_last_owner_refused_with_message(client, owner_on_production):
    # Arrange
    production, own = owner_on_production

    # Act
    response = client.post(
        reverse("productions:member_edit", kwargs={"pk": production.pk, "member_pk": own.pk}),
        {"role": Role.CREW, "job_title": "", "department": ""},
        follow=True,
    )

    # Assert
    assert page_messages(response) == ["A production needs at least one owner."]
    own.refresh_from_db()
    assert own.role == Role.OWNER


def test_team_remove_owner_when_another_owner_remains(client, owner_on_production):
    # Arrange
    production, _ = owner_on_production
    leaving = ProductionMembershipFactory(production=production, role=Role.OWNER)

    # Act
    response = client.post(
        reverse("productions:member_remove", kwargs={"pk": production.pk, "member_pk": leaving.pk}), follow=True
    )

    # Assert
    assert page_messages(response) == ["The team member was removed."]
    assert production.memberships.filter(pk=leaving.pk).count() == 0
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.data) == ("productions.member.removed", {"user": leaving.user.email})


def test_team_manager_cannot_remove_an_owner(client, manager_on_production):
    # Arrange
    production, _ = manager_on_production
    owner = ProductionMembershipFactory(production=production, role=Role.OWNER)
    ProductionMembershipFactory(production=production, role=Role.OWNER)

    # Act
    response = client.post(
        reverse("productions:member_remove", kwargs={"pk": production.pk, "member_pk": owner.pk}), follow=True
    )

    # Assert
    assert page_messages(response) == ["Only an owner of the production can give or take the owner role."]
    assert production.memberships.filter(pk=owner.pk, role=Role.OWNER).count() == 1
    assert AuditEntry.objects.count() == 0


def test_team_manager_cannot_promote_to_owner(client, manager_on_production):
    # Arrange
    production, manager = manager_on_production
    own = production.memberships.get(user=manager)

    # Act
    response = client.post(
        reverse("productions:member_edit", kwargs={"pk": production.pk, "member_pk": own.pk}),
        {"role": Role.OWNER, "job_title": "", "department": ""},
    )

    # Assert
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    own.refresh_from_db()
    assert own.role == Role.PRODUCTION_MANAGER


def test_team_invite_form_offers_owner_only_to_owners(client, manager_on_production):
    # Arrange
    production, _ = manager_on_production

    # Act
    response = client.get(reverse("productions:team", kwargs={"pk": production.pk}))

    # Assert
    roles = [value for value, _label in response.context["form"].fields["role"].choices]
    assert Role.OWNER not in roles
    assert Role.PRODUCER in roles


def test_team_page_viewer_of_team_sees_no_invite_form(client):
    # Arrange
    production = ProductionFactory()
    client.force_login(member_of(production, Role.CREW))

    # Act
    response = client.get(reverse("productions:team", kwargs={"pk": production.pk}))

    # Assert
    assert (response.status_code, response.context["form"], response.context["can_manage"]) == (200, None, False)


def test_team_invite_by_member_without_manage_members_refused_and_nothing_sent(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    # Arrange
    production = ProductionFactory()
    client.force_login(member_of(production, Role.DEPARTMENT_HEAD))
    data = {"email": "marie@example.be", "name": "", "role": Role.CAST, "language": "fr"}

    # Act
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("productions:team", kwargs={"pk": production.pk}), data)

    # Assert
    assert response.status_code == 403
    assert (Invitation.objects.count(), len(mailoutbox)) == (0, 0)


def test_team_member_edit_changes_role_and_function_with_history(client, manager_on_production):
    # Arrange
    production, manager = manager_on_production
    membership = ProductionMembershipFactory(production=production, role=Role.CREW)

    # Act
    response = client.post(
        reverse("productions:member_edit", kwargs={"pk": production.pk, "member_pk": membership.pk}),
        {"role": Role.DEPARTMENT_HEAD, "job_title": "Chef électro", "department": "Licht"},
        follow=True,
    )

    # Assert
    membership.refresh_from_db()
    assert (membership.role, membership.job_title, membership.department) == (
        Role.DEPARTMENT_HEAD,
        "Chef électro",
        "Licht",
    )
    assert page_messages(response) == ["The team member was saved."]
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.user, entry.changes) == (
        "productions.member.changed",
        manager,
        {
            "role": {"old": "crew", "new": "department_head"},
            "job_title": {"old": "", "new": "Chef électro"},
            "department": {"old": "", "new": "Licht"},
        },
    )


def test_team_invitation_revoke_only_for_this_production(client, manager_on_production):
    # Arrange
    production, _ = manager_on_production
    own = InvitationFactory(organisation=production.organisation, production=production, role=Role.CREW)
    sibling = ProductionFactory(organisation=production.organisation)
    other = InvitationFactory(organisation=production.organisation, production=sibling, role=Role.CREW)

    # Act
    revoked = client.post(
        reverse("productions:invitation_revoke", kwargs={"pk": production.pk, "invitation_pk": own.pk})
    )
    refused = client.post(
        reverse("productions:invitation_revoke", kwargs={"pk": production.pk, "invitation_pk": other.pk})
    )

    # Assert
    own.refresh_from_db()
    other.refresh_from_db()
    assert (revoked.status_code, refused.status_code) == (302, 404)
    assert (own.revoked_at is not None, other.revoked_at) == (True, None)


# Key contacts


def test_key_contact_add_edit_remove_each_logged_with_values(client):
    # Arrange
    production = ProductionFactory()
    assistant = member_of(production, Role.PRODUCTION_ASSISTANT)
    client.force_login(assistant)
    fields = {"label": "venue", "name": "Anne Dupont", "company": "Théâtre 140", "email": "", "phone": "", "notes": ""}

    # Act
    added = client.post(reverse("productions:contact_add", kwargs={"pk": production.pk}), fields)
    contact = KeyContact.objects.get()
    edited = client.post(
        reverse("productions:contact_edit", kwargs={"pk": production.pk, "contact_pk": contact.pk}),
        {**fields, "phone": "+32 2 733 97 08"},
    )
    contact.refresh_from_db()
    phone_after_edit = contact.phone
    reader = Client()
    reader.force_login(member_of(production, Role.ACCOUNTANT))
    history = reader.get(reverse("productions:history", kwargs={"pk": production.pk}))
    removed = client.post(reverse("productions:contact_remove", kwargs={"pk": production.pk, "contact_pk": contact.pk}))

    # Assert
    dashboard = reverse("productions:dashboard", kwargs={"pk": production.pk})
    assert [added["Location"], edited["Location"], removed["Location"]] == [dashboard, dashboard, dashboard]
    assert phone_after_edit == "+32 2 733 97 08"
    assert KeyContact.objects.count() == 0
    entries = list(AuditEntry.objects.order_by("pk"))
    assert [(e.action, e.user, e.production) for e in entries] == [
        ("productions.contact.added", assistant, production),
        ("productions.contact.changed", assistant, production),
        ("productions.contact.removed", assistant, production),
    ]
    assert entries[0].changes == {
        "label": {"old": None, "new": "venue"},
        "name": {"old": None, "new": "Anne Dupont"},
        "company": {"old": None, "new": "Théâtre 140"},
        "email": {"old": None, "new": ""},
        "phone": {"old": None, "new": ""},
        "notes": {"old": None, "new": ""},
    }
    assert entries[1].changes == {"phone": {"old": "", "new": "+32 2 733 97 08"}}
    assert entries[2].data == {"name": "Anne Dupont"}
    assert "<tr><td>Phone</td><td>—</td><td>+32 2 733 97 08</td></tr>" in history.content.decode()


def test_key_contact_add_without_name_refused_and_nothing_saved(client):
    # Arrange
    production = ProductionFactory()
    client.force_login(member_of(production, Role.PRODUCER))

    # Act
    response = client.post(
        reverse("productions:contact_add", kwargs={"pk": production.pk}), {"label": "venue", "name": ""}
    )

    # Assert
    assert response.status_code == 200
    assert response.context["form"].errors == {"name": ["This field is required."]}
    assert (KeyContact.objects.count(), AuditEntry.objects.count()) == (0, 0)


# Organisation home


@pytest.fixture
def season():
    """An organisation with four productions of different phases and kinds, one of them archived."""
    organisation = OrganisationFactory()
    make = ProductionFactory
    productions = {
        "storm": make(organisation=organisation, title="De Storm", phase=Phase.TOURING, kind=Kind.THEATRE),
        "bolero": make(organisation=organisation, title="Boléro", phase=Phase.TOURING, kind=Kind.DANCE),
        "docu": make(organisation=organisation, title="Docu", phase=Phase.DEVELOPMENT, kind=Kind.DOCUMENTARY),
        "old": make(
            organisation=organisation,
            title="Oud",
            phase=Phase.TOURING,
            kind=Kind.THEATRE,
            archived_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        ),
    }
    return organisation, productions


def home_titles(client, organisation, query: str = "") -> list[str]:
    response = client.get(reverse("productions:organisation_home", kwargs={"slug": organisation.slug}) + query)
    assert response.status_code == 200
    return sorted(p.title for p in response.context["productions"])


def test_organisation_home_admin_sees_all_unarchived(client, season):
    # Arrange
    organisation, _ = season
    client.force_login(org_admin(organisation))

    # Act
    titles = home_titles(client, organisation)

    # Assert
    assert titles == ["Boléro", "De Storm", "Docu"]


def test_organisation_home_filters_by_phase_and_kind(client, season):
    # Arrange
    organisation, _ = season
    client.force_login(org_admin(organisation))

    # Act
    by_phase = home_titles(client, organisation, "?phase=touring")
    by_kind = home_titles(client, organisation, "?kind=theatre")
    by_both = home_titles(client, organisation, "?phase=touring&kind=dance")

    # Assert
    assert (by_phase, by_kind, by_both) == (["Boléro", "De Storm"], ["De Storm"], ["Boléro"])


def test_organisation_home_archived_shown_when_asked(client, season):
    # Arrange
    organisation, _ = season
    client.force_login(org_admin(organisation))

    # Act
    titles = home_titles(client, organisation, "?archived=on")

    # Assert
    assert titles == ["Oud"]


def test_organisation_home_guest_sees_only_own_productions(client, season):
    # Arrange
    organisation, productions = season
    guest = member_of(productions["bolero"], Role.CAST)
    ProductionFactory(title="Elders")  # another organisation
    client.force_login(guest)

    # Act
    titles = home_titles(client, organisation)

    # Assert
    assert titles == ["Boléro"]


def test_organisation_home_staff_without_membership_sees_none(client, season):
    # Arrange
    organisation, _ = season
    staff = UserFactory()
    OrganisationMembershipFactory(organisation=organisation, user=staff, role=OrganisationRole.STAFF)
    client.force_login(staff)

    # Act
    titles = home_titles(client, organisation)

    # Assert
    assert titles == []


def test_organisation_home_invalid_filter_shows_all(client, season):
    # Arrange
    organisation, _ = season
    client.force_login(org_admin(organisation))

    # Act
    titles = home_titles(client, organisation, "?phase=nonsense")

    # Assert
    assert titles == ["Boléro", "De Storm", "Docu"]


# Query counts: list pages stay flat as they grow


def test_organisation_home_query_count_flat_over_1_and_3_productions(client, assert_flat_queries):
    # Arrange
    organisation = OrganisationFactory()
    admin = org_admin(organisation)
    member_of(ProductionFactory(organisation=organisation), Role.CREW)
    client.force_login(admin)

    def add_two():
        for _ in range(2):
            member_of(ProductionFactory(organisation=organisation), Role.CREW)

    # Act and assert
    url = reverse("productions:organisation_home", kwargs={"slug": organisation.slug})
    assert_flat_queries(url, add_two)


def test_team_page_query_count_flat_over_1_and_3_members(client, assert_flat_queries):
    # Arrange
    production = ProductionFactory()
    client.force_login(org_admin(production.organisation))
    member_of(production, Role.CREW)

    def add_two():
        member_of(production, Role.CAST)
        member_of(production, Role.PRODUCER)

    # Act and assert
    url = reverse("productions:team", kwargs={"pk": production.pk})
    assert_flat_queries(url, add_two)


def test_history_query_count_flat_over_1_and_3_entries(client, assert_flat_queries):
    # Arrange
    production = ProductionFactory()
    manager = member_of(production, Role.PRODUCTION_MANAGER)
    client.force_login(manager)
    contact = KeyContactFactory(production=production)
    log_action(production, "productions.production.changed", user=manager, changes={"phase": {"old": "a", "new": "b"}})

    def add_two():
        log_action(contact, "productions.contact.added", user=manager, changes={"name": {"old": None, "new": "X"}})
        log_action(production, "productions.production.archived", user=UserFactory())

    # Act and assert
    url = reverse("productions:history", kwargs={"pk": production.pk})
    assert_flat_queries(url, add_two)


def test_team_page_search_finds_by_name_or_email(client, manager_on_production):
    # Arrange
    production, _ = manager_on_production
    member_of(production, Role.CREW, name="Bram Verbeke", email="bram@example.be")
    member_of(production, Role.CAST, name="Chloé Dubois", email="chloe@theatre.example")

    # Act
    by_name = client.get(reverse("productions:team", kwargs={"pk": production.pk}), {"q": "verbeke"})
    by_mail = client.get(reverse("productions:team", kwargs={"pk": production.pk}), {"q": "theatre.example"})

    # Assert
    assert [m.user.name for m in by_name.context["page"]] == ["Bram Verbeke"]
    assert [m.user.name for m in by_mail.context["page"]] == ["Chloé Dubois"]


def test_team_page_paginates_long_teams(client, manager_on_production):
    # Arrange: 101 crew plus the manager
    production, _ = manager_on_production
    users = UserFactory.create_batch(101)
    ProductionMembership.objects.bulk_create(
        ProductionMembership(production=production, user=u, role=Role.CREW) for u in users
    )

    # Act
    first = client.get(reverse("productions:team", kwargs={"pk": production.pk}))
    second = client.get(reverse("productions:team", kwargs={"pk": production.pk}), {"page": "2"})
    beyond = client.get(reverse("productions:team", kwargs={"pk": production.pk}), {"page": "99"})

    # Assert
    assert (len(first.context["page"]), len(second.context["page"])) == (100, 2)
    assert beyond.context["page"].number == 2
    assert 'rel="next"' in first.content.decode()


def test_dashboard_team_shows_counts_and_first_names_per_role(client, manager_on_production):
    # Arrange: eight crew members, named so that the first six are known
    production, _ = manager_on_production
    for letter in "ABCDEFGH":
        member_of(production, Role.CREW, name=f"{letter} Crew")

    # Act
    response = client.get(reverse("productions:dashboard", kwargs={"pk": production.pk}))

    # Assert
    groups = {str(g.label): (g.count, [m.user.name for m in g.members]) for g in response.context["team_groups"]}
    assert groups == {
        "Production manager": (1, ["Lies Janssens"]),
        "Crew": (8, ["A Crew", "B Crew", "C Crew", "D Crew", "E Crew", "F Crew"]),
    }
    assert "and 2 others" in response.content.decode()
