"""viewflow's processes and tasks are read-only in the admin (issue 13, item 11)."""

from django.urls import reverse
from viewflow.workflow.models import Process, Task

from org.models import Secretariat
from plans.models import Channel
from workflows import services


def submitted(demo):
    request = services.request_create(
        by=demo["ana.saude"], secretariat=Secretariat.objects.get(acronym="SMS"), kind="news",
        title="Processo no admin", brief="b", channels=Channel.objects.filter(code="portal"))
    return services.request_submit(request=request, by=demo["ana.saude"])


def test_processes_and_tasks_can_be_read_but_not_changed_or_deleted(client, demo):
    request = submitted(demo)
    process = request.process
    task = Task.objects.filter(process=process).first()
    client.force_login(demo["admin"])
    for name, obj in (("process", process), ("task", task)):
        changelist = client.get(reverse(f"admin:viewflow_{name}_changelist"))
        assert changelist.status_code == 200, name
        change_url = reverse(f"admin:viewflow_{name}_change", args=[obj.pk])
        page = client.get(change_url)
        assert page.status_code == 200 and 'name="_save"' not in page.content.decode(), name
        assert client.post(change_url, {"status": "CANCELED"}).status_code == 403, name
        delete_url = reverse(f"admin:viewflow_{name}_delete", args=[obj.pk])
        assert client.post(delete_url, {"post": "yes"}).status_code == 403, name
        assert client.get(reverse(f"admin:viewflow_{name}_add")).status_code == 403, name
    assert Process.objects.get(pk=process.pk).status == process.status
    assert Task.objects.get(pk=task.pk).status == task.status
