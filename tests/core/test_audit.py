"""Recording changes: snapshot, diff, log_action and how an entry is described."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from regie.accounts.roles import Role
from regie.core.audit import action_label, describe_changes, diff, json_safe, log_action, snapshot
from regie.core.models import AuditEntry
from regie.productions.models import Kind, Phase, Production
from tests.factories import (
    KeyContactFactory,
    OrganisationFactory,
    OrganisationMembershipFactory,
    ProductionFactory,
    UserFactory,
    member_of,
)

pytestmark = pytest.mark.django_db


def test_snapshot_production_leaves_out_bookkeeping_fields():
    # Arrange
    organisation = OrganisationFactory()
    user = UserFactory()
    source = ProductionFactory(organisation=organisation)
    production = ProductionFactory(
        organisation=organisation,
        title="De Storm",
        client="KVS",
        created_by=user,
        duplicated_from=source,
        concept="Zee",
        description="",
    )

    # Act
    values = snapshot(production)

    # Assert
    assert values == {
        "title": "De Storm",
        "kind": "theatre",
        "phase": "pre_production",
        "client": "KVS",
        "start_date": "2027-01-10",
        "end_date": "2027-03-31",
        "currency": "EUR",
        "timezone": "Europe/Brussels",
        "working_time_rules": "",
        "working_languages": ["nl", "fr"],
        "concept": "Zee",
        "description": "",
        "archived_at": None,
    }


def test_snapshot_foreign_keys_as_ids():
    # Arrange
    membership = OrganisationMembershipFactory(role="staff")

    # Act
    values = snapshot(membership)

    # Assert
    assert values == {"organisation": membership.organisation_id, "user": membership.user_id, "role": "staff"}


def test_snapshot_limited_to_named_fields():
    # Arrange
    production = ProductionFactory(title="De Storm")

    # Act
    values = snapshot(production, fields=["title", "phase"])

    # Assert
    assert values == {"title": "De Storm", "phase": "pre_production"}


def test_diff_lists_only_changed_fields_with_old_and_new():
    # Arrange
    production = ProductionFactory(title="De Storm", kind=Kind.THEATRE)
    before = snapshot(production)
    production.title, production.kind = "La Tempête", Kind.DANCE
    production.end_date = datetime.date(2027, 4, 30)

    # Act
    changes = diff(before, snapshot(production))

    # Assert
    assert changes == {
        "title": {"old": "De Storm", "new": "La Tempête"},
        "kind": {"old": "theatre", "new": "dance"},
        "end_date": {"old": "2027-03-31", "new": "2027-04-30"},
    }


def test_diff_no_change_is_empty():
    # Arrange
    production = ProductionFactory()

    # Act
    changes = diff(snapshot(production), snapshot(production))

    # Assert
    assert changes == {}


def test_json_safe_converts_decimals_dates_and_models():
    # Arrange
    production = ProductionFactory()
    moment = datetime.datetime(2027, 1, 10, 19, 30, tzinfo=datetime.UTC)

    # Act
    value = json_safe({"fee": Decimal("1250.50"), "at": moment, "items": (production, 3), 1: None})

    # Assert
    assert value == {"fee": "1250.50", "at": "2027-01-10T19:30:00+00:00", "items": [production.pk, 3], "1": None}


def test_log_action_production_entry_scoped_to_production_and_organisation():
    # Arrange
    production = ProductionFactory(title="De Storm")
    user = UserFactory()

    # Act
    entry = log_action(
        production,
        "productions.production.changed",
        user=user,
        changes={"phase": {"old": "development", "new": "touring"}},
        data={"when": datetime.date(2027, 1, 10)},
    )

    # Assert
    entry.refresh_from_db()
    assert (entry.production, entry.organisation, entry.user) == (production, production.organisation, user)
    assert (entry.content_type, entry.object_id, entry.object_repr) == (
        ContentType.objects.get_for_model(Production),
        str(production.pk),
        "De Storm",
    )
    assert (entry.changes, entry.data) == ({"phase": {"old": "development", "new": "touring"}}, {"when": "2027-01-10"})


def test_log_action_key_contact_entry_scoped_to_its_production():
    # Arrange
    contact = KeyContactFactory(name="Anne Dupont", label="venue")

    # Act
    entry = log_action(contact, "productions.contact.added")

    # Assert
    assert (entry.production, entry.organisation, entry.user, entry.object_repr) == (
        contact.production,
        contact.production.organisation,
        None,
        "Anne Dupont (venue)",
    )


def test_log_action_anonymous_user_recorded_as_nobody():
    # Arrange
    from django.contrib.auth.models import AnonymousUser

    production = ProductionFactory()

    # Act
    entry = log_action(production, "productions.production.changed", user=AnonymousUser())

    # Assert
    assert entry.user is None


def test_describe_changes_shows_field_labels_and_choice_labels():
    # Arrange
    production = ProductionFactory()
    entry = log_action(
        production,
        "productions.production.changed",
        changes={
            "kind": {"old": Kind.THEATRE, "new": Kind.DANCE},
            "phase": {"old": Phase.DEVELOPMENT, "new": Phase.TOURING},
            "client": {"old": "", "new": "KVS"},
            "working_languages": {"old": [], "new": ["nl", "fr"]},
        },
    )

    # Act
    rows = describe_changes(entry)

    # Assert
    assert [(str(r["field"]), r["old"], r["new"]) for r in rows] == [
        ("kind", "Theatre", "Dance"),
        ("phase", "Development", "Touring"),
        ("client or commissioner", "—", "KVS"),
        ("working languages", "—", "nl, fr"),
    ]


def test_describe_changes_shows_foreign_keys_as_ids_and_unknown_fields_by_code():
    # Arrange
    production = ProductionFactory()
    source = ProductionFactory()
    entry = log_action(
        production,
        "productions.production.changed",
        changes={"duplicated_from": {"old": None, "new": source.pk}, "removed_field": {"old": True, "new": False}},
    )

    # Act
    rows = describe_changes(entry)

    # Assert
    assert [(str(r["field"]), r["old"], r["new"]) for r in rows] == [
        ("duplicated from", "—", str(source.pk)),
        ("removed_field", "yes", "no"),
    ]


def test_describe_changes_user_language_shown_as_language_name():
    # Arrange
    user = UserFactory()
    entry = log_action(user, "accounts.user.changed", user=user, changes={"language": {"old": "en", "new": "fr"}})

    # Act
    rows = describe_changes(entry)

    # Assert
    assert [(str(r["field"]), r["old"], r["new"]) for r in rows] == [("language", "English", "French")]


def test_action_label_known_and_unknown():
    # Act
    labels = (action_label("productions.production.archived"), action_label("unknown.thing.happened"))

    # Assert
    assert labels == ("Production archived", "unknown.thing.happened")


def test_history_page_shows_only_entries_of_its_production(client):
    # Arrange
    production = ProductionFactory(title="De Storm")
    neighbour = ProductionFactory(organisation=production.organisation, title="Boléro")
    log_action(production, "productions.production.archived")
    log_action(KeyContactFactory(production=production, name="Anne Dupont"), "productions.contact.added")
    log_action(neighbour, "productions.production.archived")
    client.force_login(member_of(production, Role.ACCOUNTANT))

    # Act
    response = client.get(reverse("productions:history", kwargs={"pk": production.pk}))

    # Assert
    entries = list(response.context["entries"])
    assert [e.object_repr for e in entries] == ["Anne Dupont (client)", "De Storm"]
    assert {e.production for e in entries} == {production}
    assert AuditEntry.objects.filter(production=neighbour).count() == 1
