from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from regie.accounts.access import organisation_view
from regie.accounts.models import Organisation
from regie.core.concurrency import EditConflict
from regie.core.feedback import attempt
from regie.core.pagination import paginate
from regie.people import services
from regie.people.exports import CONTENT_TYPES, contact_columns, crew_columns, to_csv, to_xlsx
from regie.people.forms import (
    ContactFilterForm,
    ContactForm,
    EngagementForm,
    MergeForm,
    PersonalDataForm,
    UnavailabilityForm,
)
from regie.people.import_forms import MAX_PROBLEMS_SHOWN, ImportUploadForm, MappingForm, check_rows
from regie.people.import_jobs import queue_contact_import
from regie.people.imports import Table, guess_mapping
from regie.people.models import Engagement, PersonalData
from regie.people.queries import (
    by_department,
    chart_rows,
    contacts_for_organisation,
    documents_of,
    duplicates_of,
    engagements_for_contact,
    engagements_for_production,
    get_contact,
    onboarding_for,
    organisation_chart,
    unavailable_periods_for,
)
from regie.people.validation import display_iban
from regie.people.vcards import contacts_vcard
from regie.productions.access import production_view
from regie.productions.models import Production


def _download(content: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _query_without_page(request: HttpRequest) -> str:
    return urlencode([(k, v) for k, values in request.GET.lists() if k != "page" for v in values])


# Address book


def _filtered_contacts(request: HttpRequest, organisation: Organisation) -> tuple[ContactFilterForm, Any]:
    filters = ContactFilterForm(request.GET or None)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    return filters, contacts_for_organisation(
        organisation,
        query=criteria.get("q", ""),
        kind=criteria.get("kind", ""),
        skill=criteria.get("skill", ""),
        tag=criteria.get("tag", ""),
        language=criteria.get("language", ""),
        city=criteria.get("city", ""),
        archived=criteria.get("archived", False),
    )


@organisation_view("people.view_address_book")
def contact_list(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    filters, contacts = _filtered_contacts(request, organisation)
    context = {
        "organisation": organisation,
        "filters": filters,
        "page": paginate(request, contacts),
        "query": _query_without_page(request),
        "can_change": request.user.has_perm("people.change_address_book", organisation),
    }
    return render(request, "people/contact_list.html", context)


@organisation_view("people.view_address_book")
def contact_export(request: HttpRequest, organisation: Organisation, fmt: str) -> HttpResponse:
    """The address book as filtered on the list page, every page of it."""
    _filters, contacts = _filtered_contacts(request, organisation)
    if fmt == "vcf":
        return _download(contacts_vcard(contacts), fmt, f"{organisation.slug}-contacts")
    columns = contact_columns()
    content = to_csv(columns, contacts) if fmt == "csv" else to_xlsx(columns, contacts, _("Address book"))
    return _download(content, fmt, f"{organisation.slug}-contacts")


@organisation_view("people.view_address_book")
def contact_vcard_view(request: HttpRequest, organisation: Organisation, contact_pk: int) -> HttpResponse:
    contact = get_contact(organisation, contact_pk)
    return _download(contacts_vcard([contact]), "vcf", slugify(contact.name) or "contact")


@organisation_view("people.change_address_book")
def contact_create(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = ContactForm(
        request.POST or None, initial={"currency": organisation.default_currency}, organisation=organisation
    )
    if request.method == "POST" and form.is_valid():
        contact = services.create_contact(form.save(commit=False), organisation=organisation, by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("The contact was added to the address book."))
        return redirect("people:contact_detail", slug=organisation.slug, contact_pk=contact.pk)
    return render(request, "people/contact_form.html", {"organisation": organisation, "form": form})


@organisation_view("people.view_address_book")
def contact_detail(request: HttpRequest, organisation: Organisation, contact_pk: int) -> HttpResponse:
    contact = get_contact(organisation, contact_pk)
    context = {
        "organisation": organisation,
        "contact": contact,
        "duplicates": duplicates_of(contact)[:10],
        "engagements": engagements_for_contact(contact),
        "unavailabilities": contact.unavailabilities.all(),
        "unavailability_form": UnavailabilityForm(),
        "can_change": request.user.has_perm("people.change_address_book", organisation),
        "can_merge": request.user.has_perm("people.merge_contacts", organisation),
        "can_data_rights": request.user.has_perm("people.person_data_rights", organisation),
    }
    return render(request, "people/contact_detail.html", context)


@organisation_view("people.change_address_book")
@require_POST
def contact_unavailability(request: HttpRequest, organisation: Organisation, contact_pk: int) -> HttpResponse:
    """Add a period (the form's fields) or remove one (`remove` = its id) of the contact."""
    contact = get_contact(organisation, contact_pk)
    if request.POST.get("remove"):
        period = get_object_or_404(contact.unavailabilities, pk=request.POST["remove"])
        services.remove_unavailability(period, by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("The unavailable period was removed."))
    else:
        form = UnavailabilityForm(request.POST)
        if form.is_valid():
            services.add_unavailability(form.save(commit=False), contact=contact, by=request.user)  # type: ignore[arg-type]
            messages.success(request, _("The unavailable period was added."))
        else:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, str(error))
    return redirect("people:contact_detail", slug=organisation.slug, contact_pk=contact.pk)


@organisation_view("people.change_address_book")
def contact_edit(request: HttpRequest, organisation: Organisation, contact_pk: int) -> HttpResponse:
    contact = get_contact(organisation, contact_pk)
    form = ContactForm(request.POST or None, instance=contact, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_contact(
                form.save(commit=False),
                version=form.cleaned_data["version"] or 0,
                by=request.user,  # type: ignore[arg-type]
            )
        except EditConflict as conflict:
            messages.error(request, str(conflict.message))
            fresh = get_contact(organisation, contact_pk)
            data = request.POST.copy()
            data["version"] = str(fresh.version)
            form.data = data
            context = {"organisation": organisation, "contact": fresh, "form": form, "current": fresh}
            return render(request, "people/contact_form.html", context, status=409)
        messages.success(request, _("The contact was saved."))
        return redirect("people:contact_detail", slug=organisation.slug, contact_pk=contact.pk)
    return render(request, "people/contact_form.html", {"organisation": organisation, "contact": contact, "form": form})


@organisation_view("people.change_address_book")
@require_POST
def contact_archive(request: HttpRequest, organisation: Organisation, contact_pk: int) -> HttpResponse:
    contact = get_contact(organisation, contact_pk)
    services.archive_contact(contact, by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("The contact was archived."))
    return redirect("people:contact_detail", slug=organisation.slug, contact_pk=contact.pk)


@organisation_view("people.change_address_book")
@require_POST
def contact_unarchive(request: HttpRequest, organisation: Organisation, contact_pk: int) -> HttpResponse:
    contact = get_contact(organisation, contact_pk)
    services.unarchive_contact(contact, by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("The contact was restored from the archive."))
    return redirect("people:contact_detail", slug=organisation.slug, contact_pk=contact.pk)


@organisation_view("people.merge_contacts")
def contact_merge(request: HttpRequest, organisation: Organisation, contact_pk: int) -> HttpResponse:
    """GET `?with=<id>` compares the two; POST `other` folds that one into this contact."""
    contact = get_contact(organisation, contact_pk)
    if request.method == "POST":
        form = MergeForm(request.POST)
        if form.is_valid():
            other = get_contact(organisation, form.cleaned_data["other"])
            if attempt(
                request,
                lambda: services.merge_contacts(contact, other, by=request.user),  # type: ignore[arg-type]
                _("The two contacts were merged."),
            ):
                return redirect("people:contact_detail", slug=organisation.slug, contact_pk=contact.pk)
        else:
            messages.error(request, _("Choose the contact to merge into this one."))
    other_pk = request.GET.get("with", "")
    candidate = get_contact(organisation, int(other_pk)) if other_pk.isdigit() else None
    context: dict[str, Any] = {
        "organisation": organisation,
        "contact": contact,
        "other": candidate,
        "duplicates": duplicates_of(contact)[:10],
    }
    return render(request, "people/contact_merge.html", context)


# Engagements on a production


@production_view("people.view_crew")
def crew_list(request: HttpRequest, production: Production) -> HttpResponse:
    page = paginate(request, engagements_for_production(production))
    engagements = list(page)
    if production.start_date and production.end_date:
        periods = unavailable_periods_for(
            [e.contact_id for e in engagements], production.start_date, production.end_date
        )
        for engagement in engagements:
            engagement.unavailable = periods.get(engagement.contact_id, [])  # type: ignore[attr-defined]
    can_onboard = request.user.has_perm("people.change_sensitive", production)
    if can_onboard:
        links = onboarding_for(production, [e.contact_id for e in engagements])
        for engagement in engagements:
            engagement.onboarding = links.get(engagement.contact_id)  # type: ignore[attr-defined]
    context = {
        "production": production,
        "page": page,
        "groups": by_department(engagements),
        "query": _query_without_page(request),
        "can_manage": request.user.has_perm("people.manage_crew", production),
        "can_view_sensitive": request.user.has_perm("people.view_sensitive", production),
        "can_onboard": can_onboard,
        "can_contract": request.user.has_perm("contracts.manage_contracts", production),
    }
    return render(request, "people/crew_list.html", context)


@production_view("people.view_crew")
def crew_export(request: HttpRequest, production: Production, fmt: str) -> HttpResponse:
    """The crew and cast list; fees only for those who manage the engagements."""
    manages = request.user.has_perm("people.manage_crew", production)
    columns = crew_columns(with_fees=manages, show_private=manages)
    rows = engagements_for_production(production)
    content = to_csv(columns, rows) if fmt == "csv" else to_xlsx(columns, rows, _("Crew and cast"))
    return _download(content, fmt, f"crew-{production.pk}")


@production_view("people.view_crew")
def organisation_chart_view(request: HttpRequest, production: Production) -> HttpResponse:
    engagements = list(engagements_for_production(production))
    context = {"production": production, "rows": chart_rows(organisation_chart(engagements)), "count": len(engagements)}
    return render(request, "people/org_chart.html", context)


@production_view("people.manage_crew")
def engagement_edit(request: HttpRequest, production: Production, engagement_pk: int | None = None) -> HttpResponse:
    engagement = (
        get_object_or_404(production.engagements, pk=engagement_pk)
        if engagement_pk
        else Engagement(production=production)
    )
    form = EngagementForm(request.POST or None, instance=engagement, production=production)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_engagement(
                form.save(commit=False),
                version=form.cleaned_data["version"],
                by=request.user,  # type: ignore[arg-type]
            )
        except EditConflict as conflict:
            messages.error(request, str(conflict.message))
            fresh = get_object_or_404(production.engagements, pk=engagement_pk)
            data = request.POST.copy()
            data["version"] = str(fresh.version)
            form.data = data
            context = {"production": production, "engagement": fresh, "form": form}
            return render(request, "people/engagement_form.html", context, status=409)
        messages.success(request, _("The engagement was saved."))
        return redirect("people:crew", pk=production.pk)
    context = {"production": production, "engagement": engagement, "form": form}
    return render(request, "people/engagement_form.html", context)


@production_view("people.manage_crew")
@require_POST
def engagement_remove(request: HttpRequest, production: Production, engagement_pk: int) -> HttpResponse:
    engagement = get_object_or_404(production.engagements.select_related("contact"), pk=engagement_pk)
    services.remove_engagement(engagement, by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("The engagement was removed."))
    return redirect("people:crew", pk=production.pk)


# Personal data: reached through an engagement, so a production sees only the people it engages.


def _engagement_in(production: Production, engagement_pk: int) -> Engagement:
    return get_object_or_404(production.engagements.select_related("contact"), pk=engagement_pk)


@production_view("people.view_sensitive")
def personal_data(request: HttpRequest, production: Production, engagement_pk: int) -> HttpResponse:
    engagement = _engagement_in(production, engagement_pk)
    details = PersonalData.objects.filter(contact=engagement.contact).first()
    if details is not None:
        services.record_sensitive_view(details, by=request.user, production=production)  # type: ignore[arg-type]
    context = {
        "production": production,
        "engagement": engagement,
        "details": details,
        "iban": display_iban(details.iban) if details else "",
        "documents": documents_of(engagement.contact),
        "can_change": request.user.has_perm("people.change_sensitive", production),
    }
    return render(request, "people/personal_data.html", context)


@production_view("people.change_sensitive")
def personal_data_edit(request: HttpRequest, production: Production, engagement_pk: int) -> HttpResponse:
    engagement = _engagement_in(production, engagement_pk)
    details = PersonalData.objects.filter(contact=engagement.contact).first()
    if request.method == "GET" and details is not None:
        services.record_sensitive_view(details, by=request.user, production=production)  # type: ignore[arg-type]
    form = PersonalDataForm(request.POST or None, instance=details or PersonalData(contact=engagement.contact))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_personal_data(
                form.save(commit=False),
                version=form.cleaned_data["version"],
                by=request.user,  # type: ignore[arg-type]
                production=production,
            )
        except EditConflict as conflict:
            messages.error(request, str(conflict.message))
            data = request.POST.copy()
            data["version"] = str(PersonalData.objects.get(contact=engagement.contact).version)
            form.data = data
            context = {"production": production, "engagement": engagement, "form": form}
            return render(request, "people/personal_data_form.html", context, status=409)
        messages.success(request, _("The personal data was saved."))
        return redirect("people:personal_data", pk=production.pk, engagement_pk=engagement.pk)
    context = {"production": production, "engagement": engagement, "form": form}
    return render(request, "people/personal_data_form.html", context)


# Import


def _pending_key(organisation: Organisation) -> str:
    return f"people.import.{organisation.pk}"


@organisation_view("people.change_address_book")
def contact_import(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """Read the file and keep its rows in the session (never in public storage) until confirmed."""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        table = form.table
        request.session[_pending_key(organisation)] = {
            "token": secrets.token_urlsafe(16),
            "filename": form.cleaned_data["file"].name[:200],
            "headers": table.headers,
            "rows": table.rows,
            "mapping": guess_mapping(table.headers),
        }
        return redirect("people:contact_import_preview", slug=organisation.slug)
    return render(request, "people/contact_import.html", {"organisation": organisation, "form": form})


@organisation_view("people.change_address_book")
def contact_import_preview(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    pending = request.session.get(_pending_key(organisation))
    context: dict[str, Any] = {"organisation": organisation}
    if pending is None:
        if request.method == "POST":
            messages.error(request, _("This import was already done or has expired; nothing was written."))
        return render(request, "people/contact_import_preview.html", context)
    table = Table(headers=pending["headers"], rows=pending["rows"])
    form = MappingForm(request.POST or None, headers=table.headers, mapping=pending["mapping"])
    mapping = pending["mapping"]
    if request.method == "POST" and form.is_valid():
        mapping = form.mapping()
        pending["mapping"] = mapping
        request.session.modified = True
    if (
        request.method == "POST"
        and "confirm" in request.POST
        and len(table.rows) > settings.REGIE_IMPORT_BACKGROUND_ROWS
        and form.is_valid()
    ):
        return _queue_import(request, organisation, pending, form.mapping())
    check = check_rows(table, mapping, organisation) if form.is_bound is False or form.is_valid() else None
    if request.method == "POST" and "confirm" in request.POST and check is not None:
        if request.POST.get("token") != pending["token"]:
            messages.error(request, _("This import was already done or has expired; nothing was written."))
        elif not check.ok:
            messages.error(
                request, _("Nothing was imported: correct the rows in error in the file and upload it again.")
            )
        else:
            count = services.import_contacts(
                check.contacts,
                organisation=organisation,
                by=request.user,  # type: ignore[arg-type]
                filename=pending["filename"],
            )
            del request.session[_pending_key(organisation)]
            messages.success(
                request,
                ngettext("%(count)s contact was imported.", "%(count)s contacts were imported.", count)
                % {"count": count},
            )
            return redirect("people:contacts", slug=organisation.slug)
    context.update(
        {
            "pending": pending,
            "form": form,
            "check": check,
            "errors": check.errors[:MAX_PROBLEMS_SHOWN] if check else [],
            "duplicates": check.duplicates[:MAX_PROBLEMS_SHOWN] if check else [],
            "sample": table.rows[:10],
            "columns": [form[f"col_{i}"] for i in range(len(table.headers))],
        }
    )
    return render(request, "people/contact_import_preview.html", context)


def _queue_import(
    request: HttpRequest, organisation: Organisation, pending: dict[str, Any], mapping: list[str]
) -> HttpResponse:
    """A large file: the worker checks and adds it (see regie.people.import_jobs); the person watches."""
    if request.POST.get("token") != pending["token"]:
        messages.error(request, _("This import was already done or has expired; nothing was written."))
        return redirect("people:contact_import_preview", slug=organisation.slug)
    job = queue_contact_import(
        organisation=organisation,
        by=request.user,  # type: ignore[arg-type]
        filename=pending["filename"],
        headers=pending["headers"],
        rows=pending["rows"],
        mapping=mapping,
    )
    del request.session[_pending_key(organisation)]
    return redirect("people:contact_import_progress", slug=organisation.slug, import_pk=job.pk)


@organisation_view("people.change_address_book")
def contact_import_progress(request: HttpRequest, organisation: Organisation, import_pk: int) -> HttpResponse:
    """The progress of a background import; htmx polls it and swaps the box until it is finished."""
    job = get_object_or_404(organisation.contact_imports, pk=import_pk)
    template = "people/_import_progress.html" if request.headers.get("HX-Request") else "people/contact_import_job.html"
    return render(request, template, {"organisation": organisation, "job": job})
