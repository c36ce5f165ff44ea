"""Atom feeds of published news (global and per secretariat) for portals that pull."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from org.models import Secretariat
from publishing.selectors import published_news, published_press_releases

ITEMS = 50


class NewsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, acronym=None):
        if acronym is None:
            return None
        return get_object_or_404(Secretariat, acronym__iexact=acronym, active=True)

    def title(self, obj):
        if obj is None:
            return _("Published news")
        return _("Published news — %(secretariat)s") % {"secretariat": obj.name}

    def link(self, obj):
        return settings.SITE_URL + "/"

    def subtitle(self, obj):
        return _("News published through Pauta.")

    def items(self, obj):
        items = published_news()
        if obj is not None:
            items = items.filter(request__secretariat=obj)
        return items[:ITEMS]

    def item_title(self, item):
        return item.title or item.request.title

    def item_description(self, item):
        return item.excerpt or item.body

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return f"tag:pauta,{item.published_at:%Y-%m-%d}:publication/{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.request.secretariat.name

    def item_categories(self, item):
        return [item.channel.name]


class PressRoomFeed(NewsFeed):
    """The press room's releases (``/imprensa/feed.atom``): the news feed's items, of the
    press-release kind."""

    def get_object(self, request):
        return None

    def title(self, obj):
        return _("Press releases")

    def link(self, obj):
        return settings.SITE_URL + reverse("press_room:list")

    def subtitle(self, obj):
        return _("Press releases published through Pauta.")

    def items(self, obj):
        return published_press_releases()[:ITEMS]
