"""Permission predicates, built from the table in roles.py.

The role lookups are cached on the user object for the request, so a page that asks
several questions about one production costs one query.
"""

from __future__ import annotations

from typing import Any

import rules

from regie.accounts.roles import ORGANISATION_PERMISSIONS, PRODUCTION_PERMISSIONS, OrganisationRole, Role


def organisation_role(user: Any, organisation: Any) -> str | None:
    if not getattr(user, "is_authenticated", False) or organisation is None:
        return None
    cache: dict[int, str | None] = user.__dict__.setdefault("_regie_org_roles", {})
    if organisation.pk not in cache:
        from regie.accounts.models import OrganisationMembership

        cache[organisation.pk] = (
            OrganisationMembership.objects.filter(organisation_id=organisation.pk, user_id=user.pk)
            .values_list("role", flat=True)
            .first()
        )
    return cache[organisation.pk]


def production_role(user: Any, production: Any) -> str | None:
    """The user's effective role: their membership's, or owner for organisation administrators."""
    if not getattr(user, "is_authenticated", False) or production is None:
        return None
    cache: dict[int, str | None] = user.__dict__.setdefault("_regie_production_roles", {})
    if production.pk not in cache:
        if organisation_role(user, production.organisation) == OrganisationRole.ADMIN:
            cache[production.pk] = Role.OWNER
        else:
            from regie.productions.models import ProductionMembership

            cache[production.pk] = (
                ProductionMembership.objects.filter(production_id=production.pk, user_id=user.pk)
                .values_list("role", flat=True)
                .first()
            )
    return cache[production.pk]


def forget_roles(user: Any) -> None:
    user.__dict__.pop("_regie_org_roles", None)
    user.__dict__.pop("_regie_production_roles", None)


def _production_predicate(name: str, roles: frozenset[str]) -> rules.Predicate:
    def check(user: Any, production: Any) -> bool:
        return production_role(user, production) in roles

    return rules.predicate(check, name=name)


def _organisation_predicate(name: str, roles: frozenset[str]) -> rules.Predicate:
    def check(user: Any, organisation: Any) -> bool:
        return organisation_role(user, organisation) in roles

    return rules.predicate(check, name=name)


for _perm, (_roles, _label) in PRODUCTION_PERMISSIONS.items():
    rules.add_perm(_perm, _production_predicate(_perm, _roles))
for _perm, (_roles, _label) in ORGANISATION_PERMISSIONS.items():
    rules.add_perm(_perm, _organisation_predicate(_perm, _roles))
