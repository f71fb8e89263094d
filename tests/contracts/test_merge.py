"""Merge values that depend on the contract's terms: our side of a presenting deal."""

from __future__ import annotations

import pytest
from django.utils import translation

from regie.contracts import documents
from regie.contracts.models import ContractKind
from tests.factories import ContractFactory, shipped_template

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "company_is_ours"),
    [("presented", True), ("presenter", False), ("", True)],
    ids=["presented", "presenter", "unset"],
)
def test_presenting_contract_names_the_company_and_the_presenter_by_our_side(role, company_is_ours):
    contract = ContractFactory(template=shipped_template(ContractKind.PRESENTING, "nl"), language="nl", our_role=role)
    ours, theirs = contract.production.organisation.name, contract.counterparty.name
    company, presenter = (ours, theirs) if company_is_ours else (theirs, ours)

    with translation.override("nl"):
        parties = documents.preview_context(contract, None)["clauses"][0]

    text = " ".join(str(p) for p in parties["paragraphs"])
    assert text.startswith(f"Tussen {company}, het gezelschap, en {presenter}, de organisator. {theirs} is gevestigd")
