"""The page the other party opens from the e-mail: read, download, accept or propose changes.

No account is needed: the token in the link is the key. Refused links (unknown, expired,
replaced by a newer version) get a clear page, and each refusal is logged.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from regie.contracts import documents, services
from regie.contracts.forms import AcceptForm, CounterProposalForm
from regie.core.access import public_view


def client_ip(request: HttpRequest) -> str | None:
    # REMOTE_ADDR as the server saw it; a reverse proxy must set it (never trust X-Forwarded-For here).
    return request.META.get("REMOTE_ADDR") or None


def _refused(request: HttpRequest, problem: services.LinkProblem) -> HttpResponse:
    services.log_refused_link(problem, client_ip(request))
    status = (
        404 if problem.reason == "unknown" else 410 if problem.reason in ("expired", "replaced", "withdrawn") else 200
    )
    return render(
        request, "contracts/public_refused.html", {"message": str(problem), "reason": problem.reason}, status=status
    )


@public_view
@never_cache
def public_contract(request: HttpRequest, token: str) -> HttpResponse:
    try:
        link = services.resolve_link(token)
    except services.LinkProblem as problem:
        return _refused(request, problem)
    contract = link.document.contract
    # The other party reads the page in the language of their contract.
    with translation.override(contract.language):
        return _contract_page(request, token, link)


def _contract_page(request: HttpRequest, token: str, link: services.AcceptanceLink) -> HttpResponse:
    contract = link.document.contract
    accept_form = AcceptForm(prefix="accept")
    proposal_form = CounterProposalForm(prefix="proposal")
    status = 200
    if request.method == "POST":
        status = 400
        action = request.POST.get("action")
        if action == "accept":
            accept_form = AcceptForm(request.POST, prefix="accept")
            if accept_form.is_valid():
                try:
                    services.accept_contract(token, name=accept_form.cleaned_data["name"], ip=client_ip(request))
                except services.LinkProblem as problem:
                    return _refused(request, problem)
                return render(request, "contracts/public_done.html", {"contract": contract, "accepted": True})
        elif action == "propose":
            proposal_form = CounterProposalForm(request.POST, prefix="proposal")
            if proposal_form.is_valid():
                try:
                    services.counter_propose(
                        token, name=proposal_form.cleaned_data["name"], text=proposal_form.cleaned_data["text"]
                    )
                except services.LinkProblem as problem:
                    return _refused(request, problem)
                return render(request, "contracts/public_done.html", {"contract": contract, "accepted": False})
        else:
            accept_form.add_error(None, _("Choose to accept the contract or to propose changes."))
    context = {
        "contract": contract,
        "document": link.document,
        "token": token,
        "accept_form": accept_form,
        "proposal_form": proposal_form,
        **documents.preview_context(contract, None),
    }
    return render(request, "contracts/public_contract.html", context, status=status)


@public_view
@never_cache
def public_document(request: HttpRequest, token: str) -> HttpResponse:
    """The exact bytes that were sent (their SHA-256 is what an acceptance records)."""
    try:
        link = services.resolve_link(token)
    except services.LinkProblem as problem:
        return _refused(request, problem)
    document = link.document
    response = HttpResponse(bytes(document.content), content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
