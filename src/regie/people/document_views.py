"""Views of the production side: personal documents of the people engaged, onboarding links, printed lists."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.core.concurrency import EditConflict
from regie.core.feedback import attempt
from regie.people import documents, onboarding
from regie.people.forms import DocumentForm, OnboardingSendForm
from regie.people.models import Engagement, PersonalDocument
from regie.people.pdf import pdf_response, render_pdf
from regie.people.queries import by_department, engagements_for_pdf, onboarding_for
from regie.productions.access import production_view
from regie.productions.models import Production


def _engagement_in(production: Production, engagement_pk: int) -> Engagement:
    return get_object_or_404(production.engagements.select_related("contact", "production"), pk=engagement_pk)


def _document_of(engagement: Engagement, document_pk: int) -> PersonalDocument:
    """A document of the engaged person, or 404: another person's document id says nothing."""
    return get_object_or_404(engagement.contact.documents.select_related("contact"), pk=document_pk)


def file_response(document: PersonalDocument, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.original_name or "document"}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@production_view("people.change_sensitive")
def document_edit(
    request: HttpRequest, production: Production, engagement_pk: int, document_pk: int | None = None
) -> HttpResponse:
    engagement = _engagement_in(production, engagement_pk)
    document = _document_of(engagement, document_pk) if document_pk else PersonalDocument(contact=engagement.contact)
    form = DocumentForm(request.POST or None, request.FILES or None, instance=document)
    if request.method == "POST" and form.is_valid():
        try:
            documents.save_document(
                form.save(commit=False),
                upload=form.cleaned_data["upload"],
                version=form.cleaned_data["version"],
                by=request.user,  # type: ignore[arg-type]
                production=production,
            )
        except EditConflict as conflict:
            messages.error(request, str(conflict.message))
        else:
            messages.success(request, _("The document was saved."))
            return redirect("people:personal_data", pk=production.pk, engagement_pk=engagement.pk)
    context = {"production": production, "engagement": engagement, "document": document, "form": form}
    return render(request, "people/document_form.html", context)


@production_view("people.change_sensitive")
@require_POST
def document_remove(request: HttpRequest, production: Production, engagement_pk: int, document_pk: int) -> HttpResponse:
    engagement = _engagement_in(production, engagement_pk)
    document = _document_of(engagement, document_pk)
    documents.delete_document(document, by=request.user, production=production)  # type: ignore[arg-type]
    messages.success(request, _("The document was removed."))
    return redirect("people:personal_data", pk=production.pk, engagement_pk=engagement.pk)


@production_view("people.view_sensitive")
def document_file(request: HttpRequest, production: Production, engagement_pk: int, document_pk: int) -> HttpResponse:
    engagement = _engagement_in(production, engagement_pk)
    document = _document_of(engagement, document_pk)
    if not document.has_file:
        raise Http404
    content = documents.read_document_file(document, by=request.user, production=production)  # type: ignore[arg-type]
    return file_response(document, content)


# Onboarding links, sent and revoked by those who manage personal data


@production_view("people.change_sensitive")
def onboarding_manage(request: HttpRequest, production: Production, engagement_pk: int) -> HttpResponse:
    """GET: the person's link status and the form to send one; POST: send (or send again)."""
    engagement = _engagement_in(production, engagement_pk)
    form = OnboardingSendForm(request.POST or None, initial={"language": onboarding.language_for(engagement)})
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            lambda: onboarding.send_onboarding_link(
                engagement,
                by=request.user,  # type: ignore[arg-type]
                language=form.cleaned_data["language"],
            ),
            _("The link was sent to %(email)s.") % {"email": engagement.contact.email},
        )
    ):
        return redirect("people:crew", pk=production.pk)
    context = {
        "production": production,
        "engagement": engagement,
        "form": form,
        "link": onboarding_for(production, [engagement.contact_id]).get(engagement.contact_id),
        "now": timezone.now(),
    }
    return render(request, "people/onboarding_manage.html", context)


@production_view("people.change_sensitive")
@require_POST
def onboarding_revoke(request: HttpRequest, production: Production, engagement_pk: int) -> HttpResponse:
    engagement = _engagement_in(production, engagement_pk)
    link = onboarding_for(production, [engagement.contact_id]).get(engagement.contact_id)
    if link is None:
        messages.error(request, _("No link was sent to this person for this production."))
    else:
        attempt(
            request,
            lambda: onboarding.revoke_onboarding_link(link, by=request.user),  # type: ignore[arg-type]
            _("The link was revoked; it no longer opens the form."),
        )
    return redirect("people:onboarding_manage", pk=production.pk, engagement_pk=engagement.pk)


# Printed lists


@production_view("people.view_crew")
def crew_pdf(request: HttpRequest, production: Production, sheet: str) -> HttpResponse:
    """The crew list (functions, reporting lines, periods) or the contact sheet (e-mail, phones), by
    department, in the reader's language; private phone numbers only for those who manage the crew."""
    engagements = engagements_for_pdf(production)
    context = {
        "production": production,
        "groups": by_department(engagements),
        "count": len(engagements),
        "show_private": request.user.has_perm("people.manage_crew", production),
        "printed": timezone.now(),
        "sheet": sheet,
    }
    template = "people/pdf/contact_sheet.html" if sheet == "contacts" else "people/pdf/crew_list.html"
    name = f"{'contact-sheet' if sheet == 'contacts' else 'crew-list'}-{slugify(production.title) or production.pk}"
    return pdf_response(render_pdf(template, context), name)
