"""The JSON API, version 1: `/api/v1/`, described by `/api/v1/openapi.json` (browse it at
`/api/v1/docs`). It answers as the person behind the token or session, with their roles: what a
person cannot see in the pages, the API does not show either (404 for another organisation's
data, 403 for what their role does not allow)."""

from __future__ import annotations

from typing import Any

from csp.decorators import csp_update
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, Throttled

from regie.api.auth import AUTH, PersonRateThrottle, ReadOnlyToken
from regie.api.routers import callsheets, costs, money, people, productions, schedule
from regie.api.routers.common import FormInvalid, TwoFactorRequired
from regie.core.concurrency import EditConflict
from regie.core.feedback import Refused

DESCRIPTION = """Regie's JSON API. Authenticate with a personal token made on your account page
(`Authorization: Bearer regie_…`); a read-only token can only read. The API acts as you, with
your roles on each production. Errors are JSON `{"detail": "…"}` in your language (or the one of
`Accept-Language`): 401 without a valid token, 403 when your role does not allow it or the token
is read-only, 404 for what does not exist or is not yours to see, 409 when someone changed the
item since the `version` you send, 400 when the rules refuse a change, 422 for malformed input.
Times are ISO 8601 in UTC; each production gives its own time zone. Lists are paged with `limit`
and `offset`."""


def _docs_csp(view: Any) -> Any:
    # Swagger UI (served from our own static files) styles itself inline.
    return csp_update({"style-src": ["'unsafe-inline'"]})(view)


api = NinjaAPI(
    title="Regie API",
    version="1",
    description=DESCRIPTION,
    auth=AUTH,
    throttle=[PersonRateThrottle()],
    urls_namespace="api",
    docs_decorator=_docs_csp,
)
api.add_router("/", productions.router)
api.add_router("/", people.router)
api.add_router("/", schedule.router)
api.add_router("/", money.router)
api.add_router("/", costs.router)
api.add_router("/", callsheets.router)


def _error(request: HttpRequest, message: str, status: int, **headers: str) -> HttpResponse:
    response = api.create_response(request, {"detail": message}, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(
        request,
        _("Send a valid API token: Authorization: Bearer regie_… (make one on your account page)."),
        401,
        **{"WWW-Authenticate": 'Bearer realm="regie"'},
    )


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Exception) -> HttpResponse:
    assert isinstance(exc, Throttled)
    wait = int(exc.wait or 1)
    return _error(
        request,
        _("Too many requests: wait %(seconds)s seconds before the next one.") % {"seconds": wait},
        429,
        **{"Retry-After": str(wait)},
    )


@api.exception_handler(ReadOnlyToken)
def read_only(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, _("This API token is read-only: it cannot change anything."), 403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, _("Not found, or not yours to see."), 404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, _("Your role on this production does not allow this."), 403)


@api.exception_handler(FormInvalid)
def form_invalid(request: HttpRequest, exc: Exception) -> HttpResponse:
    assert isinstance(exc, FormInvalid)
    summary = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in exc.errors.items())
    detail = _("Some fields do not pass: %(fields)s") % {"fields": summary}
    return api.create_response(request, {"detail": detail, "errors": exc.errors}, status=400)


@api.exception_handler(TwoFactorRequired)
def two_factor_required(request: HttpRequest, exc: Exception) -> HttpResponse:
    assert isinstance(exc, TwoFactorRequired)
    return _error(
        request,
        _("%(organisation)s requires two-factor sign-in: switch it on in your account to use its data.")
        % {"organisation": exc.organisation.name},
        403,
    )


@api.exception_handler(EditConflict)
def conflict(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(
        request, _("Someone else changed this since the version you sent. Read it again and send your change."), 409
    )


@api.exception_handler(Refused)
def refused(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, str(exc), 400)
