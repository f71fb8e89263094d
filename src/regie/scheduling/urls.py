from __future__ import annotations

from django.urls import path

from regie.scheduling import org_views, personal_views, views

app_name = "scheduling"
urlpatterns = [
    path("p/<int:pk>/schedule/", views.calendar, name="calendar"),
    path("p/<int:pk>/schedule/events/", views.events, name="events"),
    path("p/<int:pk>/schedule/list/", views.schedule_list, name="list"),
    path("p/<int:pk>/schedule/new/", views.item_new, name="item_new"),
    path("p/<int:pk>/schedule/template/", views.apply_template, name="apply_template"),
    path("p/<int:pk>/schedule/conflicts/", views.conflicts, name="conflicts"),
    path("p/<int:pk>/schedule/conflicts/accept/", views.conflict_accept, name="conflict_accept"),
    path("p/<int:pk>/schedule/feed/", views.production_feed_page, name="feed"),
    path("p/<int:pk>/schedule/<int:item_pk>/", views.item_detail, name="item"),
    path("p/<int:pk>/schedule/<int:item_pk>/move/", views.item_move, name="item_move"),
    path("p/<int:pk>/schedule/<int:item_pk>/cancel/", views.item_cancel, name="item_cancel"),
    path("p/<int:pk>/schedule/<int:item_pk>/delete/", views.item_delete, name="item_delete"),
    path("p/<int:pk>/schedule/<int:item_pk>/calls/<int:call_pk>/", views.call_edit, name="call_edit"),
    path("me/schedule/", personal_views.my_schedule, name="mine"),
    path("me/schedule/events/", personal_views.my_events, name="my_events"),
    path("me/schedule/feed/", personal_views.my_feed, name="my_feed"),
    path("calendar/<str:feed_token>.ics", personal_views.ics, name="ics"),
    path("o/<slug:slug>/places/", org_views.place_list, name="places"),
    path("o/<slug:slug>/places/<int:place_pk>/", org_views.place_edit, name="place"),
    path("o/<slug:slug>/places/<int:place_pk>/archive/", org_views.place_archive, name="place_archive"),
    path("o/<slug:slug>/spaces/", org_views.space_list, name="spaces"),
    path("o/<slug:slug>/spaces/<int:space_pk>/", org_views.space_edit, name="space"),
    path("o/<slug:slug>/spaces/<int:space_pk>/archive/", org_views.space_archive, name="space_archive"),
    path("o/<slug:slug>/spaces/<int:space_pk>/calendar/", org_views.space_calendar, name="space_calendar"),
    path("o/<slug:slug>/spaces/<int:space_pk>/events/", org_views.space_events, name="space_events"),
    path("o/<slug:slug>/day-templates/", org_views.template_list, name="templates"),
    path("o/<slug:slug>/day-templates/<int:template_pk>/", org_views.template_detail, name="template"),
    path("o/<slug:slug>/day-templates/<int:template_pk>/delete/", org_views.template_delete, name="template_delete"),
    path(
        "o/<slug:slug>/day-templates/<int:template_pk>/entries/<int:entry_pk>/remove/",
        org_views.template_entry_remove,
        name="template_entry_remove",
    ),
]
