"""The onboarding pages an engaged person opens from the link in their mail, without an account.

The token in the URL is the only key: an unknown token answers 404, a revoked or expired one 410,
and neither changes anything. The pages speak the link's language unless the person chose another
with the language switch (a cookie, as on every page).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from regie.core.access import public_view
from regie.people import documents, onboarding
from regie.people.document_views import file_response
from regie.people.forms import DocumentForm, OnboardingContactForm, PersonalDataForm
from regie.people.models import OnboardingLink, PersonalData, PersonalDocument
from regie.people.queries import documents_of, onboarding_link_for_token
from regie.people.services import record_sensitive_view


def _with_link(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Resolve the token (404 if unknown), answer 410 if it no longer works, and speak the right language."""

    def wrapper(request: HttpRequest, token: str, **kwargs: Any) -> HttpResponse:
        link = onboarding_link_for_token(token)
        if link is None:
            raise Http404
        language = request.LANGUAGE_CODE  # type: ignore[attr-defined]
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            language = link.language
        with translation.override(language):
            request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
            try:
                onboarding.check_link_usable(link)
            except onboarding.LinkGone as gone:
                response = render(request, "people/onboarding_gone.html", {"message": str(gone)}, status=410)
            else:
                response = view(request, link, token, **kwargs)
            response.headers["Content-Language"] = language
            # The token is in the URL: keep it out of the Referer of links to other sites (same-origin
            # still lets the browser send an Origin header with the form, which CSRF checking needs).
            response.headers["Referrer-Policy"] = "same-origin"
            return response

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _page(request: HttpRequest, link: OnboardingLink, token: str, **forms: Any) -> HttpResponse:
    context = {
        "link": link,
        "token": token,
        "contact": link.contact,
        "production": link.production,
        "documents": documents_of(link.contact),
        "document_form": forms.get("document_form") or DocumentForm(prefix="doc"),
        "contact_form": forms["contact_form"],
        "personal_form": forms["personal_form"],
    }
    return render(request, "people/onboarding.html", context, status=forms.get("status", 200))


@public_view
@never_cache
@_with_link
def onboarding_page(request: HttpRequest, link: OnboardingLink, token: str) -> HttpResponse:
    """The person's own details: contact, personal data and documents, in one page."""
    contact = link.contact
    details = PersonalData.objects.filter(contact=contact).first() or PersonalData(contact=contact)
    contact_form = OnboardingContactForm(request.POST or None, instance=contact, prefix="contact")
    personal_form = PersonalDataForm(request.POST or None, instance=details, prefix="personal")
    if request.method == "POST":
        if contact_form.is_valid() and personal_form.is_valid():
            try:
                onboarding.submit_onboarding(
                    link, contact=contact_form.save(commit=False), personal_data=personal_form.save(commit=False)
                )
            except onboarding.LinkGone as gone:
                return render(request, "people/onboarding_gone.html", {"message": str(gone)}, status=410)
            messages.success(request, _("Thank you. Your details were saved; you can still correct them here."))
            return redirect("people:onboarding", token=token)
        messages.error(request, _("Some details need correcting; nothing was saved yet. See the messages below."))
    else:
        onboarding.mark_opened(link)
        if details.pk and details.filled_fields():
            record_sensitive_view(details, by=None, production=link.production, link=link)  # type: ignore[arg-type]
    return _page(request, link, token, contact_form=contact_form, personal_form=personal_form)


@public_view
@never_cache
@require_POST
@_with_link
def onboarding_document_add(request: HttpRequest, link: OnboardingLink, token: str) -> HttpResponse:
    form = DocumentForm(request.POST, request.FILES, prefix="doc", instance=PersonalDocument(contact=link.contact))
    if form.is_valid():
        documents.save_document(
            form.save(commit=False),
            upload=form.cleaned_data["upload"],
            version=None,
            by=None,
            production=link.production,
            link=link,
        )
        messages.success(request, _("The document was added."))
        return redirect("people:onboarding", token=token)
    messages.error(request, _("The document was not added; see the messages below."))
    details = PersonalData.objects.filter(contact=link.contact).first() or PersonalData(contact=link.contact)
    return _page(
        request,
        link,
        token,
        contact_form=OnboardingContactForm(instance=link.contact, prefix="contact"),
        personal_form=PersonalDataForm(instance=details, prefix="personal"),
        document_form=form,
    )


@public_view
@require_POST
@_with_link
def onboarding_document_remove(
    request: HttpRequest, link: OnboardingLink, token: str, document_pk: int
) -> HttpResponse:
    document = get_object_or_404(link.contact.documents, pk=document_pk)
    documents.delete_document(document, by=None, production=link.production, link=link)
    messages.success(request, _("The document was removed."))
    return redirect("people:onboarding", token=token)


@public_view
@never_cache
@_with_link
def onboarding_document_file(request: HttpRequest, link: OnboardingLink, token: str, document_pk: int) -> HttpResponse:
    """The person's own scan; another person's document id answers 404."""
    document = get_object_or_404(link.contact.documents, pk=document_pk)
    if not document.has_file:
        raise Http404
    content = documents.read_document_file(document, by=None, production=link.production, link=link)
    return file_response(document, content)
