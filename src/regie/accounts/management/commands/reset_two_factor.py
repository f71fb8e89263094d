from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from regie.accounts import two_factor
from regie.accounts.services import AccountError


class Command(BaseCommand):
    help = (
        "Switch off the two-factor sign-in of the account with this e-mail address, for a person who "
        "lost their phone and recovery codes and whom no organisation administrator may reset. "
        "The person is told by e-mail and the reset is logged."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = two_factor.reset_by_server_administrator(options["email"])
        except AccountError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Two-factor sign-in switched off for {user.email}.")
