"""The viewflow process of a request: who must act next, as human tasks in people's inboxes."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process


class ContentRequestProcess(Process):
    """One process per request, started when the request is first submitted."""

    request = models.OneToOneField("workflows.ContentRequest", on_delete=models.CASCADE,
                                   related_name="process", verbose_name=_("request"))

    class Meta:
        verbose_name = _("request process")
        verbose_name_plural = _("request processes")
