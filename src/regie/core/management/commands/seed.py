"""`regie seed --size small|large`: a generated organisation for tests and benchmarks.

The organisation's slug is `seed-<size>`. The command refuses to run when it exists, unless
`--reset` deletes it (and its accounts) first. The same `--seed` always gives the same data.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from regie.core.seeding import PLANS, SEED_PASSWORD, generate, remove_seed, seed_exists, seed_slug


class Command(BaseCommand):
    help = "Generate an organisation at scale (slug seed-small or seed-large) for tests and benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=sorted(PLANS), default="small", help="How much to generate.")
        parser.add_argument("--seed", type=int, default=1, help="Seed of the random generator (default 1).")
        parser.add_argument("--reset", action="store_true", help="Delete the seeded organisation first if it exists.")
        parser.add_argument("--json", action="store_true", help="Print the summary as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        size = options["size"]
        if seed_exists(size):
            if not options["reset"]:
                raise CommandError(
                    f"The organisation {seed_slug(size)} exists already. "
                    f"`regie seed --size {size} --reset` deletes it and generates it again."
                )
            remove_seed(size)
        result = generate(size, seed=options["seed"])
        logins = result.logins()
        if options["json"]:
            payload = {
                "organisation": result.organisation.slug,
                "size": size,
                "seed": options["seed"],
                "seconds": round(result.seconds, 2),
                "counts": result.counts,
                "festival": {"id": result.festival.pk, "title": result.festival.title},
                "password": SEED_PASSWORD,
                "logins": logins,
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {result.organisation.slug} with seed {options['seed']} in {result.seconds:.1f} s."
            )
        )
        width = max(len(name) for name in result.counts)
        for name, count in result.counts.items():
            self.stdout.write(f"  {name.replace('_', ' '):<{width}}  {count:>6}")
        self.stdout.write(f"Log in with the password {SEED_PASSWORD}:")
        for login in logins:
            self.stdout.write(f"  {login['email']:<28} {login['role']}")
