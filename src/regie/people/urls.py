from __future__ import annotations

from django.urls import path

from regie.people import document_views, gdpr_views, onboarding_views, views

app_name = "people"
urlpatterns = [
    path("o/<slug:slug>/contacts/", views.contact_list, name="contacts"),
    path("o/<slug:slug>/contacts/export/csv/", views.contact_export, {"fmt": "csv"}, name="contacts_csv"),
    path("o/<slug:slug>/contacts/export/xlsx/", views.contact_export, {"fmt": "xlsx"}, name="contacts_xlsx"),
    path("o/<slug:slug>/contacts/export/vcf/", views.contact_export, {"fmt": "vcf"}, name="contacts_vcf"),
    path("o/<slug:slug>/contacts/import/", views.contact_import, name="contact_import"),
    path("o/<slug:slug>/contacts/import/preview/", views.contact_import_preview, name="contact_import_preview"),
    path(
        "o/<slug:slug>/contacts/import/<int:import_pk>/",
        views.contact_import_progress,
        name="contact_import_progress",
    ),
    path("o/<slug:slug>/contacts/new/", views.contact_create, name="contact_create"),
    path("o/<slug:slug>/contacts/<int:contact_pk>/", views.contact_detail, name="contact_detail"),
    path("o/<slug:slug>/contacts/<int:contact_pk>/vcard/", views.contact_vcard_view, name="contact_vcard"),
    path(
        "o/<slug:slug>/contacts/<int:contact_pk>/unavailable/",
        views.contact_unavailability,
        name="contact_unavailability",
    ),
    path("o/<slug:slug>/contacts/<int:contact_pk>/edit/", views.contact_edit, name="contact_edit"),
    path("o/<slug:slug>/contacts/<int:contact_pk>/archive/", views.contact_archive, name="contact_archive"),
    path("o/<slug:slug>/contacts/<int:contact_pk>/unarchive/", views.contact_unarchive, name="contact_unarchive"),
    path("o/<slug:slug>/contacts/<int:contact_pk>/merge/", views.contact_merge, name="contact_merge"),
    path("o/<slug:slug>/contacts/<int:contact_pk>/data/", gdpr_views.person_data, name="person_data"),
    path(
        "o/<slug:slug>/contacts/<int:contact_pk>/data/export.json",
        gdpr_views.person_export,
        {"fmt": "json"},
        name="person_export_json",
    ),
    path(
        "o/<slug:slug>/contacts/<int:contact_pk>/data/export.pdf",
        gdpr_views.person_export,
        {"fmt": "pdf"},
        name="person_export_pdf",
    ),
    path("o/<slug:slug>/contacts/<int:contact_pk>/data/erase/", gdpr_views.person_erase, name="person_erase"),
    path("p/<int:pk>/crew/", views.crew_list, name="crew"),
    path("p/<int:pk>/crew/export/csv/", views.crew_export, {"fmt": "csv"}, name="crew_csv"),
    path("p/<int:pk>/crew/export/xlsx/", views.crew_export, {"fmt": "xlsx"}, name="crew_xlsx"),
    path("p/<int:pk>/crew/export/pdf/", document_views.crew_pdf, {"sheet": "crew"}, name="crew_pdf"),
    path(
        "p/<int:pk>/crew/contact-sheet/pdf/", document_views.crew_pdf, {"sheet": "contacts"}, name="contact_sheet_pdf"
    ),
    path("p/<int:pk>/crew/chart/", views.organisation_chart_view, name="org_chart"),
    path("p/<int:pk>/crew/new/", views.engagement_edit, name="engagement_add"),
    path("p/<int:pk>/crew/<int:engagement_pk>/", views.engagement_edit, name="engagement_edit"),
    path("p/<int:pk>/crew/<int:engagement_pk>/remove/", views.engagement_remove, name="engagement_remove"),
    path("p/<int:pk>/crew/<int:engagement_pk>/personal/", views.personal_data, name="personal_data"),
    path("p/<int:pk>/crew/<int:engagement_pk>/personal/edit/", views.personal_data_edit, name="personal_data_edit"),
    path("p/<int:pk>/crew/<int:engagement_pk>/documents/new/", document_views.document_edit, name="document_add"),
    path(
        "p/<int:pk>/crew/<int:engagement_pk>/documents/<int:document_pk>/",
        document_views.document_edit,
        name="document_edit",
    ),
    path(
        "p/<int:pk>/crew/<int:engagement_pk>/documents/<int:document_pk>/remove/",
        document_views.document_remove,
        name="document_remove",
    ),
    path(
        "p/<int:pk>/crew/<int:engagement_pk>/documents/<int:document_pk>/file/",
        document_views.document_file,
        name="document_file",
    ),
    path("p/<int:pk>/crew/<int:engagement_pk>/onboarding/", document_views.onboarding_manage, name="onboarding_manage"),
    path(
        "p/<int:pk>/crew/<int:engagement_pk>/onboarding/revoke/",
        document_views.onboarding_revoke,
        name="onboarding_revoke",
    ),
    path("onboarding/<str:token>/", onboarding_views.onboarding_page, name="onboarding"),
    path("onboarding/<str:token>/documents/", onboarding_views.onboarding_document_add, name="onboarding_document_add"),
    path(
        "onboarding/<str:token>/documents/<int:document_pk>/remove/",
        onboarding_views.onboarding_document_remove,
        name="onboarding_document_remove",
    ),
    path(
        "onboarding/<str:token>/documents/<int:document_pk>/file/",
        onboarding_views.onboarding_document_file,
        name="onboarding_document_file",
    ),
]
