from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404

from regie.accounts.models import Invitation, Organisation, OrganisationMembership, TwoFactor


def organisations_for_user(user: Any) -> QuerySet[Organisation]:
    return Organisation.objects.filter(memberships__user=user).distinct()


def get_organisation_for_user(user: Any, slug: str) -> Organisation:
    """The organisation, or 404 for anyone who is not a member of it."""
    return get_object_or_404(organisations_for_user(user), slug=slug)


def members_for_organisation(organisation: Organisation) -> QuerySet[OrganisationMembership]:
    """The members, each with `two_factor_on` (whether they sign in with a code too)."""
    on = TwoFactor.objects.filter(user=OuterRef("user"), confirmed_at__isnull=False)
    return (
        organisation.memberships.select_related("user")
        .annotate(two_factor_on=Exists(on))
        .order_by("user__name", "user__email")
    )


def members_without_two_factor(organisation: Organisation) -> QuerySet[OrganisationMembership]:
    return organisation.memberships.exclude(user__two_factor__confirmed_at__isnull=False)


def invitations_for_organisation(organisation: Organisation) -> QuerySet[Invitation]:
    return organisation.invitations.select_related("production", "invited_by").filter(
        accepted_at__isnull=True, revoked_at__isnull=True
    )


def invitation_for_token(token: str) -> Invitation | None:
    from regie.accounts.models import hash_token

    return Invitation.objects.select_related("organisation", "production").filter(token_hash=hash_token(token)).first()
