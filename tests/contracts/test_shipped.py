from __future__ import annotations

import re

import pytest

from regie.contracts.merge import MERGE_FIELDS, render_clauses
from regie.contracts.models import ContractKind, ContractTemplate
from regie.contracts.shipped import parse_template, shipped_templates

pytestmark = pytest.mark.django_db
VARIABLE = re.compile(r"{{\s*(\w+)\s*}}")


def test_shipped_templates_cover_every_kind_in_three_languages():
    found = {(t.kind, t.language) for t in shipped_templates()}

    assert found == {(kind, language) for kind in ContractKind.values for language in ("nl", "fr", "en")}


def test_shipped_templates_use_only_known_merge_fields():
    used = {name for t in shipped_templates() for c in t.clauses for name in VARIABLE.findall(c["body"])}

    assert used - set(MERGE_FIELDS) == set()


def test_shipped_templates_are_loaded_by_the_data_migration():
    assert ContractTemplate.objects.filter(organisation=None).count() == 33


def test_shipped_templates_have_the_same_clauses_in_each_language():
    by_kind: dict[str, list[list[str]]] = {}
    for template in shipped_templates():
        by_kind.setdefault(template.kind, []).append([c["key"] for c in template.clauses])

    assert all(keys[0] == keys[1] == keys[2] for keys in by_kind.values())


def test_parse_template_reads_optional_clauses_and_defaults():
    name, clauses = parse_template("name: Test\n\n== a | A\nBody {{ party_name }}\n\n== b [optional off] | B\nOff\n")

    assert (name, [(c["key"], c["optional"], c["default_on"]) for c in clauses]) == (
        "Test",
        [("a", False, True), ("b", True, False)],
    )


def test_parse_template_without_clauses_is_refused():
    with pytest.raises(ValueError):
        parse_template("name: Empty\n")


def test_render_clauses_leaves_out_switched_off_clauses_and_fills_fields():
    clauses = [
        {"key": "a", "title": "A", "body": "Hello {{ party_name }}", "optional": False},
        {"key": "b", "title": "B", "body": "Off", "optional": True},
    ]

    rendered = render_clauses(clauses, [], {"party_name": "Jan <b>"})

    assert rendered == [{"key": "a", "title": "A", "paragraphs": ["Hello Jan <b>"]}]
