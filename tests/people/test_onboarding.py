"""Self-service onboarding: a hashed one-time link by mail, a page without an account in the person's
language, the same validation as the managers' forms, every change logged as done through the link."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from regie.accounts.models import hash_token
from regie.accounts.roles import Role
from regie.core.models import AuditEntry
from regie.people.models import Contact, OnboardingLink, OnboardingStatus, PersonalData, PersonalDocument
from regie.people.onboarding import send_onboarding_link
from tests.factories import (
    PDF_BYTES,
    EngagementFactory,
    OnboardingLinkFactory,
    PersonalDocumentFactory,
    ProductionFactory,
    member_of,
)

pytestmark = pytest.mark.django_db

TOKEN = "a-token-only-the-person-has"


@pytest.fixture
def engagement():
    return EngagementFactory(
        production=ProductionFactory(working_languages=["fr", "nl"]),
        contact__name="Élodie Dubois",
        contact__email="elodie@example.be",
    )


@pytest.fixture
def link(engagement):
    return OnboardingLinkFactory(contact=engagement.contact, production=engagement.production, token=TOKEN)


def page_url(token: str = TOKEN) -> str:
    return reverse("people:onboarding", kwargs={"token": token})


def onboarding_form(**changes) -> dict:
    data = {
        "contact-name": "Élodie Dubois",
        "contact-email": "elodie.dubois@example.fr",
        "contact-mobile": "+33 6 12 34 56 78",
        "contact-phone": "",
        "contact-street": "Rue Haute 12",
        "contact-postcode": "1000",
        "contact-city": "Bruxelles",
        "contact-country": "BE",
        "contact-nationality": "FR",
        "contact-language": "fr",
        "personal-national_number": "85.07.30-033.28",
        "personal-date_of_birth": "1985-07-30",
        "personal-iban": "BE68 5390 0754 7034",
        "personal-bic": "GKCCBEBB",
        "personal-id_document_kind": "passport",
        "personal-id_document_number": "19FF12345",
        "personal-id_document_expiry": "2031-05-01",
        "personal-emergency_contact": "Paul, frère, +32 470 00 00 00",
        "personal-dietary_notes": "végétarienne",
        "personal-medical_notes": "",
    }
    data.update(changes)
    return data


def test_send_link_mails_person_in_their_language_and_stores_only_hash(
    client, engagement, django_capture_on_commit_callbacks
):
    # Arrange
    manager = member_of(engagement.production, Role.PRODUCTION_MANAGER)
    client.force_login(manager)
    url = reverse("people:onboarding_manage", kwargs={"pk": engagement.production_id, "engagement_pk": engagement.pk})

    # Act
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"language": "fr"})

    # Assert
    link = OnboardingLink.objects.get()
    assert response.status_code == 302
    assert (len(mail.outbox), mail.outbox[0].to, mail.outbox[0].subject) == (
        1,
        ["elodie@example.be"],
        f"Vos coordonnées pour {engagement.production.title}",
    )
    token = re.search(r"/onboarding/([^/]+)/", mail.outbox[0].body).group(1)
    assert (link.token_hash, link.language, link.status) == (hash_token(token), "fr", OnboardingStatus.SENT)
    assert token not in str(list(AuditEntry.objects.values_list("data", flat=True)))


def test_send_link_again_revokes_the_earlier_one(engagement):
    manager = member_of(engagement.production, Role.PRODUCTION_MANAGER)
    first = send_onboarding_link(engagement, by=manager, language="nl")

    second = send_onboarding_link(engagement, by=manager, language="nl")

    first.refresh_from_db()
    assert (first.status, second.status) == (OnboardingStatus.REVOKED, OnboardingStatus.SENT)
    assert OnboardingLink.objects.filter(revoked_at__isnull=True).count() == 1


def test_send_link_without_email_refused_nothing_sent(client):
    engagement = EngagementFactory(contact__email="")
    client.force_login(member_of(engagement.production, Role.PRODUCTION_MANAGER))
    url = reverse("people:onboarding_manage", kwargs={"pk": engagement.production_id, "engagement_pk": engagement.pk})

    response = client.post(url, {"language": "en"})

    assert response.status_code == 200
    assert (OnboardingLink.objects.count(), len(mail.outbox)) == (0, 0)


def test_send_link_by_production_assistant_refused(client, engagement):
    client.force_login(member_of(engagement.production, Role.PRODUCTION_ASSISTANT))
    url = reverse("people:onboarding_manage", kwargs={"pk": engagement.production_id, "engagement_pk": engagement.pk})

    assert client.post(url, {"language": "en"}).status_code == 403
    assert OnboardingLink.objects.count() == 0


def test_onboarding_page_opens_without_account_in_link_language_and_marks_opened(client, link):
    response = client.get(page_url())

    link.refresh_from_db()
    assert (response.status_code, response["Content-Language"]) == (200, "fr")
    assert "Vos coordonnées" in response.content.decode()
    assert link.status == OnboardingStatus.OPENED


def test_onboarding_page_language_cookie_wins_over_link_language(client, link, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"

    response = client.get(page_url())

    assert response["Content-Language"] == "nl"


def test_onboarding_submit_saves_details_and_logs_them_as_done_through_link(client, link, engagement):
    # Act
    response = client.post(page_url(), onboarding_form())

    # Assert
    assert response.status_code == 302
    contact = Contact.objects.get(pk=engagement.contact_id)
    details = PersonalData.objects.get(contact=contact)
    assert (contact.email, contact.mobile, contact.city, contact.language) == (
        "elodie.dubois@example.fr",
        "+33612345678",
        "Bruxelles",
        "fr",
    )
    assert (details.national_number, details.iban, details.id_document_expiry) == (
        "85073003328",
        "BE68539007547034",
        datetime.date(2031, 5, 1),
    )
    link.refresh_from_db()
    assert link.status == OnboardingStatus.COMPLETED
    entries = AuditEntry.objects.filter(action__in=["people.contact.changed", "people.person.sensitive_changed"])
    assert sorted((e.action, e.user_id, e.data["via"], e.data["link"]) for e in entries) == [
        ("people.contact.changed", None, "onboarding", link.pk),
        ("people.person.sensitive_changed", None, "onboarding", link.pk),
    ]
    assert "85073003328" not in str(list(AuditEntry.objects.values_list("data", "changes")))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"personal-national_number": "85.07.30-033.29"}, "national_number"),
        ({"personal-iban": "BE68 5390 0754 7035"}, "iban"),
        ({"personal-bic": "NOPE"}, "bic"),
        ({"contact-mobile": "12345"}, "mobile"),
    ],
)
def test_onboarding_submit_bad_input_changes_nothing(client, link, engagement, changes, field):
    response = client.post(page_url(), onboarding_form(**changes))

    assert response.status_code == 200
    errors = {**response.context["contact_form"].errors, **response.context["personal_form"].errors}
    assert list(errors) == [field]
    assert (PersonalData.objects.count(), Contact.objects.get(pk=engagement.contact_id).city) == (0, "Gent")
    link.refresh_from_db()
    assert link.completed_at is None


def test_onboarding_forged_token_not_found_nothing_changed(client, link):
    response = client.post(page_url("forged-token"), onboarding_form())

    assert response.status_code == 404
    assert PersonalData.objects.count() == 0


@pytest.mark.parametrize("state", ["revoked", "expired"])
def test_onboarding_revoked_or_expired_link_gone_nothing_changed(client, link, state):
    if state == "revoked":
        link.revoked_at = timezone.now()
    else:
        link.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    link.save()

    response = client.post(page_url(), onboarding_form())

    assert response.status_code == 410
    assert "Nothing was changed" in response.content.decode() or "Rien n" in response.content.decode()
    assert (PersonalData.objects.count(), AuditEntry.objects.count()) == (0, 0)


def test_onboarding_revoke_by_manager_makes_link_gone(client, link, engagement):
    client.force_login(member_of(engagement.production, Role.PRODUCTION_MANAGER))
    url = reverse("people:onboarding_revoke", kwargs={"pk": engagement.production_id, "engagement_pk": engagement.pk})

    client.post(url)
    client.logout()

    assert client.get(page_url()).status_code == 410


def test_onboarding_upload_document_stored_for_the_person(client, link, engagement):
    data = {
        "doc-kind": "id_card",
        "doc-number": "591-1234567-89",
        "doc-valid_until": "2030-01-01",
        "doc-upload": SimpleUploadedFile("carte.pdf", PDF_BYTES),
    }

    response = client.post(reverse("people:onboarding_document_add", kwargs={"token": TOKEN}), data)

    document = PersonalDocument.objects.get()
    assert response.status_code == 302
    assert (document.contact_id, document.original_name, document.number) == (
        engagement.contact_id,
        "carte.pdf",
        "591-1234567-89",
    )
    entry = AuditEntry.objects.get(action="people.document.added")
    assert (entry.user, entry.data["via"]) == (None, "onboarding")


def test_onboarding_upload_not_an_image_refused_nothing_stored(client, link):
    data = {"doc-kind": "id_card", "doc-upload": SimpleUploadedFile("carte.jpg", b"MZ\x90\x00 windows program")}

    response = client.post(reverse("people:onboarding_document_add", kwargs={"token": TOKEN}), data)

    assert response.status_code == 200
    assert list(response.context["document_form"].errors) == ["upload"]
    assert PersonalDocument.objects.count() == 0


def test_onboarding_person_fetching_colleagues_document_by_url_not_found(client, link, engagement):
    colleague = EngagementFactory(production=engagement.production)
    theirs = PersonalDocumentFactory(contact=colleague.contact, content=PDF_BYTES)
    url = reverse("people:onboarding_document_file", kwargs={"token": TOKEN, "document_pk": theirs.pk})
    remove = reverse("people:onboarding_document_remove", kwargs={"token": TOKEN, "document_pk": theirs.pk})

    assert (client.get(url).status_code, client.post(remove).status_code) == (404, 404)
    assert PersonalDocument.objects.count() == 1
    assert AuditEntry.objects.filter(action="people.document.downloaded").count() == 0


def test_onboarding_person_downloads_own_document_and_read_is_logged(client, link, engagement):
    mine = PersonalDocumentFactory(contact=engagement.contact, content=PDF_BYTES)

    response = client.get(reverse("people:onboarding_document_file", kwargs={"token": TOKEN, "document_pk": mine.pk}))

    assert (response.status_code, response.content) == (200, PDF_BYTES)
    assert AuditEntry.objects.get(action="people.document.downloaded").data["via"] == "onboarding"


def test_crew_list_shows_onboarding_status_to_managers(client, link, engagement):
    link.opened_at = timezone.now()
    link.save()
    client.force_login(member_of(engagement.production, Role.PRODUCTION_MANAGER))

    response = client.get(reverse("people:crew", kwargs={"pk": engagement.production_id}))

    assert "link opened" in response.content.decode()


def test_crew_list_onboarding_status_costs_same_queries_for_one_and_three(client, assert_flat_queries, link):
    production = link.production
    client.force_login(member_of(production, Role.PRODUCTION_MANAGER))

    def add_two() -> None:
        for _ in range(2):
            engagement = EngagementFactory(production=production)
            OnboardingLinkFactory(contact=engagement.contact, production=production)

    assert_flat_queries(reverse("people:crew", kwargs={"pk": production.pk}), add_two)
