"""`regie script parse FILE [--json]`: read a Fountain or Final Draft screenplay and show its scenes.

The parsing is `regie.screenplay` (pure Python); this command only prints. A file that cannot be
read ends the command with the parser's one-line message and exit status 1.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from regie.screenplay import Screenplay, ScreenplayError, parse_file


class Command(BaseCommand):
    help = "Work with screenplays (Fountain, Final Draft FDX)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        parse = actions.add_parser("parse", help="Parse a screenplay and print its scenes.")
        parse.add_argument("file", help="A .fountain or .fdx file.")
        parse.add_argument("--json", action="store_true", help="Print the parsed screenplay as JSON.")
        parse.add_argument("--elements", action="store_true", help="With --json, include every element.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            screenplay = parse_file(options["file"])
        except ScreenplayError as error:
            raise CommandError(error.message) from error
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error.strerror}.") from error
        if options["json"]:
            payload = screenplay.to_dict(elements=options["elements"])
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(scene_table(screenplay))


def scene_table(screenplay: Screenplay) -> str:
    """The scenes as aligned columns, then the totals."""
    rows = [("#", "I/E", "LOCATION", "TIME", "PAGES", "CHARACTERS")]
    for scene in screenplay.scenes:
        characters = ", ".join(scene.characters)
        rows.append((scene.number, scene.int_ext, scene.location, scene.time_of_day, scene.length, characters))
    widths = [max(len(row[column]) for row in rows) for column in range(5)]
    lines = [
        "  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[5]]).rstrip()
        for row in rows
    ]
    title = screenplay.title_page.get("Title", "").replace("\n", " ")
    lines.append("")
    lines.append(
        f"{title + ': ' if title else ''}{len(screenplay.scenes)} scenes, {screenplay.to_dict()['length']} pages, "
        f"{len(screenplay.characters)} speaking characters ({screenplay.format})."
    )
    return "\n".join(lines)
