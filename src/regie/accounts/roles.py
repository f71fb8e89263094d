"""Roles and what each may do: the one table behind `rules.py` and docs/permissions.md.

A test checks that the documentation table is generated from this module, so the two cannot
drift apart.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrganisationRole(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    STAFF = "staff", _("Staff")
    GUEST = "guest", _("Guest")


class Role(models.TextChoices):
    """A person's role on one production."""

    OWNER = "owner", _("Owner")
    PRODUCER = "producer", _("Producer")
    PRODUCTION_MANAGER = "production_manager", _("Production manager")
    PRODUCTION_ASSISTANT = "production_assistant", _("Production assistant")
    DEPARTMENT_HEAD = "department_head", _("Department head")
    # Translators: the technical crew of a production (NL crew, FR équipe technique)
    CREW = "crew", pgettext_lazy("role", "Crew")
    # Translators: the performers of a production (NL cast, FR distribution / équipe artistique)
    CAST = "cast", pgettext_lazy("role", "Cast")
    ACCOUNTANT = "accountant", _("Accountant")
    VIEWER = "viewer", _("Viewer")


R = Role
EVERYONE = frozenset(Role.values)
MANAGERS = frozenset({R.OWNER, R.PRODUCER, R.PRODUCTION_MANAGER})

# Production permission -> roles that hold it. Organisation administrators hold every one of
# them on every production of their organisation.
PRODUCTION_PERMISSIONS: dict[str, tuple[frozenset[str], object]] = {
    "productions.view_production": (EVERYONE, _("See the production's dashboard")),
    "productions.view_team": (
        EVERYONE - {R.VIEWER},
        _("See the team list with e-mail addresses"),
    ),
    "productions.change_production": (MANAGERS, _("Edit the production's details and phase")),
    "productions.manage_contacts": (
        MANAGERS | {R.PRODUCTION_ASSISTANT},
        _("Add, edit and remove key contacts"),
    ),
    "productions.manage_members": (MANAGERS, _("Invite people, change roles, remove members")),
    "productions.duplicate_production": (MANAGERS, _("Duplicate the production as a template")),
    "productions.archive_production": (
        frozenset({R.OWNER, R.PRODUCER}),
        _("Archive the production and restore it"),
    ),
    "productions.view_history": (
        MANAGERS | {R.ACCOUNTANT},
        _("Read the production's change history"),
    ),
    "people.view_crew": (
        EVERYONE - {R.VIEWER},
        _("See the crew and cast lists and the organisation chart"),
    ),
    "people.manage_crew": (
        MANAGERS | {R.PRODUCTION_ASSISTANT},
        _("Engage people on the production, change and end engagements"),
    ),
    "people.view_sensitive": (
        frozenset({R.OWNER, R.PRODUCTION_MANAGER, R.ACCOUNTANT}),
        _("Read the personal data of the people engaged (national number, IBAN, ID, medical); every read is logged"),
    ),
    "people.change_sensitive": (
        frozenset({R.OWNER, R.PRODUCTION_MANAGER}),
        _("Edit the personal data and documents of the people engaged; send them links to fill in their own details"),
    ),
    "budgets.view_budget": (
        MANAGERS | {R.ACCOUNTANT},
        _("See the budget, its versions, comparisons and financing plan"),
    ),
    "budgets.change_budget": (
        MANAGERS,
        _("Draw up the budget: lines, globals, fringes, settings, new versions, templates and the financing plan"),
    ),
    "budgets.lock_budget": (frozenset({R.OWNER, R.PRODUCER}), _("Approve and lock budget versions")),
    "budgets.record_costs": (
        MANAGERS | {R.ACCOUNTANT},
        _("Record purchase orders, invoices and expenses, and set estimates to complete"),
    ),
    "budgets.approve_payments": (
        frozenset({R.OWNER, R.PRODUCER, R.ACCOUNTANT}),
        _("Approve invoices for payment and mark them paid"),
    ),
    "scripts.view_breakdown": (
        EVERYONE - {R.VIEWER},
        _("See the scenes of the script and their breakdown sheets"),
    ),
    "scripts.import_script": (
        MANAGERS | {R.PRODUCTION_ASSISTANT},
        _("Import the script and revised scripts into the scenes"),
    ),
    "scripts.change_breakdown": (
        MANAGERS | {R.PRODUCTION_ASSISTANT, R.DEPARTMENT_HEAD},
        _("Break scenes down: add and remove elements, link cast members to people engaged"),
    ),
    "scripts.change_board": (
        MANAGERS | {R.PRODUCTION_ASSISTANT},
        _("Rearrange stripboards: make boards, move strips, add ends of day and banners"),
    ),
    "scheduling.view_schedule": (
        EVERYONE,
        _("See the schedule: calendar, list, items and who is called"),
    ),
    "scheduling.change_schedule": (
        MANAGERS | {R.PRODUCTION_ASSISTANT},
        _(
            "Plan the schedule: add, move, cancel and delete items, call people and departments, "
            "apply day templates; see its conflicts"
        ),
    ),
    "scheduling.accept_conflicts": (MANAGERS, _("Accept a schedule conflict with a reason")),
    "callsheets.view_callsheet": (
        # Like the crew list: a sheet names the people called and their phone numbers.
        EVERYONE - {R.VIEWER},
        _("See the published call sheets and run sheets of the production"),
    ),
    "callsheets.manage_callsheet": (
        MANAGERS | {R.PRODUCTION_ASSISTANT},
        _("Draw up, edit, publish and send call sheets and run sheets; see who received and confirmed them"),
    ),
    "contracts.view_contracts": (
        MANAGERS | {R.PRODUCTION_ASSISTANT, R.ACCOUNTANT},
        _("See contracts, their versions, acceptances and negotiation notes"),
    ),
    "contracts.manage_contracts": (
        MANAGERS,
        _("Draw up, change, send, end and cancel contracts; link them to budget lines; upload signed copies"),
    ),
    "contracts.view_payments": (
        MANAGERS | {R.ACCOUNTANT},
        _("See payments, invoices, settlements and SEPA files; export them for the accountant"),
    ),
    "contracts.manage_payments": (
        MANAGERS | {R.ACCOUNTANT},
        _("Schedule payments, record invoices and settlements, mark payments as paid"),
    ),
    "contracts.approve_payments": (
        frozenset({R.OWNER, R.PRODUCER, R.ACCOUNTANT}),
        _("Approve payments and make SEPA payment files"),
    ),
    "contracts.view_register": (
        MANAGERS | {R.PRODUCTION_ASSISTANT, R.ACCOUNTANT, R.DEPARTMENT_HEAD},
        _("See the register of mandatory documents (rights, portrait releases, broadcast sheets, insurance)"),
    ),
    "contracts.manage_register": (
        MANAGERS | {R.PRODUCTION_ASSISTANT},
        _("Add and update mandatory documents in the register"),
    ),
}

# Organisation permission -> organisation roles that hold it.
ORGANISATION_PERMISSIONS: dict[str, tuple[frozenset[str], object]] = {
    "accounts.view_organisation": (
        frozenset(OrganisationRole.values),
        _("See the organisation's productions they take part in"),
    ),
    "productions.add_production": (
        frozenset({OrganisationRole.ADMIN, OrganisationRole.STAFF}),
        _("Create productions"),
    ),
    "accounts.manage_organisation": (
        frozenset({OrganisationRole.ADMIN}),
        _(
            "Manage members and invitations, require two-factor sign-in and reset it for a member, "
            "see every production, read the organisation's history"
        ),
    ),
    "people.view_address_book": (
        frozenset({OrganisationRole.ADMIN, OrganisationRole.STAFF}),
        _("See the address book"),
    ),
    "people.change_address_book": (
        frozenset({OrganisationRole.ADMIN, OrganisationRole.STAFF}),
        _("Add, edit and archive contacts in the address book"),
    ),
    "people.merge_contacts": (
        frozenset({OrganisationRole.ADMIN}),
        _("Merge duplicate contacts"),
    ),
    "scheduling.manage_places": (
        frozenset({OrganisationRole.ADMIN, OrganisationRole.STAFF}),
        _("Manage places, spaces and resources and day templates; see the calendar of a space across productions"),
    ),
    "people.person_data_rights": (
        frozenset({OrganisationRole.ADMIN}),
        _("Export everything held about a person and erase it on request (GDPR); every export is logged"),
    ),
    "contracts.manage_templates": (
        frozenset({OrganisationRole.ADMIN, OrganisationRole.STAFF}),
        _("See the contract templates and upload the organisation's own Word templates"),
    ),
}


def production_roles_with(permission: str) -> frozenset[str]:
    return PRODUCTION_PERMISSIONS[permission][0]


def permissions_markdown() -> str:
    """The permission tables in Markdown, as committed in docs/permissions.md."""
    lines = [
        "# Who may do what",
        "",
        "Generated from `src/regie/accounts/roles.py` by `regie permissions_table`; "
        "a test fails when this file and the code disagree.",
        "",
        "## On a production",
        "",
        "Organisation administrators hold every production permission on every production of "
        "their organisation. People outside the organisation get *404 Not Found* for every "
        "production URL; members without the permission get *403 Forbidden*.",
        "",
    ]
    header = "| permission | what it allows | " + " | ".join(r.value for r in Role) + " |"
    lines += [header, "|" + " --- |" * (len(Role) + 2)]
    for perm, (roles, label) in PRODUCTION_PERMISSIONS.items():
        marks = " | ".join("yes" if r.value in roles else "" for r in Role)
        lines.append(f"| `{perm}` | {label} | {marks} |")
    lines += ["", "## In an organisation", ""]
    lines += [
        "| permission | what it allows | " + " | ".join(r.value for r in OrganisationRole) + " |",
        "|" + " --- |" * (len(OrganisationRole) + 2),
    ]
    for perm, (roles, label) in ORGANISATION_PERMISSIONS.items():
        marks = " | ".join("yes" if r.value in roles else "" for r in OrganisationRole)
        lines.append(f"| `{perm}` | {label} | {marks} |")
    return "\n".join(lines) + "\n"
