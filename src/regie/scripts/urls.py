from __future__ import annotations

from django.urls import path

from regie.scripts import views

app_name = "scripts"
urlpatterns = [
    path("p/<int:pk>/scenes/", views.scene_list, name="scenes"),
    path("p/<int:pk>/scenes/import/", views.script_import, name="import"),
    path("p/<int:pk>/scenes/<int:scene_pk>/", views.breakdown_sheet, name="breakdown"),
    path("p/<int:pk>/scenes/<int:scene_pk>/elements/add/", views.element_add, name="element_add"),
    path(
        "p/<int:pk>/scenes/<int:scene_pk>/elements/<int:element_pk>/remove/",
        views.element_remove,
        name="element_remove",
    ),
    path("p/<int:pk>/scenes/<int:scene_pk>/elements/<int:element_pk>/cast/", views.cast_link, name="cast_link"),
]
