"""Use cases of contracts: draw up, change (a new version once sent), send, accept, sign, end.

Each function owns its transaction, the row lock on the contract and the audit entry.
"""

from __future__ import annotations

import datetime
import logging
import secrets
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from regie.accounts.models import User
from regie.contracts import documents
from regie.contracts.checks import checks_for
from regie.contracts.merge import default_clauses
from regie.contracts.models import (
    Acceptance,
    AcceptanceLink,
    AcceptanceMethod,
    Contract,
    ContractDocument,
    ContractLine,
    ContractNote,
    ContractStatus,
    ContractTemplate,
    DocumentSource,
    NoteKind,
    PaymentCondition,
    PaymentStatus,
)
from regie.core import mail
from regie.core.audit import diff, log_action, snapshot
from regie.core.concurrency import lock_and_check_version
from regie.core.feedback import Refused
from regie.core.uploads import token_digest
from regie.people.models import PersonalData
from regie.productions.models import Production

logger = logging.getLogger(__name__)
LINK_DAYS = 30


class ContractRefused(Refused):
    """A change to a contract that the rules refuse."""


hash_token = token_digest


def personal_data_of(contract: Contract) -> PersonalData | None:
    return PersonalData.objects.filter(contact_id=contract.counterparty_id).first()


def create_contract(contract: Contract, *, by: User) -> Contract:
    """Number the contract under a lock on its production; switch on the template's default clauses."""
    with transaction.atomic():
        Production.objects.select_for_update().get(pk=contract.production_id)
        contract.number = (
            Contract.objects.filter(production_id=contract.production_id).aggregate(n=Max("number"))["n"] or 0
        ) + 1
        if not contract.clauses:
            contract.clauses = default_clauses(contract.template.clauses)
        contract.kind = contract.template.kind
        contract.language = contract.template.language
        contract.created_by = by
        contract.save()
        log_action(contract, "contracts.contract.created", user=by, data={"template": contract.template_id})
    return contract


def update_contract(contract: Contract, *, version: int, by: User) -> Contract:
    """Save changes. A contract already sent becomes a new version: the documents sent stay as they
    were, their links then say they were replaced, and the contract must be sent again."""
    with transaction.atomic():
        current = lock_and_check_version(Contract, contract.pk, version)
        assert isinstance(current, Contract)
        if not current.is_editable:
            raise ContractRefused(_("A signed, ended or cancelled contract cannot be changed."))
        changes = diff(snapshot(current), snapshot(contract))
        if not changes:
            return contract
        contract.kind = contract.template.kind
        contract.language = contract.template.language
        contract.version = current.version + 1
        action = "contracts.contract.changed"
        if current.status in (ContractStatus.SENT, ContractStatus.NEGOTIATING):
            contract.revision = current.revision + 1
            contract.status = ContractStatus.NEGOTIATING
            action = "contracts.contract.new_version"
        contract.save()
        log_action(contract, action, user=by, changes=changes, data={"revision": contract.revision})
    return contract


def _store_document(contract: Contract, *, by: User) -> ContractDocument:
    """The generated document of the contract's current revision, made once and kept."""
    existing = contract.documents.filter(revision=contract.revision, source=DocumentSource.GENERATED).first()
    if existing is not None:
        return existing
    rendered = documents.render_contract(contract, personal_data_of(contract))
    return ContractDocument.objects.create(
        contract=contract,
        revision=contract.revision,
        source=DocumentSource.GENERATED,
        language=contract.language,
        filename=rendered.filename,
        content_type=rendered.content_type,
        content=rendered.content,
        sha256=rendered.sha256,
        terms=snapshot(contract),
        created_by=by,
    )


def acceptance_url(token: str) -> str:
    return settings.REGIE_BASE_URL + reverse("contracts:public", kwargs={"token": token})


def _send_link_mail(contract: Contract, email: str, token: str, expires_at: datetime.datetime) -> None:
    with translation.override(contract.language):
        context = {"contract": contract, "url": acceptance_url(token), "expires_at": expires_at}
        subject = render_to_string("contracts/email/contract_subject.txt", context).strip()
        body = render_to_string("contracts/email/contract.txt", context)
    try:
        mail.send(subject, body, [email], language=contract.language)
    except OSError:
        # The contract is sent as far as Regie goes; it can be sent again from its page.
        logger.exception("Could not mail contract %s to %s", contract.pk, email)


def send_contract(contract: Contract, *, by: User, today: datetime.date | None = None) -> str:
    """Check, render in the other party's language, store the exact bytes and mail a link.

    Returns the link's token (only its hash is stored). Blocking checks refuse with their list.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        current = (
            Contract.objects.select_for_update()
            .select_related("template", "counterparty", "production__organisation")
            .get(pk=contract.pk)
        )
        if current.status not in (ContractStatus.DRAFT, ContractStatus.SENT, ContractStatus.NEGOTIATING):
            raise ContractRefused(_("Only a draft or a contract under negotiation can be sent."))
        blocking = [check.message for check in checks_for(current, personal_data_of(current), today) if check.blocking]
        if blocking:
            raise ContractRefused(_("The contract cannot be sent yet: %(problems)s") % {"problems": " ".join(blocking)})
        document = _store_document(current, by=by)
        token = secrets.token_urlsafe(32)
        expires_at = timezone.now() + datetime.timedelta(days=getattr(settings, "REGIE_CONTRACT_LINK_DAYS", LINK_DAYS))
        AcceptanceLink.objects.create(
            document=document, token_hash=hash_token(token), email=current.counterparty.email, expires_at=expires_at
        )
        current.status = ContractStatus.SENT
        current.version += 1
        current.save(update_fields=["status", "version", "updated"])
        log_action(
            current,
            "contracts.contract.sent",
            user=by,
            data={"revision": current.revision, "to": current.counterparty.email, "sha256": document.sha256},
        )
        email = current.counterparty.email
        transaction.on_commit(lambda: _send_link_mail(current, email, token, expires_at))
    return token


class LinkProblem(Refused):
    """An acceptance link that cannot be used; `reason` says why for the page and the log."""

    def __init__(self, message: str, reason: str, link: AcceptanceLink | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.link = link


def resolve_link(token: str) -> AcceptanceLink:
    """The link of `token` if it may still be used to read and accept; LinkProblem otherwise."""
    link = (
        AcceptanceLink.objects.select_related(
            "document__contract__production__organisation", "document__contract__counterparty"
        )
        .filter(token_hash=hash_token(token))
        .first()
    )
    if link is None:
        raise LinkProblem(_("This link is not valid. Check that you copied it completely from the e-mail."), "unknown")
    contract = link.document.contract
    if link.document.revision < contract.revision:
        raise LinkProblem(
            _(
                "This version of the contract was replaced by a newer one. "
                "You will receive (or have received) a new link."
            ),
            "replaced",
            link,
        )
    if contract.status == ContractStatus.SIGNED:
        raise LinkProblem(_("This contract has been accepted already. Thank you."), "signed", link)
    if contract.status in (ContractStatus.CANCELLED, ContractStatus.ENDED):
        raise LinkProblem(_("This contract was withdrawn."), "withdrawn", link)
    if link.is_expired:
        raise LinkProblem(
            _("This link has expired. Ask %(organisation)s to send the contract again.")
            % {"organisation": contract.production.organisation.name},
            "expired",
            link,
        )
    return link


def log_refused_link(problem: LinkProblem, ip: str | None) -> None:
    if problem.link is None:
        logger.warning("Contract acceptance link refused: unknown token from %s", ip)
        return
    with transaction.atomic():
        log_action(problem.link.document.contract, "contracts.link.refused", data={"reason": problem.reason, "ip": ip})


def accept_contract(token: str, *, name: str, ip: str | None) -> Acceptance:
    """Record the acceptance through the link: the name typed, the time, the IP address and the hash."""
    link = resolve_link(token)
    with transaction.atomic():
        contract = Contract.objects.select_for_update().get(pk=link.document.contract_id)
        # Checked again under the lock: a change or an acceptance may have happened meanwhile.
        if link.document.revision < contract.revision or contract.status != ContractStatus.SENT:
            raise LinkProblem(
                _("This contract changed while you were reading it. Open the newest link."), "changed", link
            )
        now = timezone.now()
        acceptance = Acceptance.objects.create(
            contract=contract,
            document=link.document,
            method=AcceptanceMethod.LINK,
            name=name.strip(),
            accepted_at=now,
            ip_address=ip,
            sha256=documents.sha256(bytes(link.document.content)),
        )
        _mark_signed(contract, now, by=None, data={"name": acceptance.name, "ip": ip, "sha256": acceptance.sha256})
    return acceptance


def _mark_signed(contract: Contract, when: datetime.datetime, *, by: User | None, data: dict[str, Any]) -> None:
    from regie.contracts.payments import fulfil_condition

    contract.status = ContractStatus.SIGNED
    contract.signed_at = when
    contract.version += 1
    contract.save(update_fields=["status", "signed_at", "version", "updated"])
    if contract.engagement_id:
        from regie.people.models import Engagement, EngagementStatus

        Engagement.objects.filter(pk=contract.engagement_id).exclude(status=EngagementStatus.CANCELLED).update(
            status=EngagementStatus.CONTRACTED
        )
    action = "contracts.contract.accepted" if by is None else "contracts.contract.scan_uploaded"
    log_action(contract, action, user=by, data=data)
    fulfil_condition(contract, PaymentCondition.ON_SIGNATURE, timezone.localdate(when), by=by)


def counter_propose(token: str, *, name: str, text: str) -> ContractNote:
    """The other party answers through the link with changes they want: kept in the thread."""
    link = resolve_link(token)
    with transaction.atomic():
        contract = Contract.objects.select_for_update().get(pk=link.document.contract_id)
        note = ContractNote.objects.create(
            contract=contract,
            kind=NoteKind.COUNTER_PROPOSAL,
            author_name=name.strip(),
            revision=contract.revision,
            text=text,
        )
        contract.status = ContractStatus.NEGOTIATING
        contract.version += 1
        contract.save(update_fields=["status", "version", "updated"])
        log_action(contract, "contracts.contract.counter_proposal", data={"name": note.author_name, "note": note.pk})
    return note


def add_note(contract: Contract, text: str, *, by: User) -> ContractNote:
    with transaction.atomic():
        note = ContractNote.objects.create(
            contract=contract,
            author=by,
            author_name=by.get_short_name() or by.email,
            revision=contract.revision,
            text=text,
        )
        log_action(contract, "contracts.contract.note", user=by, data={"note": note.pk})
    return note


def upload_signed_copy(contract: Contract, data: bytes, *, signer: str, by: User) -> ContractDocument:
    """A copy signed on paper instead of the link: checked by content and size, kept privately."""
    content_type, extension = documents.check_scan(data)
    with transaction.atomic():
        current = Contract.objects.select_for_update().get(pk=contract.pk)
        if current.status not in (ContractStatus.DRAFT, ContractStatus.SENT, ContractStatus.NEGOTIATING):
            raise ContractRefused(_("Only a contract that is not signed, ended or cancelled can take a signed copy."))
        digest = documents.sha256(data)
        document = ContractDocument.objects.create(
            contract=current,
            revision=current.revision,
            source=DocumentSource.SCAN,
            language=current.language,
            filename=f"{current.reference}-v{current.revision}-signed.{extension}",
            content_type=content_type,
            content=data,
            sha256=digest,
            terms=snapshot(current),
            created_by=by,
        )
        now = timezone.now()
        Acceptance.objects.create(
            contract=current,
            document=document,
            method=AcceptanceMethod.SCAN,
            name=signer.strip(),
            accepted_at=now,
            sha256=digest,
            recorded_by=by,
        )
        _mark_signed(current, now, by=by, data={"name": signer.strip(), "sha256": digest})
    return document


def close_contract(contract: Contract, status: str, *, by: User) -> None:
    """End a signed contract, or cancel one that is not ended."""
    with transaction.atomic():
        current = Contract.objects.select_for_update().get(pk=contract.pk)
        if status == ContractStatus.ENDED and current.status != ContractStatus.SIGNED:
            raise ContractRefused(_("Only a signed contract can be ended."))
        if status == ContractStatus.CANCELLED and current.status in (ContractStatus.ENDED, ContractStatus.CANCELLED):
            raise ContractRefused(_("This contract is closed already."))
        current.status = status
        current.version += 1
        current.save(update_fields=["status", "version", "updated"])
        action = "contracts.contract.ended" if status == ContractStatus.ENDED else "contracts.contract.cancelled"
        cancelled: list[int] = []
        if status == ContractStatus.CANCELLED:
            # Payments not yet in a bank file fall with the contract; those in a file or paid stay.
            open_payments = current.payments.filter(
                status__in=(PaymentStatus.SCHEDULED, PaymentStatus.DUE, PaymentStatus.APPROVED)
            )
            cancelled = list(open_payments.values_list("pk", flat=True))
            open_payments.update(status=PaymentStatus.CANCELLED)
        log_action(current, action, user=by, data={"payments_cancelled": cancelled} if cancelled else None)


def line_for_key(production: Production, key: Any) -> Any:
    """The budget line with `key` in the newest version of the production's budget that has it."""
    from regie.budgets.models import Line

    return (
        Line.objects.filter(budget_version__budget__production=production, key=key)
        .select_related("budget_version", "account")
        .order_by("-budget_version__number")
        .first()
    )


def link_budget_line(contract: Contract, key: Any, amount: Decimal, *, by: User) -> ContractLine:
    """Commit `amount` of the contract (in its currency) against the budget line with `key`.

    Refused when the contract's currency is not the line's and the budget version has no rate for it.
    """
    line = line_for_key(contract.production, key)
    if line is None:
        raise ContractRefused(_("This budget line does not exist in the production's budget."))
    version = line.budget_version
    line_currency = line.currency or version.currency
    if contract.currency not in (line_currency, version.currency) and contract.currency not in version.exchange_rates:
        raise ContractRefused(
            _(
                "The contract is in %(contract)s but the budget line “%(line)s” is in %(line_currency)s, and budget "
                "version %(version)s has no exchange rate for %(contract)s. Add the rate to the budget's settings "
                "first, or make the contract in %(line_currency)s."
            )
            % {
                "contract": contract.currency,
                "line": line.description,
                "line_currency": line_currency,
                "version": version,
            }
        )
    with transaction.atomic():
        link, _created = ContractLine.objects.update_or_create(
            contract=contract,
            line_key=line.key,
            defaults={
                "amount": amount,
                "currency": contract.currency,
                "label": f"{line.account.code} {line.description}",
            },
        )
        log_action(
            contract,
            "contracts.line.linked",
            user=by,
            data={"line": str(line.key), "label": link.label, "amount": amount, "currency": contract.currency},
        )
    return link


def unlink_budget_line(link: ContractLine, *, by: User) -> None:
    with transaction.atomic():
        log_action(
            link.contract, "contracts.line.unlinked", user=by, data={"line": str(link.line_key), "label": link.label}
        )
        link.delete()


def add_word_template(template: ContractTemplate, data: bytes, *, by: User) -> set[str]:
    """Store an organisation's Word template; returns the merge fields it uses that Regie does not know."""
    unknown = documents.check_word_template(data)
    with transaction.atomic():
        template.docx = data
        template.created_by = by
        template.save()
        log_action(
            template,
            "contracts.template.uploaded",
            user=by,
            data={"file": template.docx_name, "unknown": sorted(unknown)},
        )
    return unknown


def save_template_text(template: ContractTemplate, text: str, *, by: User) -> ContractTemplate:
    """Replace the name and clauses of an organisation's template from its text form.

    Refused with a clear message when the text does not parse, a clause is broken or uses a
    merge field Regie does not know; the template is then unchanged.
    """
    from django.template import TemplateSyntaxError

    from regie.contracts.merge import unknown_fields
    from regie.contracts.shipped import parse_template

    try:
        name, clauses = parse_template(text)
        unknown = unknown_fields(clauses)
    except ValueError:
        raise ContractRefused(
            _("The text needs a “name:” line and at least one clause starting with “== key | Title”.")
        ) from None
    except TemplateSyntaxError as error:
        raise ContractRefused(_("A clause has a mistake in its merge fields: %(error)s") % {"error": error}) from None
    if unknown:
        raise ContractRefused(_("Unknown merge fields: %(names)s") % {"names": ", ".join(sorted(unknown))})
    with transaction.atomic():
        template.name = name[:200]
        template.clauses = clauses
        template.save(update_fields=["name", "clauses"])
        log_action(template, "contracts.template.changed", user=by, data={"clauses": [c["key"] for c in clauses]})
    return template


def copy_template(
    source: ContractTemplate, *, organisation: Any, name: str, clauses: list[dict[str, Any]], by: User
) -> ContractTemplate:
    """An organisation's own template, started from a shipped one with its clauses edited."""
    with transaction.atomic():
        template = ContractTemplate.objects.create(
            organisation=organisation,
            kind=source.kind,
            language=source.language,
            name=name,
            clauses=clauses,
            created_by=by,
        )
        log_action(template, "contracts.template.created", user=by, data={"from": source.pk})
    return template
