from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "regie.budgets"
    label = "budgets"
    verbose_name = _("Budgets")

    def ready(self) -> None:
        from regie.core.audit import register_action_labels

        register_action_labels(
            {
                "budgets.version.created": _("Budget version made"),
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
            }
        )
