"""Background tasks of call sheets (run by `regie worker`)."""

from __future__ import annotations

from django_tasks import task

from regie.callsheets.delivery import deliver_version


@task()
def send_call_sheet_version(version_id: int) -> dict[str, int]:
    """Send the queued mail of a published version; safe to run twice (sent mail is not resent)."""
    return deliver_version(version_id)
