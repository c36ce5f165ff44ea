"""URL of the public feed endpoint (mounted at /feeds/)."""

from django.urls import path

from calendars.feed_views import feed_ics

app_name = "feeds"
urlpatterns = [path("<str:token>.ics", feed_ics, name="ics")]
