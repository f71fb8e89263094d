"""The checks behind the address book's forms: phone, company and VAT numbers, names, lists."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from regie.people.exports import FORMULA_STARTS, safe_text
from regie.people.validation import display_phone, name_key, normalise_phone, normalise_vat, split_list


def test_normalise_phone_belgian_national_number_gets_country_code():
    assert normalise_phone("0470 12 34 56") == "+32470123456"


def test_normalise_phone_foreign_number_kept_with_its_country_code():
    assert normalise_phone("+33 1 42 68 53 00") == "+33142685300"


def test_normalise_phone_blank_stays_blank():
    assert normalise_phone("  ") == ""


@pytest.mark.parametrize("bad", ["12345", "call me", "+32 470 12", "0470 12 34 56 78 90"])
def test_normalise_phone_invalid_number_refused(bad):
    with pytest.raises(ValidationError) as error:
        normalise_phone(bad)
    assert error.value.code == "invalid_phone"


def test_normalise_phone_message_in_french():
    with translation.override("fr"):
        with pytest.raises(ValidationError) as error:
            normalise_phone("12345")
        messages = error.value.messages
    assert messages == [
        "« 12345 » n'est pas un numéro de téléphone valide. "
        "Écrivez-le avec l'indicatif du pays, par exemple +32 470 12 34 56."
    ]


def test_display_phone_international_format():
    assert display_phone("+32470123456") == "+32 470 12 34 56"


@pytest.mark.parametrize("typed", ["0403.170.701", "BE 0403 170 701", "be0403170701", "403170701"])
def test_normalise_vat_belgian_number_compacted_with_prefix(typed):
    assert normalise_vat(typed) == "BE0403170701"


def test_normalise_vat_other_eu_number_checked_for_its_country():
    assert normalise_vat("NL 004495445B01") == "NL004495445B01"


def test_normalise_vat_wrong_check_digits_refused():
    with pytest.raises(ValidationError) as error:
        normalise_vat("0403.170.702")
    assert error.value.code == "vat_checksum"


@pytest.mark.parametrize("bad", ["12", "XX123456789", "BE12345678901234", "FR01300076965"])
def test_normalise_vat_malformed_number_refused(bad):
    with pytest.raises(ValidationError) as error:
        normalise_vat(bad)
    assert error.value.code in {"vat_format", "vat_checksum"}


def test_normalise_vat_message_in_dutch():
    with translation.override("nl"):
        with pytest.raises(ValidationError) as error:
            normalise_vat("0403.170.702")
        messages = error.value.messages
    assert messages == [
        "“0403.170.702” is geen geldig ondernemings- of btw-nummer: de controlecijfers kloppen niet. "
        "Kijk na of er geen tikfout in staat."
    ]


def test_name_key_ignores_accents_case_punctuation_and_word_order():
    assert name_key("Peeters, Jàn") == name_key("jan PEETERS") == "jan peeters"


def test_split_list_drops_blanks_and_repeats_keeping_order():
    assert split_list("gaffer, rigger;; Gaffer ,  forklift  driver") == ["gaffer", "rigger", "forklift driver"]


@given(st.text())
def test_safe_text_never_starts_with_a_formula_character(text):
    assert not safe_text(text).startswith(FORMULA_STARTS)


@given(st.text(max_size=60))
def test_name_key_is_stable_under_its_own_normalisation(name):
    assert name_key(name_key(name)) == name_key(name)


@given(st.from_regex(r"0?4[7-9][0-9]{7}", fullmatch=True))
def test_normalise_phone_is_idempotent_on_belgian_mobiles(number):
    try:
        once = normalise_phone(number)
    except ValidationError:
        return
    assert normalise_phone(once) == once
