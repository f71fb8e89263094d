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
    path("p/<int:pk>/boards/", views.board_list, name="boards"),
    path("p/<int:pk>/boards/<int:board_pk>/", views.board_detail, name="board"),
    path("p/<int:pk>/boards/<int:board_pk>/order/", views.board_order, name="board_order"),
    path("p/<int:pk>/boards/<int:board_pk>/strips/add/", views.strip_add, name="strip_add"),
    path("p/<int:pk>/boards/<int:board_pk>/strips/<int:strip_pk>/move/", views.strip_move, name="strip_move"),
    path("p/<int:pk>/boards/<int:board_pk>/strips/<int:strip_pk>/remove/", views.strip_remove, name="strip_remove"),
    path("p/<int:pk>/boards/<int:board_pk>/dood/", views.board_dood, name="dood"),
    path("p/<int:pk>/boards/<int:board_pk>/dood/xlsx/", views.board_dood_xlsx, name="dood_xlsx"),
]
