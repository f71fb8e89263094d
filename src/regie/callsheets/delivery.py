"""Rendering a version (page body, PDF) and mailing it to its recipients.

Each recipient's mail is rendered in their own language and carries the PDF as they may see it
(the manager's copy has every phone number, the crew's not the hidden ones): one PDF per
(language, privacy) pair, rendered once per run.
"""

from __future__ import annotations

import logging
import smtplib
from email.utils import formataddr
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from regie.callsheets.models import Recipient, SheetVersion
from regie.callsheets.snapshots import changed_call_keys, for_reader

logger = logging.getLogger(__name__)
PDF_CSS = Path(__file__).with_name("pdf.css")


def version_context(version: SheetVersion, *, sees_private: bool) -> dict[str, Any]:
    sheet = for_reader(version.snapshot, sees_private=sees_private)
    changed = changed_call_keys(version.changes, sheet)
    return {"sheet": sheet, "version": version, "changes": version.changes, "changed_keys": changed}


def render_document(version: SheetVersion, *, language: str, sees_private: bool) -> Any:
    """The laid-out WeasyPrint document of the version (its `pages`, `write_pdf()`)."""
    from weasyprint import CSS, HTML  # imported here: WeasyPrint takes a while to load

    with translation.override(language):
        html = render_to_string("callsheets/pdf.html", version_context(version, sees_private=sees_private))
    return HTML(string=html).render(stylesheets=[CSS(filename=str(PDF_CSS))])


def render_pdf(version: SheetVersion, *, language: str, sees_private: bool) -> bytes:
    return render_document(version, language=language, sees_private=sees_private).write_pdf()  # type: ignore[no-any-return]


def pdf_filename(version: SheetVersion) -> str:
    return f"{version.snapshot['kind'].replace('_', '-')}-{version.snapshot['date']}-v{version.number}.pdf"


def personal_url(recipient: Recipient) -> str:
    from regie.callsheets.services import link_token

    path = reverse("callsheets:personal", kwargs={"recipient_token": link_token(recipient)})
    return f"{settings.REGIE_BASE_URL}{path}"


def build_message(recipient: Recipient, version: SheetVersion, pdf: bytes) -> EmailMultiAlternatives:
    snapshot = version.snapshot
    own = next(
        (c for c in snapshot["calls"] if recipient.engagement_id and c["key"] == f"e{recipient.engagement_id}"), None
    )
    context = {
        **version_context(version, sees_private=recipient.sees_private),
        "recipient": recipient,
        "own_call": own,
        "own_key": own["key"] if own else "",
        "url": personal_url(recipient),
    }
    with translation.override(recipient.language):
        subject = render_to_string("callsheets/email/subject.txt", context).strip()
        body = render_to_string("callsheets/email/callsheet.txt", context)
        html = render_to_string("callsheets/email/callsheet.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=body, to=[formataddr((recipient.name, recipient.email))]
    )
    message.attach_alternative(html, "text/html")  # the same words, for mail programs that show HTML
    message.attach(pdf_filename(version), pdf, "application/pdf")
    return message


PENDING = {"queued_at__isnull": False, "sent_at__isnull": True, "failed_at__isnull": True}


def deliver_version(version_id: int) -> dict[str, int]:
    """Send every pending recipient of the version, recording each outcome as it happens (the
    manager's page polls these rows for progress). A refusal by the SMTP server (a bounce at the
    door: unknown mailbox, rejected domain) is recorded on that recipient and the others are
    still sent.

    Each recipient is claimed under a row lock that other workers skip, so a resend queued while
    the first run is still going never mails anyone twice.
    """
    version = SheetVersion.objects.select_related("sheet__production").get(pk=version_id)
    pending = list(version.recipients.filter(**PENDING).order_by("pk").values_list("pk", flat=True))
    pdfs: dict[tuple[str, bool], bytes] = {}
    outcome = {"sent": 0, "failed": 0}
    connection = get_connection(fail_silently=False)
    connection.open()  # one SMTP session for the whole run, not one per message
    try:
        for pk in pending:
            with transaction.atomic():
                recipient = Recipient.objects.select_for_update(skip_locked=True).filter(pk=pk, **PENDING).first()
                if recipient is None:
                    continue
                key = (recipient.language, recipient.sees_private)
                if key not in pdfs:
                    pdfs[key] = render_pdf(version, language=key[0], sees_private=key[1])
                if not _send(connection, recipient, build_message(recipient, version, pdfs[key]), outcome):
                    # The session may be broken after a server-side error: start a fresh one.
                    connection.close()
                    connection = get_connection(fail_silently=False)
                    connection.open()
    finally:
        connection.close()
    logger.info("call sheet version %s: %s", version_id, outcome)
    return outcome


def _send(connection: Any, recipient: Recipient, message: EmailMessage, outcome: dict[str, int]) -> bool:
    """Send one message and record what happened; False when the SMTP session may be unusable."""
    try:
        connection.send_messages([message])
    except ValueError as problem:  # an address Django cannot put in a header: this one fails, not the batch
        _record(recipient, failed_at=timezone.now(), error=f"{problem}"[:500])
        outcome["failed"] += 1
        return True
    except smtplib.SMTPRecipientsRefused as refused:
        code, reason = next(iter(refused.recipients.values()))
        error = f"{code} {reason.decode(errors='replace') if isinstance(reason, bytes) else reason}"
        _record(recipient, failed_at=timezone.now(), error=error[:500])
        outcome["failed"] += 1
        return True
    except (smtplib.SMTPException, OSError) as problem:
        _record(recipient, failed_at=timezone.now(), error=f"{type(problem).__name__}: {problem}"[:500])
        outcome["failed"] += 1
        return False
    _record(recipient, sent_at=timezone.now(), send_count=recipient.send_count + 1)
    outcome["sent"] += 1
    return True


def _record(recipient: Recipient, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(recipient, name, value)
    recipient.save(update_fields=list(fields))
