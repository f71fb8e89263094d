from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "regie.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from regie.accounts.two_factor_views import require_two_factor_check
        from regie.core.access import register_scope_check
        from regie.core.audit import register_action_labels

        register_scope_check(require_two_factor_check)

        register_action_labels(
            {
                "accounts.organisation.created": _("Organisation created"),
                "accounts.organisation.changed": _("Organisation changed"),
                "accounts.user.changed": _("Profile changed"),
                "accounts.member.added": _("Member added"),
                "accounts.member.changed": _("Member changed"),
                "accounts.member.removed": _("Member removed"),
                "accounts.invitation.sent": _("Invitation sent"),
                "accounts.invitation.resent": _("Invitation sent again"),
                "accounts.invitation.revoked": _("Invitation revoked"),
                "accounts.invitation.accepted": _("Invitation accepted"),
                "accounts.two_factor.enabled": _("Two-factor sign-in switched on"),
                "accounts.two_factor.disabled": _("Two-factor sign-in switched off"),
                "accounts.two_factor.reset": _("Two-factor sign-in reset by an administrator"),
                "accounts.two_factor.recovery_codes_made": _("New recovery codes made"),
                "accounts.two_factor.recovery_code_used": _("Recovery code used"),
                "accounts.two_factor.failed": _("Wrong two-factor code"),
            }
        )
