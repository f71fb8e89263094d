from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from regie.accounts.roles import permissions_markdown


class Command(BaseCommand):
    help = "Print the table of roles and permissions in Markdown (docs/permissions.md)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(permissions_markdown(), ending="")
