"""An organisation's contract templates: the shipped ones, its own copies and its Word files."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.accounts.access import organisation_view
from regie.accounts.models import Organisation
from regie.contracts import documents, services
from regie.contracts.forms import TemplateCopyForm, TemplateTextForm, WordTemplateForm
from regie.contracts.merge import MERGE_FIELDS
from regie.contracts.models import ContractTemplate
from regie.contracts.queries import get_own_template, templates_for
from regie.contracts.shipped import template_text
from regie.core.feedback import Refused


@organisation_view("contracts.manage_templates")
def template_list(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    templates = list(templates_for(organisation).order_by("kind", "language", "name"))
    context = {
        "organisation": organisation,
        "shipped": [t for t in templates if t.organisation_id is None],
        "own": [t for t in templates if t.organisation_id is not None],
        "merge_fields": sorted(MERGE_FIELDS.items()),
        "copy_form": TemplateCopyForm(organisation=organisation),
    }
    return render(request, "contracts/template_list.html", context)


@organisation_view("contracts.manage_templates")
@require_POST
def template_copy(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """Start an own template from a shipped one (or another own one), then edit its clauses."""
    form = TemplateCopyForm(request.POST or None, organisation=organisation)
    if form.is_valid():
        source = form.cleaned_data["source"]
        template = services.copy_template(
            source,
            organisation=organisation,
            name=form.cleaned_data["name"],
            clauses=source.clauses,
            by=request.user,  # type: ignore[arg-type]
        )
        messages.success(request, _("The template was copied; adapt its clauses."))
        return redirect("contracts:template_edit", slug=organisation.slug, template_pk=template.pk)
    messages.error(request, _("Choose a template to start from and give the copy a name."))
    return redirect("contracts:templates", slug=organisation.slug)


@organisation_view("contracts.manage_templates")
def template_edit(request: HttpRequest, organisation: Organisation, template_pk: int) -> HttpResponse:
    template = get_own_template(organisation, template_pk)
    form = TemplateTextForm(request.POST or None, initial={"text": template_text(template.name, template.clauses)})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.save_template_text(template, form.cleaned_data["text"], by=request.user)  # type: ignore[arg-type]
            except Refused as refusal:
                form.add_error("text", str(refusal))
            else:
                messages.success(request, _("The template was saved."))
                return redirect("contracts:templates", slug=organisation.slug)
    context = {
        "organisation": organisation,
        "template": template,
        "form": form,
        "merge_fields": sorted(MERGE_FIELDS.items()),
    }
    return render(request, "contracts/template_edit.html", context, status=status)


@organisation_view("contracts.manage_templates")
def template_upload(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = WordTemplateForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > documents.MAX_TEMPLATE_BYTES:
                form.add_error("file", _("The Word template is larger than 5 MB."))
            else:
                template = ContractTemplate(
                    organisation=organisation,
                    kind=form.cleaned_data["kind"],
                    language=form.cleaned_data["language"],
                    name=form.cleaned_data["name"],
                    docx_name=upload.name[:200],
                )
                try:
                    unknown = services.add_word_template(template, upload.read(), by=request.user)  # type: ignore[arg-type]
                except Refused as refusal:
                    form.add_error("file", str(refusal))
                else:
                    if unknown:
                        messages.warning(
                            request,
                            _(
                                "The template was kept, but these merge fields are unknown "
                                "and will stay empty: %(names)s"
                            )
                            % {"names": ", ".join(sorted(unknown))},
                        )
                    else:
                        messages.success(request, _("The Word template was added."))
                    return redirect("contracts:templates", slug=organisation.slug)
    context = {"organisation": organisation, "form": form, "merge_fields": sorted(MERGE_FIELDS.items())}
    return render(request, "contracts/template_upload.html", context, status=status)
