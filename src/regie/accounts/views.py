from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.accounts import services, throttle, two_factor
from regie.accounts.access import organisation_view
from regie.accounts.forms import (
    AcceptInvitationForm,
    InviteOrganisationMemberForm,
    LanguageAwarePasswordResetForm,
    LanguageForm,
    LoginForm,
    OrganisationForm,
    OrganisationMemberForm,
    ProfileForm,
    TwoFactorRequirementForm,
)
from regie.accounts.models import Invitation, Organisation
from regie.accounts.queries import (
    invitation_for_token,
    invitations_for_organisation,
    members_for_organisation,
    members_without_two_factor,
)
from regie.accounts.two_factor_views import setup_if_required, start_pending_sign_in
from regie.core.access import public_view, user_view
from regie.core.feedback import attempt
from regie.core.models import AuditEntry
from regie.core.pagination import paginate, search_people


class LoginView(auth_views.LoginView):
    """The password step. With two-factor sign-in on, the person is not signed in yet: the code
    page (two_factor_views.login_code) finishes the sign-in and follows `next`."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        user = form.get_user()
        if two_factor.two_factor_on(user):
            start_pending_sign_in(self.request, user, self.get_success_url())
            return redirect("accounts:login_code")
        throttle.clear_failures(self.request, user.email)
        response = super().form_valid(form)
        return setup_if_required(self.request, user, response["Location"]) or response


login_view = public_view(LoginView.as_view())
logout_view = public_view(auth_views.LogoutView.as_view())


class PasswordResetView(auth_views.PasswordResetView):
    @property
    def extra_email_context(self) -> dict[str, str]:  # type: ignore[override]
        # Read at request time, so the link follows the configured public address.
        return {"base_url": settings.REGIE_BASE_URL}


password_reset = public_view(
    PasswordResetView.as_view(
        template_name="accounts/password_reset.html",
        form_class=LanguageAwarePasswordResetForm,
        email_template_name="accounts/email/password_reset.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset_done = public_view(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = public_view(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password_reset_complete"),
    )
)
password_reset_complete = public_view(
    auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html")
)
password_change = user_view(
    auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html", success_url=reverse_lazy("accounts:profile")
    )
)


@public_view
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; remembered on the account and in a cookie."""
    form = LanguageForm(request.POST)
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if form.is_valid():
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            services.set_language(request.user, language)  # type: ignore[arg-type]
        _remember_language(response, language)
    return response


def _remember_language(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=True,
    )


@public_view
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_for_token(token)
    language = request.LANGUAGE_CODE  # type: ignore[attr-defined]
    if invitation and not request.user.is_authenticated and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        # Someone opening the link for the first time reads the page in the invitation's language.
        language = invitation.language
    with translation.override(language):
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = _accept_invitation(request, invitation)
        response.headers["Content-Language"] = language
        return response


def _accept_invitation(request: HttpRequest, invitation: Invitation | None) -> HttpResponse:
    try:
        services.check_invitation_usable(invitation)
    except services.AccountError as error:
        return render(request, "accounts/invitation_invalid.html", {"message": str(error)}, status=410)
    assert invitation is not None
    from regie.accounts.models import User

    existing = User.objects.filter(email=invitation.email).first()
    if existing is not None:
        if not request.user.is_authenticated:
            messages.info(request, _("You already have an account: sign in to accept the invitation."))
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        if request.user.pk != existing.pk:
            return render(
                request,
                "accounts/invitation_invalid.html",
                {
                    "message": _("This invitation is for %(email)s. Sign out first, then open the link again.")
                    % {"email": invitation.email}
                },
                status=403,
            )
        if request.method == "POST":
            try:
                services.accept_invitation(invitation, user=existing)
            except services.AccountError as error:
                return render(request, "accounts/invitation_invalid.html", {"message": str(error)}, status=410)
            messages.success(request, _("Welcome to %(name)s.") % {"name": invitation.organisation.name})
            return redirect(_after_invitation(invitation))
        return render(request, "accounts/invitation_accept.html", {"invitation": invitation, "form": None})

    form = AcceptInvitationForm(request.POST or None, email=invitation.email, initial={"name": invitation.name})
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(
                invitation, name=form.cleaned_data["name"], password=form.cleaned_data["password1"]
            )
        except services.AccountError as error:
            return render(request, "accounts/invitation_invalid.html", {"message": str(error)}, status=410)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        with translation.override(user.language):  # the next pages are in the new account's language
            messages.success(request, _("Welcome to %(name)s.") % {"name": invitation.organisation.name})
        response = redirect(_after_invitation(invitation))
        _remember_language(response, user.language)
        return response
    return render(request, "accounts/invitation_accept.html", {"invitation": invitation, "form": form})


def _after_invitation(invitation: object) -> str:
    production = getattr(invitation, "production", None)
    if production is not None:
        return reverse("productions:dashboard", kwargs={"pk": production.pk})
    return reverse("productions:organisation_home", kwargs={"slug": invitation.organisation.slug})  # type: ignore[attr-defined]


@user_view
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.update_profile(request.user, name=form.cleaned_data["name"], language=form.cleaned_data["language"])  # type: ignore[arg-type]
        with translation.override(form.cleaned_data["language"]):  # the next page is in the chosen language
            messages.success(request, _("Your profile was saved."))
        return redirect("accounts:profile")
    return render(
        request, "accounts/profile.html", {"form": form, "two_factor_on": two_factor.two_factor_on(request.user)}
    )


@user_view
def create_organisation(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = services.create_organisation(
            name=form.cleaned_data["name"],
            slug=form.cleaned_data["slug"],
            admin=request.user,  # type: ignore[arg-type]
        )
        messages.success(request, _("The organisation was created."))
        return redirect("productions:organisation_home", slug=organisation.slug)
    return render(request, "accounts/organisation_form.html", {"form": form})


@organisation_view("accounts.manage_organisation")
def members(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = InviteOrganisationMemberForm(
        request.POST or None,
        organisation=organisation,
        initial={"language": request.LANGUAGE_CODE},  # type: ignore[attr-defined]
    )
    if request.method == "POST" and form.is_valid():
        services.invite(organisation=organisation, invited_by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        messages.success(request, _("The invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]})
        return redirect("accounts:members", slug=organisation.slug)
    query = request.GET.get("q", "").strip()
    context = {
        "organisation": organisation,
        "page": paginate(request, search_people(members_for_organisation(organisation), query)),
        "q": query,
        "invitations": invitations_for_organisation(organisation),
        "form": form,
        "requirement_form": TwoFactorRequirementForm(initial={"require_two_factor": organisation.require_two_factor}),
        "without_two_factor": members_without_two_factor(organisation).count(),
    }
    return render(request, "accounts/members.html", context)


@organisation_view("accounts.manage_organisation")
def member_edit(request: HttpRequest, organisation: Organisation, member_pk: int) -> HttpResponse:
    membership = get_object_or_404(organisation.memberships.select_related("user"), pk=member_pk)
    form = OrganisationMemberForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        attempt(
            request,
            lambda: services.change_organisation_role(membership, role=form.cleaned_data["role"], by=request.user),  # type: ignore[arg-type]
            _("The role was changed."),
        )
        return redirect("accounts:members", slug=organisation.slug)
    return render(
        request, "accounts/member_form.html", {"organisation": organisation, "membership": membership, "form": form}
    )


@organisation_view("accounts.manage_organisation")
@require_POST
def member_remove(request: HttpRequest, organisation: Organisation, member_pk: int) -> HttpResponse:
    membership = get_object_or_404(organisation.memberships, pk=member_pk)
    attempt(
        request,
        lambda: services.remove_organisation_member(membership, by=request.user),  # type: ignore[arg-type]
        _("The member was removed from the organisation and its productions."),
    )
    return redirect("accounts:members", slug=organisation.slug)


@organisation_view("accounts.manage_organisation")
@require_POST
def invitation_resend(request: HttpRequest, organisation: Organisation, invitation_pk: int) -> HttpResponse:
    invitation = get_object_or_404(organisation.invitations, pk=invitation_pk)
    attempt(
        request,
        lambda: services.resend_invitation(invitation, user=request.user),  # type: ignore[arg-type]
        _("The invitation was sent again to %(email)s.") % {"email": invitation.email},
    )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = reverse("accounts:members", kwargs={"slug": organisation.slug})
    return redirect(target)


@organisation_view("accounts.manage_organisation")
@require_POST
def invitation_revoke(request: HttpRequest, organisation: Organisation, invitation_pk: int) -> HttpResponse:
    invitation = get_object_or_404(organisation.invitations, pk=invitation_pk)
    attempt(
        request,
        lambda: services.revoke_invitation(invitation, user=request.user),  # type: ignore[arg-type]
        _("The invitation was withdrawn."),
    )
    return redirect("accounts:members", slug=organisation.slug)


@organisation_view("accounts.manage_organisation")
def organisation_history(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    entries = paginate(
        request, AuditEntry.objects.filter(organisation=organisation).select_related("user", "content_type")
    )
    return render(
        request,
        "core/history.html",
        {"organisation": organisation, "page": entries, "entries": entries, "scope": organisation},
    )
