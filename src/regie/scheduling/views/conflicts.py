"""The conflicts of a production's schedule, and accepting one with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.core.feedback import attempt
from regie.productions.access import production_view
from regie.productions.models import Production
from regie.scheduling import services
from regie.scheduling.detection import conflict_rows
from regie.scheduling.forms import (
    AcceptConflictForm,
)


@production_view("scheduling.change_schedule")
def conflicts(request: HttpRequest, production: Production) -> HttpResponse:
    rows = conflict_rows(production)
    can_accept = request.user.has_perm("scheduling.accept_conflicts", production)
    context = {
        "production": production,
        "open": [row for row in rows if not row.accepted],
        "accepted": [row for row in rows if row.accepted],
        "can_accept": can_accept,
    }
    return render(request, "scheduling/conflicts.html", context)


@production_view("scheduling.accept_conflicts")
@require_POST
def conflict_accept(request: HttpRequest, production: Production) -> HttpResponse:
    form = AcceptConflictForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        attempt(
            request,
            lambda: services.accept_conflict(production, data["fingerprint"], reason=data["reason"], by=request.user),
            _("The conflict was accepted; it stays accepted until it changes."),
        )
    else:
        messages.error(request, _("Give a reason for accepting the conflict."))
    return redirect("scheduling:conflicts", pk=production.pk)


# --- the production's feed ---------------------------------------------------------------------
