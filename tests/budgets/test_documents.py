"""The top sheet, the full budget and the cost report as PDF, in the reader's language."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from regie.accounts.roles import Role
from regie.budgets import services
from regie.budgets.charts import CHARTS
from regie.budgets.document_views import document_context
from regie.budgets.pdf import pdf_document, printed_text
from regie.core.formatting import format_money
from tests.factories import ProductionFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def production():
    return ProductionFactory(title="De Storm", currency="EUR")


@pytest.fixture
def theatre(production):
    manager = member_of(production, Role.PRODUCTION_MANAGER)
    return services.create_budget(production, CHARTS["theatre"], name="First estimate", by=manager)


def printed(template: str, context: dict, language: str) -> str:
    with translation.override(language):
        return printed_text(pdf_document(RequestFactory().get("/"), template, context))


@pytest.mark.parametrize(("language", "label"), [("fr", "Budget total"), ("nl", "Totale begroting")])
def test_topsheet_pdf_in_the_readers_language_with_its_money_format(production, theatre, language, label):
    # Arrange
    context = document_context(production, theatre)
    total = context["sheet"].result.total

    # Act
    text = printed("budgets/pdf/topsheet.html", context, language)

    # Assert
    assert format_money(total, "EUR", language) in text
    assert label in text


def test_topsheet_pdf_download(production, theatre):
    # Arrange
    client = Client()
    client.force_login(member_of(production, Role.ACCOUNTANT))

    # Act
    response = client.get(reverse("budgets:topsheet_pdf", kwargs={"pk": production.pk, "version_pk": theatre.pk}))

    # Assert
    assert (response.status_code, response["Content-Type"], response.content[:5]) == (200, "application/pdf", b"%PDF-")


def test_budget_pdf_lists_every_line(production, theatre):
    # Arrange
    context = document_context(production, theatre)

    # Act
    text = " ".join(printed("budgets/pdf/budget.html", context, "en").split())

    # Assert
    missing = [line.description for line in context["sheet"].lines if " ".join(line.description.split()) not in text]
    assert missing == []


def test_cost_report_pdf_download(production, theatre):
    # Arrange
    client = Client()
    client.force_login(member_of(production, Role.ACCOUNTANT))

    # Act
    response = client.get(reverse("budgets:cost_report_pdf", kwargs={"pk": production.pk}))

    # Assert
    assert (response.status_code, response.content[:5]) == (200, b"%PDF-")
