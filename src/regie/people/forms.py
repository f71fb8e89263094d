from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import Organisation, User
from regie.core.formatting import currency_choices
from regie.people.files import CheckedFile, check_upload
from regie.people.functions import department_of
from regie.people.models import Contact, ContactKind, Engagement, PersonalData, PersonalDocument, Unavailability
from regie.people.validation import (
    birth_date_of,
    normalise_bic,
    normalise_iban,
    normalise_national_number,
    normalise_phone,
    normalise_vat,
    split_list,
)
from regie.productions.forms import DATE_INPUT
from regie.productions.models import WORKING_LANGUAGES, Production


class ListField(forms.CharField):
    """A comma-separated text box for a JSON list (skills, tags)."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        return split_list(super().to_python(value) or "")


class ContactForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    skills = ListField(
        label=_("roles and skills"),
        required=False,
        help_text=_("Separated by commas, for example: gaffer, rigger, forklift."),
    )
    tags = ListField(label=_("tags"), required=False, help_text=_("Separated by commas."))
    languages = forms.MultipleChoiceField(
        label=_("languages spoken"), choices=WORKING_LANGUAGES, required=False, widget=forms.CheckboxSelectMultiple
    )
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Contact
        fields = [
            "kind",
            "name",
            "company",
            "email",
            "email_other",
            "phone",
            "mobile",
            "phone_private",
            "website",
            "street",
            "postcode",
            "city",
            "country",
            "nationality",
            "languages",
            "language",
            "skills",
            "tags",
            "vat_number",
            "day_rate",
            "hour_rate",
            "currency",
            "notes",
            "user",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"user": _("The person's account in Regie, if they have one.")}

    def __init__(
        self,
        *args: Any,
        organisation: Organisation,
        currencies: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        user_field: Any = self.fields["user"]
        user_field.queryset = User.objects.filter(org_memberships__organisation=organisation).order_by("name")
        self.fields["currency"] = forms.ChoiceField(label=_("currency"), choices=currencies or currency_choices())
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data["phone"])

    def clean_mobile(self) -> str:
        return normalise_phone(self.cleaned_data["mobile"])

    def clean_vat_number(self) -> str:
        return normalise_vat(self.cleaned_data["vat_number"])

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for rate in ("day_rate", "hour_rate"):
            if data.get(rate) is not None and data[rate] < 0:
                self.add_error(rate, _("A rate cannot be negative."))
        return data


class ContactFilterForm(forms.Form):
    q = forms.CharField(label=_("name, company or e-mail"), required=False)
    kind = forms.ChoiceField(label=_("kind"), choices=[("", _("All kinds")), *ContactKind.choices], required=False)
    skill = forms.CharField(label=_("skill"), required=False)
    tag = forms.CharField(label=_("tag"), required=False)
    language = forms.ChoiceField(
        label=_("language"), choices=[("", _("All languages")), *WORKING_LANGUAGES], required=False
    )
    city = forms.CharField(label=_("city"), required=False)
    archived = forms.BooleanField(label=_("archived"), required=False)


class MergeForm(forms.Form):
    other = forms.IntegerField(widget=forms.HiddenInput)


class EngagementForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Engagement
        fields = [
            "contact",
            "function",
            "custom_function",
            "department",
            "is_department_head",
            "reports_to",
            "start_date",
            "end_date",
            "engagement_type",
            "fee",
            "fee_unit",
            "currency",
            "status",
        ]
        widgets = {"start_date": DATE_INPUT, "end_date": DATE_INPUT}

    def __init__(self, *args: Any, production: Production, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.production = production
        contact_field: Any = self.fields["contact"]
        contact_field.queryset = production.organisation.contacts.filter(
            kind=ContactKind.PERSON, archived_at__isnull=True
        ).order_by("name")
        others = production.engagements.select_related("contact").order_by("contact__name")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        reports_field: Any = self.fields["reports_to"]
        reports_field.queryset = others
        reports_field.label_from_instance = lambda e: f"{e.contact.name} ({e.function_label})"
        self.fields["currency"] = forms.ChoiceField(label=_("currency"), choices=currency_choices())
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            self.fields["currency"].initial = production.currency

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("function") and not data.get("custom_function"):
            self.add_error("function", _("Choose a function from the list or write one under “other function”."))
        if data.get("function") and not data.get("department"):
            data["department"] = department_of(data["function"])
            self.instance.department = data["department"]
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        if data.get("fee") is not None and data["fee"] < 0:
            self.add_error("fee", _("A fee cannot be negative."))
        boss = data.get("reports_to")
        if boss is not None and self.instance.pk and _reports_to_chain_contains(boss, self.instance.pk):
            self.add_error("reports_to", _("This person already reports, directly or not, to the one you edit."))
        return data


def _reports_to_chain_contains(boss: Engagement, pk: int) -> bool:
    """Whether `pk` is `boss` or above `boss` in the reporting line (which would make a loop)."""
    seen: set[int] = set()
    current: Engagement | None = boss
    while current is not None and current.pk not in seen:
        if current.pk == pk:
            return True
        seen.add(current.pk)
        current = current.reports_to
    return False


class PersonalDataForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    date_of_birth = forms.DateField(label=_("date of birth"), required=False, widget=DATE_INPUT)

    class Meta:
        model = PersonalData
        fields = [
            "national_number",
            "date_of_birth",
            "iban",
            "bic",
            "id_document_kind",
            "id_document_number",
            "id_document_expiry",
            "emergency_contact",
            "dietary_notes",
            "medical_notes",
        ]
        widgets = {
            "national_number": forms.TextInput(attrs={"autocomplete": "off"}),
            "iban": forms.TextInput(attrs={"autocomplete": "off"}),
            "bic": forms.TextInput(attrs={"autocomplete": "off"}),
            "id_document_number": forms.TextInput(attrs={"autocomplete": "off"}),
            "id_document_expiry": DATE_INPUT,
            "emergency_contact": forms.Textarea(attrs={"rows": 2}),
            "dietary_notes": forms.Textarea(attrs={"rows": 2}),
            "medical_notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean_national_number(self) -> str:
        return normalise_national_number(self.cleaned_data["national_number"])

    def clean_iban(self) -> str:
        return normalise_iban(self.cleaned_data["iban"])

    def clean_bic(self) -> str:
        return normalise_bic(self.cleaned_data["bic"])

    def clean_date_of_birth(self) -> str:
        value = self.cleaned_data["date_of_birth"]
        return value.isoformat() if value else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        number, born = data.get("national_number"), data.get("date_of_birth")
        encoded = birth_date_of(number) if number else None
        if encoded and born and encoded.isoformat() != born:
            self.add_error(
                "date_of_birth",
                _("The national register number gives another date of birth: %(date)s.")
                % {"date": date_format(encoded, "DATE_FORMAT")},
            )
        if data.get("id_document_number") and not data.get("id_document_kind"):
            self.add_error("id_document_kind", _("Say which document the number belongs to."))
        return data


class UnavailabilityForm(forms.ModelForm):
    class Meta:
        model = Unavailability
        fields = ["start_date", "end_date", "reason"]
        widgets = {"start_date": DATE_INPUT, "end_date": DATE_INPUT}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("The end date comes before the start date."))
        return data


class DocumentForm(forms.ModelForm):
    """A personal document; `upload` (optional) adds or replaces its scan, checked by content."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    upload = forms.FileField(
        label=_("scan (PDF, JPEG or PNG)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )

    class Meta:
        model = PersonalDocument
        fields = ["kind", "number", "issuing_country", "valid_from", "valid_until", "note"]
        widgets = {
            "number": forms.TextInput(attrs={"autocomplete": "off"}),
            "valid_from": DATE_INPUT,
            "valid_until": DATE_INPUT,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["upload"].label = _("replace the scan (PDF, JPEG or PNG)")

    def clean_upload(self) -> CheckedFile | None:
        upload = self.cleaned_data.get("upload")
        return check_upload(upload) if upload else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The document cannot expire before it becomes valid."))
        return data


class OnboardingContactForm(forms.ModelForm):
    """What an engaged person may correct about themselves in the address book."""

    class Meta:
        model = Contact
        fields = [
            "name",
            "email",
            "mobile",
            "phone",
            "street",
            "postcode",
            "city",
            "country",
            "nationality",
            "language",
        ]

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data["phone"])

    def clean_mobile(self) -> str:
        return normalise_phone(self.cleaned_data["mobile"])

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class OnboardingSendForm(forms.Form):
    language = forms.ChoiceField(label=_("language of the mail and the form"), choices=settings.LANGUAGES)


class EraseForm(forms.Form):
    confirm_name = forms.CharField(label=_("type the person's name to confirm"), help_text=_("This cannot be undone."))

    def __init__(self, *args: Any, expected: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.expected = expected

    def clean_confirm_name(self) -> str:
        value = self.cleaned_data["confirm_name"].strip()
        if value.casefold() != self.expected.strip().casefold():
            raise forms.ValidationError(_("The name you typed is not the person's name; nothing was erased."))
        return value
