from __future__ import annotations

import datetime
import hashlib
import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse

from regie.accounts.roles import OrganisationRole, Role
from regie.contracts import documents, services
from regie.contracts.models import (
    AcceptanceLink,
    Contract,
    ContractDocument,
    ContractTemplate,
    DocumentKind,
    DocumentStatus,
)
from regie.core.feedback import Refused
from regie.core.models import AuditEntry
from tests.factories import (
    ContractFactory,
    EngagementFactory,
    OrganisationMembershipFactory,
    RequiredDocumentFactory,
    UserFactory,
    member_of,
    personal_data_for,
    sent_document,
    shipped_template,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract():
    return ContractFactory()


@pytest.fixture
def manager(contract):
    return member_of(contract.production, Role.PRODUCTION_MANAGER)


def test_contract_list_queries_stay_flat(client, contract, manager, assert_flat_queries):
    client.force_login(manager)

    assert_flat_queries(
        reverse("contracts:list", kwargs={"pk": contract.production.pk}),
        lambda: ContractFactory.create_batch(2, production=contract.production),
    )


def test_payment_register_queries_stay_flat(client, contract, assert_flat_queries):
    from tests.factories import PaymentFactory

    client.force_login(member_of(contract.production, Role.ACCOUNTANT))
    PaymentFactory(contract=contract)

    assert_flat_queries(
        reverse("contracts:payments", kwargs={"pk": contract.production.pk}),
        lambda: PaymentFactory.create_batch(2, contract=contract),
    )


def test_draw_up_contract_from_a_template(client, contract, manager):
    client.force_login(manager)
    template = shipped_template("freelance", "fr")

    response = client.post(
        reverse("contracts:create", kwargs={"pk": contract.production.pk}),
        {
            "template": template.pk,
            "title": "Technicien lumière",
            "counterparty": contract.counterparty.pk,
            "subject": "Régie lumière",
            "fee": "300",
            "fee_unit": "day",
            "total_amount": "1500",
            "currency": "EUR",
            "work_dates_text": "2027-02-03, 2027-02-01",
        },
    )

    created = Contract.objects.get(title="Technicien lumière")
    assert response.status_code == 302
    assert (created.number, created.language, created.work_dates) == (
        contract.number + 1,
        "fr",
        ["2027-02-01", "2027-02-03"],
    )


def test_draw_up_presenting_and_allowance_terms_are_kept(client, contract, manager):
    client.force_login(manager)
    form = {
        "title": "Tournee",
        "counterparty": contract.counterparty.pk,
        "fee": "80",
        "fee_unit": "performance",
        "total_amount": "160",
        "currency": "EUR",
        "work_dates_text": "2027-02-03, 2027-02-04",
    }
    url = reverse("contracts:create", kwargs={"pk": contract.production.pk})

    client.post(url, {**form, "template": shipped_template("presenting", "nl").pk, "our_role": "presenter"})
    client.post(
        url,
        {
            **form,
            "title": "AKV",
            "template": shipped_template("artist", "nl").pk,
            "travel_allowance": "12.50",
            "akv_days_elsewhere": "4",
        },
    )
    refused = client.post(
        url,
        {
            **form,
            "title": "Fout",
            "template": shipped_template("artist", "nl").pk,
            "akv_days_elsewhere": "-1",
            "travel_allowance": "-3",
        },
    )

    presenting, akv = Contract.objects.get(title="Tournee"), Contract.objects.get(title="AKV")
    assert (presenting.our_role, presenting.akv_days_elsewhere) == ("presenter", 0)
    assert (akv.travel_allowance, akv.akv_days_elsewhere, akv.our_role) == (Decimal("12.50"), 4, "")
    assert refused.status_code == 400 and not Contract.objects.filter(title="Fout").exists()
    assert set(refused.context["form"].errors) == {"akv_days_elsewhere", "travel_allowance"}


def test_draw_up_contract_with_a_bad_date_shows_the_error(client, contract, manager):
    client.force_login(manager)

    response = client.post(
        reverse("contracts:create", kwargs={"pk": contract.production.pk}),
        {
            "template": shipped_template().pk,
            "title": "X",
            "counterparty": contract.counterparty.pk,
            "fee": "1",
            "fee_unit": "day",
            "total_amount": "1",
            "currency": "EUR",
            "work_dates_text": "3 février",
        },
    )

    assert response.status_code == 400
    assert "“3” is not a date." in response.content.decode()
    assert Contract.objects.count() == 1


def test_engagement_of_another_person_is_refused(client, contract, manager):
    client.force_login(manager)
    other = EngagementFactory(production=contract.production)

    response = client.post(
        reverse("contracts:create", kwargs={"pk": contract.production.pk}),
        {
            "template": shipped_template().pk,
            "title": "X",
            "counterparty": contract.counterparty.pk,
            "engagement": other.pk,
            "fee": "1",
            "fee_unit": "day",
            "total_amount": "1",
            "currency": "EUR",
        },
    )

    assert response.status_code == 400
    assert "This engagement is of another person than the other party." in response.content.decode()


def test_edit_after_sending_warns_that_a_new_version_was_made(client, contract, manager):
    client.force_login(manager)
    sent_document(contract, "tok")
    contract.refresh_from_db()
    url = reverse("contracts:edit", kwargs={"pk": contract.production.pk, "contract_pk": contract.pk})
    data = {
        "template": contract.template_id,
        "title": contract.title,
        "counterparty": contract.counterparty_id,
        "fee": "999",
        "fee_unit": "day",
        "total_amount": "3500",
        "currency": "EUR",
        "version": contract.version,
        "clauses": contract.clauses,
    }

    response = client.post(url, data, follow=True)

    contract.refresh_from_db()
    assert (contract.revision, contract.status) == (2, "negotiating")
    assert "the change makes a new version" in response.content.decode()


def test_public_page_of_a_replaced_version_says_so_and_logs_it(client, contract):
    sent_document(contract, "old")
    Contract.objects.filter(pk=contract.pk).update(revision=2, status="negotiating")

    response = client.get(reverse("contracts:public", kwargs={"token": "old"}))

    assert response.status_code == 410
    assert "replaced by a newer one" in response.content.decode()
    assert AuditEntry.objects.get(action="contracts.link.refused").data["reason"] == "replaced"


def test_public_page_of_a_forged_token_is_404_and_changes_nothing(client, contract):
    sent_document(contract, "real")

    response = client.post(
        reverse("contracts:public", kwargs={"token": "forged"}),
        {"action": "accept", "accept-name": "X", "accept-agree": "on"},
    )

    contract.refresh_from_db()
    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()
    assert contract.status == "sent"


def test_public_accept_records_the_acceptance(client, contract):
    sent_document(contract, "tok")

    response = client.post(
        reverse("contracts:public", kwargs={"token": "tok"}),
        {"action": "accept", "accept-name": "Amélie Dupont", "accept-agree": "on"},
        REMOTE_ADDR="192.0.2.10",
    )

    contract.refresh_from_db()
    acceptance = contract.acceptances.get()
    assert response.status_code == 200
    assert (contract.status, acceptance.name, acceptance.ip_address) == ("signed", "Amélie Dupont", "192.0.2.10")


def test_public_accept_without_the_checkbox_is_refused(client, contract):
    sent_document(contract, "tok")

    response = client.post(
        reverse("contracts:public", kwargs={"token": "tok"}), {"action": "accept", "accept-name": "A"}
    )

    contract.refresh_from_db()
    assert (response.status_code, contract.status) == (400, "sent")


def test_public_document_is_the_exact_bytes_sent(client, contract):
    document = sent_document(contract, "tok")

    response = client.get(reverse("contracts:public_document", kwargs={"token": "tok"}))

    assert response.content == bytes(document.content)


def test_send_view_shows_the_blocking_checks(client, contract, manager):
    client.force_login(manager)

    response = client.post(
        reverse("contracts:send", kwargs={"pk": contract.production.pk, "contract_pk": contract.pk}), follow=True
    )

    assert "The contract cannot be sent yet" in response.content.decode()
    assert ContractDocument.objects.count() == 0


def test_register_shows_the_cast_member_without_a_portrait_release(client, contract, manager):
    production = contract.production
    missing = EngagementFactory(
        production=production, department="cast", function="", custom_function="Hamlet", contact__name="Lotte Vermeulen"
    )
    covered = EngagementFactory(
        production=production, department="cast", function="", custom_function="Ophelia", contact__name="Inès Lambert"
    )
    RequiredDocumentFactory(
        production=production, kind=DocumentKind.PORTRAIT_RELEASE, engagement=covered, status=DocumentStatus.RECEIVED
    )
    client.force_login(manager)

    response = client.get(reverse("contracts:register", kwargs={"pk": production.pk}))

    text = response.content.decode()
    assert f"{missing.contact.name} (Hamlet): no signed portrait-rights release" in text
    assert "Inès Lambert (Ophelia): no signed" not in text


def test_register_shows_expiring_insurance(client, contract, manager):
    RequiredDocumentFactory(
        production=contract.production,
        title="RC Ethias",
        status=DocumentStatus.RECEIVED,
        valid_until=datetime.date.today(),
    )
    client.force_login(manager)

    response = client.get(reverse("contracts:register", kwargs={"pk": contract.production.pk}))

    assert "RC Ethias" in response.content.decode().split("Expiring or expired")[1].split("</section>")[0]


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def staff(contract):
    user = UserFactory()
    OrganisationMembershipFactory(organisation=contract.production.organisation, user=user, role=OrganisationRole.STAFF)
    return user


def upload(client, contract, content: bytes, name: str = "model.docx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("contracts:template_upload", kwargs={"slug": contract.production.organisation.slug}),
        {"name": "Notre modèle", "kind": "freelance", "language": "fr", "file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def test_word_template_upload_reports_unknown_merge_fields(client, contract, staff):
    client.force_login(staff)

    response = upload(
        client, contract, docx_bytes("Entre {{ organisation_name }} et {{ party_name }}, pointure {{ shoe_size }}")
    )

    template = ContractTemplate.objects.get(name="Notre modèle")
    assert (template.docx_name, template.organisation) == ("model.docx", contract.production.organisation)
    assert "merge fields are unknown and will stay empty: shoe_size" in response.content.decode()


def test_word_template_upload_of_something_else_is_refused(client, contract, staff):
    client.force_login(staff)

    response = upload(client, contract, b"%PDF-1.4 not a docx", "model.docx")

    assert "This is not a Word document (.docx)." in response.content.decode()
    assert ContractTemplate.objects.filter(organisation__isnull=False).count() == 0


def word_contract(contract):
    template = ContractTemplate.objects.create(
        organisation=contract.production.organisation,
        kind="freelance",
        language="fr",
        name="Word",
        docx=docx_bytes("Contrat avec {{ party_name }} pour {{ total_amount }}"),
        docx_name="w.docx",
    )
    contract.template = template
    contract.save()
    personal_data_for(contract.counterparty)
    return contract


def test_contract_from_a_word_template_goes_as_a_docx_on_a_server_without_libreoffice(contract, settings):
    from docx import Document

    settings.REGIE_SOFFICE = ""
    services.send_contract(word_contract(contract), by=UserFactory(), today=datetime.date(2027, 1, 5))

    document = ContractDocument.objects.get(contract=contract)
    assert document.content_type == documents.DOCX and document.filename.endswith(".docx")
    text = Document(io.BytesIO(bytes(document.content))).paragraphs[0].text
    assert text == f"Contrat avec {contract.counterparty.name} pour 3\u202f500,00\xa0€"


@pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")) or not shutil.which("pdftotext"),
    reason="needs LibreOffice Writer and pdftotext (apt-get install libreoffice-writer-nogui poppler-utils)",
)
def test_contract_from_a_word_template_is_sent_as_a_pdf_with_the_values(contract, settings):
    settings.REGIE_SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
    services.send_contract(word_contract(contract), by=UserFactory(), today=datetime.date(2027, 1, 5))

    document = ContractDocument.objects.get(contract=contract)
    content = bytes(document.content)
    assert document.content_type == documents.PDF and document.filename.endswith("-fr.pdf")
    assert content.startswith(b"%PDF") and document.sha256 == hashlib.sha256(content).hexdigest()
    text = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True).stdout.decode()
    assert f"Contrat avec {contract.counterparty.name} pour 3 500,00 €" in text  # pdftotext gives plain spaces


@pytest.mark.parametrize("program", ["#!/bin/sh\nexit 1\n", "#!/bin/sh\nsleep 5\n"], ids=["fails", "hangs"])
def test_a_word_contract_libreoffice_cannot_convert_is_not_sent(contract, settings, tmp_path, mailoutbox, program):
    fake = tmp_path / "soffice"
    fake.write_text(program)
    fake.chmod(0o755)
    settings.REGIE_SOFFICE, settings.REGIE_SOFFICE_TIMEOUT = str(fake), 1

    with pytest.raises(Refused, match="could not be turned into a PDF"):
        services.send_contract(word_contract(contract), by=UserFactory(), today=datetime.date(2027, 1, 5))

    contract.refresh_from_db()
    assert contract.status == "draft"
    assert not ContractDocument.objects.filter(contract=contract).exists()
    assert not AcceptanceLink.objects.filter(document__contract=contract).exists()
    assert mailoutbox == []


def test_export_payments_csv_has_the_documented_columns(client, contract):
    from tests.factories import PaymentFactory

    PaymentFactory(contract=contract, label="Acompte")
    client.force_login(member_of(contract.production, Role.ACCOUNTANT))

    response = client.get(
        reverse("contracts:export", kwargs={"pk": contract.production.pk}) + "?what=payments&format=csv"
    )

    header, row = response.content.decode("utf-8-sig").splitlines()[:2]
    assert header == (
        "journal,document_number,due_date,paid_on,party_name,party_vat_number,description,kind,amount,currency,"
        "status,contract_reference,sepa_message_id"
    )
    assert row.startswith(f"FIN,{contract.reference}-{contract.payments.get().pk},2027-01-15,,")


def test_own_template_copied_from_a_shipped_one_and_edited(client, contract, staff):
    client.force_login(staff)
    slug = contract.production.organisation.slug
    client.post(
        reverse("contracts:template_copy", kwargs={"slug": slug}), {"source": shipped_template().pk, "name": "Régie"}
    )
    template = ContractTemplate.objects.get(organisation=contract.production.organisation)
    text = "name: Notre convention\n\n== parties | Parties\nEntre {{ organisation_name }} et {{ party_name }}.\n"

    response = client.post(
        reverse("contracts:template_edit", kwargs={"slug": slug, "template_pk": template.pk}), {"text": text}
    )

    template.refresh_from_db()
    assert response.status_code == 302
    assert (template.name, [c["key"] for c in template.clauses], template.kind) == (
        "Notre convention",
        ["parties"],
        "freelance",
    )


def test_own_template_with_an_unknown_merge_field_is_refused_and_unchanged(client, contract, staff):
    client.force_login(staff)
    template = ContractTemplate.objects.create(
        organisation=contract.production.organisation, kind="freelance", language="fr", name="Avant", clauses=[]
    )
    text = "name: Après\n\n== parties | Parties\n{{ party_nmae }}\n"
    url = reverse(
        "contracts:template_edit", kwargs={"slug": contract.production.organisation.slug, "template_pk": template.pk}
    )

    response = client.post(url, {"text": text})

    template.refresh_from_db()
    assert response.status_code == 400
    assert "Unknown merge fields: party_nmae" in response.content.decode()
    assert template.name == "Avant"


def pdf_text(content: bytes, tmp_path) -> str:
    import subprocess

    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout


def test_sent_pdf_is_in_the_contract_language_with_the_merge_values(contract, tmp_path):
    personal_data_for(contract.counterparty)

    services.send_contract(contract, by=UserFactory(), today=datetime.date(2027, 1, 5))

    text = " ".join(pdf_text(bytes(ContractDocument.objects.get().content), tmp_path).split())
    assert "Convention de prestation de services (indépendant)" in text
    assert f"et {contract.counterparty.name}, domicilié(e) à Rue Haute 12, 1000 Bruxelles" in text
    assert "BE71096123456769" in text
    assert "à faire vérifier par un juriste" in text


def test_settlement_sheet_pdf_in_dutch(client, contract, tmp_path):
    from tests.factories import contract_with_one_of_each

    objects = contract_with_one_of_each(contract.production, "tok2")
    client.force_login(member_of(contract.production, Role.ACCOUNTANT))
    url = reverse(
        "contracts:settlement_pdf", kwargs={"pk": contract.production.pk, "settlement_pk": objects["settlement"].pk}
    )

    response = client.get(url + "?language=nl")

    text = pdf_text(response.content, tmp_path)
    assert response["Content-Type"] == "application/pdf"
    assert "Verschuldigd aan het gezelschap" in text
    assert "700,00" in text


def test_contract_drawn_up_from_an_engagement_starts_from_its_terms(client, contract, manager):
    engagement = EngagementFactory(
        production=contract.production, fee=250, fee_unit="day", start_date=datetime.date(2027, 2, 1)
    )
    client.force_login(manager)

    response = client.get(
        reverse("contracts:create", kwargs={"pk": contract.production.pk}) + f"?engagement={engagement.pk}"
    )

    form = response.context["form"]
    assert (form.initial["counterparty"], form.initial["fee"], form.initial["start_date"]) == (
        engagement.contact_id,
        250,
        datetime.date(2027, 2, 1),
    )


def test_sepa_batch_with_an_invalid_iban_shows_the_payee_logs_and_changes_nothing(client, contract):
    from regie.contracts.models import PaymentBatch, PaymentStatus
    from tests.factories import PaymentFactory

    payment = PaymentFactory(contract=contract, status=PaymentStatus.APPROVED)
    personal_data_for(contract.counterparty, iban="BE00 0000 0000 0000")
    client.force_login(member_of(contract.production, Role.ACCOUNTANT))

    response = client.post(
        reverse("contracts:batch_create", kwargs={"pk": contract.production.pk}),
        {
            "payments": [payment.pk],
            "execution_date": "2027-01-20",
            "debtor_name": "Cie",
            "debtor_iban": "BE68539007547034",
        },
    )

    payment.refresh_from_db()
    assert response.status_code == 400
    assert f"The IBAN of {contract.counterparty.name} (BE00 0000 0000 0000) is not valid" in response.content.decode()
    assert (PaymentBatch.objects.count(), payment.status) == (0, PaymentStatus.APPROVED)
    assert AuditEntry.objects.filter(action="contracts.batch.refused", production=contract.production).count() == 1


def test_register_queries_stay_flat(client, contract, manager, assert_flat_queries):
    production = contract.production
    EngagementFactory(production=production, department="cast")
    RequiredDocumentFactory(production=production, status=DocumentStatus.RECEIVED, valid_until=datetime.date.today())
    client.force_login(manager)

    def add_two() -> None:
        for _ in range(2):
            EngagementFactory(production=production, department="cast")
            RequiredDocumentFactory(
                production=production, status=DocumentStatus.RECEIVED, valid_until=datetime.date.today()
            )

    assert_flat_queries(reverse("contracts:register", kwargs={"pk": production.pk}), add_two)


def test_invoice_list_queries_stay_flat(client, contract, assert_flat_queries):
    from regie.contracts.models import Invoice

    def invoice() -> Invoice:
        return Invoice.objects.create(
            production=contract.production,
            direction="incoming",
            number="F-1",
            contact=contract.counterparty,
            contract=contract,
            issue_date=datetime.date(2027, 1, 1),
            due_date=datetime.date(2027, 1, 31),
            description="Fee",
            net_amount=100,
            vat_rate=21,
            vat_amount=21,
            total=121,
        )

    client.force_login(member_of(contract.production, Role.ACCOUNTANT))
    invoice()

    assert_flat_queries(
        reverse("contracts:invoices", kwargs={"pk": contract.production.pk}), lambda: [invoice(), invoice()]
    )
