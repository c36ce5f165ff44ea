"""Distribution pages that are not the desk's forms: the JSON status the distribution page
polls while the job runs (``press/static/press/distribution.js``), and the signed link to a
release's file in the e-mails (no account: the token is the permission)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from press import permissions as perms
from press.distribution import progress, releasable
from press.models import Distribution
from press.release_files import file_of_token, shareable
from workflows.uploads import name_for_type


def progress_text(numbers: dict) -> str:
    return _("%(sent)s sent, %(failed)s failed and %(bounced)s bounced of %(total)s") % numbers


@login_required
def distribution_status(request, pk):
    if not perms.can_view_contacts(request.user):
        raise PermissionDenied
    item = get_object_or_404(Distribution, pk=pk)
    numbers = progress(item)
    return JsonResponse({**numbers, "status": item.status, "text": progress_text(numbers),
                         "finished": item.status != Distribution.Status.SENDING})


def release_file(request, token):
    """A file of a distributed release, while its link is valid and the release published."""
    named = file_of_token(token)
    if named is None:
        raise Http404
    item = Distribution.objects.select_related("request").filter(pk=named[0]).first()
    if item is None or not releasable(item.request):
        raise Http404  # taken down or withdrawn since: its files are private again
    attachment = shareable(item.request).filter(pk=named[1]).first()
    if attachment is None:
        raise Http404
    response = FileResponse(attachment.file.open("rb"), as_attachment=not attachment.is_image,
                            filename=name_for_type(attachment.original_name,
                                                   attachment.content_type),
                            content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response
