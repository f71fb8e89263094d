"""The account page where a person makes and revokes their API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.api import tokens
from regie.api.forms import TokenForm
from regie.api.models import ApiToken
from regie.api.routers.common import person
from regie.core.access import user_view

SESSION_KEY = "regie_new_api_token"


@user_view
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _token, secret = tokens.create_token(
            request.user, name=form.cleaned_data["name"], read_only=form.cleaned_data["read_only"], days=form.days()
        )
        # Shown once, on the next page; only its hash is kept.
        request.session[SESSION_KEY] = secret
        return redirect("api_tokens:tokens")
    context = {
        "form": form,
        "tokens": tokens.tokens_of(request.user),
        "new_token": request.session.pop(SESSION_KEY, None),
    }
    return render(request, "api/tokens.html", context, status=400 if form.errors else 200)


@user_view
@require_POST
def token_revoke(request: HttpRequest) -> HttpResponse:
    token_pk = request.POST.get("token", "")
    token = ApiToken.objects.filter(pk=int(token_pk) if token_pk.isdigit() else 0, user=person(request)).first()
    if token is None:
        messages.error(request, _("That token does not exist or is not yours; nothing was revoked."))
        return redirect("api_tokens:tokens")
    tokens.revoke_token(token, by=request.user)
    messages.success(
        request, _("The token %(name)s was revoked: programs using it are refused from now on.") % {"name": token.name}
    )
    return redirect("api_tokens:tokens")
