"""Checking and normalising what people type: phone numbers, company and VAT numbers, names.

Plain functions over strings, raising Django's ValidationError with a message in the user's
language, so that forms, imports and the seed use the same rules.
"""

from __future__ import annotations

import datetime
import unicodedata

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException
from stdnum.be import nn as be_nn
from stdnum.be import vat as be_vat
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError

DEFAULT_REGION = "BE"


def normalise_phone(value: str, region: str = DEFAULT_REGION) -> str:
    """The number in E.164 (+3225551234); national numbers are read as Belgian unless `region` says."""
    value = value.strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("“%(value)s” is not a valid phone number. Write it with the country code, for example +32 470 12 34 56."),
            code="invalid_phone",
            params={"value": value},
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def normalise_vat(value: str) -> str:
    """A company or VAT number in its compact form with its country prefix (BE0403170701).

    Ten digits without a prefix are a Belgian enterprise number (KBO/BCE); anything with a
    prefix is checked as an EU VAT number of that country.
    """
    compact = value.strip().upper().replace(" ", "").replace(".", "").replace("-", "")
    if not compact:
        return ""
    if compact[:2].isdigit():
        compact = "BE" + compact
    try:
        if compact.startswith("BE"):
            return "BE" + str(be_vat.validate(compact))
        return str(eu_vat.validate(compact))
    except InvalidChecksum:
        raise ValidationError(
            _(
                "“%(value)s” is not a valid company or VAT number: its check digits do not match. "
                "Check for a typing error."
            ),
            code="vat_checksum",
            params={"value": value},
        ) from None
    except StdnumError:
        raise ValidationError(
            _(
                "“%(value)s” is not a valid company or VAT number. A Belgian number has ten digits "
                "(0123.456.789); other EU numbers start with their country code."
            ),
            code="vat_format",
            params={"value": value},
        ) from None


def normalise_email(value: str) -> str:
    return value.strip().lower()


def name_key(name: str) -> str:
    """The name without accents, case, punctuation or word order: "Peeters, Jàn" == "jan peeters"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = "".join(c if c.isalnum() else " " for c in text).split()
    return " ".join(sorted(words))


def split_list(value: str) -> list[str]:
    """Comma- or semicolon-separated words into a list without blanks or repeats, in the given order."""
    seen: dict[str, None] = {}
    for part in value.replace(";", ",").split(","):
        word = " ".join(part.split())
        if word and word.lower() not in {k.lower() for k in seen}:
            seen[word] = None
    return list(seen)


def normalise_national_number(value: str) -> str:
    """A Belgian national register number (rijksregisternummer / numéro de registre national), 11 digits."""
    compact = "".join(c for c in value if c.isdigit() or c.isalpha())
    if not compact:
        return ""
    try:
        return str(be_nn.validate(compact))
    except StdnumError:
        raise ValidationError(
            _(
                "“%(value)s” is not a valid national register number. It has eleven digits, "
                "for example 85.07.30-033.28, and the last two are check digits."
            ),
            code="invalid_national_number",
            params={"value": value},
        ) from None


def birth_date_of(national_number: str) -> datetime.date | None:
    """The date of birth a national number encodes, when it encodes a full one."""
    try:
        return be_nn.get_birth_date(national_number)  # type: ignore[no-any-return]
    except (StdnumError, ValueError, TypeError):
        return None


def normalise_iban(value: str) -> str:
    if not value.strip():
        return ""
    try:
        return str(IBAN(value).compact)
    except SchwiftyException:
        raise ValidationError(
            _("“%(value)s” is not a valid IBAN. Check the country code, the length and for typing errors."),
            code="invalid_iban",
            params={"value": value},
        ) from None


def normalise_bic(value: str) -> str:
    if not value.strip():
        return ""
    try:
        return str(BIC(value.strip()).compact)
    except SchwiftyException:
        raise ValidationError(
            _("“%(value)s” is not a valid BIC. It has 8 or 11 letters and digits, for example GKCCBEBB."),
            code="invalid_bic",
            params={"value": value},
        ) from None


def display_iban(compact: str) -> str:
    try:
        return str(IBAN(compact).formatted) if compact else ""
    except SchwiftyException:
        return compact
