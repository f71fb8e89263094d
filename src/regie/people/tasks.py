"""Background work of the people app, run by the task worker (`regie worker`)."""

from __future__ import annotations

from django_tasks import task

from regie.people.import_jobs import run_contact_import


@task()
def contact_import(import_pk: int) -> int:
    """Check and add the rows of a confirmed large import; returns the number of contacts added."""
    return run_contact_import(import_pk)
