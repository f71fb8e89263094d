from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.people.models import Engagement
from regie.productions.models import Production
from regie.screenplay import MAX_BYTES
from regie.scripts.models import Category, StripKind


class ScriptUploadForm(forms.Form):
    file = forms.FileField(
        label=_("script file"),
        help_text=_("A Fountain (.fountain) or Final Draft (.fdx) screenplay, up to 20 MB."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB; Regie reads screenplays up to that size."),
                params={"limit": MAX_BYTES // (1024 * 1024)},
            )
        return upload


class ElementForm(forms.Form):
    category = forms.ChoiceField(label=_("category"), choices=Category.choices)
    name = forms.CharField(
        label=_("name"), max_length=200, widget=forms.TextInput(attrs={"list": "element-names", "autocomplete": "off"})
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Give the element a name."))
        return name


class CastLinkForm(forms.Form):
    engagement = forms.ModelChoiceField(label=_("played by"), queryset=Engagement.objects.none(), required=False)

    def __init__(self, *args: Any, production: Production, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["engagement"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = production.engagements.select_related("contact").order_by("contact__name")


class BoardForm(forms.Form):
    name = forms.CharField(label=_("name of the stripboard"), max_length=100)


class StripForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("strip"),
        choices=[
            (StripKind.DAY_BREAK, StripKind.DAY_BREAK.label),
            (StripKind.TRAVEL, StripKind.TRAVEL.label),
            (StripKind.BANNER, StripKind.BANNER.label),
        ],
    )
    text = forms.CharField(label=_("text of a banner or travel day"), max_length=200, required=False)


class OptimiseForm(forms.Form):
    time_limit = forms.IntegerField(
        label=_("time limit in seconds"),
        min_value=1,
        max_value=300,
        initial=10,
        help_text=_("The optimiser returns the best order found in this time; small boards finish sooner."),
    )
    pages_per_day = forms.DecimalField(
        label=_("pages per shooting day"), min_value=Decimal("0.125"), max_value=20, decimal_places=3, initial=5
    )
    keep_days = forms.BooleanField(
        label=_("keep my shooting days"),
        required=False,
        help_text=_("Keep the scenes of each day together as they are and only change the order of the days."),
    )
    location_blocks = forms.BooleanField(
        label=_("keep each location together"),
        required=False,
        initial=True,
        help_text=_("Shoot the scenes of one set back to back, day scenes and night scenes apart."),
    )
    max_locations_per_day = forms.IntegerField(
        label=_("locations per day at most"),
        min_value=0,
        max_value=10,
        initial=2,
        help_text=_("A new location on the same day is a company move; 0 means no limit."),
    )


class ApplyForm(forms.Form):
    name = forms.CharField(label=_("name of the new stripboard"), max_length=100)


WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class BoardDatesForm(forms.Form):
    drives_schedule = forms.BooleanField(
        label=_("put this board's days in the schedule"),
        required=False,
        help_text=_("Each day of the board becomes a shooting day (or travel day) with its cast called."),
    )
    start_date = forms.DateField(
        label=_("first shooting day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    days_off = forms.TypedMultipleChoiceField(
        label=_("weekdays off"), choices=WEEKDAYS, coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    dates_off = forms.CharField(
        label=_("dates off"),
        required=False,
        help_text=_("Public holidays and other days without shooting, as 2027-05-01, separated by commas."),
    )
    call_time = forms.TimeField(label=_("call time"), widget=forms.TimeInput(attrs={"type": "time"}))
    wrap_time = forms.TimeField(label=_("wrap"), widget=forms.TimeInput(attrs={"type": "time"}))

    def clean_dates_off(self) -> list[str]:
        dates = []
        for part in self.cleaned_data["dates_off"].replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            try:
                dates.append(datetime.date.fromisoformat(part).isoformat())
            except ValueError:
                raise forms.ValidationError(
                    _("%(value)s is not a date; write dates as 2027-05-01."), params={"value": part}
                ) from None
        return dates


class UssUploadForm(forms.Form):
    file = forms.FileField(
        label=_("schedule file"),
        help_text=_("A Universal Schedule Standard file (.uss.json or .json), up to 5 MB."),
    )
