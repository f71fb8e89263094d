"""Throttling of failed log-ins, per e-mail address and per client address, in the shared cache.

After REGIE_LOGIN_MAX_FAILURES failures the pair is refused for REGIE_LOGIN_LOCKOUT_SECONDS;
the cache is shared by all processes (database or Redis), so the limit holds across workers.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def _keys(request: HttpRequest, email: str) -> list[str]:
    ip = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return [f"login-fail:email:{digest}", f"login-fail:ip:{ip}"]


def is_locked(request: HttpRequest, email: str) -> bool:
    limit = settings.REGIE_LOGIN_MAX_FAILURES
    email_key, ip_key = _keys(request, email)
    values = cache.get_many([email_key, ip_key])
    # The address is locked after `limit` failures; a client address gets a wider margin
    # because an office shares one public address.
    return values.get(email_key, 0) >= limit or values.get(ip_key, 0) >= limit * 4


def record_failure(request: HttpRequest, email: str) -> None:
    for key in _keys(request, email):
        cache.add(key, 0, settings.REGIE_LOGIN_LOCKOUT_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, settings.REGIE_LOGIN_LOCKOUT_SECONDS)


def clear_failures(request: HttpRequest, email: str) -> None:
    cache.delete(_keys(request, email)[0])
