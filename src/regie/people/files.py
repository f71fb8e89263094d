"""Scans of personal documents in the private storage.

A file is accepted by its content, not its name: the first bytes must be those of a PDF, a JPEG or
a PNG. It is stored under a random name (never the uploader's), encrypted with the same keys as the
personal data fields, in the `private` storage of settings.STORAGES, which lies outside MEDIA_ROOT
and is never served by the web server. The download views read it back after checking access.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from regie.core.uploads import SCAN_EXTENSIONS, private_storage, sniff_scan
from regie.people.crypto import fernet

EXTENSIONS = SCAN_EXTENSIONS


def sniff(head: bytes) -> str | None:
    """The content type that the first bytes of a file announce, if it is one we accept."""
    found = sniff_scan(head)
    return found[0] if found else None


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str
    original_name: str


def check_upload(upload: UploadedFile) -> CheckedFile:
    """Read an uploaded file if it is small enough and really a PDF, JPEG or PNG; else ValidationError."""
    limit = settings.REGIE_DOCUMENT_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size or 0), "limit": filesizeformat(limit)},
        )
    content = upload.read(limit + 1)
    if len(content) > limit:  # the announced size lied
        raise ValidationError(
            _("The file is too large; the limit is %(limit)s."),
            code="too_large",
            params={"limit": filesizeformat(limit)},
        )
    content_type = sniff(content[:16])
    if content_type is None:
        raise ValidationError(
            _("“%(name)s” is not a PDF, JPEG or PNG file. Scan or photograph the document in one of those formats."),
            code="bad_type",
            params={"name": (upload.name or "")[:100]},
        )
    return CheckedFile(content, content_type, _safe_name(upload.name or "", content_type))


def _safe_name(name: str, content_type: str) -> str:
    """The uploader's file name for the download, without any path, ending in the real type's extension."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0].strip()
    base = "".join(ch for ch in base if ch.isalnum() or ch in " -_()").strip()[:150] or "document"
    return f"{base}.{EXTENSIONS[content_type]}"


def store(content: bytes) -> str:
    """Save encrypted content under a fresh random name and return that name."""
    name = f"documents/{secrets.token_hex(20)}"
    saved = private_storage().save(name, ContentFile(fernet().encrypt(content)))
    return saved


def read(name: str) -> bytes:
    with private_storage().open(name, "rb") as handle:
        return fernet().decrypt(handle.read())


def delete(name: str) -> None:
    if name:
        private_storage().delete(name)
