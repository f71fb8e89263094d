from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "regie.contracts"
    label = "contracts"
    verbose_name = _("Contracts")

    def ready(self) -> None:
        from regie.budgets.commitments import register_commitment_source
        from regie.contracts.commitments import contract_commitments
        from regie.core.audit import register_action_labels

        register_commitment_source("contracts", contract_commitments)
        register_action_labels(
            {
                "contracts.contract.created": _("Contract drawn up"),
                "contracts.contract.changed": _("Contract changed"),
                "contracts.contract.new_version": _("Contract changed after sending: new version"),
                "contracts.contract.sent": _("Contract sent"),
                "contracts.contract.accepted": _("Contract accepted through the link"),
                "contracts.contract.scan_uploaded": _("Signed copy of the contract uploaded"),
                "contracts.contract.counter_proposal": _("Counter-proposal received"),
                "contracts.contract.note": _("Note added to the contract"),
                "contracts.contract.ended": _("Contract ended"),
                "contracts.contract.cancelled": _("Contract cancelled"),
                "contracts.link.refused": _("Contract link refused"),
                "contracts.line.linked": _("Contract linked to a budget line"),
                "contracts.line.unlinked": _("Contract unlinked from a budget line"),
                "contracts.template.uploaded": _("Word contract template uploaded"),
                "contracts.template.created": _("Contract template made"),
                "contracts.template.changed": _("Contract template changed"),
                "contracts.payment.added": _("Payment scheduled"),
                "contracts.payment.due": _("Payment fell due"),
                "contracts.payment.approved": _("Payment approved"),
                "contracts.payment.paid": _("Payment marked as paid"),
                "contracts.payment.changed": _("Payment changed"),
                "contracts.payment.deleted": _("Payment deleted"),
                "contracts.batch.created": _("SEPA payment file made"),
                "contracts.batch.refused": _("SEPA payment file refused"),
                "contracts.invoice.created": _("Invoice recorded"),
                "contracts.invoice.paid": _("Invoice marked as paid"),
                "contracts.invoice.changed": _("Invoice changed"),
                "contracts.invoice.deleted": _("Invoice deleted"),
                "contracts.settlement.payment": _("Payment made from a settlement"),
                "contracts.settlement.invoice": _("Invoice made from a settlement"),
                "contracts.settlement.created": _("Settlement drawn up"),
                "contracts.document.added": _("Mandatory document added"),
                "contracts.document.changed": _("Mandatory document changed"),
            }
        )
