"""Contacts out to vCard 3.0 and vCard files in as rows for the import preview (vobject)."""

from __future__ import annotations

from collections.abc import Iterable

import vobject
from django.utils.translation import gettext as _

from regie.people.imports import MAX_ROWS, ImportRefused, Table
from regie.people.models import Contact

VCARD_COLUMNS = ["name", "company", "email", "mobile", "phone", "website", "street", "postcode", "city", "country"]
VCARD_COLUMNS += ["notes"]


def contact_vcard(contact: Contact) -> str:
    card = vobject.vCard()
    card.add("fn").value = contact.name
    if contact.is_person:
        words = contact.name.rsplit(" ", 1)
        family, given = (words[1], words[0]) if len(words) == 2 else (contact.name, "")
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
    else:
        card.add("n").value = vobject.vcard.Name(family=contact.name)
    if contact.company:
        card.add("org").value = [contact.company]
    for address in (contact.email, contact.email_other):
        if address:
            entry = card.add("email")
            entry.value = address
            entry.type_param = "INTERNET"
    for number, kind in ((contact.mobile, "CELL"), (contact.phone, "WORK")):
        if number:
            entry = card.add("tel")
            entry.value = number
            entry.type_param = kind
    if contact.street or contact.city or contact.postcode:
        card.add("adr").value = vobject.vcard.Address(
            street=contact.street,
            code=contact.postcode,
            city=contact.city,
            country=str(getattr(contact.country, "name", "") or ""),
        )
    if contact.website:
        card.add("url").value = contact.website
    if contact.notes:
        card.add("note").value = contact.notes
    return str(card.serialize())


def contacts_vcard(contacts: Iterable[Contact]) -> bytes:
    return "".join(contact_vcard(contact) for contact in contacts).encode("utf-8")


def _first(card: vobject.base.Component, name: str, kind: str = "") -> str:
    for entry in card.contents.get(name, []):
        types = {t.upper() for t in entry.params.get("TYPE", [])}
        if not kind or kind in types:
            return str(entry.value).strip()
    return ""


def read_vcards(content: bytes) -> Table:
    """Each card of a .vcf file as a row under the contact field names, so the usual preview maps it."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    rows: list[list[str]] = []
    try:
        for card in vobject.readComponents(text):
            rows.append(_row(card))
            if len(rows) > MAX_ROWS:
                raise ImportRefused(
                    _("The file has more than %(max)s contacts; import at most %(max)s at a time.")
                    % {"max": f"{MAX_ROWS:,}".replace(",", " ")}
                )
    except (vobject.base.ParseError, AttributeError, ValueError):
        raise ImportRefused(_("This file is not a valid vCard file.")) from None
    if not rows:
        raise ImportRefused(_("The file holds no contact card."))
    return Table(headers=list(VCARD_COLUMNS), rows=rows)


def _row(card: vobject.base.Component) -> list[str]:
    adr = card.contents.get("adr", [None])[0]
    address = adr.value if adr is not None else None
    org = card.contents.get("org", [None])[0]
    company = " ".join(org.value) if org is not None and isinstance(org.value, list) else ""
    phone = _first(card, "tel", "WORK") or _first(card, "tel", "HOME") or _first(card, "tel", "VOICE")
    mobile = _first(card, "tel", "CELL") or ("" if phone else _first(card, "tel"))
    values = {
        "name": _first(card, "fn"),
        "company": company,
        "email": _first(card, "email"),
        "mobile": mobile,
        "phone": phone,
        "website": _first(card, "url"),
        "street": str(getattr(address, "street", "") or "").strip(),
        "postcode": str(getattr(address, "code", "") or "").strip(),
        "city": str(getattr(address, "city", "") or "").strip(),
        "country": str(getattr(address, "country", "") or "").strip(),
        "notes": _first(card, "note"),
    }
    return [values[column] for column in VCARD_COLUMNS]
