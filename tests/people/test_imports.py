"""Import of contacts from CSV and XLSX: preview with column mapping, all or nothing."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from regie.core.models import AuditEntry
from regie.people.exports import contact_columns, to_csv
from regie.people.import_forms import check_rows
from regie.people.imports import ImportRefused, guess_mapping, read_table
from regie.people.models import Contact
from regie.people.vcards import read_vcards
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def upload(client, organisation, content: bytes, name: str = "contacts.csv"):
    url = reverse("people:contact_import", kwargs={"slug": organisation.slug})
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def preview_url(organisation) -> str:
    return reverse("people:contact_import_preview", kwargs={"slug": organisation.slug})


def confirm(client, organisation, **mapping):
    pending = client.session[f"people.import.{organisation.pk}"]
    fields = {f"col_{i}": field for i, field in enumerate(pending["mapping"])} | mapping
    return client.post(preview_url(organisation), {"token": pending["token"], "confirm": "1", **fields})


def xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


CSV_NL = (
    "Naam;E-mailadres;GSM;Gemeente\nJan Peeters;jan@example.be;0470 12 34 56;Gent\nAn Claes;an@example.be;;Brussel\n"
)


def test_read_table_utf8_with_bom_and_semicolons():
    # Act
    table = read_table(("\ufeff" + "Nom;Ville\nÉlodie;Liège\n").encode(), "a.csv")

    # Assert
    assert (table.headers, table.rows) == (["Nom", "Ville"], [["Élodie", "Liège"]])


def test_read_table_cp1252_fallback_with_commas():
    # Act
    table = read_table("Name,City\nRené,Liège\n".encode("cp1252"), "a.csv")

    # Assert
    assert table.rows == [["René", "Liège"]]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "a.csv", "The file is empty."),
        (b"   \n\n", "a.csv", "The file is empty."),
        (b"Name;City\n", "a.csv", "The file has a header row but no contacts under it."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a.csv", "This file is not a CSV or XLSX spreadsheet."),
        (b"not a zip at all", "a.xlsx", "This file is not a valid XLSX spreadsheet."),
        (b"PK\x03\x04broken", "a.xlsx", "This file is not a valid XLSX spreadsheet."),
    ],
)
def test_read_table_bad_file_refused(content, name, message):
    # Act
    with pytest.raises(ImportRefused) as refused:
        read_table(content, name)

    # Assert
    assert str(refused.value).startswith(message)


def test_read_table_over_ten_thousand_rows_refused():
    # Arrange
    content = ("Name\n" + "".join(f"P{i}\n" for i in range(10_001))).encode()

    # Act
    with pytest.raises(ImportRefused) as refused:
        read_table(content, "big.csv")

    # Assert
    assert str(refused.value) == "The file has more than 10 000 rows; import at most 10 000 rows at a time."


def test_read_table_ten_thousand_rows_accepted():
    # Act
    table = read_table(("Name\n" + "".join(f"P{i}\n" for i in range(10_000))).encode(), "big.csv")

    # Assert
    assert len(table.rows) == 10_000


def test_guess_mapping_reads_dutch_french_and_english_headers():
    # Act
    mapping = guess_mapping(["Naam", "Courriel", "Mobile", "BTW-nummer", "Société", "Whatever", "Nom"])

    # Assert
    assert mapping == ["name", "email", "mobile", "vat_number", "company", "", ""]


def test_import_preview_then_confirm_writes_all_rows_and_logs(client, organisation, staff):
    # Arrange
    client.force_login(staff)

    # Act
    uploaded = upload(client, organisation, CSV_NL.encode())
    preview = client.get(preview_url(organisation))
    count_before_confirm = Contact.objects.count()
    confirmed = confirm(client, organisation)

    # Assert
    assert uploaded.status_code == 302
    assert "2 contacts will be added." in preview.content.decode()
    assert count_before_confirm == 0
    assert confirmed.status_code == 302
    assert list(Contact.objects.values_list("name", "email", "mobile", "city", "email_key")) == [
        ("An Claes", "an@example.be", "", "Brussel", "an@example.be"),
        ("Jan Peeters", "jan@example.be", "+32470123456", "Gent", "jan@example.be"),
    ]
    assert list(AuditEntry.objects.values_list("action", "data")) == [
        ("people.contacts.imported", {"count": 2, "file": "contacts.csv"})
    ]


def test_import_from_xlsx_with_changed_mapping(client, organisation, staff):
    # Arrange
    client.force_login(staff)
    upload(client, organisation, xlsx([["Who", "Where"], ["Sofie Maes", "Antwerpen"]]), "list.xlsx")

    # Act
    refused = confirm(client, organisation)
    confirmed = confirm(client, organisation, col_0="name", col_1="city")

    # Assert
    assert "Choose the column that holds the name: it is required." in refused.content.decode()
    assert confirmed.status_code == 302
    assert list(Contact.objects.values_list("name", "city")) == [("Sofie Maes", "Antwerpen")]


def test_import_row_errors_shown_in_french_and_nothing_written(client, organisation, staff):
    # Arrange
    staff.language = "fr"
    staff.save()
    client.force_login(staff)
    upload(client, organisation, b"Nom;GSM;TVA\nA;0470 12 34 56;\nB;12345;\nC;;BE123\n")

    # Act
    preview = client.get(preview_url(organisation))
    confirmed = confirm(client, organisation)

    # Assert
    html = preview.content.decode()
    assert "« 12345 » n&#x27;est pas un numéro de téléphone valide." in html
    assert "« BE123 »" in html
    assert confirmed.status_code == 200
    assert Contact.objects.count() == 0


def test_check_rows_errors_stay_with_their_rows(organisation):
    # Arrange
    table = read_table(b"Name;Mobile;VAT\nA;0470 12 34 56;\nB;12345;\nC;;BE123\nD;0470 12 34 57;\n", "a.csv")

    # Act
    check = check_rows(table, ["name", "mobile", "vat_number"], organisation)

    # Assert
    assert [line for line, _messages in check.errors] == [3, 4]
    assert [(c.name, c.mobile, c.vat_number) for c in check.contacts] == [
        ("A", "+32470123456", ""),
        ("D", "+32470123457", ""),
    ]


def test_import_missing_name_column_refused(client, organisation, staff):
    # Arrange
    client.force_login(staff)
    upload(client, organisation, b"City;E-mail\nGent;a@example.be\n")

    # Act
    response = confirm(client, organisation)

    # Assert
    assert "Choose the column that holds the name: it is required." in response.content.decode()
    assert Contact.objects.count() == 0


def test_import_wrong_file_type_refused_with_message(client, organisation, staff):
    # Arrange
    client.force_login(staff)

    # Act
    response = upload(client, organisation, b"%PDF-1.7", "contacts.pdf")

    # Assert
    assert response.status_code == 200
    assert "Choose a CSV, XLSX or vCard (.vcf) file." in response.content.decode()
    assert f"people.import.{organisation.pk}" not in client.session


def test_import_duplicates_reported_and_left_out(client, organisation, staff):
    # Arrange
    ContactFactory(organisation=organisation, name="Jan Peeters", email="other@example.be")
    ContactFactory(organisation=organisation, name="Someone Else", email="an@example.be")
    client.force_login(staff)
    upload(client, organisation, (CSV_NL + "Nieuw Iemand;nieuw@example.be;;Gent\n").encode())

    # Act
    preview = client.get(preview_url(organisation))
    confirm(client, organisation)

    # Assert
    html = preview.content.decode()
    assert "2 rows are already in the address book and are left out" in html
    assert Contact.objects.filter(name="Nieuw Iemand").count() == 1
    assert Contact.objects.count() == 3


def test_import_confirm_twice_writes_once(client, organisation, staff):
    # Arrange
    client.force_login(staff)
    upload(client, organisation, CSV_NL.encode())
    token = client.session[f"people.import.{organisation.pk}"]["token"]

    # Act
    confirm(client, organisation)
    second = client.post(preview_url(organisation), {"token": token, "confirm": "1"})

    # Assert
    assert "This import was already done or has expired; nothing was written." in second.content.decode()
    assert Contact.objects.count() == 2


def test_import_formula_cells_stored_as_text_and_exported_safely(client, organisation, staff):
    # Arrange
    client.force_login(staff)
    upload(client, organisation, b'Name;Notes\n=HYPERLINK("http://evil");@SUM(A1)\n')

    # Act
    confirm(client, organisation)

    # Assert
    contact = Contact.objects.get()
    assert (contact.name, contact.notes) == ('=HYPERLINK("http://evil")', "@SUM(A1)")
    exported = to_csv(contact_columns(), [contact]).decode("utf-8-sig")
    assert "'=HYPERLINK" in exported
    assert "'@SUM(A1)" in exported


def test_import_other_organisation_pending_file_not_used(client, organisation, staff):
    # Arrange
    client.force_login(staff)

    # Act
    response = client.get(preview_url(organisation))

    # Assert
    assert response.status_code == 200
    assert "No file is waiting to be imported." in response.content.decode()


VCF = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jan Peeters\r\nN:Peeters;Jan;;;\r\nORG:Lumen\r\n"
    "TEL;TYPE=CELL:0470 12 34 56\r\nEMAIL;TYPE=INTERNET:jan@example.be\r\n"
    "ADR;TYPE=WORK:;;Kerkstraat 1;Gent;;9000;Belgium\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Élodie Dubois\r\nN:Dubois;Élodie;;;\r\nEND:VCARD\r\n"
)


def test_vcard_import_through_preview(client, organisation, staff):
    # Arrange
    client.force_login(staff)

    # Act
    uploaded = upload(client, organisation, VCF.encode(), "contacts.vcf")
    confirm(client, organisation)

    # Assert
    assert uploaded.status_code == 302
    assert set(Contact.objects.values_list("name", "company", "mobile", "email", "street", "postcode", "city")) == {
        ("Élodie Dubois", "", "", "", "", "", ""),
        ("Jan Peeters", "Lumen", "+32470123456", "jan@example.be", "Kerkstraat 1", "9000", "Gent"),
    }
    assert Contact.objects.get(name="Jan Peeters").country == "BE"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"hello world", "This file is not a valid vCard file."),
        (b"BEGIN:VCARD\r\nFN:x", "This file is not a valid vCard file."),
    ],
)
def test_vcard_import_broken_file_refused(client, organisation, staff, content, message):
    # Arrange
    client.force_login(staff)

    # Act
    response = upload(client, organisation, content, "contacts.vcf")

    # Assert
    assert message in response.content.decode()
    assert f"people.import.{organisation.pk}" not in client.session


def test_vcard_export_of_one_contact_reads_back(client, organisation, staff):
    # Arrange
    contact = ContactFactory(
        organisation=organisation, name="Jan Peeters", mobile="+32470123456", company="Lumen", street="Kerkstraat 1"
    )
    client.force_login(staff)

    # Act
    response = client.get(reverse("people:contact_vcard", kwargs={"slug": organisation.slug, "contact_pk": contact.pk}))

    # Assert
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="jan-peeters.vcf"'
    table = read_vcards(response.content)
    assert dict(zip(table.headers, table.rows[0], strict=True)) == {
        "name": "Jan Peeters",
        "company": "Lumen",
        "email": contact.email,
        "mobile": "+32470123456",
        "phone": "",
        "website": "",
        "street": "Kerkstraat 1",
        "postcode": "",
        "city": "Gent",
        "country": "Belgium",
        "notes": "",
    }


def test_vcard_export_of_address_book_has_every_contact(client, organisation, staff):
    # Arrange
    ContactFactory.create_batch(3, organisation=organisation)
    ContactFactory()
    client.force_login(staff)

    # Act
    response = client.get(reverse("people:contacts_vcf", kwargs={"slug": organisation.slug}))

    # Assert
    assert len(read_vcards(response.content).rows) == 3


def test_vcard_export_queries_flat(client, organisation, staff, django_assert_max_num_queries):
    # Arrange
    ContactFactory.create_batch(5, organisation=organisation)
    client.force_login(staff)

    # Act and assert
    with django_assert_max_num_queries(8):
        client.get(reverse("people:contacts_vcf", kwargs={"slug": organisation.slug}))
