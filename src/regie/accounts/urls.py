from __future__ import annotations

from django.urls import path

from regie.accounts import two_factor_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/code/", two_factor_views.login_code, name="login_code"),
    path("logout/", views.logout_view, name="logout"),
    path("password/reset/", views.password_reset, name="password_reset"),
    path("password/reset/sent/", views.password_reset_done, name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("password/reset/complete/", views.password_reset_complete, name="password_reset_complete"),
    path("password/change/", views.password_change, name="password_change"),
    path("language/", views.set_language, name="set_language"),
    path("invitations/<str:token>/", views.accept_invitation, name="invitation"),
    path("account/", views.profile, name="profile"),
    path("account/two-factor/", two_factor_views.overview, name="two_factor"),
    path("account/two-factor/setup/", two_factor_views.setup, name="two_factor_setup"),
    path("account/two-factor/setup/new-key/", two_factor_views.setup_new_key, name="two_factor_new_key"),
    path("account/two-factor/off/", two_factor_views.switch_off, name="two_factor_off"),
    path("account/two-factor/recovery-codes/", two_factor_views.renew_recovery_codes, name="two_factor_recovery_codes"),
    path("organisations/new/", views.create_organisation, name="create_organisation"),
    path("o/<slug:slug>/members/", views.members, name="members"),
    path("o/<slug:slug>/members/<int:member_pk>/", views.member_edit, name="member_edit"),
    path("o/<slug:slug>/members/<int:member_pk>/remove/", views.member_remove, name="member_remove"),
    path(
        "o/<slug:slug>/members/<int:member_pk>/two-factor/",
        two_factor_views.member_reset,
        name="member_two_factor_reset",
    ),
    path("o/<slug:slug>/two-factor/", two_factor_views.organisation_requirement, name="organisation_two_factor"),
    path("o/<slug:slug>/invitations/<int:invitation_pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path("o/<slug:slug>/invitations/<int:invitation_pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("o/<slug:slug>/history/", views.organisation_history, name="organisation_history"),
]
