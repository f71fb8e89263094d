from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.accounts import services as account_services
from regie.accounts.access import organisation_view
from regie.accounts.models import Organisation
from regie.accounts.roles import OrganisationRole, Role
from regie.accounts.rules import production_role
from regie.core.concurrency import EditConflict
from regie.core.feedback import attempt
from regie.core.models import AuditEntry
from regie.core.pagination import paginate, search_people
from regie.productions import services
from regie.productions.access import production_view
from regie.productions.forms import (
    DuplicateForm,
    InviteMemberForm,
    KeyContactForm,
    MembershipForm,
    ProductionFilterForm,
    ProductionForm,
)
from regie.productions.models import KeyContact, Production
from regie.productions.queries import productions_for_organisation_home, team_for_production, team_summary


@organisation_view("accounts.view_organisation")
def organisation_home(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    filters = ProductionFilterForm(request.GET or None)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    productions = productions_for_organisation_home(
        request.user,
        organisation,
        phase=criteria.get("phase", ""),
        kind=criteria.get("kind", ""),
        archived=criteria.get("archived", False),
    ).annotate(team_size=Count("memberships"))
    context = {
        "organisation": organisation,
        "productions": productions,
        "filters": filters,
        "can_add": request.user.has_perm("productions.add_production", organisation),
        "is_admin": request.user.has_perm("accounts.manage_organisation", organisation),
    }
    return render(request, "productions/organisation_home.html", context)


@organisation_view("productions.add_production")
def production_create(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = ProductionForm(
        request.POST or None,
        initial={"currency": organisation.default_currency, "timezone": organisation.default_timezone},
    )
    if request.method == "POST" and form.is_valid():
        production = services.create_production(form.save(commit=False), organisation=organisation, by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("The production was created."))
        return redirect("productions:dashboard", pk=production.pk)
    return render(request, "productions/production_form.html", {"organisation": organisation, "form": form})


@production_view("productions.view_production")
def dashboard(request: HttpRequest, production: Production) -> HttpResponse:
    user = request.user
    context = {
        "production": production,
        "countdown": production.countdown(),
        "team_groups": team_summary(production) if user.has_perm("productions.view_team", production) else [],
        "team_size": production.memberships.count(),
        "contacts": production.key_contacts.all(),
        "pending_invitations": production.invitations.pending().count()
        if user.has_perm("productions.manage_members", production)
        else None,
        "history": AuditEntry.objects.filter(production=production).select_related("user", "content_type")[:8]
        if user.has_perm("productions.view_history", production)
        else None,
    }
    return render(request, "productions/dashboard.html", context)


@production_view("productions.change_production")
def production_edit(request: HttpRequest, production: Production) -> HttpResponse:
    form = ProductionForm(request.POST or None, instance=production)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_production(
                form.save(commit=False),
                version=form.cleaned_data["version"] or 0,
                by=request.user,  # type: ignore[arg-type]
            )
        except EditConflict as conflict:
            messages.error(request, str(conflict.message))
            fresh = Production.objects.get(pk=production.pk)
            data = request.POST.copy()
            data["version"] = str(fresh.version)
            form.data = data
            return render(
                request,
                "productions/production_form.html",
                {"production": fresh, "form": form, "current": fresh},
                status=409,
            )
        messages.success(request, _("The production was saved."))
        return redirect("productions:dashboard", pk=production.pk)
    return render(request, "productions/production_form.html", {"production": production, "form": form})


@production_view("productions.archive_production")
@require_POST
def production_archive(request: HttpRequest, production: Production) -> HttpResponse:
    services.archive_production(production, by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("The production was archived."))
    return redirect("productions:dashboard", pk=production.pk)


@production_view("productions.archive_production")
@require_POST
def production_unarchive(request: HttpRequest, production: Production) -> HttpResponse:
    services.unarchive_production(production, by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("The production was restored from the archive."))
    return redirect("productions:dashboard", pk=production.pk)


@production_view("productions.duplicate_production")
def production_duplicate(request: HttpRequest, production: Production) -> HttpResponse:
    form = DuplicateForm(request.POST or None, initial={"title": _("%(title)s (copy)") % {"title": production.title}})
    if request.method == "POST" and form.is_valid():
        copy = services.duplicate_production(production, by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        messages.success(request, _("The production was duplicated. Check its dates and details."))
        return redirect("productions:dashboard", pk=copy.pk)
    return render(request, "productions/duplicate.html", {"production": production, "form": form})


@production_view("productions.view_team")
def team(request: HttpRequest, production: Production) -> HttpResponse:
    can_manage = request.user.has_perm("productions.manage_members", production)
    form = (
        InviteMemberForm(
            request.POST or None,
            initial={"language": request.LANGUAGE_CODE},  # type: ignore[attr-defined]
            can_grant_owner=production_role(request.user, production) == Role.OWNER,
        )
        if can_manage
        else None
    )
    if request.method == "POST":
        if form is None:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        if form.is_valid():
            _invite_to_production(request, production, form.cleaned_data)
            return redirect("productions:team", pk=production.pk)
    query = request.GET.get("q", "").strip()
    context = {
        "production": production,
        "page": paginate(request, search_people(team_for_production(production), query)),
        "q": query,
        "invitations": production.invitations.pending().select_related("invited_by") if can_manage else [],
        "form": form,
        "can_manage": can_manage,
    }
    return render(request, "productions/team.html", context)


def _invite_to_production(request: HttpRequest, production: Production, data: dict) -> None:
    from regie.accounts.models import User

    existing = User.objects.filter(
        email=data["email"].lower(), org_memberships__organisation=production.organisation
    ).first()
    if existing is not None:
        services.add_member(production, user=existing, role=data["role"], by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("%(name)s was added to the team.") % {"name": existing})
        return
    account_services.invite(
        organisation=production.organisation,
        production=production,
        email=data["email"],
        name=data["name"],
        role=data["role"],
        language=data["language"],
        organisation_role=OrganisationRole.GUEST,
        invited_by=request.user,  # type: ignore[arg-type]
    )
    messages.success(request, _("The invitation was sent to %(email)s.") % {"email": data["email"]})


@production_view("productions.manage_members")
def member_edit(request: HttpRequest, production: Production, member_pk: int) -> HttpResponse:
    membership = get_object_or_404(production.memberships.select_related("user"), pk=member_pk)
    form = MembershipForm(
        request.POST or None,
        instance=membership,
        can_grant_owner=production_role(request.user, production) == Role.OWNER,
    )
    if request.method == "POST" and form.is_valid():
        attempt(
            request,
            lambda: services.update_member(form.save(commit=False), by=request.user),  # type: ignore[arg-type]
            _("The team member was saved."),
        )
        return redirect("productions:team", pk=production.pk)
    return render(
        request, "productions/member_form.html", {"production": production, "membership": membership, "form": form}
    )


@production_view("productions.manage_members")
@require_POST
def member_remove(request: HttpRequest, production: Production, member_pk: int) -> HttpResponse:
    membership = get_object_or_404(production.memberships, pk=member_pk)
    attempt(
        request,
        lambda: services.remove_member(membership, by=request.user),  # type: ignore[arg-type]
        _("The team member was removed."),
    )
    return redirect("productions:team", pk=production.pk)


@production_view("productions.manage_members")
@require_POST
def invitation_revoke(request: HttpRequest, production: Production, invitation_pk: int) -> HttpResponse:
    invitation = get_object_or_404(production.invitations, pk=invitation_pk)
    attempt(
        request,
        lambda: account_services.revoke_invitation(invitation, user=request.user),  # type: ignore[arg-type]
        _("The invitation was withdrawn."),
    )
    return redirect("productions:team", pk=production.pk)


@production_view("productions.manage_contacts")
def contact_edit(request: HttpRequest, production: Production, contact_pk: int | None = None) -> HttpResponse:
    contact = (
        get_object_or_404(production.key_contacts, pk=contact_pk) if contact_pk else KeyContact(production=production)
    )
    form = KeyContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        if contact.pk is None:
            contact.position = production.key_contacts.count()
        services.save_key_contact(form.save(commit=False), by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("The key contact was saved."))
        return redirect("productions:dashboard", pk=production.pk)
    return render(
        request, "productions/contact_form.html", {"production": production, "form": form, "contact": contact}
    )


@production_view("productions.manage_contacts")
@require_POST
def contact_remove(request: HttpRequest, production: Production, contact_pk: int) -> HttpResponse:
    contact = get_object_or_404(production.key_contacts, pk=contact_pk)
    services.remove_key_contact(contact, by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("The key contact was removed."))
    return redirect("productions:dashboard", pk=production.pk)


@production_view("productions.view_history")
def history(request: HttpRequest, production: Production) -> HttpResponse:
    entries = paginate(request, AuditEntry.objects.filter(production=production).select_related("user", "content_type"))
    return render(
        request,
        "core/history.html",
        {"production": production, "page": entries, "entries": entries, "scope": production},
    )
