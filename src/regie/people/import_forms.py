"""The forms of a contact import: the upload, the column mapping, and the check of every row with
the very validation of the contact form."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from regie.accounts.models import Organisation
from regie.core.formatting import currency_choices
from regie.people.forms import ContactForm
from regie.people.imports import MAX_BYTES, ImportRefused, Table, plain, read_table
from regie.people.models import Contact, ContactKind
from regie.people.validation import name_key, normalise_email
from regie.people.vcards import read_vcards

IMPORTABLE_FIELDS = (
    "name",
    "kind",
    "company",
    "email",
    "email_other",
    "phone",
    "mobile",
    "website",
    "street",
    "postcode",
    "city",
    "country",
    "nationality",
    "vat_number",
    "skills",
    "tags",
    "day_rate",
    "hour_rate",
    "notes",
)
ACCEPTED_EXTENSIONS = (".csv", ".txt", ".xlsx", ".vcf")
MAX_PROBLEMS_SHOWN = 200


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV, XLSX or vCard file"),
        help_text=_("The first row names the columns. At most 10,000 contacts and 5 MB."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ACCEPTED_EXTENSIONS):
            raise forms.ValidationError(_("Choose a CSV, XLSX or vCard (.vcf) file."))
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB; split it into smaller files."),
                params={"size": MAX_BYTES // 1024**2},
            )
        try:
            content = upload.read()
            is_vcard = upload.name.lower().endswith(".vcf") or content.lstrip(b"\xef\xbb\xbf").startswith(
                b"BEGIN:VCARD"
            )
            self.table = read_vcards(content) if is_vcard else read_table(content, upload.name)
        except ImportRefused as refused:
            raise forms.ValidationError(str(refused)) from None
        return upload


def field_choices() -> list[tuple[str, Any]]:
    labels = {name: getattr(Contact._meta.get_field(name), "verbose_name", name) for name in IMPORTABLE_FIELDS}
    return [("", _("— not imported —")), *((name, labels[name]) for name in IMPORTABLE_FIELDS)]


class MappingForm(forms.Form):
    """One choice per column of the file: which contact field it fills, if any."""

    def __init__(self, *args: Any, headers: list[str], mapping: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = field_choices()
        for index, header in enumerate(headers):
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=header or _("Column %(number)s") % {"number": index + 1},
                choices=choices,
                required=False,
                initial=mapping[index] if index < len(mapping) else "",
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = [value for value in data.values() if value]
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError(_("Each contact field can be filled from one column only."))
        if "name" not in chosen:
            raise forms.ValidationError(_("Choose the column that holds the name: it is required."))
        return data

    def mapping(self) -> list[str]:
        return [self.cleaned_data.get(name, "") for name in self.fields]


@dataclass
class ImportCheck:
    """What confirming would do: the contacts to add, the rows in error, the duplicates left out."""

    contacts: list[Contact] = field(default_factory=list)
    errors: list[tuple[int, list[str]]] = field(default_factory=list)
    duplicates: list[tuple[int, str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@functools.lru_cache(maxsize=8)
def _kinds(language: str | None) -> dict[str, str]:
    """Kind codes and labels (in `language`) to codes: built once per language, not once per row."""
    known = {plain(code): code for code in ContactKind.values}
    known.update({plain(str(label)): code for code, label in ContactKind.choices})
    return known


def _kind(value: str) -> str:
    return _kinds(get_language()).get(plain(value), value) if value else ContactKind.PERSON


def _country(value: str) -> str:
    if len(value) == 2:
        return value.upper()
    return countries.by_name(value) or value if value else ""


def row_data(row: list[str], mapping: list[str], organisation: Organisation) -> dict[str, Any]:
    data: dict[str, Any] = {"country": "BE", "currency": organisation.default_currency}
    data.update({name: row[index] for index, name in enumerate(mapping) if name and index < len(row)})
    data["kind"] = _kind(data.get("kind", ""))
    for name in ("country", "nationality"):
        data[name] = _country(data.get(name, ""))
    return data


PROGRESS_EVERY = 500
CHOICE_FIELDS = ("kind", "country", "nationality", "currency", "language")


class ImportContactForm(ContactForm):
    """The contact form, with choices checked by set membership.

    Django checks a choice by walking the whole list, on the form field and again on the model
    field: for the country and the nationality that is 250 countries twice per field and row, most
    of the time of checking a 10,000-row file (see bench/results/people.md). The values are the
    same, the check is a lookup.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in CHOICE_FIELDS:
            field: Any = self.fields[name]
            valid = {str(value) for value, _label in field.choices if not isinstance(_label, list | tuple)}
            field.valid_value = lambda value, valid=valid: str(value) in valid

    def _get_validation_exclusions(self) -> set[str]:
        # Already checked against the same choices by the form fields above.
        return {*super()._get_validation_exclusions(), *CHOICE_FIELDS}  # type: ignore[misc]


def check_rows(
    table: Table,
    mapping: list[str],
    organisation: Organisation,
    progress: Callable[[int], None] | None = None,
) -> ImportCheck:
    """Every row through the contact form; valid rows that match a contact already in the address
    book (or an earlier row) by e-mail address or name are reported and left out. `progress` is
    told the number of rows checked every PROGRESS_EVERY rows."""
    check = ImportCheck()
    currencies = currency_choices()
    candidates: list[tuple[int, Contact]] = []
    # One form bound anew to each row: building a form (its country and currency choices) costs
    # more than checking a row, and a file may have 10,000 rows.
    form = ImportContactForm({}, organisation=organisation, currencies=currencies)
    for number, row in enumerate(table.rows, start=2):
        form.data, form.instance, form._errors = row_data(row, mapping, organisation), Contact(), None  # type: ignore[attr-defined]
        if form.is_valid():
            candidates.append((number, form.save(commit=False)))
        else:
            check.errors.append((number, _messages(form)))
        if progress is not None and (number - 1) % PROGRESS_EVERY == 0:
            progress(number - 1)
    emails, names = _existing_keys(organisation, candidates)
    for number, contact in candidates:
        email, name = normalise_email(contact.email), name_key(contact.name)
        if email and email in emails:
            reason = gettext("same e-mail address as %(email)s") % {"email": email}
            check.duplicates.append((number, contact.name, reason))
        elif name in names:
            check.duplicates.append((number, contact.name, gettext("same name")))
        else:
            check.contacts.append(contact)
        emails.add(email)
        names.add(name)
    emails.discard("")
    return check


def _messages(form: ContactForm) -> list[str]:
    messages = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        messages += [f"{label}: {error}" if label else str(error) for error in errors]
    return messages


def _existing_keys(organisation: Organisation, candidates: list[tuple[int, Contact]]) -> tuple[set[str], set[str]]:
    """The e-mail and name keys of the organisation's contacts that rows of the file share, in chunks
    small enough for SQLite's limit on query parameters."""
    wanted_emails = sorted({normalise_email(c.email) for _n, c in candidates} - {""})
    wanted_names = sorted({name_key(c.name) for _n, c in candidates})
    emails: set[str] = set()
    names: set[str] = set()
    contacts = Contact.objects.filter(organisation=organisation)
    for start in range(0, len(wanted_emails), 500):
        chunk = wanted_emails[start : start + 500]
        emails.update(contacts.filter(email_key__in=chunk).values_list("email_key", flat=True))
    for start in range(0, len(wanted_names), 500):
        chunk = wanted_names[start : start + 500]
        names.update(contacts.filter(name_key__in=chunk).values_list("name_key", flat=True))
    return emails, names
