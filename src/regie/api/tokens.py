"""Making, checking and revoking API tokens."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from regie.api.models import ApiToken
from regie.core.audit import log_action
from regie.core.uploads import token_digest

PREFIX = "regie_"
# The last-used time is written at most this often per token, so busy scripts do not write on every call.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def create_token(user: Any, *, name: str, read_only: bool, days: int | None) -> tuple[ApiToken, str]:
    """A new token for `user`: the saved row and the token itself (shown once, never stored)."""
    secret = PREFIX + secrets.token_urlsafe(32)
    expires_at = timezone.now() + datetime.timedelta(days=days) if days else None
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=secret[: len(PREFIX) + 6],
            token_hash=token_digest(secret),
            read_only=read_only,
            expires_at=expires_at,
        )
        log_action(
            user,
            "api.token.created",
            user=user,
            data={"token": token.pk, "name": name, "read_only": read_only, "expires_at": expires_at},
        )
    return token, secret


def revoke_token(token: ApiToken, *, by: Any) -> None:
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    log_action(token.user, "api.token.revoked", user=by, data={"token": token.pk, "name": token.name})


def authenticate(secret: str) -> ApiToken | None:
    """The active token of an active user that `secret` is, else None."""
    if not secret.startswith(PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(token_hash=token_digest(secret)).first()
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def tokens_of(user: Any) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user))
