from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from regie.callsheets.models import CallSheet, RunningOrderRow, SheetCall, SheetKind, SheetLocation
from regie.people.models import DEPARTMENT_LABELS, Engagement, EngagementStatus

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def wall_clock(sheet: CallSheet, value: datetime.time | None, field: str) -> datetime.datetime | None:
    """The aware moment of a local time on the sheet's day; refuses a time the clocks skip."""
    if value is None:
        return None
    moment = sheet.at(value)
    if moment.time().replace(second=0, microsecond=0) != value.replace(second=0, microsecond=0):
        raise forms.ValidationError(
            _("%(time)s does not exist on %(date)s in %(zone)s: the clocks go forward that night."),
            params={"time": value.strftime("%H:%M"), "date": sheet.date.strftime("%d/%m/%Y"), "zone": sheet.tz.key},
            code="skipped_time",
        )
    return moment


class GenerateForm(forms.Form):
    date = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("As the production")), *SheetKind.choices], required=False
    )
    empty = forms.BooleanField(
        label=_("Start an empty sheet when nothing is planned that day"), required=False, initial=False
    )


class SheetForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = CallSheet
        fields = [
            "kind",
            "title",
            "day_number",
            "day_count",
            "general_call",
            "weather",
            "catering",
            "safety",
            "notes",
        ]
        widgets = {
            "general_call": TIME,
            "catering": forms.Textarea(attrs={"rows": 2}),
            "safety": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, departments: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        notes = self.instance.department_notes or {}
        self.department_fields = []
        for code in sorted(set(departments) | set(notes)):
            name = f"note_{code}"
            self.fields[name] = forms.CharField(
                label=_("Note for %(department)s") % {"department": DEPARTMENT_LABELS.get(code, code)},
                required=False,
                initial=notes.get(code, ""),
                widget=forms.Textarea(attrs={"rows": 1}),
            )
            self.department_fields.append((code, name))

    def save(self, commit: bool = True) -> CallSheet:
        sheet = super().save(commit=False)
        sheet.department_notes = {
            code: self.cleaned_data[name].strip() for code, name in self.department_fields if self.cleaned_data[name]
        }
        if commit:
            sheet.save()
        return sheet


class SheetCallForm(forms.ModelForm):
    call_time = forms.TimeField(label=pgettext_lazy("schedule", "Call time"), required=False, widget=TIME)
    wrap_time = forms.TimeField(label=_("Wrap"), required=False, widget=TIME)
    pickup_time = forms.TimeField(label=_("Pick-up time"), required=False, widget=TIME)

    class Meta:
        model = SheetCall
        fields = ["pickup_place", "note"]

    def __init__(self, *args: Any, sheet: CallSheet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        tz = sheet.tz
        for name, attr in (("call_time", "call_at"), ("wrap_time", "wrap_at"), ("pickup_time", "pickup_at")):
            moment = getattr(self.instance, attr)
            if moment is not None:
                self.fields[name].initial = moment.astimezone(tz).time()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, attr in (("call_time", "call_at"), ("wrap_time", "wrap_at"), ("pickup_time", "pickup_at")):
            try:
                setattr(self.instance, attr, wall_clock(self.sheet, data.get(name), name))
            except forms.ValidationError as error:
                self.add_error(name, error)
        return data

    @property
    def who(self) -> str:
        call = self.instance
        if call.engagement_id:
            return f"{call.engagement.contact.name} — {call.engagement.function_label}"
        return str(DEPARTMENT_LABELS.get(call.department, call.department))


class BaseSheetFormSet(BaseModelFormSet):
    def __init__(self, *args: Any, sheet: CallSheet, **kwargs: Any) -> None:
        self.sheet = sheet
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        kwargs = super().get_form_kwargs(index)
        if issubclass(self.form, SheetCallForm):
            kwargs["sheet"] = self.sheet
        return kwargs


SheetCallFormSet = modelformset_factory(
    SheetCall, form=SheetCallForm, formset=BaseSheetFormSet, extra=0, can_delete=True
)
LocationFormSet = modelformset_factory(
    SheetLocation,
    formset=BaseSheetFormSet,
    fields=["name", "address", "parking", "access", "nearest_hospital", "emergency_numbers"],
    widgets={
        "parking": forms.Textarea(attrs={"rows": 1}),
        "access": forms.Textarea(attrs={"rows": 1}),
        "nearest_hospital": forms.Textarea(attrs={"rows": 1}),
    },
    extra=1,
    can_delete=True,
)
RunningOrderFormSet = modelformset_factory(
    RunningOrderRow,
    formset=BaseSheetFormSet,
    fields=["position", "starts_at", "duration_minutes", "what", "who"],
    widgets={"starts_at": TIME, "position": forms.NumberInput(attrs={"class": "narrow"})},
    extra=2,
    can_delete=True,
)


class VersionForm(forms.Form):
    """The version of the sheet the person looked at, for an action on the whole sheet."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class PublishForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    # The digest of the differences with the schedule the person saw and chose to publish anyway.
    confirmed = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    others = forms.ModelMultipleChoiceField(
        label=_("Also send to"),
        queryset=Engagement.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("People on the production who are not called that day."),
    )

    def __init__(
        self, *args: Any, sheet: CallSheet, called: list[Engagement], confirmed: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = sheet.version
        self.fields["confirmed"].initial = confirmed
        others = self.fields["others"]
        others.queryset = (  # type: ignore[attr-defined]
            Engagement.objects.filter(production=sheet.production)
            .exclude(pk__in=[e.pk for e in called])
            .exclude(status=EngagementStatus.CANCELLED)
            .exclude(contact__email="")
            .select_related("contact")
            .order_by("contact__name")
        )
        others.label_from_instance = lambda e: f"{e.contact.name} — {e.function_label}"  # type: ignore[attr-defined]
