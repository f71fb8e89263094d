"""The page of a production's private calendar feed."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from regie.productions.access import production_view
from regie.productions.models import Production
from regie.scheduling import services
from regie.scheduling.queries import feed_for

FEED_SESSION_KEY = "scheduling_new_feed_token"


def feed_urls(request: HttpRequest, token: str) -> dict[str, str]:
    https = request.build_absolute_uri(reverse("scheduling:ics", args=[token]))
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


def feed_page(request: HttpRequest, production: Production | None, back: str) -> HttpResponse:
    """Show, make or revoke the user's secret feed address; a new address is shown once."""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.revoke_feed(request.user, production)
            messages.success(request, _("The address was revoked: calendars subscribed to it no longer update."))
        else:
            request.session[FEED_SESSION_KEY] = services.make_feed(request.user, production)
            messages.success(request, _("A new private address was made; the previous one no longer works."))
        return redirect(back)
    token = request.session.pop(FEED_SESSION_KEY, None)
    context = {
        "production": production,
        "feed": feed_for(request.user, production),
        "urls": feed_urls(request, token) if token else None,
    }
    return render(request, "scheduling/feed.html", context)


@production_view("scheduling.view_schedule")
def production_feed_page(request: HttpRequest, production: Production) -> HttpResponse:
    return feed_page(request, production, reverse("scheduling:feed", args=[production.pk]))
