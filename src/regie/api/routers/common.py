"""What every router needs: the production or organisation of the URL, scoped like the pages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, overload

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from regie.accounts.models import Organisation, User
from regie.accounts.queries import get_organisation_for_user
from regie.accounts.two_factor import two_factor_on
from regie.productions.models import Production
from regie.productions.queries import get_production_for_user


class FormInvalid(Exception):
    """Input that the pages' form refuses; `errors` are its messages per field."""

    def __init__(self, errors: Any) -> None:
        super().__init__("invalid")
        self.errors = {name: [str(m) for m in messages] for name, messages in errors.items()}


class TwoFactorRequired(Exception):
    """The organisation requires two-factor sign-in and the person has not switched it on."""

    def __init__(self, organisation: Organisation) -> None:
        super().__init__(organisation.name)
        self.organisation = organisation


def _two_factor_check(request: HttpRequest, organisation: Organisation) -> None:
    """Like the pages: an organisation that requires two-factor sign-in does not answer a member
    without it, through the API either (a token made before the requirement included)."""
    if organisation.require_two_factor and not two_factor_on(request.user):
        raise TwoFactorRequired(organisation)


def production_for(request: HttpRequest, pk: int, permission: str) -> Production:
    """The production (404 for anyone who may not know it exists), if `permission` allows (else 403)."""
    production = get_production_for_user(request.user, pk)
    _two_factor_check(request, production.organisation)
    if not request.user.has_perm(permission, production):
        raise PermissionDenied
    return production


def organisation_for(request: HttpRequest, slug: str, permission: str) -> Organisation:
    organisation = get_organisation_for_user(request.user, slug)
    _two_factor_check(request, organisation)
    if not request.user.has_perm(permission, organisation):
        raise PermissionDenied
    return organisation


def person(request: HttpRequest) -> User:
    """The signed-in person (the API's authentication has made sure there is one)."""
    user = request.user
    assert isinstance(user, User)
    return user


class Rows(Sequence[dict[str, Any]]):
    """A query's rows as the API shows them, made only for the page asked: the paginator slices
    it (one query for the page) and counts it (one COUNT), so a page of 100 of 800 people costs
    100 rows, not 800."""

    def __init__(
        self,
        queryset: QuerySet[Any],
        show: Callable[[Any], dict[str, Any]],
        prepare: Callable[[list[Any]], None] | None = None,
    ) -> None:
        """`prepare`, when given, sees the page's rows together first (to read what they need in
        a few queries for the whole page)."""
        self.queryset, self.show, self.prepare = queryset, show, prepare

    def __len__(self) -> int:
        return self.queryset.count()

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            rows = list(self.queryset[index])
            if self.prepare is not None:
                self.prepare(rows)
            return [self.show(row) for row in rows]
        return self.show(self.queryset[index])


def label(choices: Any, value: str) -> str:
    """The display text of a choice value in the active language ('' for an empty value)."""
    return str(dict(choices).get(value, value)) if value else ""
