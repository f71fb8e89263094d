"""Use cases of payments: schedule, fall due, approve, pay through a SEPA file; invoices; settlements."""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.accounts.models import User
from regie.contracts import sepa
from regie.contracts.models import (
    Contract,
    ContractStatus,
    Invoice,
    InvoiceDirection,
    InvoiceKind,
    InvoiceStatus,
    OurRole,
    Payment,
    PaymentBatch,
    PaymentCondition,
    PaymentKind,
    PaymentStatus,
    Settlement,
)
from regie.contracts.settlement import door_split
from regie.core.audit import diff, log_action, snapshot
from regie.core.concurrency import lock_and_check_version
from regie.core.feedback import Refused
from regie.core.formatting import round_money
from regie.people.models import PersonalData
from regie.productions.models import Production


class PaymentRefused(Refused):
    """A payment action the rules refuse."""


def add_payment(payment: Payment, *, by: User) -> Payment:
    """Schedule a payment of a contract; it is due at once when its condition is met already."""
    contract = payment.contract
    payment.production_id = contract.production_id
    payment.payee_id = contract.counterparty_id
    payment.currency = contract.currency
    with transaction.atomic():
        if payment.condition == PaymentCondition.FIXED_DATE:
            if payment.due_date is None:
                raise PaymentRefused(_("A payment on a fixed date needs its date."))
            payment.status = PaymentStatus.DUE
        elif (
            payment.condition == PaymentCondition.ON_SIGNATURE
            and contract.status == ContractStatus.SIGNED
            and contract.signed_at
        ):
            payment.due_date = timezone.localdate(contract.signed_at) + datetime.timedelta(days=payment.days_after)
            payment.status = PaymentStatus.DUE
        else:
            payment.due_date = None
            payment.status = PaymentStatus.SCHEDULED
        payment.save()
        log_action(
            payment, "contracts.payment.added", user=by, data={"contract": contract.pk, "amount": payment.amount}
        )
    return payment


EDITABLE_PAYMENT = frozenset({PaymentStatus.SCHEDULED, PaymentStatus.DUE, PaymentStatus.APPROVED})


def edit_payment(payment: Payment, *, version: int, by: User) -> Payment:
    """Save a changed payment unless it is paid, in a SEPA file or cancelled, or someone saved it since.

    A new condition or term places the payment again as when it was added; a changed approved
    payment goes back to be approved again.
    """
    with transaction.atomic():
        current: Payment = lock_and_check_version(Payment, payment.pk, version)  # type: ignore[assignment]
        if current.status not in EDITABLE_PAYMENT or current.batch_id:
            raise PaymentRefused(_("A payment that is paid, cancelled or in a payment file cannot be changed."))
        contract = current.contract
        if payment.condition == PaymentCondition.FIXED_DATE:
            if payment.due_date is None:
                raise PaymentRefused(_("A payment on a fixed date needs its date."))
            # An approval stays until something changes (below); a payment waiting for a condition is due.
            payment.status = PaymentStatus.APPROVED if current.status == PaymentStatus.APPROVED else PaymentStatus.DUE
        elif payment.condition != current.condition or payment.days_after != current.days_after:
            if (
                contract.status == ContractStatus.SIGNED
                and contract.signed_at
                and (payment.condition == PaymentCondition.ON_SIGNATURE)
            ):
                payment.due_date = timezone.localdate(contract.signed_at) + datetime.timedelta(days=payment.days_after)
                payment.status = PaymentStatus.DUE
            else:
                payment.due_date = None
                payment.status = PaymentStatus.SCHEDULED
        else:
            payment.due_date = current.due_date
            payment.status = current.status
        if not diff(snapshot(current), snapshot(payment)):
            return current
        if payment.status == PaymentStatus.APPROVED:
            payment.status = PaymentStatus.DUE
        payment.approved_by = None
        payment.approved_at = None
        changes = diff(snapshot(current), snapshot(payment))
        payment.version = current.version + 1
        payment.save()
        log_action(payment, "contracts.payment.changed", user=by, changes=changes)
    return payment


def delete_payment(payment: Payment, *, by: User) -> None:
    """Delete a payment not paid and not in a SEPA file; the contract's history keeps what it was."""
    with transaction.atomic():
        current = Payment.objects.select_for_update().select_related("contract").get(pk=payment.pk)
        if current.status in (PaymentStatus.PAID, PaymentStatus.IN_BATCH) or current.batch_id:
            raise PaymentRefused(_("A payment that is paid or in a payment file cannot be deleted."))
        log_action(
            current.contract,
            "contracts.payment.deleted",
            user=by,
            data={"payment": current.pk, "label": current.label, "amount": current.amount},
        )
        current.delete()


def fulfil_condition(contract: Contract, condition: str, on: datetime.date, *, by: User | None) -> int:
    """The condition happened on `on`: the scheduled payments under it get their due date."""
    count = 0
    for payment in Payment.objects.select_for_update().filter(
        contract=contract, condition=condition, status=PaymentStatus.SCHEDULED
    ):
        payment.due_date = on + datetime.timedelta(days=payment.days_after)
        payment.status = PaymentStatus.DUE
        payment.version += 1
        payment.save(update_fields=["due_date", "status", "version"])
        log_action(payment, "contracts.payment.due", user=by, data={"condition": condition, "due": payment.due_date})
        count += 1
    return count


def record_condition(contract: Contract, condition: str, on: datetime.date, *, by: User) -> int:
    """A person records that the work was delivered or the performance took place."""
    with transaction.atomic():
        return fulfil_condition(contract, condition, on, by=by)


def approve_payment(payment: Payment, *, by: User) -> None:
    with transaction.atomic():
        current = Payment.objects.select_for_update().get(pk=payment.pk)
        if current.status != PaymentStatus.DUE:
            raise PaymentRefused(_("Only a payment that is due can be approved."))
        current.status = PaymentStatus.APPROVED
        current.approved_by = by
        current.approved_at = timezone.now()
        current.version += 1
        current.save(update_fields=["status", "approved_by", "approved_at", "version"])
        log_action(current, "contracts.payment.approved", user=by)


def mark_paid(payment: Payment, on: datetime.date, *, by: User) -> None:
    with transaction.atomic():
        current = Payment.objects.select_for_update().get(pk=payment.pk)
        if current.status not in (PaymentStatus.DUE, PaymentStatus.APPROVED, PaymentStatus.IN_BATCH):
            raise PaymentRefused(_("This payment is not open."))
        current.status = PaymentStatus.PAID
        current.paid_on = on
        current.version += 1
        current.save(update_fields=["status", "paid_on", "version"])
        log_action(current, "contracts.payment.paid", user=by, data={"on": on})


def _payee_accounts(payments: list[Payment]) -> tuple[dict[int, tuple[str, str]], list[str]]:
    """IBAN and BIC per payee from their encrypted personal data; the problems named per payee."""
    data = {p.contact_id: p for p in PersonalData.objects.filter(contact_id__in={p.payee_id for p in payments})}
    accounts: dict[int, tuple[str, str]] = {}
    problems: list[str] = []
    for payment in payments:
        if payment.payee_id in accounts:
            continue
        personal = data.get(payment.payee_id)
        iban = personal.iban if personal else ""
        if not iban:
            problems.append(_("%(payee)s has no IBAN on file.") % {"payee": payment.payee.name})
            continue
        reason = sepa.iban_problem(iban)
        if reason:
            problems.append(
                _("The IBAN of %(payee)s (%(iban)s) is not valid: %(reason)s")
                % {"payee": payment.payee.name, "iban": iban, "reason": reason}
            )
            continue
        accounts[payment.payee_id] = (sepa.compact_iban(iban), sepa.compact_bic(personal.bic if personal else ""))
    return accounts, problems


def create_batch(
    production: Production,
    payments: Iterable[Payment],
    *,
    execution_date: datetime.date,
    debtor_name: str,
    debtor_iban: str,
    debtor_bic: str,
    by: User,
) -> PaymentBatch:
    """A pain.001 file of approved EUR payments, validated against the schema before it is kept.

    Any problem (an invalid or missing IBAN, a payment not approved) refuses the whole batch,
    naming the payee; nothing changes, and the refusal is logged.
    """
    with transaction.atomic():
        chosen = list(
            Payment.objects.select_for_update()
            .filter(production=production, pk__in=[p.pk for p in payments])
            .select_related("payee", "contract")
            .order_by("pk")
        )
        problems: list[str] = []
        if not chosen:
            problems.append(_("Choose at least one approved payment."))
        for payment in chosen:
            if payment.status != PaymentStatus.APPROVED:
                problems.append(_("%(payment)s is not approved.") % {"payment": payment})
            if payment.currency != "EUR":
                problems.append(
                    _("%(payment)s is in %(currency)s; SEPA transfers are in euro.")
                    % {"payment": payment, "currency": payment.currency}
                )
        debtor_problem = sepa.iban_problem(debtor_iban)
        if debtor_problem:
            problems.append(
                _("The IBAN to pay from (%(iban)s) is not valid: %(reason)s")
                % {"iban": debtor_iban, "reason": debtor_problem}
            )
        accounts, payee_problems = _payee_accounts(chosen)
        problems += payee_problems
        if problems:
            raise PaymentRefused(" ".join(problems))
        number = (PaymentBatch.objects.filter(production=production).aggregate(n=Max("number"))["n"] or 0) + 1
        message_id = f"REGIE-{production.pk}-{number:04d}-{timezone.now():%Y%m%d%H%M%S}"[:35]
        brussels = timezone.now().astimezone(zoneinfo.ZoneInfo(production.timezone)).replace(tzinfo=None)
        transfers = [
            sepa.Transfer(
                end_to_end_id=f"{p.contract.reference}-{p.pk}",
                amount=round_money(p.amount),
                creditor_name=p.payee.name,
                creditor_iban=accounts[p.payee_id][0],
                creditor_bic=accounts[p.payee_id][1],
                remittance=f"{p.contract.reference} {p.label}",
            )
            for p in chosen
        ]
        xml = sepa.build_pain001(
            sepa.TransferFile(
                message_id=message_id,
                created_at=brussels,
                execution_date=execution_date,
                debtor_name=debtor_name,
                debtor_iban=sepa.compact_iban(debtor_iban),
                debtor_bic=sepa.compact_bic(debtor_bic),
                transfers=transfers,
            )
        )
        errors = sepa.schema_errors(xml)
        if errors:
            raise PaymentRefused(
                _("The payment file does not follow the pain.001 schema: %(errors)s") % {"errors": "; ".join(errors)}
            )
        batch = PaymentBatch.objects.create(
            production=production,
            number=number,
            message_id=message_id,
            execution_date=execution_date,
            debtor_name=debtor_name,
            debtor_iban=sepa.compact_iban(debtor_iban),
            debtor_bic=sepa.compact_bic(debtor_bic),
            total=sum((t.amount for t in transfers), Decimal(0)),
            xml=xml.decode(),
            created_by=by,
        )
        Payment.objects.filter(pk__in=[p.pk for p in chosen]).update(status=PaymentStatus.IN_BATCH, batch=batch)
        log_action(
            batch,
            "contracts.batch.created",
            user=by,
            production=production,
            organisation=production.organisation,
            data={"payments": [p.pk for p in chosen], "total": batch.total},
        )
    return batch


def log_refused_batch(production: Production, reason: str, *, by: User) -> None:
    with transaction.atomic():
        log_action(production, "contracts.batch.refused", user=by, data={"reason": reason})


def create_invoice(invoice: Invoice, *, by: User) -> Invoice:
    """Compute VAT and total; number our own invoices per production and year under a lock."""
    with transaction.atomic():
        invoice.vat_amount = round_money(invoice.net_amount * invoice.vat_rate / Decimal(100))
        invoice.total = invoice.net_amount + invoice.vat_amount
        if invoice.direction == InvoiceDirection.OUTGOING and not invoice.number:
            Production.objects.select_for_update().get(pk=invoice.production_id)
            year = invoice.issue_date.year
            count = Invoice.objects.filter(
                production_id=invoice.production_id, direction=InvoiceDirection.OUTGOING, issue_date__year=year
            ).count()
            invoice.number = f"{year}-{invoice.production_id:03d}-{count + 1:04d}"
        invoice.created_by = by
        invoice.save()
        log_action(
            invoice, "contracts.invoice.created", user=by, data={"number": invoice.number, "total": invoice.total}
        )
    return invoice


def edit_invoice(invoice: Invoice, *, version: int, by: User) -> Invoice:
    """Save a changed open invoice with its VAT and total again; our own invoice keeps its number."""
    with transaction.atomic():
        current: Invoice = lock_and_check_version(Invoice, invoice.pk, version)  # type: ignore[assignment]
        if current.status != InvoiceStatus.OPEN:
            raise PaymentRefused(_("Only an open invoice can be changed."))
        if invoice.direction == InvoiceDirection.OUTGOING and not invoice.number:
            invoice.number = current.number
        invoice.vat_amount = round_money(invoice.net_amount * invoice.vat_rate / Decimal(100))
        invoice.total = invoice.net_amount + invoice.vat_amount
        changes = diff(snapshot(current), snapshot(invoice))
        if changes:
            invoice.version = current.version + 1
            invoice.save()
            log_action(invoice, "contracts.invoice.changed", user=by, changes=changes)
    return invoice


def delete_invoice(invoice: Invoice, *, by: User) -> None:
    """Delete an open invoice. Our own invoices are numbered without gaps: only the last one can go."""
    with transaction.atomic():
        Production.objects.select_for_update().get(pk=invoice.production_id)
        current = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if current.status != InvoiceStatus.OPEN:
            raise PaymentRefused(_("A paid or cancelled invoice cannot be deleted."))
        if current.direction == InvoiceDirection.OUTGOING:
            later = Invoice.objects.filter(
                production_id=current.production_id,
                direction=InvoiceDirection.OUTGOING,
                issue_date__year=current.issue_date.year,
                pk__gt=current.pk,
            ).exists()
            if later:
                raise PaymentRefused(
                    _(
                        "Our invoices are numbered without gaps: only the last one of the year can be deleted. "
                        "Send a credit note instead."
                    )
                )
        log_action(
            current.production,
            "contracts.invoice.deleted",
            user=by,
            data={"invoice": current.pk, "number": current.number, "total": current.total},
        )
        current.delete()


def mark_invoice_paid(invoice: Invoice, *, by: User) -> None:
    with transaction.atomic():
        current = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if current.status != InvoiceStatus.OPEN:
            raise PaymentRefused(_("This invoice is not open."))
        current.status = InvoiceStatus.PAID
        current.version += 1
        current.save(update_fields=["status", "version"])
        log_action(current, "contracts.invoice.paid", user=by)


def record_settlement(settlement: Settlement, *, by: User) -> Settlement:
    split = door_split(
        settlement.gross_receipts,
        settlement.ticket_vat_rate,
        settlement.deductible_costs,
        settlement.guarantee,
        settlement.percentage,
    )
    with transaction.atomic():
        settlement.net_receipts = split.net_receipts
        settlement.split_base = split.split_base
        settlement.percentage_amount = split.percentage_amount
        settlement.artist_amount = split.artist_amount
        settlement.venue_amount = split.venue_amount
        settlement.created_by = by
        settlement.save()
        log_action(
            settlement.contract,
            "contracts.settlement.created",
            user=by,
            data={"settlement": settlement.pk, "artist": split.artist_amount, "venue": split.venue_amount},
        )
    return settlement


def _open_settlement(settlement: Settlement, role: str) -> Settlement:
    """The settlement locked, refused when it already made its payment or invoice, owes nothing,
    or the contract records the other side of the deal (`role`: what the caller assumes we are)."""
    current = Settlement.objects.select_for_update().select_related("contract").get(pk=settlement.pk)
    if current.payment_id or current.invoice_id:
        raise PaymentRefused(_("This settlement already made its payment or invoice."))
    if current.contract.our_role and current.contract.our_role != role:
        if current.contract.our_role == OurRole.PRESENTER:
            raise PaymentRefused(_("The contract says you present the performance: you pay the company."))
        raise PaymentRefused(_("The contract says you are presented: you invoice the presenter."))
    if current.artist_amount <= 0:
        raise PaymentRefused(_("Nothing is due under this settlement."))
    return current


def _settlement_label(settlement: Settlement) -> str:
    return _("Settlement of %(date)s") % {"date": settlement.performance_date.isoformat()}


def payment_from_settlement(settlement: Settlement, on: datetime.date, *, by: User) -> Payment:
    """We presented the show: the amount due to the company becomes a payment due on `on`."""
    with transaction.atomic():
        current = _open_settlement(settlement, OurRole.PRESENTER)
        payment = add_payment(
            Payment(
                contract=current.contract,
                kind=PaymentKind.SETTLEMENT,
                label=_settlement_label(current),
                amount=current.artist_amount,
                condition=PaymentCondition.FIXED_DATE,
                due_date=on,
            ),
            by=by,
        )
        current.payment = payment
        current.save(update_fields=["payment"])
        log_action(
            current.contract,
            "contracts.settlement.payment",
            user=by,
            data={"settlement": current.pk, "payment": payment.pk, "amount": payment.amount},
        )
    return payment


def invoice_from_settlement(
    settlement: Settlement, on: datetime.date, *, vat_rate: Decimal, days: int = 30, by: User
) -> Invoice:
    """We were presented: the amount due to us becomes our invoice to the presenter."""
    with transaction.atomic():
        current = _open_settlement(settlement, OurRole.PRESENTED)
        contract = current.contract
        invoice = create_invoice(
            Invoice(
                production_id=contract.production_id,
                direction=InvoiceDirection.OUTGOING,
                kind=InvoiceKind.SETTLEMENT,
                contact_id=contract.counterparty_id,
                contract=contract,
                issue_date=on,
                due_date=on + datetime.timedelta(days=days),
                description=_settlement_label(current),
                net_amount=current.artist_amount,
                vat_rate=vat_rate,
                currency=contract.currency,
            ),
            by=by,
        )
        current.invoice = invoice
        current.save(update_fields=["invoice"])
        log_action(
            contract,
            "contracts.settlement.invoice",
            user=by,
            data={"settlement": current.pk, "invoice": invoice.pk, "number": invoice.number},
        )
    return invoice
