"""Exports of the address book and the crew list to CSV and XLSX, safe against formula injection."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from regie.accounts.roles import Role
from regie.people.exports import Column, safe_text, to_csv, to_xlsx
from tests.factories import ContactFactory, EngagementFactory, ProductionFactory, member_of

pytestmark = pytest.mark.django_db


def read_csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def read_xlsx(content: bytes) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return list(sheet.iter_rows(values_only=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+32 470 12 34 56", "'+32 470 12 34 56"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("Jan = Jan", "Jan = Jan"),
        ("", ""),
    ],
)
def test_safe_text_prefixes_formula_starts(text, expected):
    assert safe_text(text) == expected


def test_to_xlsx_formula_text_stays_text_and_types_kept():
    columns = [Column("name", lambda r: r[0]), Column("fee", lambda r: r[1]), Column("from", lambda r: r[2])]

    rows = read_xlsx(to_xlsx(columns, [("=1+1", Decimal("12.50"), datetime.date(2027, 1, 10))], "Sheet"))

    assert rows == [("name", "fee", "from"), ("'=1+1", 12.5, datetime.datetime(2027, 1, 10))]


def test_to_csv_bom_header_and_safe_cells():
    columns = [Column("name", lambda r: r[0]), Column("skills", lambda r: r[1])]

    content = to_csv(columns, [("@evil", ["gaffer", "rigger"])])

    assert content.startswith("\ufeff".encode())
    assert read_csv(content) == [["name", "skills"], ["'@evil", "gaffer, rigger"]]


def test_contact_export_csv_follows_the_list_filters(client, organisation, staff):
    # Arrange
    ContactFactory(organisation=organisation, name="=cmd|' /C calc'!A0", city="Gent", mobile="+32470123456")
    ContactFactory(organisation=organisation, name="Elsewhere", city="Namur")
    client.force_login(staff)

    # Act
    response = client.get(reverse("people:contacts_csv", kwargs={"slug": organisation.slug}), {"city": "gent"})

    # Assert
    rows = read_csv(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="lumen-contacts.csv"'
    assert [(r[0], r[4], r[8]) for r in rows[1:]] == [("'=cmd|' /C calc'!A0", "'+32 470 12 34 56", "Gent")]


def test_contact_export_xlsx_has_a_row_per_contact(client, organisation, staff):
    ContactFactory.create_batch(3, organisation=organisation)
    client.force_login(staff)

    response = client.get(reverse("people:contacts_xlsx", kwargs={"slug": organisation.slug}))

    assert len(read_xlsx(response.content)) == 4


def test_crew_export_fees_only_for_managers(client):
    # Arrange
    production = ProductionFactory()
    EngagementFactory(production=production, contact__name="Gert", fee=Decimal("350.00"))
    url = reverse("people:crew_xlsx", kwargs={"pk": production.pk})

    # Act
    client.force_login(member_of(production, Role.CREW))
    crew_rows = read_xlsx(client.get(url).content)
    client.force_login(member_of(production, Role.PRODUCER))
    producer_rows = read_xlsx(client.get(url).content)

    # Assert
    assert (len(crew_rows[0]), "Fee or rate" in crew_rows[0]) == (10, False)
    assert producer_rows[1][1:3] == ("Gert", "gaffer")
    assert producer_rows[1][producer_rows[0].index("Fee or rate")] == 350.0


def test_crew_export_queries_flat_in_number_of_engagements(client, django_assert_max_num_queries):
    production = ProductionFactory()
    boss = EngagementFactory(production=production)
    EngagementFactory.create_batch(30, production=production, reports_to=boss)
    client.force_login(member_of(production, Role.PRODUCER))

    with django_assert_max_num_queries(12):
        response = client.get(reverse("people:crew_csv", kwargs={"pk": production.pk}))

    assert len(read_csv(response.content)) == 32
