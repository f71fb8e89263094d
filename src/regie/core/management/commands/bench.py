"""`regie bench <scenario>`: run a benchmark from the repository's bench/ folder and write its table.

The database is the one DATABASE_URL names; without DATABASE_URL the benchmark uses its own
SQLite file, var/bench.sqlite3, so that it never touches the demo's or anyone's data. The command
migrates that database, collects the static files the templates name, then runs the scenario,
which generates the seeds it needs. The Markdown table goes to bench/results/<scenario>.md.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

SCENARIOS = ("pages", "conflicts", "schedule", "callsheets", "people", "budgets", "api")


def repository_root() -> Path:
    """The checkout: bench/ lives beside src/, not in the installed package."""
    return Path(settings.BASE_DIR).resolve().parents[1]


def use_sqlite_file(path: Path) -> None:
    """Point the default SQLite connection at `path`, keeping its options.

    Done before the first query, the way Django's test runner swaps in its test database:
    close the connection, then change NAME in the settings dictionary the connection shares.
    """
    connection = connections["default"]
    if connection.vendor != "sqlite":
        raise CommandError("Without DATABASE_URL the benchmark expects the default SQLite database.")
    path.parent.mkdir(parents=True, exist_ok=True)
    connection.close()
    connection.settings_dict["NAME"] = str(path)
    settings.DATABASES["default"]["NAME"] = str(path)


class Command(BaseCommand):
    help = (
        "Run a benchmark scenario and write its Markdown table to bench/results/<scenario>.md. "
        "Without DATABASE_URL it uses var/bench.sqlite3."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("scenario", choices=SCENARIOS, help="What to measure.")
        parser.add_argument("--repeat", type=int, default=30, help="Timed requests per page (default 30).")
        parser.add_argument("--warmup", type=int, default=5, help="Untimed requests before timing (default 5).")
        parser.add_argument("--output", type=Path, help="Where to write the table (default bench/results/).")
        parser.add_argument("--json", action="store_true", help="Print the results as JSON instead of the table.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["repeat"] < 1 or options["warmup"] < 0:
            raise CommandError("--repeat must be at least 1 and --warmup at least 0.")
        root = repository_root()
        scenario = options["scenario"]
        if not (root / "bench" / f"{scenario}.py").is_file():
            raise CommandError(f"bench/{scenario}.py is not there: run the benchmarks from a checkout of Regie.")
        if not os.environ.get("DATABASE_URL"):
            use_sqlite_file(Path(settings.DATA_DIR) / "bench.sqlite3")
        call_command("migrate", interactive=False, verbosity=0)
        # Outside DEBUG the templates resolve static files through the manifest collectstatic writes.
        call_command("collectstatic", interactive=False, verbosity=0)
        if str(root) not in sys.path:
            sys.path.insert(0, str(root))
        module = importlib.import_module(f"bench.{scenario}")

        report = module.run(repeat=options["repeat"], warmup=options["warmup"], log=self._progress)
        output = options["output"] or root / "bench" / "results" / f"{scenario}.md"
        output.parent.mkdir(parents=True, exist_ok=True)
        markdown = report.markdown()
        output.write_text(markdown, encoding="utf-8")
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(markdown, ending="")
        self.stderr.write(f"Wrote {output}")

    def _progress(self, message: str) -> None:
        self.stderr.write(message)
