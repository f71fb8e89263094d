from __future__ import annotations

import zoneinfo
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from regie.accounts.roles import Role
from regie.core.formatting import currency_choices
from regie.productions.models import WORKING_LANGUAGES, KeyContact, Kind, Phase, Production, ProductionMembership

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def timezone_choices() -> list[tuple[str, str]]:
    zones = sorted(z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))
    return [(z, z.replace("_", " ")) for z in zones]


class ProductionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    working_languages = forms.MultipleChoiceField(
        label=_("working languages"), choices=WORKING_LANGUAGES, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Production
        fields = [
            "title",
            "kind",
            "phase",
            "client",
            "start_date",
            "end_date",
            "currency",
            "timezone",
            "working_languages",
            "concept",
            "description",
        ]
        widgets = {
            "start_date": DATE_INPUT,
            "end_date": DATE_INPUT,
            "concept": forms.Textarea(attrs={"rows": 4}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["currency"] = forms.ChoiceField(label=_("currency"), choices=currency_choices())
        self.fields["timezone"] = forms.ChoiceField(label=_("time zone"), choices=timezone_choices())
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return data


class ProductionFilterForm(forms.Form):
    phase = forms.ChoiceField(label=_("phase"), choices=[("", _("All phases")), *Phase.choices], required=False)
    kind = forms.ChoiceField(label=_("kind"), choices=[("", _("All kinds")), *Kind.choices], required=False)
    archived = forms.BooleanField(label=_("archived"), required=False)


class DuplicateForm(forms.Form):
    title = forms.CharField(label=_("title of the new production"), max_length=200)
    start_date = forms.DateField(
        label=_("start date"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Dates move along so that the new production lasts as long as this one."),
    )
    copy_team = forms.BooleanField(label=_("copy the team with their roles"), required=False)


class InviteMemberForm(forms.Form):
    email = forms.EmailField(label=_("e-mail address"))
    name = forms.CharField(label=_("name"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("role"), choices=Role.choices)
    language = forms.ChoiceField(label=_("language of the invitation"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, can_grant_owner: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_grant_owner:
            self.fields["role"] = forms.ChoiceField(label=_("role"), choices=assignable_roles(False))


class MembershipForm(forms.ModelForm):
    class Meta:
        model = ProductionMembership
        fields = ["role", "job_title", "department"]

    def __init__(self, *args: Any, can_grant_owner: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_grant_owner:
            if self.instance.role == Role.OWNER:
                self.fields["role"].disabled = True
            else:
                self.fields["role"] = forms.ChoiceField(label=_("role"), choices=assignable_roles(False))


def assignable_roles(can_grant_owner: bool) -> list[tuple[str, Any]]:
    """Owners hand out every role; other managers every role but owner (no self-promotion)."""
    return [(value, label) for value, label in Role.choices if can_grant_owner or value != Role.OWNER]


class KeyContactForm(forms.ModelForm):
    class Meta:
        model = KeyContact
        fields = ["label", "name", "company", "email", "phone", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}
