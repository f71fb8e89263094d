from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from regie.accounts.queries import organisations_for_user
from regie.core.access import public_view, user_view
from regie.productions.queries import productions_for_user


@user_view
def home(request: HttpRequest) -> HttpResponse:
    """One organisation: go there. Several: choose. None: create one."""
    organisations = list(organisations_for_user(request.user))
    if len(organisations) == 1:
        return redirect("productions:organisation_home", slug=organisations[0].slug)
    recent = productions_for_user(request.user).filter(archived_at__isnull=True).select_related("organisation")[:12]
    return render(request, "core/home.html", {"organisations": organisations, "recent": recent})


@public_view
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness check, and the floor the page benchmarks compare against."""
    return HttpResponse("ok", content_type="text/plain")
