from __future__ import annotations

from django.urls import include, path

from regie.api.urls import api_urlpatterns

urlpatterns = [
    path("", include("regie.core.urls")),
    path("", include("regie.accounts.urls")),
    path("", include("regie.productions.urls")),
    path("", include("regie.people.urls")),
    path("", include("regie.budgets.urls")),
    path("", include("regie.scripts.urls")),
    path("", include("regie.scheduling.urls")),
    path("", include("regie.callsheets.urls")),
    path("", include("regie.contracts.urls")),
    path("", include("regie.api.urls")),
    *api_urlpatterns,
]
