"""Managing one's calendar feeds: create, edit filters, rotate or revoke the token."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from calendars import permissions as perms
from calendars import services
from calendars.forms import FeedForm
from calendars.links import feed_links
from calendars.models import Feed

SESSION_KEY = "calendars_new_links"


def _remember(request, feed, token):
    # The token is stored hashed: its links can be shown only right after creation/rotation.
    shown = request.session.get(SESSION_KEY, {})
    shown[str(feed.pk)] = feed_links(token, feed.name)
    request.session[SESSION_KEY] = shown


@login_required
def feed_list(request):
    if not perms.can_create_feed(request.user):
        raise PermissionDenied
    can_public = perms.can_create_feed(request.user, public=True)
    form = FeedForm(request.POST or None, user=request.user, can_publish_public=can_public)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        feed, token = services.feed_create(by=request.user, **data)
        _remember(request, feed, token)
        messages.success(request, _("Feed created. Copy its link now: it is shown only once."))
        return redirect("calendars:feeds")
    new_links = request.session.pop(SESSION_KEY, {})
    feeds = Feed.objects.filter(owner=request.user).prefetch_related("secretariats", "channels")
    rows = [(feed, new_links.get(str(feed.pk))) for feed in feeds]
    return render(request, "calendars/feeds.html", {"rows": rows, "form": form})


def _own(request, pk) -> Feed:
    feed = get_object_or_404(Feed, pk=pk, owner=request.user)
    if not perms.can_manage_feed(request.user, feed):
        raise PermissionDenied
    return feed


@login_required
def feed_edit(request, pk):
    feed = _own(request, pk)
    form = FeedForm(request.POST or None, instance=feed, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.feed_update(feed=feed, by=request.user, **form.cleaned_data)
        messages.success(request, _("Feed saved; its link did not change."))
        return redirect("calendars:feeds")
    return render(request, "calendars/feed_form.html", {"form": form, "feed": feed})


@login_required
@require_POST
def feed_rotate(request, pk):
    feed = _own(request, pk)
    token = services.feed_rotate(feed=feed, by=request.user)
    _remember(request, feed, token)
    messages.success(request, _("New link created; the old one no longer works."))
    return redirect("calendars:feeds")


@login_required
@require_POST
def feed_revoke(request, pk):
    feed = _own(request, pk)
    services.feed_revoke(feed=feed, by=request.user)
    messages.success(request, _("Feed revoked; its link no longer works."))
    return redirect("calendars:feeds")
