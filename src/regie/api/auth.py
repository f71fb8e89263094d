"""How a request to the API says who it is: a personal token (`Authorization: Bearer regie_…`)
or, for pages of Regie itself, the signed-in session (with its CSRF token for changes)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import UserRateThrottle

from regie.api import tokens

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ReadOnlyToken(Exception):
    """A read-only token was used to change something."""


class TokenAuth(HttpBearer):
    openapi_description = "A personal API token made on the account page: `Authorization: Bearer regie_…`."

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = tokens.authenticate(token)
        if found is None:
            return None
        if found.read_only and request.method not in SAFE_METHODS:
            raise ReadOnlyToken
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        # The person's language, unless the program asks for one (Accept-Language); the API
        # middleware puts the request's language back afterwards.
        if "HTTP_ACCEPT_LANGUAGE" not in request.META and found.user.language:
            translation.activate(found.user.language)
            request.LANGUAGE_CODE = found.user.language  # type: ignore[attr-defined]
        return found.user


class SignedInSession(SessionAuth):
    """The browser session of a signed-in person (changes need the CSRF token, as in the pages)."""


AUTH = [TokenAuth(), SignedInSession()]


class PersonRateThrottle(UserRateThrottle):
    """At most REGIE_API_RATE requests per person (e.g. "1200/min"), counted in the shared cache,
    so a runaway script slows down instead of filling a server's workers."""

    def __init__(self) -> None:
        super().__init__(settings.REGIE_API_RATE)

    def allow_request(self, request: HttpRequest) -> bool:
        if self.rate != settings.REGIE_API_RATE:  # the setting read when asked, so it can change
            self.rate = settings.REGIE_API_RATE
            self.num_requests, self.duration = self.parse_rate(self.rate)
        return bool(super().allow_request(request))
