from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.contracts.models import (
    LANGUAGES,
    Contract,
    ContractKind,
    ContractTemplate,
    Invoice,
    Payment,
    PaymentCondition,
    RequiredDocument,
    Settlement,
)
from regie.contracts.queries import budget_line_choices, templates_for
from regie.core.formatting import currency_choices
from regie.people.validation import normalise_bic, normalise_iban
from regie.productions.models import Production

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def parse_dates(value: str) -> list[str]:
    """ISO dates separated by commas, spaces or new lines, sorted and without doubles."""
    days = set()
    for part in value.replace(",", " ").split():
        try:
            days.add(datetime.date.fromisoformat(part.strip()))
        except ValueError:
            raise forms.ValidationError(
                _("“%(value)s” is not a date. Write the days as 2027-03-14, separated by commas."),
                params={"value": part},
            ) from None
    return [day.isoformat() for day in sorted(days)]


class TemplateSelect(forms.Select):
    """The template choice, each option carrying its kind so the form can show the parts that kind uses."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kinds: dict[str, str] = {}
        self.attrs["data-kind-switch"] = ""

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        kind = self.kinds.get(str(getattr(value, "value", value)))
        if kind:
            option["attrs"]["data-kind"] = kind
        return option


# The parts of the contract form; a part with kinds is shown (with JavaScript) only for templates
# of those kinds. Without JavaScript every part shows.
FIELDSETS: list[tuple[Any, str, list[str]]] = [
    (_("Parties"), "", ["template", "title", "counterparty", "engagement"]),
    (_("The work"), "", ["subject", "start_date", "end_date", "work_dates_text", "schedule", "venue"]),
    (_("Fee"), "", ["fee", "fee_unit", "total_amount", "currency"]),
    (_("Presenting and door deal"), "presenting", ["our_role", "guarantee", "door_percentage"]),
    (_("Amateur arts allowance"), "artist", ["travel_allowance", "akv_days_elsewhere"]),
    (
        _("Rights"),
        "coproduction freelance portrait_release rights_cession",
        ["rights_media", "rights_territory", "rights_duration"],
    ),
    (_("Employment declaration"), "employment_fixed_term employment_per_performance artist", ["dimona_reference"]),
    (_("Clauses"), "", ["clauses"]),
]


class ContractForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    work_dates_text = forms.CharField(
        label=_("working or performance days"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Dates as 2027-03-14, separated by commas."),
    )
    clauses = forms.MultipleChoiceField(
        label=_("optional clauses"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Contract
        fields = [
            "template",
            "title",
            "counterparty",
            "engagement",
            "subject",
            "start_date",
            "end_date",
            "schedule",
            "venue",
            "fee",
            "fee_unit",
            "total_amount",
            "currency",
            "our_role",
            "guarantee",
            "door_percentage",
            "travel_allowance",
            "akv_days_elsewhere",
            "rights_media",
            "rights_territory",
            "rights_duration",
            "dimona_reference",
        ]
        widgets = {
            "start_date": DATE_INPUT,
            "end_date": DATE_INPUT,
            "subject": forms.Textarea(attrs={"rows": 2}),
            "schedule": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, production: Production, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.production = production
        organisation = production.organisation
        template_field: Any = self.fields["template"]
        template_field.queryset = templates_for(organisation).order_by("kind", "language", "name")
        labels = dict(LANGUAGES)
        template_field.label_from_instance = lambda t: f"{t.name} — {labels.get(t.language, t.language)}"
        template_field.widget = TemplateSelect(choices=template_field.widget.choices)
        template_field.widget.kinds = {str(pk): kind for pk, kind in template_field.queryset.values_list("pk", "kind")}
        party_field: Any = self.fields["counterparty"]
        party_field.queryset = organisation.contacts.filter(archived_at__isnull=True).order_by("name")
        engagement_field: Any = self.fields["engagement"]
        engagement_field.queryset = production.engagements.select_related("contact").order_by("contact__name")
        engagement_field.label_from_instance = lambda e: f"{e.contact.name} ({e.function_label})"
        self.fields["currency"] = forms.ChoiceField(label=_("currency"), choices=currency_choices())
        self.fields["akv_days_elsewhere"].required = False
        instance = self.instance
        if instance.pk:
            self.fields["version"].initial = instance.version
            self.fields["work_dates_text"].initial = ", ".join(instance.work_dates)
            optional = [c for c in instance.template.clauses if c.get("optional")]
            clause_field: Any = self.fields["clauses"]
            clause_field.choices = [(c["key"], c["title"]) for c in optional]
            self.fields["clauses"].initial = instance.clauses
        else:
            del self.fields["clauses"]
            self.fields["currency"].initial = production.currency

    def fieldsets(self) -> list[tuple[Any, str, list[Any]]]:
        """(legend, kinds, bound fields) of each part that has fields."""
        parts = []
        for legend, kinds, names in FIELDSETS:
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                parts.append((legend, kinds, fields))
        return parts

    def clean_akv_days_elsewhere(self) -> int:
        return self.cleaned_data.get("akv_days_elsewhere") or 0

    def clean_work_dates_text(self) -> list[str]:
        return parse_dates(self.cleaned_data.get("work_dates_text") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        engagement, party = data.get("engagement"), data.get("counterparty")
        if engagement is not None and party is not None and engagement.contact_id != party.pk:
            self.add_error("engagement", _("This engagement is of another person than the other party."))
        template = data.get("template")
        if self.instance.pk and template is not None and template.pk != self.instance.template_id:
            keys = {c["key"] for c in template.clauses if c.get("optional")}
            data["clauses"] = [key for key in data.get("clauses", []) if key in keys]
        return data

    def save(self, commit: bool = True) -> Contract:
        contract = super().save(commit=False)
        contract.production = self.production
        contract.work_dates = self.cleaned_data["work_dates_text"]
        if "clauses" in self.cleaned_data:
            contract.clauses = list(self.cleaned_data["clauses"])
        if commit:
            contract.save()
        return contract


class NoteForm(forms.Form):
    text = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class AcceptForm(forms.Form):
    name = forms.CharField(label=_("your full name"), max_length=200)
    agree = forms.BooleanField(label=_("I have read the contract and I accept it."), required=True)


class CounterProposalForm(forms.Form):
    name = forms.CharField(label=_("your full name"), max_length=200)
    text = forms.CharField(
        label=_("the changes you propose"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class SignedCopyForm(forms.Form):
    signer = forms.CharField(label=_("signed by"), max_length=200)
    file = forms.FileField(label=_("signed copy (PDF, JPEG or PNG, at most 10 MB)"))


class LineLinkForm(forms.Form):
    line = forms.ChoiceField(label=_("budget line"))
    amount = forms.DecimalField(label=_("amount"), max_digits=14, decimal_places=2, min_value=0)

    def __init__(self, *args: Any, production: Production, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        line_field: Any = self.fields["line"]
        line_field.choices = budget_line_choices(production)


class PaymentForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Payment
        fields = ["kind", "label", "amount", "condition", "days_after", "due_date"]
        widgets = {"due_date": DATE_INPUT}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("condition") == PaymentCondition.FIXED_DATE and not data.get("due_date"):
            self.add_error("due_date", _("A payment on a fixed date needs its date."))
        return data

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


class ConditionForm(forms.Form):
    condition = forms.ChoiceField(
        label=_("what happened"),
        choices=[(PaymentCondition.ON_DELIVERY, _("Delivered")), (PaymentCondition.ON_PERFORMANCE, _("Performed"))],
    )
    on = forms.DateField(label=_("on"), widget=DATE_INPUT)


class BatchForm(forms.Form):
    payments = forms.MultipleChoiceField(label=_("approved payments"), widget=forms.CheckboxSelectMultiple)
    execution_date = forms.DateField(label=_("execution date"), widget=DATE_INPUT)
    debtor_name = forms.CharField(label=_("account holder"), max_length=70)
    debtor_iban = forms.CharField(label=_("IBAN to pay from"), max_length=42)
    debtor_bic = forms.CharField(label=_("BIC"), max_length=11, required=False)

    def __init__(self, *args: Any, approved: list[Payment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from regie.core.formatting import format_money

        payments_field: Any = self.fields["payments"]
        payments_field.choices = [
            (str(p.pk), f"{p.payee.name} — {p.label} — {format_money(p.amount, p.currency)}") for p in approved
        ]

    def clean_debtor_iban(self) -> str:
        return normalise_iban(self.cleaned_data["debtor_iban"])

    def clean_debtor_bic(self) -> str:
        return normalise_bic(self.cleaned_data.get("debtor_bic") or "")


class InvoiceForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Invoice
        fields = [
            "direction",
            "kind",
            "number",
            "contact",
            "contract",
            "issue_date",
            "due_date",
            "description",
            "net_amount",
            "vat_rate",
            "currency",
        ]
        widgets = {"issue_date": DATE_INPUT, "due_date": DATE_INPUT}

    def __init__(self, *args: Any, production: Production, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.production = production
        contact_field: Any = self.fields["contact"]
        contact_field.queryset = production.organisation.contacts.filter(archived_at__isnull=True).order_by("name")
        contract_field: Any = self.fields["contract"]
        contract_field.queryset = production.contracts.select_related("counterparty")
        self.fields["number"].required = False
        self.fields["number"].help_text = _("Empty for our own invoices: Regie numbers them.")
        self.fields["currency"] = forms.ChoiceField(
            label=_("currency"), choices=currency_choices(), initial=production.currency
        )
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["direction"].disabled = True  # our invoices are numbered in sequence

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("direction") == "incoming" and not data.get("number"):
            self.add_error("number", _("Enter the supplier's invoice number."))
        issue, due = data.get("issue_date"), data.get("due_date")
        if issue and due and due < issue:
            self.add_error("due_date", _("The due date cannot be before the invoice date."))
        return data


class SettlementForm(forms.ModelForm):
    class Meta:
        model = Settlement
        fields = [
            "performance_date",
            "tickets_sold",
            "gross_receipts",
            "ticket_vat_rate",
            "deductible_costs",
            "guarantee",
            "percentage",
        ]
        widgets = {"performance_date": DATE_INPUT}


class SettlementInvoiceForm(forms.Form):
    vat_rate = forms.DecimalField(
        label=_("VAT (%)"),
        min_value=Decimal(0),
        max_value=Decimal(100),
        decimal_places=2,
        initial=Decimal(6),
        help_text=_("6 % for an artistic performance by a company; exempt (0 %) for an artist in person."),
    )


class RequiredDocumentForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = RequiredDocument
        fields = [
            "kind",
            "title",
            "engagement",
            "contract",
            "work_kind",
            "rights_holder",
            "territory",
            "duration",
            "media",
            "broadcast_format",
            "loudness",
            "subtitles",
            "provider",
            "needed_by",
            "valid_until",
            "status",
            "notes",
        ]
        widgets = {"needed_by": DATE_INPUT, "valid_until": DATE_INPUT, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, production: Production, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        engagement_field: Any = self.fields["engagement"]
        engagement_field.queryset = production.engagements.select_related("contact").order_by("contact__name")
        engagement_field.label_from_instance = lambda e: f"{e.contact.name} ({e.function_label})"
        contract_field: Any = self.fields["contract"]
        contract_field.queryset = production.contracts.select_related("counterparty")
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


class WordTemplateForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)
    kind = forms.ChoiceField(label=_("kind"), choices=ContractKind.choices)
    language = forms.ChoiceField(label=_("language"), choices=LANGUAGES)
    file = forms.FileField(label=_("Word file (.docx, at most 5 MB)"))


class TemplateTextForm(forms.Form):
    text = forms.CharField(
        label=_("template"),
        widget=forms.Textarea(attrs={"rows": 30}),
        help_text=_(
            "A “name:” line, then clauses: “== key | Title”, “== key [optional] | Title” "
            "or “== key [optional off] | Title”."
        ),
    )


class TemplateCopyForm(forms.Form):
    source = forms.ModelChoiceField(label=_("start from"), queryset=ContractTemplate.objects.none())
    name = forms.CharField(label=_("name"), max_length=200)

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        source: Any = self.fields["source"]
        source.queryset = templates_for(organisation).filter(docx_name="")
