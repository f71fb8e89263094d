from __future__ import annotations

import zoneinfo
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from regie.callsheets import services, sync
from regie.callsheets.comparison import Difference, can_update, digest
from regie.callsheets.delivery import pdf_filename, render_pdf, version_context
from regie.callsheets.drawing import differences_of_sheets, schedule_differences
from regie.callsheets.forms import (
    GenerateForm,
    LocationFormSet,
    PublishForm,
    RunningOrderFormSet,
    SheetCallFormSet,
    SheetForm,
    VersionForm,
)
from regie.callsheets.models import CallSheet, Recipient, SheetVersion
from regie.callsheets.queries import (
    get_sheet,
    latest_version,
    recipient_for_token,
    recipients_with_counts,
    sheets_for_production,
)
from regie.core.access import public_view
from regie.core.concurrency import EditConflict
from regie.core.feedback import Refused, attempt
from regie.productions.access import production_view
from regie.productions.models import Production


def _may_manage(request: HttpRequest, production: Production) -> bool:
    return bool(request.user.has_perm("callsheets.manage_callsheet", production))


@production_view("callsheets.view_callsheet")
def sheet_list(request: HttpRequest, production: Production) -> HttpResponse:
    manager = _may_manage(request, production)
    sheets = list(sheets_for_production(production, published_only=not manager))
    # Only managers can bring the schedule's changes in, so only they are told; and only of the
    # sheets of today and the days to come: nobody is called by a past day's sheet any more, and
    # the cost of the comparison then grows with the sheets ahead, not with the whole tour.
    today = timezone.localdate(timezone=zoneinfo.ZoneInfo(production.timezone))
    changed = differences_of_sheets(production, [s for s in sheets if s.date >= today]) if manager else {}
    context = {
        "production": production,
        "sheets": sheets,
        "manager": manager,
        "form": GenerateForm(),
        "out_of_date": {pk for pk, differences in changed.items() if differences},
    }
    return render(request, "callsheets/list.html", context)


@production_view("callsheets.manage_callsheet")
@require_POST
def sheet_generate(request: HttpRequest, production: Production) -> HttpResponse:
    form = GenerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the day of the sheet."))
        return redirect("callsheets:list", pk=production.pk)
    try:
        sheet = services.generate_call_sheet(
            production,
            form.cleaned_data["date"],
            kind=form.cleaned_data["kind"],
            empty=form.cleaned_data["empty"],
            by=request.user,
        )
    except Refused as refusal:
        messages.error(request, str(refusal))
        return redirect("callsheets:list", pk=production.pk)
    messages.success(request, _("The sheet was drawn up from the schedule. Check it, then publish it."))
    return redirect("callsheets:edit", pk=production.pk, sheet_pk=sheet.pk)


def _sheet_forms(sheet: CallSheet, data: Any = None) -> dict[str, Any]:
    calls = sheet.calls.select_related("engagement")
    departments = sorted({c.department or (c.engagement.department if c.engagement else "") for c in calls} - {""})
    return {
        "form": SheetForm(data, instance=sheet, departments=departments),
        "calls": SheetCallFormSet(
            data,
            prefix="calls",
            sheet=sheet,
            queryset=sheet.calls.select_related("engagement__contact").order_by("call_at", "department", "pk"),
        ),
        "locations": LocationFormSet(data, prefix="locations", sheet=sheet, queryset=sheet.locations.all()),
        "rows": RunningOrderFormSet(data, prefix="rows", sheet=sheet, queryset=sheet.rows.all()),
    }


def _differences(differences: list[Difference]) -> dict[str, Any]:
    return {
        "differences": differences,
        "can_update": can_update(differences),
        "any_kept": any(d.kept for d in differences),
    }


def _edit_page(request: HttpRequest, sheet: CallSheet, forms: dict[str, Any], status: int = 200) -> HttpResponse:
    version = latest_version(sheet)
    called = services.called_engagements(sheet)
    differences = schedule_differences(sheet)
    context = {
        "production": sheet.production,
        "sheet": sheet,
        **forms,
        **_differences(differences),
        "update": VersionForm(initial={"version": sheet.version}, auto_id=False),
        "publish": PublishForm(sheet=sheet, called=called, confirmed=digest(differences)),
        "called": called,
        "version": version,
        "recipients": version.recipients.select_related("engagement") if version else [],
        "counts": recipients_with_counts(version) if version else None,
        "versions": sheet.versions.order_by("-number"),
    }
    return render(request, "callsheets/edit.html", context, status=status)


@production_view("callsheets.manage_callsheet")
def sheet_edit(request: HttpRequest, production: Production, sheet_pk: int) -> HttpResponse:
    sheet = get_sheet(production, sheet_pk)
    forms = _sheet_forms(sheet, request.POST if request.method == "POST" else None)
    if request.method != "POST":
        return _edit_page(request, sheet, forms)
    if not all(form.is_valid() for form in forms.values()):
        messages.error(request, _("The sheet was not saved: correct the fields marked below."))
        return _edit_page(request, sheet, forms, status=400)
    save, delete = [], []
    for name in ("calls", "locations", "rows"):
        formset = forms[name]
        save += formset.save(commit=False)
        delete += formset.deleted_objects
    try:
        services.save_call_sheet(
            forms["form"].save(commit=False),
            version=forms["form"].cleaned_data["version"],
            by=request.user,
            save=save,
            delete=delete,
        )
    except EditConflict as conflict:
        messages.error(request, str(conflict.message))
        fresh = get_sheet(production, sheet_pk)
        data = request.POST.copy()
        data["version"] = str(fresh.version)
        forms = _sheet_forms(fresh, request.POST)
        forms["form"].data = data
        return _edit_page(request, fresh, forms, status=409)
    messages.success(request, _("The sheet was saved. Publish it to send it."))
    return redirect("callsheets:edit", pk=production.pk, sheet_pk=sheet.pk)


@production_view("callsheets.manage_callsheet")
@require_POST
def sheet_publish(request: HttpRequest, production: Production, sheet_pk: int) -> HttpResponse:
    sheet = get_sheet(production, sheet_pk)
    form = PublishForm(request.POST, sheet=sheet, called=services.called_engagements(sheet))
    if not form.is_valid():
        messages.error(request, _("The sheet was not published: reload the page and try again."))
        return redirect("callsheets:edit", pk=production.pk, sheet_pk=sheet.pk)
    try:
        version, without_email = services.publish_call_sheet(
            sheet,
            version=form.cleaned_data["version"],
            by=request.user,
            others=form.cleaned_data["others"],
            confirmed=form.cleaned_data["confirmed"],
        )
    except services.ScheduleChanged as changed:
        context = {
            "production": production,
            "sheet": sheet,
            **_differences(changed.differences),
            "digest": changed.digest,
            "others": form.cleaned_data["others"],
            "update": VersionForm(initial={"version": sheet.version}, auto_id=False),
        }
        return render(request, "callsheets/publish_confirm.html", context, status=409)
    except EditConflict:
        messages.error(
            request,
            _(
                "Someone else changed this sheet since you opened it, so it was not published. "
                "Check the current sheet below, then publish again."
            ),
        )
        return redirect("callsheets:edit", pk=production.pk, sheet_pk=sheet.pk)
    messages.success(request, _("Version %(number)s was published and is being sent.") % {"number": version.number})
    if without_email:
        messages.warning(
            request,
            _("Not sent to %(names)s: no e-mail address in the address book.") % {"names": ", ".join(without_email)},
        )
    return redirect("callsheets:edit", pk=production.pk, sheet_pk=sheet.pk)


@production_view("callsheets.manage_callsheet")
@require_POST
def sheet_update(request: HttpRequest, production: Production, sheet_pk: int) -> HttpResponse:
    """Bring the schedule's changes into the sheet ("Update from the schedule")."""
    sheet = get_sheet(production, sheet_pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The sheet was not updated: reload the page and try again."))
        return redirect("callsheets:edit", pk=production.pk, sheet_pk=sheet.pk)
    try:
        differences = sync.update_from_schedule(sheet, version=form.cleaned_data["version"], by=request.user)
    except EditConflict:
        messages.error(
            request,
            _(
                "Someone else changed this sheet since you opened it, so it was not updated from the schedule. "
                "Check the current sheet below, then update again."
            ),
        )
        fresh = get_sheet(production, sheet_pk)
        return _edit_page(request, fresh, _sheet_forms(fresh), status=409)
    except Refused as refusal:
        messages.warning(request, str(refusal))
        return redirect("callsheets:edit", pk=production.pk, sheet_pk=sheet.pk)
    applied = sum(1 for d in differences if not d.kept)
    kept = len(differences) - applied
    messages.success(
        request,
        ngettext(
            "%(n)s change from the schedule was brought into the sheet.",
            "%(n)s changes from the schedule were brought into the sheet.",
            applied,
        )
        % {"n": applied},
    )
    if kept:
        messages.warning(
            request,
            ngettext(
                "%(n)s difference was kept as you changed it on the sheet: see the notice below.",
                "%(n)s differences were kept as you changed them on the sheet: see the notice below.",
                kept,
            )
            % {"n": kept},
        )
    return redirect("callsheets:edit", pk=production.pk, sheet_pk=sheet.pk)


@production_view("callsheets.manage_callsheet")
def sheet_progress(request: HttpRequest, production: Production, sheet_pk: int) -> HttpResponse:
    """The delivery table, polled by htmx while mail is pending."""
    sheet = get_sheet(production, sheet_pk)
    version = latest_version(sheet)
    context = {
        "production": production,
        "sheet": sheet,
        "version": version,
        "recipients": version.recipients.select_related("engagement") if version else [],
        "counts": recipients_with_counts(version) if version else None,
    }
    return render(request, "callsheets/_progress.html", context)


@production_view("callsheets.manage_callsheet")
@require_POST
def sheet_resend(request: HttpRequest, production: Production, sheet_pk: int) -> HttpResponse:
    sheet = get_sheet(production, sheet_pk)
    version = latest_version(sheet)
    if version is None:
        messages.error(request, _("This sheet has not been published yet."))
    else:
        attempt(
            request,
            lambda: services.resend_to_unconfirmed(version, by=request.user),
            _("The sheet is being sent again to everyone who has not confirmed."),
        )
    return redirect("callsheets:edit", pk=production.pk, sheet_pk=sheet.pk)


def _version_of(production: Production, sheet_pk: int, number: int) -> SheetVersion:
    sheet = get_sheet(production, sheet_pk)
    return get_object_or_404(sheet.versions.select_related("sheet__production"), number=number)


@production_view("callsheets.view_callsheet")
def version_detail(request: HttpRequest, production: Production, sheet_pk: int, number: int) -> HttpResponse:
    version = _version_of(production, sheet_pk, number)
    sees_private = bool(request.user.has_perm("people.manage_crew", production))
    context = {
        "production": production,
        **version_context(version, sees_private=sees_private),
        "manager": _may_manage(request, production),
    }
    return render(request, "callsheets/version.html", context)


@production_view("callsheets.view_callsheet")
def version_pdf(request: HttpRequest, production: Production, sheet_pk: int, number: int) -> HttpResponse:
    version = _version_of(production, sheet_pk, number)
    sees_private = bool(request.user.has_perm("people.manage_crew", production))
    pdf = render_pdf(version, language=request.LANGUAGE_CODE, sees_private=sees_private)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{pdf_filename(version)}"'
    return response


# --- the recipient's personal page (no account needed: the link is the key) -----------------


def _live_recipient(token: str) -> Recipient:
    """404 for a link nobody was given, 410 for one that has expired."""
    recipient = recipient_for_token(token)
    if recipient.expires_at <= timezone.now():
        raise LinkExpired
    return recipient


class LinkExpired(Http404):
    pass


def _expired(request: HttpRequest) -> HttpResponse:
    return render(request, "callsheets/link_expired.html", status=410)


@public_view
def personal(request: HttpRequest, recipient_token: str) -> HttpResponse:
    try:
        recipient = _live_recipient(recipient_token)
    except LinkExpired:
        return _expired(request)
    services.record_opened(recipient)
    version = recipient.version
    latest = latest_version(version.sheet)
    context = {
        **version_context(version, sees_private=recipient.sees_private),
        "recipient": recipient,
        "own_key": f"e{recipient.engagement_id}" if recipient.engagement_id else "",
        "token": recipient_token,
        "superseded": latest is not None and latest.number != version.number,
    }
    # The page speaks the recipient's language, whatever the phone's browser asks for.
    with translation.override(recipient.language):
        response = render(request, "callsheets/personal.html", context)
        response["Content-Language"] = recipient.language
    return response


@public_view
@require_POST
def personal_confirm(request: HttpRequest, recipient_token: str) -> HttpResponse:
    try:
        recipient = _live_recipient(recipient_token)
    except LinkExpired:
        return _expired(request)
    services.confirm_receipt(recipient)
    return redirect("callsheets:personal", recipient_token=recipient_token)


@public_view
def personal_pdf(request: HttpRequest, recipient_token: str) -> HttpResponse:
    try:
        recipient = _live_recipient(recipient_token)
    except LinkExpired:
        return _expired(request)
    version = recipient.version
    pdf = render_pdf(version, language=recipient.language, sees_private=recipient.sees_private)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{pdf_filename(version)}"'
    return response
