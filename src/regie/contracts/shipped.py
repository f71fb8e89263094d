"""Reading the contract templates shipped in `contracts/shipped/` (format in its README.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SHIPPED_DIR = Path(__file__).resolve().parent / "shipped"
HEADING = re.compile(r"^== (?P<key>[a-z_]+)(?: \[(?P<flags>optional(?: off)?)\])? \| (?P<title>.+)$")


@dataclass(frozen=True)
class ShippedTemplate:
    kind: str
    language: str
    name: str
    clauses: list[dict[str, Any]]


def parse_template(text: str) -> tuple[str, list[dict[str, Any]]]:
    """The name and the clauses of a template file."""
    name = ""
    clauses: list[dict[str, Any]] = []
    for line in text.splitlines():
        if line.startswith("name: ") and not clauses:
            name = line.removeprefix("name: ").strip()
            continue
        match = HEADING.match(line)
        if match:
            flags = match["flags"] or ""
            clauses.append(
                {
                    "key": match["key"],
                    "title": match["title"].strip(),
                    "body": "",
                    "optional": bool(flags),
                    "default_on": flags != "optional off",
                }
            )
        elif clauses:
            clauses[-1]["body"] = (clauses[-1]["body"] + "\n" + line).strip("\n")
    for clause in clauses:
        clause["body"] = clause["body"].strip()
    if not name or not clauses:
        raise ValueError("A template needs a 'name:' line and at least one '== key | Title' clause.")
    return name, clauses


def shipped_templates() -> list[ShippedTemplate]:
    result = []
    for path in sorted(SHIPPED_DIR.glob("*.txt")):
        kind, language = path.stem.rsplit(".", 1)
        name, clauses = parse_template(path.read_text(encoding="utf-8"))
        result.append(ShippedTemplate(kind, language, name, clauses))
    return result


def load_shipped_templates(template_model: Any) -> int:
    """Create or update the shipped templates (organisation empty); returns how many were written."""
    count = 0
    for shipped in shipped_templates():
        template_model.objects.update_or_create(
            organisation=None,
            code=shipped.kind,
            language=shipped.language,
            defaults={"kind": shipped.kind, "name": shipped.name, "clauses": shipped.clauses},
        )
        count += 1
    return count


def template_text(name: str, clauses: list[dict[str, Any]]) -> str:
    """A template in the file format above, for editing it as text."""
    parts = [f"name: {name}", ""]
    for clause in clauses:
        flags = ""
        if clause.get("optional"):
            flags = " [optional]" if clause.get("default_on") else " [optional off]"
        parts += [f"== {clause['key']}{flags} | {clause['title']}", clause["body"], ""]
    return "\n".join(parts)
