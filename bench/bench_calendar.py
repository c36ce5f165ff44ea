"""The editorial calendar's month JSON on a busy month: median server time and query count.

Builds a throw-away SQLite database under bench/work/calendar (the demo municipality without
history, plus ``BENCH_CALENDAR_PIECES`` pieces in one month — a third planned requests with a
desired date, a third scheduled and a third published publications — bulk-inserted, no
history), then times ``/calendar/data.json`` for that month through Django's test client as
an editor (every piece, draggable ones) and as a requester (their secretariat's).
Issue 22 measured 354 ms for 2,393 pieces at 50,000 requests before the JSON was built from
narrow queries.
"""

import os
import shutil
import statistics
import time
from pathlib import Path

WORK = Path(__file__).resolve().parent / "work" / "calendar"
PIECES = int(os.environ.get("BENCH_CALENDAR_PIECES", "2400"))
REPEAT = 11


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


def _fill(pieces: int):
    """``pieces`` items in the month starting next Monday; returns the month's bounds."""
    import datetime as dt
    import random

    from django.db import transaction
    from django.utils import timezone

    from org.models import Secretariat, User
    from plans.models import Channel
    from workflows.models import ContentRequest, Publication

    rng = random.Random(17)
    secretariats = list(Secretariat.objects.filter(parent__isnull=True))
    requester = User.objects.get(username="ana.saude")
    channels = list(Channel.objects.all())
    first = timezone.localdate() + dt.timedelta(days=7 - timezone.localdate().weekday())
    start = timezone.make_aware(dt.datetime.combine(first, dt.time()))
    states = ["in_production", "scheduled", "published"]
    with transaction.atomic():
        requests = ContentRequest.objects.bulk_create([ContentRequest(
            secretariat=rng.choice(secretariats), requester=requester, kind="news",
            title=f"Peça {n}", brief="Briefing de teste para o benchmark.",
            state=states[n % 3], desired_date=first + dt.timedelta(days=rng.randrange(28)))
            for n in range(pieces)])
        through = ContentRequest.channels.through
        through.objects.bulk_create([through(contentrequest_id=r.pk,
                                             channel_id=rng.choice(channels).pk)
                                     for r in requests])
        Publication.objects.bulk_create([Publication(
            request=r, channel=rng.choice(channels), title=r.title, body="Texto.",
            scheduled_at=start + dt.timedelta(minutes=rng.randrange(28 * 24 * 60)),
            published_at=start + dt.timedelta(days=1) if r.state == "published" else None)
            for r in requests if r.state != "in_production"])
    return start, start + dt.timedelta(days=35)


def _measure(name, username, url) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from org.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    items = len(client.get(url).json())  # warm caches and the permission lookups
    samples = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return [
        {"name": f"calendar_month_json_{name}_median_ms",
         "value": round(statistics.median(samples), 1), "unit": "ms", "peer": None,
         "peer_value": None, "ratio": None, "items": items,
         "target": f"≤ 100 ms for a busy month ({PIECES:,} pieces)"},
        {"name": f"calendar_month_json_{name}_queries", "value": len(queries),
         "unit": "queries", "peer": None, "peer_value": None, "ratio": None,
         "target": "independent of the number of pieces"},
    ]


def run() -> list[dict]:
    from urllib.parse import urlencode

    _setup()
    start, end = _fill(PIECES)
    url = "/calendar/data.json?" + urlencode({"start": start.isoformat(),
                                              "end": end.isoformat()})
    return [*_measure("editor", "diego.editor", url),
            *_measure("requester", "ana.saude", url)]


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
