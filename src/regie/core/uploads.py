"""What Regie accepts as an uploaded scan (documents, receipts, signed copies), and token digests.

A file is judged by its first bytes, never by its name or the content type the browser claims.
"""

from __future__ import annotations

import hashlib

from django.core.files.storage import Storage, storages

# (leading bytes, content type, extension for the stored and downloaded name)
SCAN_SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)
SCAN_EXTENSIONS = {content_type: extension for _magic, content_type, extension in SCAN_SIGNATURES}


def sniff_scan(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) that the first bytes of a file announce, if it is a PDF, JPEG or PNG."""
    for magic, content_type, extension in SCAN_SIGNATURES:
        if head.startswith(magic):
            return content_type, extension
    return None


def private_storage() -> Storage:
    """Where scans and receipts go: outside MEDIA_ROOT and the static files, served only by views
    that check the permission (settings.STORAGES["private"])."""
    return storages["private"]


def token_digest(token: str) -> str:
    """What is stored of a secret link's token: its SHA-256, so a database leak gives no working link."""
    return hashlib.sha256(token.encode()).hexdigest()
