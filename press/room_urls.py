"""The public press room, mounted at /imprensa/ next to its Atom feed (``api.press_feed_urls``)."""

from django.urls import path

from press import room

app_name = "press_room"
urlpatterns = [
    path("", room.press_room, name="list"),
    path("respostas/", room.answers, name="answers"),
]
