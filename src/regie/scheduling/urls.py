from __future__ import annotations

from django.urls import path

from regie.scheduling.views import calendar, conflicts, feeds, items, organisation, personal

app_name = "scheduling"
urlpatterns = [
    path("p/<int:pk>/schedule/", calendar.calendar, name="calendar"),
    path("p/<int:pk>/schedule/events/", calendar.events, name="events"),
    path("p/<int:pk>/schedule/list/", calendar.schedule_list, name="list"),
    path("p/<int:pk>/schedule/new/", items.item_new, name="item_new"),
    path("p/<int:pk>/schedule/template/", items.apply_template, name="apply_template"),
    path("p/<int:pk>/schedule/conflicts/", conflicts.conflicts, name="conflicts"),
    path("p/<int:pk>/schedule/conflicts/accept/", conflicts.conflict_accept, name="conflict_accept"),
    path("p/<int:pk>/schedule/feed/", feeds.production_feed_page, name="feed"),
    path("p/<int:pk>/schedule/<int:item_pk>/", items.item_detail, name="item"),
    path("p/<int:pk>/schedule/<int:item_pk>/move/", items.item_move, name="item_move"),
    path("p/<int:pk>/schedule/<int:item_pk>/cancel/", items.item_cancel, name="item_cancel"),
    path("p/<int:pk>/schedule/<int:item_pk>/delete/", items.item_delete, name="item_delete"),
    path("p/<int:pk>/schedule/<int:item_pk>/calls/<int:call_pk>/", items.call_edit, name="call_edit"),
    path("me/schedule/", personal.my_schedule, name="mine"),
    path("me/schedule/events/", personal.my_events, name="my_events"),
    path("me/schedule/feed/", personal.my_feed, name="my_feed"),
    path("calendar/<str:feed_token>.ics", personal.ics, name="ics"),
    path("o/<slug:slug>/places/", organisation.place_list, name="places"),
    path("o/<slug:slug>/places/<int:place_pk>/", organisation.place_edit, name="place"),
    path("o/<slug:slug>/places/<int:place_pk>/archive/", organisation.place_archive, name="place_archive"),
    path("o/<slug:slug>/spaces/", organisation.space_list, name="spaces"),
    path("o/<slug:slug>/spaces/<int:space_pk>/", organisation.space_edit, name="space"),
    path("o/<slug:slug>/spaces/<int:space_pk>/archive/", organisation.space_archive, name="space_archive"),
    path("o/<slug:slug>/spaces/<int:space_pk>/calendar/", organisation.space_calendar, name="space_calendar"),
    path("o/<slug:slug>/spaces/<int:space_pk>/events/", organisation.space_events, name="space_events"),
    path("o/<slug:slug>/day-templates/", organisation.template_list, name="templates"),
    path("o/<slug:slug>/day-templates/<int:template_pk>/", organisation.template_detail, name="template"),
    path("o/<slug:slug>/day-templates/<int:template_pk>/delete/", organisation.template_delete, name="template_delete"),
    path(
        "o/<slug:slug>/day-templates/<int:template_pk>/entries/<int:entry_pk>/remove/",
        organisation.template_entry_remove,
        name="template_entry_remove",
    ),
]
