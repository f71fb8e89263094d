"""Background tasks of the scripts app (django-tasks; the worker is `regie worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def optimise_board(run_id: int) -> None:
    from regie.scripts.optimising import perform_optimisation

    perform_optimisation(run_id)
