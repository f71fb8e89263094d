from __future__ import annotations

from django.urls import path

from regie.scripts import board_views, views

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
    path("p/<int:pk>/scenes/breakdown.pdf", board_views.breakdown_pdf, name="breakdown_pdf"),
    path("p/<int:pk>/boards/import/", board_views.uss_import, name="uss_import"),
    path("p/<int:pk>/boards/<int:board_pk>/optimise/", board_views.board_optimise, name="optimise"),
    path(
        "p/<int:pk>/boards/<int:board_pk>/optimise/<int:run_pk>/",
        board_views.optimisation_detail,
        name="optimisation",
    ),
    path(
        "p/<int:pk>/boards/<int:board_pk>/optimise/<int:run_pk>/apply/",
        board_views.optimisation_apply,
        name="optimisation_apply",
    ),
    path("p/<int:pk>/boards/<int:board_pk>/dates/", board_views.board_dates, name="board_dates"),
    path("p/<int:pk>/boards/<int:board_pk>/uss/", board_views.board_uss, name="board_uss"),
    path("p/<int:pk>/boards/<int:board_pk>/stripboard.pdf", board_views.board_pdf, name="board_pdf"),
    path("p/<int:pk>/boards/<int:board_pk>/dood.pdf", board_views.dood_pdf, name="dood_pdf"),
]
