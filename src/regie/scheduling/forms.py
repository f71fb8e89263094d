from __future__ import annotations

import datetime as dt
from collections.abc import MutableMapping
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from regie.people.functions import Department
from regie.people.models import Engagement, EngagementStatus
from regie.productions.models import Production
from regie.scheduling.models import (
    Call,
    DayTemplate,
    ItemKind,
    ItemStatus,
    Place,
    ScheduleItem,
    Space,
    TemplateEntry,
)
from regie.scheduling.timing import NonexistentLocalTime, to_local, to_utc

LOCAL_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S")
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock date and time, kept naive: the form makes it aware in the production's time zone
    (Django's own field would use the server's active time zone)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value: Any) -> dt.datetime | None:  # type: ignore[override]
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.replace(tzinfo=None)
        for pattern in LOCAL_FORMATS:
            try:
                return dt.datetime.strptime(str(value).strip(), pattern)
            except ValueError:
                continue
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


def nonexistent_error(naive: dt.datetime, timezone: str) -> forms.ValidationError:
    return forms.ValidationError(
        _(
            "%(time)s does not exist on %(date)s in %(zone)s: the clocks go forward an hour that night. "
            "Choose a time after the change."
        ),
        code="nonexistent_time",
        params={"time": f"{naive:%H:%M}", "date": formats.date_format(naive.date()), "zone": timezone},
    )


class LocalTimesMixin:
    """Turns the naive local fields named in `local_fields` into aware UTC instants in `timezone`."""

    local_fields: tuple[str, ...] = ()
    timezone: str = "UTC"
    cleaned_data: dict[str, Any]

    def localise_initial(self, instance: Any, initial: MutableMapping[str, Any]) -> None:
        for name in self.local_fields:
            value = getattr(instance, name, None)
            if value is not None:
                initial[name] = to_local(value, self.timezone)

    def clean_local_times(self) -> None:
        for name in self.local_fields:
            naive = self.cleaned_data.get(name)
            if naive is None:
                continue
            try:
                self.cleaned_data[name] = to_utc(naive, self.timezone)
            except NonexistentLocalTime:
                del self.cleaned_data[name]
                self.add_error(name, nonexistent_error(naive, self.timezone))  # type: ignore[attr-defined]


class ItemForm(LocalTimesMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    starts_at = LocalDateTimeField(label=_("starts"))
    ends_at = LocalDateTimeField(label=_("ends"))
    departments = forms.MultipleChoiceField(
        label=_("departments called"), choices=Department.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    people = forms.ModelMultipleChoiceField(
        label=_("people called"),
        queryset=Engagement.objects.none(),
        required=False,
        help_text=_("Each gets the item's times; set their own call and wrap on the item's page."),
    )
    spaces = forms.ModelMultipleChoiceField(
        label=_("spaces and resources"),
        queryset=Space.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    local_fields = ("starts_at", "ends_at")

    class Meta:
        model = ScheduleItem
        fields = ["kind", "title", "starts_at", "ends_at", "status", "place", "spaces", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, production: Production, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.production = production
        self.timezone = production.timezone
        organisation = production.organisation
        place = self.fields["place"]
        assert isinstance(place, forms.ModelChoiceField)
        place.queryset = organisation.places.filter(archived_at__isnull=True)
        spaces = self.fields["spaces"]
        assert isinstance(spaces, forms.ModelMultipleChoiceField)
        spaces.queryset = organisation.spaces.filter(archived_at__isnull=True).select_related("place")
        people = self.fields["people"]
        assert isinstance(people, forms.ModelMultipleChoiceField)
        people.queryset = (
            production.engagements.exclude(status=EngagementStatus.CANCELLED)
            .select_related("contact")
            .order_by("contact__name")
        )
        people.label_from_instance = lambda e: f"{e.contact.name} ({e.function_label})"  # type: ignore[method-assign,assignment]
        if self.instance.pk is not None:
            self.localise_initial(self.instance, self.initial)
            self.fields["version"].initial = self.instance.version
            calls = list(self.instance.calls.all())
            self.initial["departments"] = [c.department for c in calls if c.department]
            self.initial["people"] = [c.engagement_id for c in calls if c.engagement_id]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("starts_at"), cleaned.get("ends_at")
        if start is not None and end is not None and end <= start:
            self.add_error(
                "ends_at",
                forms.ValidationError(
                    _("The item ends before it starts (or at the same moment): the end must come after the start."),
                    code="ends_before_start",
                ),
            )
        self.clean_local_times()
        return cleaned


class CallForm(LocalTimesMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    call_at = LocalDateTimeField(label=_("call time"), required=False)
    wrap_at = LocalDateTimeField(label=_("wrap"), required=False)
    pickup_at = LocalDateTimeField(label=_("pick-up time"), required=False)
    local_fields = ("call_at", "wrap_at", "pickup_at")

    class Meta:
        model = Call
        fields = ["call_at", "wrap_at", "pickup_at", "pickup_place", "note"]

    def __init__(self, *args: Any, timezone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.timezone = timezone
        self.localise_initial(self.instance, self.initial)
        self.fields["version"].initial = self.instance.item.version

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("call_at"), cleaned.get("wrap_at")
        if start is not None and end is not None and end <= start:
            self.add_error("wrap_at", _("The wrap must come after the call time."))
        self.clean_local_times()
        return cleaned


class MoveForm(forms.Form):
    """The calendar's drag and drop: new local start and end, and the version the page showed."""

    version = forms.IntegerField()
    start = LocalDateTimeField()
    end = LocalDateTimeField()

    def __init__(self, *args: Any, timezone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.timezone = timezone

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("start"), cleaned.get("end")
        if start is None or end is None:
            return cleaned
        if end <= start:
            raise forms.ValidationError(_("An item must end after it starts."), code="ends_before_start")
        try:
            cleaned["start"] = to_utc(start, self.timezone)
            cleaned["end"] = to_utc(end, self.timezone)
        except NonexistentLocalTime as error:
            raise nonexistent_error(start if "start" in str(error) else end, self.timezone) from error
        return cleaned


WEEKDAYS = [(0, _("Mon")), (1, _("Tue")), (2, _("Wed")), (3, _("Thu")), (4, _("Fri")), (5, _("Sat")), (6, _("Sun"))]
MAX_TEMPLATE_DAYS = 366


class ApplyTemplateForm(forms.Form):
    template = forms.ModelChoiceField(label=_("day template"), queryset=DayTemplate.objects.none())
    first_date = forms.DateField(label=_("from"), widget=DATE_INPUT)
    last_date = forms.DateField(label=_("until"), widget=DATE_INPUT, required=False, help_text=_("Blank: one day."))
    weekdays = forms.TypedMultipleChoiceField(
        label=_("on"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every day."),
    )
    status = forms.ChoiceField(label=_("status"), choices=ItemStatus.choices, initial=ItemStatus.CONFIRMED)
    place = forms.ModelChoiceField(label=_("place"), queryset=Place.objects.none(), required=False)
    spaces = forms.ModelMultipleChoiceField(
        label=_("spaces and resources"),
        queryset=Space.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, production: Production, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation = production.organisation
        for name, queryset in (
            ("template", organisation.day_templates.all()),
            ("place", organisation.places.filter(archived_at__isnull=True)),
            ("spaces", organisation.spaces.filter(archived_at__isnull=True).select_related("place")),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        first, last = cleaned.get("first_date"), cleaned.get("last_date") or cleaned.get("first_date")
        if first is None or last is None:
            return cleaned
        if last < first:
            self.add_error("last_date", _("The last date comes before the first."))
            return cleaned
        if (last - first).days >= MAX_TEMPLATE_DAYS:
            self.add_error("last_date", _("Apply a template to at most a year of dates at once."))
            return cleaned
        weekdays = set(cleaned.get("weekdays") or range(7))
        days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        cleaned["dates"] = [d for d in days if d.weekday() in weekdays]
        if not cleaned["dates"]:
            self.add_error("weekdays", _("None of the dates falls on the days ticked."))
        return cleaned


class PlainSelect(forms.Select):
    """A select rendered in Python rather than one template per option: a festival's person filter
    has 800 options, which Django's option templates take a third of a second to render."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        chosen = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((str(v), mark_safe(" selected") if str(v) == chosen else "", label) for v, label in self.choices),
        )
        return format_html("<select{}>{}</select>", flatatt(final), options)


class FilterForm(forms.Form):
    kind = forms.MultipleChoiceField(label=_("kind"), choices=ItemKind.choices, required=False)
    department = forms.MultipleChoiceField(label=_("department"), choices=Department.choices, required=False)
    person = forms.ModelChoiceField(
        label=_("person"), queryset=Engagement.objects.none(), required=False, widget=PlainSelect
    )
    space = forms.ModelChoiceField(label=_("space"), queryset=Space.objects.none(), required=False)

    def __init__(self, *args: Any, production: Production, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)
        person.queryset = production.engagements.select_related("contact").order_by("contact__name")
        person.label_from_instance = lambda e: e.contact.name  # type: ignore[method-assign,assignment]
        space = self.fields["space"]
        assert isinstance(space, forms.ModelChoiceField)
        space.queryset = production.organisation.spaces.select_related("place")


class AcceptConflictForm(forms.Form):
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class PlaceForm(forms.ModelForm):
    class Meta:
        model = Place
        fields = [
            "name",
            "street",
            "postcode",
            "city",
            "country",
            "timezone",
            "latitude",
            "longitude",
            "parking",
            "access",
            "nearest_hospital",
            "emergency_numbers",
            "notes",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2}) for name in ("parking", "access", "nearest_hospital", "notes")
        }

    def clean_timezone(self) -> str:
        from regie.productions.models import validate_timezone

        value = self.cleaned_data["timezone"].strip()
        if value:
            validate_timezone(value)
        return value


class SpaceForm(forms.ModelForm):
    class Meta:
        model = Space
        fields = ["name", "kind", "place", "capacity", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        place = self.fields["place"]
        assert isinstance(place, forms.ModelChoiceField)
        place.queryset = organisation.places.filter(archived_at__isnull=True)


class DayTemplateForm(forms.ModelForm):
    class Meta:
        model = DayTemplate
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class TemplateEntryForm(forms.ModelForm):
    minutes = forms.IntegerField(label=_("length in minutes"), min_value=5, max_value=24 * 60)
    departments = forms.MultipleChoiceField(
        label=_("departments called"), choices=Department.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = TemplateEntry
        fields = ["kind", "title", "start_time", "departments"]
        widgets = {"start_time": TIME_INPUT}

    def save(self, commit: bool = True) -> TemplateEntry:
        self.instance.duration = dt.timedelta(minutes=self.cleaned_data["minutes"])
        return super().save(commit=commit)
