"""The public news page, mounted at /news/ next to the Atom feeds (``api.feed_urls``)."""

from django.urls import path

from publishing import news

app_name = "public_news"
urlpatterns = [
    path("", news.news_list, name="list"),
    path("<int:pk>/", news.news_item, name="item"),
]
