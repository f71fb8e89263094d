"""The printed crew list and contact sheet: by department, in the reader's language, private phone
numbers only for those who manage the crew."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from regie.accounts.roles import Role
from regie.people.functions import Department
from regie.people.models import EngagementStatus
from tests.factories import EngagementFactory, ProductionFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def production():
    production = ProductionFactory(title="Tartuffe")
    EngagementFactory(
        production=production,
        contact__name="Private Person",
        contact__mobile="+32470111111",
        contact__phone_private=True,
        function="gaffer",
        department="lighting",
    )
    EngagementFactory(
        production=production,
        contact__name="Open Person",
        contact__mobile="+32470222222",
        function="stage_manager",
        department="stage",
    )
    EngagementFactory(production=production, contact__name="Gone Person", status=EngagementStatus.CANCELLED)
    return production


def printed_html(response, template: str) -> str:
    """The HTML the PDF was made from, rendered again from the context the view gave it."""
    context = next(context for context in response.context if "groups" in context).flatten()
    return render_to_string(template, context)


def test_contact_sheet_pdf_hides_private_numbers_from_crew(client, production):
    client.force_login(member_of(production, Role.CREW))

    response = client.get(reverse("people:contact_sheet_pdf", kwargs={"pk": production.pk}))

    assert (response.status_code, response["Content-Type"], response.content[:5]) == (200, "application/pdf", b"%PDF-")
    assert response["Content-Disposition"] == 'attachment; filename="contact-sheet-tartuffe.pdf"'
    html = printed_html(response, "people/pdf/contact_sheet.html")
    assert ("+32 470 22 22 22" in html, "+32 470 11 11 11" in html, "Gone Person" in html) == (True, False, False)


def test_contact_sheet_pdf_shows_private_numbers_to_manager(client, production):
    client.force_login(member_of(production, Role.PRODUCTION_MANAGER))

    response = client.get(reverse("people:contact_sheet_pdf", kwargs={"pk": production.pk}))

    assert "+32 470 11 11 11" in printed_html(response, "people/pdf/contact_sheet.html")


def test_crew_list_pdf_groups_by_department_in_readers_language(client, production):
    client.force_login(member_of(production, Role.CREW, language="fr"))

    response = client.get(reverse("people:crew_pdf", kwargs={"pk": production.pk}), HTTP_ACCEPT_LANGUAGE="fr")

    assert (response.content[:5], response["Content-Language"]) == (b"%PDF-", "fr")
    with translation.override("fr"):
        expected = [str(label) for value, label in Department.choices if value in {"stage", "lighting"}]
        html = printed_html(response, "people/pdf/crew_list.html")
    assert [group.label for group in response.context["groups"]] == expected
    assert ("Liste des équipes" in html, "Gone Person" in html) == (True, False)


def test_crew_list_pdf_viewer_refused(client, production):
    client.force_login(member_of(production, Role.VIEWER))

    assert client.get(reverse("people:crew_pdf", kwargs={"pk": production.pk})).status_code == 403


def test_crew_list_pdf_same_queries_for_one_and_three(client, assert_flat_queries):
    production = ProductionFactory()
    EngagementFactory(production=production)
    client.force_login(member_of(production, Role.PRODUCTION_MANAGER))

    def add_two() -> None:
        boss = EngagementFactory(production=production)
        EngagementFactory(production=production, reports_to=boss)

    assert_flat_queries(reverse("people:crew_pdf", kwargs={"pk": production.pk}), add_two)
