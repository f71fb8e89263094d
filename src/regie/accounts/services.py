from __future__ import annotations

import datetime
import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from regie.accounts.models import Invitation, Organisation, OrganisationMembership, User
from regie.accounts.roles import OrganisationRole
from regie.accounts.rules import forget_roles
from regie.core import mail
from regie.core.audit import log_action
from regie.core.feedback import Refused

logger = logging.getLogger(__name__)


class AccountError(Refused):
    """A request about accounts that the rules refuse."""


def create_organisation(*, name: str, slug: str, admin: User) -> Organisation:
    with transaction.atomic():
        organisation = Organisation.objects.create(name=name, slug=slug)
        OrganisationMembership.objects.create(organisation=organisation, user=admin, role=OrganisationRole.ADMIN)
        log_action(organisation, "accounts.organisation.created", user=admin)
    forget_roles(admin)
    return organisation


def invitation_url(token: str) -> str:
    return settings.REGIE_BASE_URL + reverse("accounts:invitation", kwargs={"token": token})


def _send_invitation_mail(invitation: Invitation, token: str) -> None:
    with translation.override(invitation.language):
        context = {
            "invitation": invitation,
            "url": invitation_url(token),
            "inviter": invitation.invited_by,
            "days": settings.REGIE_INVITATION_DAYS,
        }
        subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/email/invitation.txt", context)
    mail.send(subject, body, [invitation.email], language=invitation.language)


def _send_on_commit(invitation: Invitation, token: str) -> None:
    def send() -> None:
        try:
            _send_invitation_mail(invitation, token)
        except OSError:
            # The invitation is saved; the list shows it as pending and it can be sent again.
            logger.exception("Could not send the invitation to %s", invitation.email)

    transaction.on_commit(send)


def invite(
    *,
    organisation: Organisation,
    email: str,
    invited_by: User,
    language: str,
    organisation_role: str = OrganisationRole.GUEST,
    production: Any = None,
    role: str = "",
    name: str = "",
) -> Invitation:
    """Create a one-time invitation and mail its link (after the transaction commits)."""
    token, token_hash = Invitation.new_token()
    with transaction.atomic():
        invitation = Invitation.objects.create(
            organisation=organisation,
            production=production,
            email=email.strip().lower(),
            name=name,
            organisation_role=organisation_role,
            role=role,
            language=language,
            token_hash=token_hash,
            invited_by=invited_by,
            expires_at=timezone.now() + datetime.timedelta(days=settings.REGIE_INVITATION_DAYS),
        )
        log_action(
            invitation,
            "accounts.invitation.sent",
            user=invited_by,
            data={"email": invitation.email, "role": role, "organisation_role": organisation_role},
        )
        _send_on_commit(invitation, token)
    return invitation


def resend_invitation(invitation: Invitation, *, user: User) -> Invitation:
    """A fresh link and expiry; the old link stops working."""
    token, token_hash = Invitation.new_token()
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at or invitation.revoked_at:
            raise AccountError(_("This invitation was already used or revoked."))
        invitation.token_hash = token_hash
        invitation.expires_at = timezone.now() + datetime.timedelta(days=settings.REGIE_INVITATION_DAYS)
        invitation.save(update_fields=["token_hash", "expires_at"])
        log_action(invitation, "accounts.invitation.resent", user=user, data={"email": invitation.email})
        _send_on_commit(invitation, token)
    return invitation


def revoke_invitation(invitation: Invitation, *, user: User) -> None:
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at:
            raise AccountError(_("This invitation was already accepted."))
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        log_action(invitation, "accounts.invitation.revoked", user=user, data={"email": invitation.email})


def check_invitation_usable(invitation: Invitation | None) -> Invitation:
    if invitation is None:
        raise AccountError(_("This invitation link is not valid. Check that you copied the whole link."))
    if invitation.accepted_at:
        raise AccountError(
            _("This invitation was already used. Sign in with your e-mail address, or reset your password.")
        )
    if invitation.revoked_at:
        raise AccountError(_("This invitation was withdrawn. Ask the person who invited you for a new one."))
    if invitation.is_expired:
        raise AccountError(_("This invitation has expired. Ask the person who invited you to send it again."))
    return invitation


def accept_invitation(invitation: Invitation, *, user: User | None = None, name: str = "", password: str = "") -> User:
    """Accept as an existing user, or create the account with `name` and `password`.

    The row lock makes a link usable exactly once, even when it is clicked twice at the same moment.
    """
    from regie.productions.services import add_member

    with transaction.atomic():
        invitation = check_invitation_usable(Invitation.objects.select_for_update().filter(pk=invitation.pk).first())
        if user is None:
            if User.objects.filter(email=invitation.email).exists():
                raise AccountError(
                    _("An account with this e-mail address exists already. Sign in, then open the link again.")
                )
            user = User.objects.create_user(invitation.email, password, name=name, language=invitation.language)
        membership, created = OrganisationMembership.objects.get_or_create(
            organisation=invitation.organisation, user=user, defaults={"role": invitation.organisation_role}
        )
        if created:
            log_action(membership, "accounts.member.added", user=user, data={"role": membership.role})
        elif _role_rank(invitation.organisation_role) > _role_rank(membership.role):
            before = membership.role
            membership.role = invitation.organisation_role
            membership.save(update_fields=["role"])
            log_action(
                membership,
                "accounts.member.changed",
                user=user,
                changes={"role": {"old": before, "new": membership.role}},
            )
        if invitation.production is not None and invitation.role:
            add_member(invitation.production, user=user, role=invitation.role, by=user)
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        log_action(invitation, "accounts.invitation.accepted", user=user, data={"email": invitation.email})
    forget_roles(user)
    return user


def _role_rank(role: str) -> int:
    return [OrganisationRole.GUEST, OrganisationRole.STAFF, OrganisationRole.ADMIN].index(OrganisationRole(role))


def change_organisation_role(membership: OrganisationMembership, *, role: str, by: User) -> None:
    with transaction.atomic():
        membership = OrganisationMembership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == OrganisationRole.ADMIN and role != OrganisationRole.ADMIN:
            _ensure_another_admin(membership)
        before = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        log_action(membership, "accounts.member.changed", user=by, changes={"role": {"old": before, "new": role}})


def remove_organisation_member(membership: OrganisationMembership, *, by: User) -> None:
    """Remove the person from the organisation and from all its productions."""
    from regie.productions.models import ProductionMembership

    with transaction.atomic():
        membership = OrganisationMembership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == OrganisationRole.ADMIN:
            _ensure_another_admin(membership)
        ProductionMembership.objects.filter(
            production__organisation=membership.organisation, user=membership.user
        ).delete()
        log_action(membership, "accounts.member.removed", user=by, data={"email": membership.user.email})
        membership.delete()


def _ensure_another_admin(membership: OrganisationMembership) -> None:
    others = OrganisationMembership.objects.filter(
        organisation=membership.organisation, role=OrganisationRole.ADMIN
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise AccountError(_("An organisation needs at least one administrator."))


def update_profile(user: User, *, name: str, language: str) -> None:
    with transaction.atomic():
        # Read the old values from the row: a bound ModelForm has already copied the new ones onto `user`.
        current = User.objects.select_for_update().get(pk=user.pk)
        before = {"name": current.name, "language": current.language}
        user.name, user.language = name, language
        user.save(update_fields=["name", "language"])
        changes = {k: {"old": v, "new": getattr(user, k)} for k, v in before.items() if getattr(user, k) != v}
        if changes:
            log_action(user, "accounts.user.changed", user=user, changes=changes)


def set_language(user: User, language: str) -> None:
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
