"""Content requests: lifecycle, processes, assignments, comments, publications, audit trail."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Content requests")

    def ready(self):
        from approvals import approvable
        from approvals.compliance import checkable
        from workflows import verbs
        from workflows.approvable import approvable as request_approvable
        from workflows.checkable import checkable as request_checkable

        verbs.register_verbs()
        from django.db.models.signals import post_save
        from viewflow.workflow.models import Task

        from workflows.process import note_saved_task

        # the tasks a sync's round wrote (workflows.process._complete_done)
        post_save.connect(note_saved_task, sender=Task, dispatch_uid="workflows.saved_tasks")
        approvable.register(request_approvable())
        checkable.register(request_checkable())  # the rules read it; the gate runs on it
