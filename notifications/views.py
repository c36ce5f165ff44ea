"""The person's own notifications: the list, marking read, the daily-digest choice."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from notifications.models import Notification
from notifications.services import mark_read, set_digest


@login_required
def notification_list(request):
    notes = (Notification.objects.filter(recipient=request.user)
             .select_related("request", "event").order_by("-created_at", "-pk"))
    page = Paginator(notes, 30).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_POST
def notification_read(request, pk):
    note = get_object_or_404(Notification, pk=pk, recipient=request.user)
    mark_read(user=request.user, notification_id=note.pk)
    return redirect(note.link or "notifications:list")


@login_required
@require_POST
def notification_read_all(request):
    mark_read(user=request.user)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_digest(request):
    enabled = request.POST.get("notification_digest") == "on"
    set_digest(user=request.user, enabled=enabled)
    messages.success(request, _("You will receive one daily digest instead of one e-mail per "
                                "event.") if enabled else
                     _("You will receive one e-mail per event."))
    return redirect("notifications:list")
