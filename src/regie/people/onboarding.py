"""Self-service onboarding: a link by e-mail with which an engaged person fills in their own details.

The link carries a random token; only its SHA-256 is stored (as for invitations), so a copy of the
database gives no usable links. A person has at most one usable link: sending a new one revokes
the others. What the person submits is saved by the same rules as the managers' forms and logged
without a user but with `via: onboarding` and the link's id.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from regie.accounts.models import User, hash_token
from regie.core import mail
from regie.core.audit import diff, log_action, snapshot
from regie.core.feedback import Refused
from regie.people.documents import actor_data
from regie.people.models import Contact, Engagement, OnboardingLink, PersonalData

logger = logging.getLogger(__name__)

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class OnboardingError(Refused):
    """An onboarding request the rules refuse."""


class LinkGone(Refused):
    """The link was revoked or expired: the page answers 410 Gone with this message."""


def language_for(engagement: Engagement) -> str:
    """The person's own language, else the production's first working language Regie speaks, else English."""
    if engagement.contact.language in LANGUAGE_CODES:
        return engagement.contact.language
    for code in engagement.production.working_languages or []:
        if code in LANGUAGE_CODES:
            return str(code)
    return "en"


def onboarding_url(token: str) -> str:
    return settings.REGIE_BASE_URL + reverse("people:onboarding", kwargs={"token": token})


def _send_mail(link: OnboardingLink, token: str) -> None:
    with translation.override(link.language):
        context = {
            "link": link,
            "name": link.contact.name,
            "production": link.production,
            "url": onboarding_url(token),
            "sender": link.sent_by,
            "days": settings.REGIE_ONBOARDING_DAYS,
        }
        subject = render_to_string("people/email/onboarding_subject.txt", context).strip()
        body = render_to_string("people/email/onboarding.txt", context)
    mail.send(subject, body, [link.email], language=link.language)


def _send_on_commit(link: OnboardingLink, token: str) -> None:
    def send() -> None:
        try:
            _send_mail(link, token)
        except OSError:
            # The link is saved; the crew list shows it as sent and it can be sent again.
            logger.exception("Could not send the onboarding link to %s", link.email)

    transaction.on_commit(send)


def send_onboarding_link(engagement: Engagement, *, by: User, language: str) -> OnboardingLink:
    """A fresh link for the engaged person, mailed in `language`; any earlier link stops working."""
    contact = engagement.contact
    if not contact.email:
        raise OnboardingError(_("%(name)s has no e-mail address: add one to the contact first.") % {"name": contact})
    if language not in LANGUAGE_CODES:
        language = language_for(engagement)
    token = OnboardingLink.new_token()
    now = timezone.now()
    with transaction.atomic():
        # Lock the contact so that two managers sending at once still leave one usable link.
        Contact.objects.select_for_update().filter(pk=contact.pk).first()
        contact.onboarding_links.filter(revoked_at__isnull=True, expires_at__gt=now).update(revoked_at=now)
        link = OnboardingLink.objects.create(
            contact=contact,
            production=engagement.production,
            language=language,
            email=contact.email,
            token_hash=hash_token(token),
            sent_by=by,
            expires_at=now + datetime.timedelta(days=settings.REGIE_ONBOARDING_DAYS),
        )
        log_action(
            link,
            "people.onboarding.sent",
            user=by,
            data={"contact": contact.pk, "email": link.email, "language": language},
        )
        _send_on_commit(link, token)
    return link


def revoke_onboarding_link(link: OnboardingLink, *, by: User) -> None:
    with transaction.atomic():
        link = OnboardingLink.objects.select_for_update().get(pk=link.pk)
        if link.revoked_at:
            raise OnboardingError(_("This link was already revoked."))
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        log_action(link, "people.onboarding.revoked", user=by, data={"contact": link.contact_id})


def check_link_usable(link: OnboardingLink) -> OnboardingLink:
    if link.revoked_at:
        raise LinkGone(_("This link was withdrawn. Ask the production for a new one."))
    if link.is_expired:
        raise LinkGone(_("This link has expired. Ask the production to send you a new one."))
    return link


def mark_opened(link: OnboardingLink) -> None:
    """Record the first opening (the crew list shows it); later openings change nothing."""
    if link.opened_at is None:
        OnboardingLink.objects.filter(pk=link.pk, opened_at__isnull=True).update(opened_at=timezone.now())
        link.opened_at = timezone.now()


def submit_onboarding(link: OnboardingLink, *, contact: Contact, personal_data: PersonalData) -> None:
    """Save what the person filled in about themselves, in one transaction, logged as done through the link.

    The person's submission wins over an edit a manager made meanwhile (they know their own
    details best); versions still move on, so a manager's open form then reports the conflict.
    """
    with transaction.atomic():
        link = OnboardingLink.objects.select_for_update().get(pk=link.pk)
        check_link_usable(link)
        via = actor_data(link)
        current_contact = Contact.objects.select_for_update().get(pk=contact.pk)
        changes = diff(snapshot(current_contact), snapshot(contact))
        if changes:
            contact.version = current_contact.version + 1
            contact.save()
            log_action(contact, "people.contact.changed", changes=changes, production=link.production, data=via)
        current_data = PersonalData.objects.select_for_update().filter(contact=contact).first()
        if current_data is None:
            personal_data.pk = None
            changed = personal_data.filled_fields() + (["id_document_kind"] if personal_data.id_document_kind else [])
        else:
            personal_data.pk = current_data.pk
            changed = sorted(diff(snapshot(current_data), snapshot(personal_data)))
            personal_data.version = current_data.version + 1
        if changed:
            personal_data.contact = contact
            personal_data.save()
            log_action(
                personal_data,
                "people.person.sensitive_changed",
                production=link.production,
                data={"contact": contact.pk, "fields": sorted(changed), **via},
            )
        first = link.completed_at is None
        link.completed_at = link.completed_at or timezone.now()
        link.save(update_fields=["completed_at"])
        log_action(link, "people.onboarding.completed", data={"contact": contact.pk, "first": first})
