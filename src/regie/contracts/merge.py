"""Merge fields: the values a contract fills into its template's clauses or Word file.

The same flat names work in the shipped templates, in templates made in Regie and in uploaded
Word templates (docxtpl), so an uploaded file can be checked for names Regie does not know.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.template import Context, Engine
from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _

from regie.core.formatting import format_money

if TYPE_CHECKING:
    from regie.contracts.models import Contract
    from regie.people.models import PersonalData

MERGE_FIELDS: dict[str, Any] = {
    "organisation_name": _("your organisation's name"),
    "production_title": _("the production's title"),
    "contract_reference": _("the contract's reference (C0001)"),
    "party_name": _("the other party's name"),
    "party_address": _("the other party's address"),
    "party_email": _("the other party's e-mail address"),
    "party_vat_number": _("the other party's company or VAT number"),
    "party_national_number": _("the other party's national register number"),
    "party_birth_date": _("the other party's date of birth"),
    "party_iban": _("the other party's IBAN"),
    "subject": _("the function, work or goods the contract is about"),
    "start_date": _("the first day"),
    "end_date": _("the last day"),
    "work_dates": _("the working or performance days"),
    "schedule": _("the schedule"),
    "venue": _("the place or venue"),
    "fee": _("the fee or rate"),
    "fee_unit": _("the unit of the fee"),
    "total_amount": _("the total amount"),
    "company_name": _("presenting contracts: the company that performs (you, or the other party when you present)"),
    "presenter_name": _("presenting contracts: the presenter (the other party, or you when you present)"),
    "travel_allowance": _("the travel costs paid per day"),
    "guarantee": _("the guaranteed fee of a door deal"),
    "door_percentage": _("the share of the door (%)"),
    "rights_media": _("the media the rights cover"),
    "rights_territory": _("the territory of the rights"),
    "rights_duration": _("the duration of the rights"),
    "today": _("the date the document is made"),
}

# Clause bodies are Django templates rendered to plain text (the page or PDF escapes the result,
# so a clause cannot inject markup); a bare engine (no loaders, no custom libraries) keeps a
# template from reaching anything but the merge values.
ENGINE = Engine(debug=False, libraries={}, builtins=["django.template.defaulttags", "django.template.defaultfilters"])


def _date(value: datetime.date | None) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else "…"


def merge_values(contract: Contract, personal: PersonalData | None) -> dict[str, str]:
    """The merge fields of `contract`, formatted in the language that is active."""
    party = contract.counterparty
    address = ", ".join(
        part
        for part in (
            party.street,
            f"{party.postcode} {party.city}".strip(),
            str(getattr(party.country, "name", "") or ""),
        )
        if part
    )
    money = contract.currency
    company_name, presenter_name = contract.company_and_presenter
    values = {
        "organisation_name": contract.production.organisation.name,
        "production_title": contract.production.title,
        "contract_reference": contract.reference,
        "party_name": party.name,
        "party_address": address or "…",
        "party_email": party.email,
        "party_vat_number": party.vat_number or "…",
        "party_national_number": (personal.national_number if personal else "") or "…",
        "party_birth_date": _date(personal.birth_date if personal else None),
        "party_iban": (personal.iban if personal else "") or "…",
        "subject": contract.subject or "…",
        "start_date": _date(contract.start_date),
        "end_date": _date(contract.end_date),
        "work_dates": ", ".join(_date(day) for day in contract.dates()),
        "schedule": contract.schedule,
        "venue": contract.venue or "…",
        "fee": format_money(contract.fee, money),
        "fee_unit": str(contract.get_fee_unit_display()),
        "total_amount": format_money(contract.total_amount, money),
        "company_name": company_name,
        "presenter_name": presenter_name,
        "travel_allowance": format_money(contract.travel_allowance or 0, money),
        "guarantee": format_money(contract.guarantee or 0, money),
        "door_percentage": formats.number_format(contract.door_percentage or 0, 2),
        "rights_media": contract.rights_media or "…",
        "rights_territory": contract.rights_territory or "…",
        "rights_duration": contract.rights_duration or "…",
        "today": _date(datetime.date.today()),
    }
    return values


def render_clauses(clauses: list[dict[str, Any]], enabled: list[str], values: dict[str, str]) -> list[dict[str, Any]]:
    """The clauses switched on, their bodies filled in, as paragraphs."""
    context = Context(values, autoescape=False)
    result = []
    for clause in clauses:
        if clause.get("optional") and clause["key"] not in enabled:
            continue
        body = ENGINE.from_string(clause["body"]).render(context)
        paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
        result.append({"key": clause["key"], "title": clause["title"], "paragraphs": paragraphs})
    return result


def default_clauses(clauses: list[dict[str, Any]]) -> list[str]:
    return [c["key"] for c in clauses if c.get("optional") and c.get("default_on")]


def language_of(contact: Any, fallback: str = "en") -> str:
    """The first of Dutch, French and English the contact speaks; else `fallback`."""
    for code in contact.languages or []:
        if code in ("nl", "fr", "en"):
            return str(code)
    return fallback if fallback in ("nl", "fr", "en") else "en"


def in_language(language: str) -> Any:
    return translation.override(language)


def unknown_fields(clauses: list[dict[str, Any]]) -> set[str]:
    """The variables the clause bodies use that are not merge fields; TemplateSyntaxError on a broken body."""
    from django.template.base import VariableNode

    names: set[str] = set()
    for clause in clauses:
        template = ENGINE.from_string(clause["body"])
        for node in template.nodelist.get_nodes_by_type(VariableNode):
            assert isinstance(node, VariableNode)
            names.add(str(node.filter_expression.var).split(".")[0])
    return names - set(MERGE_FIELDS)
