"""Query plans of the inbox's "assigned to me" subquery and of the collision rule, without and
with the indexes of issue 22, after ``ANALYZE`` (not a benchmark: ``run.py`` ignores it).

Builds a throw-away database (SQLite under bench/work/plans, or the PostgreSQL database of
``DATABASE_URL`` when ``BENCH_USE_DATABASE_URL=1``: it must be an empty scratch database)
with the demo municipality, ``PLANS_ROWS`` requests (default 2,000), each with its
viewflow process and ``PLANS_TASKS`` (12) tasks, two in three owned by one editor, nearly all
finished (the history that made the planner walk every task), and one publication per request
on the portal. Times are medians of five runs.
Then prints ``EXPLAIN`` of both queries with the indexes dropped and re-created::

    .venv/bin/python bench/query_plans.py
    BENCH_USE_DATABASE_URL=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/perf_wt \\
        .venv/bin/python bench/query_plans.py
"""

import os
import random
import shutil
from datetime import timedelta
from pathlib import Path

WORK = Path(__file__).resolve().parent / "work" / "plans"
ROWS = int(os.environ.get("PLANS_ROWS", "2000"))
TASKS = int(os.environ.get("PLANS_TASKS", "12"))
TASK_INDEX = "workflows_vf_task_owner_status"
PUB_INDEX = "workflows_pub_channel_sched"
NEW_INDEX = "workflows_vf_task_new"


def _setup():
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    os.environ.update({
        "DATA_DIR": str(WORK), "DEBUG": "true", "DEMO_MODE": "true", "HUEY_IMMEDIATE": "true",
        "ALLOWED_HOSTS": "testserver", "SECURE_SSL_REDIRECT": "false", "AXES_ENABLED": "false",
    })
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pauta.settings")
    if not os.environ.get("BENCH_USE_DATABASE_URL"):
        os.environ.pop("DATABASE_URL", None)
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from pauta.demo import seed_demo

    seed_demo(out=lambda line: None, history=False)


def _fill() -> None:
    from django.db import connection, transaction
    from django.utils import timezone
    from viewflow.workflow.models import Process, Task

    from org.models import Secretariat, User
    from plans.models import Channel
    from workflows.flows import ContentRequestFlow as Flow
    from workflows.models import ContentRequest, ContentRequestProcess, Publication

    rng = random.Random(22)
    editor = User.objects.get(username="diego.editor")
    others = list(User.objects.exclude(pk=editor.pk))
    requester = User.objects.get(username="ana.saude")
    portal = Channel.objects.get(code="portal")
    secretariats = list(Secretariat.objects.filter(parent__isnull=True))
    start = timezone.now() - timedelta(days=3 * 365)
    nodes = [Flow.triage, Flow.production, Flow.schedule]
    with transaction.atomic():
        requests = ContentRequest.objects.bulk_create([ContentRequest(
            secretariat=rng.choice(secretariats), requester=requester, kind="news",
            title=f"Peça {n}", brief="b", state="published" if n % 20 else "in_production",
            priority="high" if n % 7 == 0 else "normal") for n in range(ROWS)])
        processes = Process.objects.bulk_create([
            Process(flow_class=Flow, status="DONE") for _ in requests])
        table = ContentRequestProcess._meta.db_table
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (process_ptr_id, request_id) VALUES (%s, %s)",
                [(p.pk, r.pk) for p, r in zip(processes, requests, strict=True)])
        tasks = []
        for process, request in zip(processes, requests, strict=True):
            live = request.state == "in_production"
            for t in range(TASKS):
                last = live and t == TASKS - 1
                tasks.append(Task(process_id=process.pk, flow_task=rng.choice(nodes),
                                  flow_task_type="HUMAN",
                                  owner=editor if last or t % 3 else rng.choice(others),
                                  status="ASSIGNED" if last else "DONE"))
        Task.objects.bulk_create(tasks, batch_size=2000)
        Publication.objects.bulk_create([Publication(
            request=r, channel=portal, title=r.title, body="<p>Texto.</p>",
            scheduled_at=start + timedelta(hours=7 * n)) for n, r in enumerate(requests)])


def _queries():
    from django.db.models import Q
    from django.utils import timezone
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    from org.models import User
    from plans.models import Channel
    from workflows.flows import ContentRequestFlow as Flow
    from workflows.models import ContentRequest, Publication
    from workflows.process import decision_nodes, inbox_tasks

    editor = User.objects.get(username="diego.editor")
    column = "process__contentrequestprocess__request_id"
    assigned, claimable = inbox_tasks(editor)
    # The shape before issue 22's fix: both task sets filtered on the process's flow_class.
    old_assigned = (Task.objects.filter(process__flow_class=Flow, owner=editor,
                                        status=STATUS.ASSIGNED)
                    .exclude(flow_task__in=decision_nodes()))
    old_claimable = Task.objects.queue([Flow], editor).exclude(flow_task__in=decision_nodes())

    def my_tasks(mine, others):  # "My tasks" without the decisions and the guardian scope
        return ContentRequest.objects.filter(
            Q(pk__in=mine.values(column)) | Q(pk__in=others.values(column))
            | Q(requester=editor, state="draft")).order_by("-created_at")[:25]

    around = timezone.now() - timedelta(days=400)
    collision = (Publication.objects.filter(
        channel=Channel.objects.get(code="portal"), cancelled_at__isnull=True,
        request__state__in=["approved", "scheduled", "published"],
        request__priority__in=["high", "urgent"], scheduled_at__gt=around - timedelta(hours=2),
        scheduled_at__lt=around + timedelta(hours=2)).select_related("request"))
    return {"My tasks, the query before (flow_class)": my_tasks(old_assigned, old_claimable),
            "My tasks, the query now": my_tasks(assigned, claimable),
            "collision rule": collision}


def _indexes(create: bool) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if create:
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {TASK_INDEX} "
                           "ON viewflow_task (owner_id, status)")
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {PUB_INDEX} "
                           "ON workflows_publication (channel_id, scheduled_at)")
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {NEW_INDEX} "
                           "ON viewflow_task (process_id) WHERE status = 'NEW'")
        else:
            for name in (TASK_INDEX, PUB_INDEX, NEW_INDEX):
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
        cursor.execute("ANALYZE")


def main() -> None:
    import time

    from django.db import connection

    _setup()
    _fill()
    print(f"{connection.vendor}, {ROWS:,} requests, {ROWS * TASKS:,} viewflow tasks")
    for label, create in (("without the indexes", False), ("with the indexes", True)):
        _indexes(create)
        for name, qs in _queries().items():
            list(qs.all())  # warm
            samples = []
            for _ in range(5):
                started = time.perf_counter()
                rows = len(list(qs.all()))
                samples.append((time.perf_counter() - started) * 1000)
            ms = sorted(samples)[2]
            print(f"\n## {name}, {label} ({rows} rows, {ms:.2f} ms)\n{qs.explain()}")


if __name__ == "__main__":
    main()
