"""Inbox and request lists with 100,000 requests: median server time and query count.

Builds a throw-away SQLite database under bench/work/pages (the demo municipality plus
100,000 requests spread over its secretariats, states and channels), then times each list
page through Django's test client, as each role sees it.
"""

import os
import shutil
import statistics
import time
from pathlib import Path

WORK = Path(__file__).resolve().parent / "work" / "pages"
ROWS = int(os.environ.get("BENCH_PAGES_ROWS", "100000"))
REPEAT = 15
PAGES = [  # (name, username, url)
    ("list_all_approver", "fernanda.chefe", "/requests/?view=all"),
    ("list_secretariat_requester", "ana.saude", "/requests/?view=secretariat"),
    ("team_queue_editor", "diego.editor", "/requests/?view=queue"),
    ("my_tasks_editor", "diego.editor", "/requests/?view=mine"),
    ("list_filtered_overdue", "fernanda.chefe", "/requests/?view=all&overdue=on&kind=news"),
    ("list_search", "fernanda.chefe", "/requests/?view=all&q=vacina"),
]


def _setup():
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    os.environ.update({
        "DATA_DIR": str(WORK), "DEBUG": "true", "DEMO_MODE": "true", "HUEY_IMMEDIATE": "true",
        "ALLOWED_HOSTS": "testserver", "SECURE_SSL_REDIRECT": "false", "AXES_ENABLED": "false",
    })
    if not os.environ.get("BENCH_USE_DATABASE_URL"):
        os.environ.pop("DATABASE_URL", None)  # the throw-away SQLite file above
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from pauta.demo import seed_demo

    seed_demo(out=lambda line: None, history=False)


def _fill(rows: int) -> None:
    import random

    from django.db import transaction

    from org.models import Secretariat, User
    from plans.models import Channel
    from workflows.models import ContentRequest, RequestKind, RequestState

    rng = random.Random(7)
    secretariats = list(Secretariat.objects.filter(parent__isnull=True))
    requester = User.objects.get(username="ana.saude")
    states = list(RequestState.values)
    kinds = list(RequestKind.values)
    channels = list(Channel.objects.all())
    through = ContentRequest.channels.through
    words = ["vacina", "matrícula", "obra", "festival", "alerta", "coleta", "feira", "ponte"]
    with transaction.atomic():
        for start in range(0, rows, 5000):
            batch = [ContentRequest(
                secretariat=rng.choice(secretariats), requester=requester,
                kind=rng.choice(kinds), title=f"{rng.choice(words).title()} {start + n}",
                brief="Briefing de teste para o benchmark.", state=rng.choice(states),
                due_date=None) for n in range(min(5000, rows - start))]
            created = ContentRequest.objects.bulk_create(batch)
            through.objects.bulk_create([
                through(contentrequest_id=r.pk, channel_id=rng.choice(channels).pk)
                for r in created])


def _measure(name, username, url) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from org.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    client.get(url)  # warm caches and the permission lookups
    samples = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return [
        {"name": f"{name}_median_ms", "value": round(statistics.median(samples), 1),
         "unit": "ms", "peer": None, "peer_value": None, "ratio": None,
         "target": f"< 200 ms with {ROWS:,} requests", "p90": round(
             statistics.quantiles(samples, n=10)[-1], 1), "url": url},
        {"name": f"{name}_queries", "value": len(queries), "unit": "queries", "peer": None,
         "peer_value": None, "ratio": None, "target": "independent of the number of rows"},
    ]


def run() -> list[dict]:
    _setup()
    started = time.perf_counter()
    _fill(ROWS)
    rows = [{"name": "pages_fill_100k_s", "value": round(time.perf_counter() - started, 1),
             "unit": "s", "peer": None, "peer_value": None, "ratio": None,
             "target": "set-up only (bulk insert)"}]
    for name, username, url in PAGES:
        rows += _measure(name, username, url)
    return rows


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
