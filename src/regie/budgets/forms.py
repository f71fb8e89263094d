"""All validation of budget input. Forms that change amounts check the candidate against the
engine (the whole version), so an input that would break a total is refused before anything is saved."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from babel.numbers import list_currencies
from django import forms
from django.utils.translation import gettext_lazy as _

from regie.budgets import compute
from regie.budgets.charts import CHART_FOR_KIND, CHARTS
from regie.budgets.explain import explain
from regie.budgets.models import BudgetTemplate, BudgetVersion, FinancingSource, Fringe, Global, Line
from regie.budgets.queries import Sheet
from regie.people.queries import contacts_for_organisation
from regie.productions.models import Production

MAX_RATE = Decimal(10) ** 6


class CreateBudgetForm(forms.Form):
    chart = forms.ChoiceField(label=_("start from"))
    name = forms.CharField(label=_("name of the first version"), max_length=120, initial=_("First estimate"))

    def __init__(self, *args: Any, production: Production, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, Any]] = [(key, chart["label"]) for key, chart in CHARTS.items()]
        choices += [
            (f"template-{t.pk}", t.name) for t in BudgetTemplate.objects.filter(organisation=production.organisation_id)
        ]
        self.fields["chart"].choices = choices  # type: ignore[attr-defined]
        self.fields["chart"].initial = CHART_FOR_KIND.get(production.kind, "theatre")  # type: ignore[call-overload]
        self.production = production

    def structure(self) -> dict[str, Any]:
        key = self.cleaned_data["chart"]
        if key.startswith("template-"):
            template = BudgetTemplate.objects.get(pk=int(key.removeprefix("template-")))
            return template.structure
        return CHARTS[key]


def parse_rates(text: str) -> dict[str, str]:
    """“USD 0.92” per line (or “USD=0.92”) → {"USD": "0.92"}; raises ValidationError naming the line."""
    known = set(list_currencies())
    rates: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.replace("=", " ").replace(":", " ").strip()
        if not line:
            continue
        parts = line.split()
        code = parts[0].upper()
        try:
            rate = Decimal(parts[1].replace(",", ".")) if len(parts) == 2 else None
        except InvalidOperation:
            rate = None
        if code not in known or rate is None or not rate.is_finite():
            raise forms.ValidationError(
                _("Line %(number)s: write a currency code and its rate, for example “USD 0.92”."),
                params={"number": number},
            )
        if not Decimal(0) < rate < MAX_RATE:
            raise forms.ValidationError(
                _("Line %(number)s: the rate of %(code)s must be above zero and below a million."),
                params={"number": number, "code": code},
            )
        rates[code] = str(rate)
    return rates


class VersionSettingsForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    rates = forms.CharField(
        label=_("exchange rates"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One currency a line, with what one unit is worth in the budget's currency: “USD 0.92”."),
    )

    class Meta:
        model = BudgetVersion
        fields = [
            "name",
            "contingency_percent",
            "overhead_percent",
            "insurance_percent",
            "vat_percent",
            "vat_recoverable",
        ]

    def __init__(self, *args: Any, sheet: Sheet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        self.fields["version"].initial = self.instance.version
        self.fields["rates"].initial = "\n".join(
            f"{code} {rate}" for code, rate in self.instance.exchange_rates.items()
        )

    def clean_rates(self) -> dict[str, str]:
        return parse_rates(self.cleaned_data.get("rates") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        candidate = self.sheet.engine_input(
            rates={code: Decimal(rate) for code, rate in data["rates"].items()},
            contingency_percent=data["contingency_percent"],
            overhead_percent=data["overhead_percent"],
            insurance_percent=data["insurance_percent"],
            vat_percent=data["vat_percent"],
            vat_recoverable=data["vat_recoverable"],
        )
        try:
            compute.compute(candidate)
        except compute.BudgetError as error:
            raise forms.ValidationError(explain(error)) from error
        self.instance.exchange_rates = data["rates"]
        return data


class LineForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Line
        fields = [
            "description",
            "quantity",
            "unit",
            "multiplier",
            "rate",
            "currency",
            "fringes",
            "phase",
            "person",
            "supplier",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2}), "fringes": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, sheet: Sheet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        self.fields["fringes"].queryset = Fringe.objects.filter(budget_version=sheet.version)  # type: ignore[attr-defined]
        self.fields["person"].queryset = sheet.version.budget.production.memberships.select_related("user")  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean_currency(self) -> str:
        code = (self.cleaned_data.get("currency") or "").upper()
        if code and code not in set(list_currencies()):
            raise forms.ValidationError(_("“%(code)s” is not a currency code."), params={"code": code})
        return "" if code == self.sheet.version.currency else code

    def clean_rate(self) -> Decimal:
        rate = self.cleaned_data["rate"]
        if abs(rate) > compute.LIMIT:
            raise forms.ValidationError(_("That number is too large for a budget; check it for a typing error."))
        return rate

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        key = self.instance.pk or "new"
        candidate = compute.Line(
            key=key,
            account=self.instance.account_id,
            quantity=data["quantity"],
            multiplier=data["multiplier"],
            rate=data["rate"],
            currency=data["currency"],
            fringes=tuple(f.pk for f in data.get("fringes", [])),
        )
        lines = [line for line in self.sheet.engine_input().lines if line.key != key] + [candidate]
        try:
            compute.check_lines(self.sheet.engine_input(lines=lines), [key])
        except compute.BudgetError as error:
            field = (
                "quantity" if isinstance(error, compute.ExpressionSyntaxError | compute.UnknownGlobalError) else None
            )
            if isinstance(error, compute.ExpressionSyntaxError) and error.expression == data.get("multiplier"):
                field = "multiplier"
            if isinstance(error, compute.MissingRateError):
                field = "currency"
            self.add_error(field, explain(error))
        return data


class GlobalForm(forms.ModelForm):
    class Meta:
        model = Global
        fields = ["name", "expression", "description"]

    def __init__(self, *args: Any, sheet: Sheet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sheet = sheet

    def clean_name(self) -> str:
        name = (self.cleaned_data.get("name") or "").strip().upper()
        taken = [g for g in self.sheet.globals if g.name == name and g.pk != self.instance.pk]
        if taken:
            raise forms.ValidationError(_("This budget has a global called %(name)s already."), params={"name": name})
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        # The edited global first, so that a circular reference is reported from its point of view.
        expressions = {data["name"]: data["expression"]}
        expressions.update({g.name: g.expression for g in self.sheet.globals if g.pk != self.instance.pk})
        try:
            compute.compute(self.sheet.engine_input(globals=expressions))
        except compute.BudgetError as error:
            self.add_error("expression", explain(error))
        return data


class FringeForm(forms.ModelForm):
    class Meta:
        model = Fringe
        fields = ["name", "basis", "value"]
        help_texts = {"value": _("A percentage (27 for 27 %) or an amount in the budget's currency.")}


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("name of the template"), max_length=150)


class CompareForm(forms.Form):
    v = forms.ModelMultipleChoiceField(
        label=_("versions to compare"), queryset=BudgetVersion.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, versions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["v"].queryset = versions  # type: ignore[attr-defined]

    def clean_v(self) -> list[BudgetVersion]:
        chosen = sorted(self.cleaned_data["v"], key=lambda v: v.number)
        if len(chosen) < 2:
            raise forms.ValidationError(_("Choose at least two versions."))
        return chosen


class FinancingSourceForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = FinancingSource
        fields = [
            "kind",
            "funder",
            "contact",
            "status",
            "amount_requested",
            "amount_secured",
            "currency",
            "conditions",
            "reporting_deadline",
        ]
        widgets = {
            "conditions": forms.Textarea(attrs={"rows": 3}),
            "reporting_deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, production: Production, reference: BudgetVersion | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reference = reference
        self.budget_currency = reference.currency if reference else production.currency
        self.fields["funder"].required = False
        self.fields["funder"].help_text = _("Empty to take the name of the contact.")
        self.fields["contact"].queryset = contacts_for_organisation(production.organisation)  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean_currency(self) -> str:
        code = (self.cleaned_data.get("currency") or "").strip().upper()
        if code and code not in set(list_currencies()):
            raise forms.ValidationError(_("“%(code)s” is not a currency code."), params={"code": code})
        if not code or code == self.budget_currency:
            return ""
        rates = self.reference.rates() if self.reference else {}
        if code not in rates:
            raise forms.ValidationError(
                _("The budget has no exchange rate for %(code)s. Add one in the version's settings first."),
                params={"code": code},
            )
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for field in ("amount_requested", "amount_secured"):
            amount = data.get(field)
            if amount is not None and amount > compute.LIMIT:
                self.add_error(field, _("That number is too large for a budget; check it for a typing error."))
        if not data.get("funder"):
            contact = data.get("contact")
            if contact is None:
                self.add_error("funder", _("Name the funder, or choose a contact."))
            else:
                data["funder"] = contact.name[:200]
                self.instance.funder = data["funder"]
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("workbook (XLSX)"),
        help_text=_("A workbook in the layout of Regie's export: download a budget as XLSX to start from."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError(_("The workbook is larger than 20 MB."))
        head = upload.read(4)
        upload.seek(0)
        if head != b"PK\x03\x04":
            raise forms.ValidationError(_("This file is not an XLSX workbook."))
        return upload
