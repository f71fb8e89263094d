"""Exports for the accountant: payments and invoices as CSV or XLSX.

The column codes are fixed (not translated) so that an import mapping in the accounting software
(WinBooks, Exact Online, Octopus, Yuki…) keeps working whatever the user's language; they are
documented in docs/contracts.md.
"""

from __future__ import annotations

from collections.abc import Iterable

from regie.contracts.models import Invoice, InvoiceDirection, Payment
from regie.people.exports import Column, to_csv, to_xlsx

PAYMENT_COLUMNS = [
    Column("journal", lambda p: "FIN"),
    Column("document_number", lambda p: f"{p.contract.reference}-{p.pk}"),
    Column("due_date", lambda p: p.due_date),
    Column("paid_on", lambda p: p.paid_on),
    Column("party_name", lambda p: p.payee.name),
    Column("party_vat_number", lambda p: p.payee.vat_number),
    Column("description", lambda p: p.label),
    Column("kind", lambda p: p.kind),
    Column("amount", lambda p: p.amount),
    Column("currency", lambda p: p.currency),
    Column("status", lambda p: p.status),
    Column("contract_reference", lambda p: p.contract.reference),
    Column("sepa_message_id", lambda p: p.batch.message_id if p.batch_id else ""),
]

INVOICE_COLUMNS = [
    Column("journal", lambda i: "VKP" if i.direction == InvoiceDirection.OUTGOING else "AKP"),
    Column("document_number", lambda i: i.number),
    Column("document_date", lambda i: i.issue_date),
    Column("due_date", lambda i: i.due_date),
    Column("party_name", lambda i: i.contact.name),
    Column("party_vat_number", lambda i: i.contact.vat_number),
    Column("description", lambda i: i.description),
    Column("kind", lambda i: i.kind),
    Column("net_amount", lambda i: i.net_amount),
    Column("vat_rate", lambda i: i.vat_rate),
    Column("vat_amount", lambda i: i.vat_amount),
    Column("total_amount", lambda i: i.total),
    Column("currency", lambda i: i.currency),
    Column("status", lambda i: i.status),
    Column("contract_reference", lambda i: i.contract.reference if i.contract_id else ""),
]


def payments_file(payments: Iterable[Payment], file_format: str) -> bytes:
    rows = list(payments)
    return to_xlsx(PAYMENT_COLUMNS, rows, "payments") if file_format == "xlsx" else to_csv(PAYMENT_COLUMNS, rows)


def invoices_file(invoices: Iterable[Invoice], file_format: str) -> bytes:
    rows = list(invoices)
    return to_xlsx(INVOICE_COLUMNS, rows, "invoices") if file_format == "xlsx" else to_csv(INVOICE_COLUMNS, rows)
