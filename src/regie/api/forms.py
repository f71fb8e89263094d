from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

EXPIRY_CHOICES = [
    ("30", _("30 days")),
    ("90", _("90 days")),
    ("365", _("one year")),
    ("", _("never (revoke it yourself)")),
]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("name"), max_length=100, help_text=_("What the token is for, e.g. “Payroll export”.")
    )
    read_only = forms.BooleanField(
        label=_("read only"),
        required=False,
        initial=True,
        help_text=_("A read-only token can read but not change anything."),
    )
    expires = forms.ChoiceField(label=_("expires after"), choices=EXPIRY_CHOICES, initial="90", required=False)

    def days(self) -> int | None:
        value = self.cleaned_data.get("expires") or ""
        return int(value) if value else None
