"""URLs of the editorial calendar, events and feed management (mounted at /calendar/)."""

from django.urls import path

from calendars import views, views_absences, views_feeds, views_guests, views_tasks

app_name = "calendars"
urlpatterns = [
    path("", views.calendar_view, name="calendar"),
    path("data.json", views.calendar_data, name="data"),
    path("publications/<int:pk>/move/", views.publication_move, name="move"),
    path("requests/<int:pk>/propose-date/", views.planned_propose_date, name="propose_date"),
    path("events/", views.event_list, name="event_list"),
    path("events/new/", views.event_form, name="event_create"),
    path("events/import/", views.event_import, name="event_import"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", views.event_form, name="event_edit"),
    path("events/<int:pk>/remove/", views.event_remove, name="event_remove"),
    path("events/<int:pk>/coverage/", views.event_coverage, name="event_coverage"),
    path("events/<int:pk>/tasks/", views_tasks.task_add, name="event_task_add"),
    path("events/<int:pk>/checklist/", views_tasks.checklist_apply, name="event_checklist"),
    path("events/<int:pk>/tasks/<int:task_pk>/", views_tasks.task_assign,
         name="event_task_assign"),
    path("events/<int:pk>/tasks/<int:task_pk>/done/", views_tasks.task_done,
         name="event_task_done"),
    path("events/<int:pk>/tasks/<int:task_pk>/request/", views_tasks.task_request,
         name="event_task_request"),
    path("events/<int:pk>/guests/", views_guests.guest_add, name="event_guest_add"),
    path("events/<int:pk>/guests/<int:guest_pk>/", views_guests.guest_edit,
         name="event_guest_edit"),
    path("events/<int:pk>/guests/<int:guest_pk>/remove/", views_guests.guest_remove,
         name="event_guest_remove"),
    path("events/<int:pk>/guests/erase/", views_guests.guests_erase, name="event_guests_erase"),
    path("events/<int:pk>/guests/invite/", views_guests.guests_invite,
         name="event_guests_invite"),
    path("events/<int:pk>/protocol/", views_guests.protocol, name="event_protocol"),
    path("absences/", views_absences.absence_list, name="absences"),
    path("absences/<int:pk>/", views_absences.absence_edit, name="absence_edit"),
    path("absences/<int:pk>/remove/", views_absences.absence_delete, name="absence_remove"),
    path("feeds/", views_feeds.feed_list, name="feeds"),
    path("feeds/<int:pk>/", views_feeds.feed_edit, name="feed_edit"),
    path("feeds/<int:pk>/rotate/", views_feeds.feed_rotate, name="feed_rotate"),
    path("feeds/<int:pk>/revoke/", views_feeds.feed_revoke, name="feed_revoke"),
]
