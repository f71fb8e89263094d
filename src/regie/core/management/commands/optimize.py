"""`regie optimize FILE.json --time-limit S [--json]`: order the scenes of a talent-scheduling file.

The file has the benchmark format of `../shared/benchmarks/talent/README.md`. With `--json` the
command prints `{"cost", "order", "optimal", "lower_bound", "seconds"}`; without it, a few
readable lines. Bad input ends with a one-line message and a non-zero exit code.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from regie.optimizer import ProblemError, load_problem, solve


class Command(BaseCommand):
    help = "Find the order of scenes that minimises the cost of the cast waiting (talent or rehearsal scheduling)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="A problem in the talent-scheduling benchmark JSON format.")
        parser.add_argument("--time-limit", type=float, default=10.0, help="Seconds to search (default 10).")
        parser.add_argument("--json", action="store_true", help="Print the result as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["time_limit"] <= 0:
            raise CommandError("--time-limit must be a positive number of seconds.")
        try:
            problem = load_problem(options["file"])
        except ProblemError as error:
            raise CommandError(str(error)) from error
        result = solve(problem, time_limit=options["time_limit"])
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict()))
            return
        status = "optimal" if result.optimal else f"best found; lower bound {result.lower_bound}"
        self.stdout.write(f"Cost: {result.cost} ({status}), in {result.seconds:.2f} s")
        self.stdout.write(f"Order: {' '.join(result.order)}")
