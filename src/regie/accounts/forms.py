from __future__ import annotations

import logging
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from regie.accounts import throttle
from regie.accounts.models import Organisation, OrganisationMembership, User
from regie.accounts.roles import OrganisationRole
from regie.core import mail

logger = logging.getLogger(__name__)


class LoginForm(AuthenticationForm):
    """Django's login form with throttling of failed attempts."""

    username = forms.EmailField(label=_("e-mail address"), widget=forms.EmailInput(attrs={"autofocus": True}))
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("This e-mail address and password do not match an account."),
        "throttled": _("Too many failed attempts. Wait a quarter of an hour and try again, or reset your password."),
    }

    def clean(self) -> dict[str, Any]:
        email = (self.cleaned_data.get("username") or "").lower()
        password = self.cleaned_data.get("password")
        if email and throttle.is_locked(self.request, email):  # type: ignore[arg-type]
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        if email and password:
            self.user_cache = authenticate(self.request, username=email, password=password)
            if self.user_cache is None:
                throttle.record_failure(self.request, email)  # type: ignore[arg-type]
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
            # The failures are cleared by the view once the person is signed in: for an account
            # with two-factor sign-in that is only after the code, so that entering the password
            # again does not reset the count of wrong codes.
        return self.cleaned_data


class LanguageAwarePasswordResetForm(PasswordResetForm):
    """Sends the reset mail in the language the person chose, not the one of the browser asking."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        with translation.override(context["user"].language):
            subject = "".join(render_to_string(subject_template_name, context).splitlines())
            body = render_to_string(email_template_name, context)
            try:
                mail.send(subject, body, [to_email])  # with its HTML twin, like every mail of Regie
            except Exception:
                logger.exception("Failed to send password reset email to %s", context["user"].pk)


class AcceptInvitationForm(forms.Form):
    name = forms.CharField(label=_("your name"), max_length=150)
    password1 = forms.CharField(label=_("password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(
        label=_("password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif p1:
            try:
                password_validation.validate_password(p1, User(email=self.email, name=data.get("name", "")))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "language"]


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=settings.LANGUAGES)
    next = forms.CharField(required=False)


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "slug"]
        help_texts = {"slug": _("Letters, digits and hyphens; used in the addresses of your pages.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False

    def clean_slug(self) -> str:
        slug = self.cleaned_data.get("slug") or slugify(self.cleaned_data.get("name", ""))[:60]
        if not slug:
            raise forms.ValidationError(_("Choose a short name with letters or digits."))
        if Organisation.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This short name is taken; choose another."))
        return slug


class InviteOrganisationMemberForm(forms.Form):
    email = forms.EmailField(label=_("e-mail address"))
    name = forms.CharField(label=_("name"), max_length=150, required=False)
    organisation_role = forms.ChoiceField(label=_("role in the organisation"), choices=OrganisationRole.choices)
    language = forms.ChoiceField(label=_("language of the invitation"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if OrganisationMembership.objects.filter(organisation=self.organisation, user__email=email).exists():
            raise forms.ValidationError(_("This person is already a member of the organisation."))
        return email


class OrganisationMemberForm(forms.ModelForm):
    class Meta:
        model = OrganisationMembership
        fields = ["role"]


class TwoFactorCodeForm(forms.Form):
    """A code from the authenticator app (or, where accepted, a recovery code)."""

    code = forms.CharField(
        label=_("code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false", "size": 20}
        ),
    )


class SwitchOffTwoFactorForm(TwoFactorCodeForm):
    password = forms.CharField(
        label=_("password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    field_order = ["password", "code"]


class PasswordConfirmForm(forms.Form):
    password = forms.CharField(
        label=_("your password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class TwoFactorRequirementForm(forms.Form):
    require_two_factor = forms.BooleanField(
        label=_("Require two-factor sign-in of every member"),
        required=False,
        help_text=_("Members without it must switch it on before they can use the organisation's pages."),
    )
