from __future__ import annotations

from django.urls import path

from regie.callsheets import views

app_name = "callsheets"
urlpatterns = [
    path("p/<int:pk>/callsheets/", views.sheet_list, name="list"),
    path("p/<int:pk>/callsheets/new/", views.sheet_generate, name="generate"),
    path("p/<int:pk>/callsheets/<int:sheet_pk>/", views.sheet_edit, name="edit"),
    path("p/<int:pk>/callsheets/<int:sheet_pk>/update/", views.sheet_update, name="update"),
    path("p/<int:pk>/callsheets/<int:sheet_pk>/publish/", views.sheet_publish, name="publish"),
    path("p/<int:pk>/callsheets/<int:sheet_pk>/progress/", views.sheet_progress, name="progress"),
    path("p/<int:pk>/callsheets/<int:sheet_pk>/resend/", views.sheet_resend, name="resend"),
    path("p/<int:pk>/callsheets/<int:sheet_pk>/v/<int:number>/", views.version_detail, name="version"),
    path("p/<int:pk>/callsheets/<int:sheet_pk>/v/<int:number>/pdf/", views.version_pdf, name="version_pdf"),
    path("cs/<str:recipient_token>/", views.personal, name="personal"),
    path("cs/<str:recipient_token>/confirm/", views.personal_confirm, name="personal_confirm"),
    path("cs/<str:recipient_token>/pdf/", views.personal_pdf, name="personal_pdf"),
]
