"""Encryption at rest for personal data (national number, IBAN, passport, medical notes).

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256, a fresh IV per value) under the
keys of `settings.REGIE_FIELD_KEYS`: the first key encrypts, every key decrypts (MultiFernet),
so keys can be rotated. Without configured keys one is derived from SECRET_KEY with HKDF.

Encrypted columns cannot be searched or sorted; only what must be queried (an expiry date) is
kept in clear. An empty value is stored empty: that a person has no IBAN on file is not secret.
"""

from __future__ import annotations

import base64
import functools
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


def derived_key(secret: str) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"regie-field-encryption", info=b"personal-data")
    return base64.urlsafe_b64encode(hkdf.derive(secret.encode()))


@functools.lru_cache(maxsize=8)
def _fernet(keys: tuple[str, ...], secret: str) -> MultiFernet:
    try:
        fernets = [Fernet(key.encode()) for key in keys] or [Fernet(derived_key(secret))]
    except ValueError as error:
        raise ImproperlyConfigured(
            "REGIE_FIELD_KEYS must hold Fernet keys (32 url-safe base64-encoded bytes), comma-separated. "
            "Make one with: python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
        ) from error
    return MultiFernet(fernets)


def fernet() -> MultiFernet:
    return _fernet(tuple(getattr(settings, "REGIE_FIELD_KEYS", ())), settings.SECRET_KEY)


def encrypt(value: str) -> str:
    return fernet().encrypt(value.encode()).decode() if value else ""


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise ImproperlyConfigured(
            "Personal data could not be decrypted: the key it was encrypted with is not in REGIE_FIELD_KEYS "
            "(or SECRET_KEY changed while REGIE_FIELD_KEYS was unset)."
        ) from None


class EncryptedTextField(models.TextField):
    """Text kept encrypted in the database and in clear on the model instance."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str:
        return decrypt(value or "")

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return encrypt(str(value)) if value else ""
