"""Pages of two-factor sign-in: the code step of signing in, switching it on and off, recovery
codes, and the organisation's requirement.

Between the password and the code, the session holds only who is signing in, since when and a
hash of their password (so a password reset in between ends it), never the person's secret.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from regie.accounts import throttle, two_factor
from regie.accounts.access import organisation_view
from regie.accounts.forms import (
    LoginForm,
    PasswordConfirmForm,
    SwitchOffTwoFactorForm,
    TwoFactorCodeForm,
    TwoFactorRequirementForm,
)
from regie.accounts.models import Organisation, User
from regie.accounts.services import AccountError
from regie.core.access import public_view, user_view
from regie.core.feedback import attempt
from regie.core.models import AuditEntry

PENDING = "regie_two_factor_pending"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _safe(request: HttpRequest, target: str, fallback: str) -> str:
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


# Signing in: the step after the password


def start_pending_sign_in(request: HttpRequest, user: User, target: str) -> None:
    """Remember, for a few minutes, that `user` gave the right password and where to go next."""
    request.session.cycle_key()
    request.session[PENDING] = {
        "user": user.pk,
        "since": int(time.time()),
        "auth": user.get_session_auth_hash(),
        "next": target,
    }


def pending_sign_in(request: HttpRequest) -> tuple[User, str] | None:
    """(user, next) of a sign-in waiting for its code, or None when there is none, it is too old,
    or the account changed since (password, two-factor switched off, deactivated)."""
    data = request.session.get(PENDING)
    if not isinstance(data, dict):
        return None
    try:
        user_pk, since = int(data["user"]), int(data["since"])
    except (KeyError, TypeError, ValueError):
        return None
    if not 0 <= time.time() - since <= settings.REGIE_TWO_FACTOR_PENDING_SECONDS:
        return None
    user = User.objects.filter(pk=user_pk, is_active=True).first()
    if user is None or not two_factor.two_factor_on(user):
        return None
    if not constant_time_compare(str(data.get("auth", "")), user.get_session_auth_hash()):
        return None
    return user, str(data.get("next") or "")


@public_view
@never_cache
@sensitive_post_parameters("code")
def login_code(request: HttpRequest) -> HttpResponse:
    pending = pending_sign_in(request)
    if pending is None:
        request.session.pop(PENDING, None)
        messages.error(request, _("Your sign-in has expired. Enter your e-mail address and password again."))
        return redirect("accounts:login")
    user, target = pending
    # The password is proven: the page speaks the person's language, unless they chose one here.
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or user.language
    if language not in dict(settings.LANGUAGES):
        language = user.language
    with translation.override(language):
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = _login_code(request, user, target)
        response.headers["Content-Language"] = language
    return response


def _login_code(request: HttpRequest, user: User, target: str) -> HttpResponse:
    form = TwoFactorCodeForm(request.POST or None)
    form.fields["code"].widget.attrs["autofocus"] = True
    if request.method == "POST" and form.is_valid():
        result = _checked(
            request,
            form,
            user,
            lambda: two_factor.check_code(user, form.cleaned_data["code"], purpose="sign-in"),
        )
        if result is not None:
            del request.session[PENDING]
            login(request, user, backend=MODEL_BACKEND)
            throttle.clear_failures(request, user.email)
            if result == two_factor.CodeResult.RECOVERY:
                _warn_recovery_codes_left(request, user)
            return redirect(_safe(request, target, reverse(settings.LOGIN_REDIRECT_URL)))
    return render(request, "accounts/login_code.html", {"form": form, "pending_user": user})


def _warn_recovery_codes_left(request: HttpRequest, user: User) -> None:
    left = two_factor.recovery_codes_left(user)
    messages.warning(
        request,
        ngettext(
            "You signed in with a recovery code; it cannot be used again. %(count)d recovery code is left.",
            "You signed in with a recovery code; it cannot be used again. %(count)d recovery codes are left.",
            left,
        )
        % {"count": left},
    )


def _checked(request: HttpRequest, form: Any, user: User, action: Callable[[], Any]) -> Any:
    """Run a service that checks a code or a password, under the failed sign-in throttle.

    The result of `action` (never None), or None with the reason put on the form; a wrong code or
    password counts as a failed sign-in of `user`.
    """
    if throttle.is_locked(request, user.email):
        form.add_error(None, LoginForm.error_messages["throttled"])
        return None
    try:
        return action() or True
    except (two_factor.WrongCode, two_factor.WrongPassword) as error:
        throttle.record_failure(request, user.email)
        form.add_error("password" if isinstance(error, two_factor.WrongPassword) else "code", str(error))
    except AccountError as error:
        form.add_error(None, str(error))
    return None


def setup_if_required(request: HttpRequest, user: User, target: str) -> HttpResponse | None:
    """After signing in with a password only: to the set-up page when an organisation requires it."""
    required = list(two_factor.organisations_requiring(user).values_list("name", flat=True))
    if not required or two_factor.two_factor_on(user):
        return None
    with translation.override(user.language):  # the next page is in the account's language
        messages.warning(request, _required_message(required))
    return redirect(reverse("accounts:two_factor_setup") + "?" + urlencode({"next": target}))


def _required_message(names: list[str]) -> str:
    return ngettext(
        "%(names)s requires two-factor sign-in. Switch it on to use the organisation's pages.",
        "%(names)s require two-factor sign-in. Switch it on to use their pages.",
        len(names),
    ) % {"names": ", ".join(names)}


def require_two_factor_check(request: HttpRequest, obj: Any) -> HttpResponse | None:
    """Scope check (core.access): a member without two-factor sign-in of an organisation that
    requires it is sent to the set-up page instead of the organisation's or production's page."""
    organisation = obj.audit_organisation() if hasattr(obj, "audit_organisation") else None
    if organisation is None or not organisation.require_two_factor or two_factor.two_factor_on(request.user):
        return None
    messages.warning(request, _required_message([organisation.name]))
    if request.method == "GET":
        target = request.get_full_path()
    else:
        target = reverse("productions:organisation_home", kwargs={"slug": organisation.slug})
    url = reverse("accounts:two_factor_setup") + "?" + urlencode({"next": target})
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


# The person's own two-factor sign-in


def _overview(request: HttpRequest, *, renew_form: Any = None, off_form: Any = None, status: int = 200) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    on = two_factor.two_factor_on(user)
    history = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(user.pk),
        action__startswith="accounts.two_factor.",
    ).select_related("user", "content_type")[:10]
    context = {
        "on": on,
        "device": user.two_factor if on else None,
        "codes_left": two_factor.recovery_codes_left(user) if on else 0,
        "required_by": two_factor.organisations_requiring(user),
        "renew_form": renew_form or TwoFactorCodeForm(prefix="renew"),
        "off_form": off_form or SwitchOffTwoFactorForm(prefix="off"),
        "entries": history,
    }
    return render(request, "accounts/two_factor.html", context, status=status)


@user_view
@never_cache
def overview(request: HttpRequest) -> HttpResponse:
    return _overview(request)


@user_view
@never_cache
@sensitive_post_parameters("code")
def setup(request: HttpRequest) -> HttpResponse:
    """The QR code and key to scan, then a code from the app to confirm; then the recovery codes, once."""
    user: User = request.user  # type: ignore[assignment]
    target = _safe(request, request.POST.get("next") or request.GET.get("next", ""), "")
    if two_factor.two_factor_on(user):
        messages.info(request, _("Two-factor sign-in is already on."))
        return redirect("accounts:two_factor")
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.confirm_setup(user, form.cleaned_data["code"])
        except AccountError as error:
            form.add_error("code", str(error))
        else:
            # Sessions opened with the password alone (another browser, a lost laptop) end here.
            two_factor.end_other_sessions(user, request)
            messages.success(request, _("Two-factor sign-in is on; you were signed out everywhere else."))
            return _show_recovery_codes(request, codes, target)
    try:
        device = two_factor.start_setup(user)
    except AccountError as error:  # switched on meanwhile, in another tab
        messages.info(request, str(error))
        return redirect("accounts:two_factor")
    context = {
        "form": form,
        "qr_code": two_factor.qr_code_svg(two_factor.provisioning_uri(device)),
        "key": two_factor.grouped_key(device.secret),
        "issuer": two_factor.ISSUER,
        "next": target,
        "required_by": two_factor.organisations_requiring(user),
    }
    return render(request, "accounts/two_factor_setup.html", context, status=400 if form.errors else 200)


def _show_recovery_codes(request: HttpRequest, codes: list[str], target: str) -> HttpResponse:
    """The only time the codes are shown: the page is not cached, and not reachable again."""
    return render(
        request,
        "accounts/two_factor_recovery_codes.html",
        {"codes": codes, "next": target or reverse("accounts:two_factor")},
    )


@user_view
@never_cache
@require_POST
def setup_new_key(request: HttpRequest) -> HttpResponse:
    """A new key for a set-up not confirmed yet; the one shown before stops counting."""
    user: User = request.user  # type: ignore[assignment]
    try:
        two_factor.new_setup_key(user)
    except AccountError as error:
        messages.info(request, str(error))
        return redirect("accounts:two_factor")
    messages.success(request, _("A new key was made: scan this one; the previous one no longer works."))
    return redirect("accounts:two_factor_setup")


@user_view
@never_cache
@require_POST
@sensitive_post_parameters("off-password", "off-code")
def switch_off(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if not two_factor.two_factor_on(user):
        return redirect("accounts:two_factor")
    form = SwitchOffTwoFactorForm(request.POST, prefix="off")
    if form.is_valid():
        done = _checked(
            request,
            form,
            user,
            lambda: two_factor.switch_off(user, password=form.cleaned_data["password"], code=form.cleaned_data["code"]),
        )
        if done is not None:
            messages.success(request, _("Two-factor sign-in is off."))
            return redirect("accounts:two_factor")
    return _overview(request, off_form=form, status=400)


@user_view
@never_cache
@require_POST
@sensitive_post_parameters("renew-code")
def renew_recovery_codes(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if not two_factor.two_factor_on(user):
        return redirect("accounts:two_factor")
    form = TwoFactorCodeForm(request.POST, prefix="renew")
    if form.is_valid():
        codes = _checked(
            request, form, user, lambda: two_factor.renew_recovery_codes(user, code=form.cleaned_data["code"])
        )
        if codes is not None:
            messages.success(request, _("New recovery codes were made; the old ones no longer work."))
            return _show_recovery_codes(request, codes, "")
    return _overview(request, renew_form=form, status=400)


# The organisation's side


@organisation_view("accounts.manage_organisation")
@require_POST
def organisation_requirement(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = TwoFactorRequirementForm(request.POST)
    if form.is_valid():
        required = form.cleaned_data["require_two_factor"]
        attempt(
            request,
            lambda: two_factor.set_requirement(organisation, required=required, by=request.user),  # type: ignore[arg-type]
            _("Every member must now use two-factor sign-in.")
            if required
            else _("Two-factor sign-in is no longer required."),
        )
    return redirect("accounts:members", slug=organisation.slug)


@organisation_view("accounts.manage_organisation")
@never_cache
@sensitive_post_parameters("password")
def member_reset(request: HttpRequest, organisation: Organisation, member_pk: int) -> HttpResponse:
    """Switch off a member's two-factor sign-in for support, after the administrator's password."""
    membership = get_object_or_404(organisation.memberships.select_related("user"), pk=member_pk)
    admin: User = request.user  # type: ignore[assignment]
    form = PasswordConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _checked(request, form, admin, lambda: _reset(membership, admin, form.cleaned_data["password"]))
        if done is not None:
            messages.success(
                request,
                _("The two-factor sign-in of %(name)s is off; they were told by e-mail.") % {"name": membership.user},
            )
            return redirect("accounts:members", slug=organisation.slug)
    context = {
        "organisation": organisation,
        "membership": membership,
        "form": form,
        "member_on": two_factor.two_factor_on(membership.user),
    }
    return render(request, "accounts/two_factor_reset.html", context, status=400 if form.errors else 200)


def _reset(membership: Any, admin: User, password: str) -> None:
    if not admin.check_password(password):
        raise two_factor.WrongPassword()
    two_factor.reset_for_member(membership, by=admin)
