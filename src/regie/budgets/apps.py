from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "regie.budgets"
    label = "budgets"
    verbose_name = _("Budgets")

    def ready(self) -> None:
        from regie.budgets.commitments import register_commitment_source
        from regie.budgets.cost_queries import purchase_order_commitments
        from regie.core.audit import register_action_labels

        register_commitment_source("purchase_orders", purchase_order_commitments)

        register_action_labels(
            {
                "budgets.version.created": _("Budget version made"),
                "budgets.version.imported": _("Budget version imported from a workbook"),
                "budgets.version.changed": _("Budget settings changed"),
                "budgets.version.approved": _("Budget version approved"),
                "budgets.version.locked": _("Budget version locked"),
                "budgets.line.added": _("Budget line added"),
                "budgets.line.changed": _("Budget line changed"),
                "budgets.line.removed": _("Budget line deleted"),
                "budgets.global.added": _("Budget global added"),
                "budgets.global.changed": _("Budget global changed"),
                "budgets.global.removed": _("Budget global deleted"),
                "budgets.fringe.added": _("Fringe added"),
                "budgets.fringe.changed": _("Fringe changed"),
                "budgets.fringe.removed": _("Fringe deleted"),
                "budgets.template.created": _("Budget template saved"),
                "budgets.financing.added": _("Source of financing added"),
                "budgets.financing.changed": _("Source of financing changed"),
                "budgets.financing.removed": _("Source of financing deleted"),
                "budgets.order.added": _("Purchase order added"),
                "budgets.order.changed": _("Purchase order changed"),
                "budgets.order.status": _("Purchase order status changed"),
                "budgets.cost.added": _("Invoice or expense recorded"),
                "budgets.cost.changed": _("Invoice or expense changed"),
                "budgets.cost.payment": _("Payment status changed"),
                "budgets.cost.removed": _("Invoice or expense deleted"),
                "budgets.estimate.set": _("Estimate to complete set"),
                "budgets.estimate.cleared": _("Estimate to complete back to the default"),
            }
        )
