from __future__ import annotations

from django.urls import path

from regie.api import views
from regie.api.main import api

app_name = "api_tokens"

urlpatterns = [
    path("account/api-tokens/", views.token_list, name="tokens"),
    path("account/api-tokens/revoke/", views.token_revoke, name="revoke"),
]

api_urlpatterns = [path("api/v1/", api.urls)]
