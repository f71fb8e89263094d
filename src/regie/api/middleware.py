from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation


class ApiLanguageMiddleware:
    """The API activates a token holder's language while it answers; this puts the thread's
    language back when the answer is made, so it cannot leak into the next request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        with translation.override(translation.get_language()):
            response = self.get_response(request)
            response.headers["Content-Language"] = translation.get_language() or ""
        return response
