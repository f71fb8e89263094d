from __future__ import annotations

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
        choices=[(StripKind.DAY_BREAK, StripKind.DAY_BREAK.label), (StripKind.BANNER, StripKind.BANNER.label)],
    )
    text = forms.CharField(label=_("text of a banner"), max_length=200, required=False)
