"""A person's data rights, on the address book side: see what is held, export it, erase it."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from regie.accounts.access import organisation_view
from regie.accounts.models import Organisation
from regie.core.feedback import Refused
from regie.people import gdpr
from regie.people.forms import EraseForm
from regie.people.pdf import pdf_response, render_pdf
from regie.people.queries import get_contact


@organisation_view("people.person_data_rights")
def person_data(request: HttpRequest, organisation: Organisation, contact_pk: int) -> HttpResponse:
    contact = get_contact(organisation, contact_pk)
    context = {
        "organisation": organisation,
        "contact": contact,
        "blocking": gdpr.engagements_blocking_erasure(contact),
        "form": EraseForm(expected=contact.name),
    }
    return render(request, "people/person_data.html", context)


@organisation_view("people.person_data_rights")
def person_export(request: HttpRequest, organisation: Organisation, contact_pk: int, fmt: str) -> HttpResponse:
    """Everything held about the person, as JSON (machine-readable, art. 20) or PDF (readable, art. 15)."""
    contact = get_contact(organisation, contact_pk)
    data = gdpr.export_person(contact)
    gdpr.record_export(contact, by=request.user, fmt=fmt)  # type: ignore[arg-type]
    filename = f"personal-data-{slugify(contact.name) or contact.pk}"
    if fmt == "json":
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2), content_type="application/json"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
        response["Cache-Control"] = "private, no-store"
        return response
    context = {"organisation": organisation, "contact": contact, "data": data, "printed": timezone.now()}
    response = pdf_response(render_pdf("people/pdf/person_export.html", context), filename)
    response["Cache-Control"] = "private, no-store"
    return response


@organisation_view("people.person_data_rights")
def person_erase(request: HttpRequest, organisation: Organisation, contact_pk: int) -> HttpResponse:
    """GET asks for confirmation (the person's name typed again); POST erases."""
    contact = get_contact(organisation, contact_pk)
    form = EraseForm(request.POST or None, expected=contact.name)
    if request.method == "POST" and form.is_valid():
        try:
            gdpr.erase_person(contact, by=request.user)  # type: ignore[arg-type]
        except Refused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The person's data was erased; their engagements were kept, anonymised."))
            return redirect("people:contact_detail", slug=organisation.slug, contact_pk=contact.pk)
    context = {
        "organisation": organisation,
        "contact": contact,
        "blocking": gdpr.engagements_blocking_erasure(contact),
        "form": form,
    }
    return render(request, "people/person_data.html", context)
