"""Atom feeds of published news (mounted at /news/)."""

from django.urls import path

from api.feeds import NewsFeed

app_name = "news"
urlpatterns = [
    path("feed.atom", NewsFeed(), name="feed"),
    path("<str:acronym>/feed.atom", NewsFeed(), name="secretariat_feed"),
]
