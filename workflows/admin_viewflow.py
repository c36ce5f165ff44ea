"""viewflow's processes and tasks in the admin: read-only.

viewflow.workflow registers them editable: an administrator could change a task's owner or
status, a process's data, or delete either, behind the back of the request's lifecycle and
without an audit event. Requests move only through their services; here one can look.
"""

from django.contrib import admin
from viewflow.workflow import admin as viewflow_admin
from viewflow.workflow.models import Process, Task


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyTaskInline(ReadOnlyMixin, viewflow_admin.TaskInline):
    pass


class ReadOnlyProcessAdmin(ReadOnlyMixin, viewflow_admin.ProcessAdmin):
    inlines = [ReadOnlyTaskInline]


class ReadOnlyTaskAdmin(ReadOnlyMixin, viewflow_admin.TaskAdmin):
    pass


for model, model_admin in ((Process, ReadOnlyProcessAdmin), (Task, ReadOnlyTaskAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
