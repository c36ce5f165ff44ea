"""The Atom feed of the public press room (mounted at /imprensa/)."""

from django.urls import path

from api.feeds import PressRoomFeed

app_name = "press_feed"
urlpatterns = [path("feed.atom", PressRoomFeed(), name="feed")]
