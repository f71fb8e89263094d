"""What every router needs: the production or organisation of the URL, scoped like the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from regie.accounts.models import Organisation, User
from regie.accounts.queries import get_organisation_for_user
from regie.productions.models import Production
from regie.productions.queries import get_production_for_user


def production_for(request: HttpRequest, pk: int, permission: str) -> Production:
    """The production (404 for anyone who may not know it exists), if `permission` allows (else 403)."""
    production = get_production_for_user(request.user, pk)
    if not request.user.has_perm(permission, production):
        raise PermissionDenied
    return production


def organisation_for(request: HttpRequest, slug: str, permission: str) -> Organisation:
    organisation = get_organisation_for_user(request.user, slug)
    if not request.user.has_perm(permission, organisation):
        raise PermissionDenied
    return organisation


def person(request: HttpRequest) -> User:
    """The signed-in person (the API's authentication has made sure there is one)."""
    user = request.user
    assert isinstance(user, User)
    return user


def label(choices: Any, value: str) -> str:
    """The display text of a choice value in the active language ('' for an empty value)."""
    return str(dict(choices).get(value, value)) if value else ""
