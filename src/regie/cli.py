"""The `regie` command: Django's management commands plus `serve`, `worker`, `demo`, `seed`, `bench`.

`regie serve` runs gunicorn (several processes; nothing in Regie assumes one), `regie worker`
runs the background task worker. Everything else is a management command in `regie.core`.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and args[1] == "worker":
        args[1:2] = ["db_worker", "--no-reload"]
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
