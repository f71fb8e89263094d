from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "regie.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from regie.core.audit import register_action_labels

        register_action_labels(
            {
                "people.contact.created": _("Contact added to the address book"),
                "people.contact.changed": _("Contact changed"),
                "people.contact.archived": _("Contact archived"),
                "people.contact.unarchived": _("Contact restored from the archive"),
                "people.contact.merged": _("Contacts merged"),
                "people.unavailability.added": _("Unavailable period added"),
                "people.unavailability.removed": _("Unavailable period removed"),
                "people.contacts.imported": _("Contacts imported from a file"),
                "people.contacts.import_queued": _("Import of contacts from a file started"),
                "people.engagement.added": _("Person engaged"),
                "people.engagement.changed": _("Engagement changed"),
                "people.engagement.removed": _("Engagement removed"),
                "people.person.sensitive_viewed": _("Personal data viewed"),
                "people.person.sensitive_changed": _("Personal data changed"),
                "people.document.added": _("Personal document added"),
                "people.document.changed": _("Personal document changed"),
                "people.document.removed": _("Personal document removed"),
                "people.document.downloaded": _("Personal document downloaded"),
                "people.onboarding.sent": _("Onboarding link sent"),
                "people.onboarding.revoked": _("Onboarding link revoked"),
                "people.onboarding.completed": _("Details filled in through the onboarding link"),
                "people.person.exported": _("Everything held about the person exported"),
                "people.person.erased": _("Person erased (anonymised)"),
            }
        )
