from __future__ import annotations

from django.urls import path

from regie.productions import views

app_name = "productions"
urlpatterns = [
    path("o/<slug:slug>/", views.organisation_home, name="organisation_home"),
    path("o/<slug:slug>/productions/new/", views.production_create, name="create"),
    path("p/<int:pk>/", views.dashboard, name="dashboard"),
    path("p/<int:pk>/edit/", views.production_edit, name="edit"),
    path("p/<int:pk>/archive/", views.production_archive, name="archive"),
    path("p/<int:pk>/unarchive/", views.production_unarchive, name="unarchive"),
    path("p/<int:pk>/duplicate/", views.production_duplicate, name="duplicate"),
    path("p/<int:pk>/team/", views.team, name="team"),
    path("p/<int:pk>/team/<int:member_pk>/", views.member_edit, name="member_edit"),
    path("p/<int:pk>/team/<int:member_pk>/remove/", views.member_remove, name="member_remove"),
    path("p/<int:pk>/invitations/<int:invitation_pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("p/<int:pk>/contacts/new/", views.contact_edit, name="contact_add"),
    path("p/<int:pk>/contacts/<int:contact_pk>/", views.contact_edit, name="contact_edit"),
    path("p/<int:pk>/contacts/<int:contact_pk>/remove/", views.contact_remove, name="contact_remove"),
    path("p/<int:pk>/history/", views.history, name="history"),
]
