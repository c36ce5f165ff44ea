"""KPI dashboard before/after the facts, at two history sizes (issue 22).

Builds a throw-away SQLite database under bench/work/facts (or the empty database of
``DATABASE_URL`` with ``BENCH_USE_DATABASE_URL=1``): the demo municipality without history,
then ``FACTS_ROWS`` requests a year over three years, each with eight state changes in the
audit trail (rows bulk-inserted with placeholder hashes: the chain is not what is measured).
One row per size and figure (``run()``, as bench/run.py reads it; run alone it prints them):
the former time-in-state walk (a LEAD window over every stay, the stays
read into Python), ``time_in_state`` from the facts, the whole ``compute_all`` (one year)
and a cached dashboard load (Django test client), warm medians of 5.
"""

import os
import shutil
import statistics
import sys
import time
from pathlib import Path

WORK = Path(__file__).resolve().parent / "work" / "facts"
SIZES = [int(n) for n in os.environ.get("FACTS_ROWS", "2000,10000").split(",")]


def _env():
    os.environ.update({
        "DATA_DIR": str(WORK), "DEBUG": "true", "DEMO_MODE": "true", "HUEY_IMMEDIATE": "true",
        "ALLOWED_HOSTS": "testserver", "SECURE_SSL_REDIRECT": "false", "AXES_ENABLED": "false",
        "LANGUAGE_CODE": "en"})
    if not os.environ.get("BENCH_USE_DATABASE_URL"):
        os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pauta.settings")
    import django

    django.setup()


STEPS = [("submit", "draft", "submitted", 0), ("accept", "submitted", "in_production", 5),
         ("send_to_review", "in_production", "in_review", 30),
         ("request_changes", "in_review", "in_production", 50),
         ("send_to_review", "in_production", "in_review", 70),
         ("approve", "in_review", "approved", 90), ("schedule", "approved", "scheduled", 100),
         ("publish", "scheduled", "published", 120)]


def _fill(total: int, start_index: int) -> None:
    import random
    from datetime import date, datetime, timedelta

    from django.db import transaction
    from django.utils import timezone

    from audit.models import AuditEvent
    from org.models import Secretariat, User
    from workflows.models import ContentRequest

    rng = random.Random(start_index)
    secretariats = list(Secretariat.objects.filter(parent__isnull=True))
    requester = User.objects.get(username="ana.saude")
    first = date(2023, 1, 2)
    with transaction.atomic():
        for low in range(0, total, 2000):
            requests = []
            for _n in range(min(2000, total - low)):
                day = first + timedelta(days=rng.randint(0, 3 * 365 - 30))
                submitted = timezone.make_aware(datetime(day.year, day.month, day.day, 9))
                requests.append(ContentRequest(
                    secretariat=rng.choice(secretariats), requester=requester, kind="news",
                    title="Pedido", brief="Briefing.", state="published",
                    submitted_at=submitted, created_at=submitted, rating=rng.randint(1, 5),
                    published_at=submitted + timedelta(hours=120 + rng.randint(0, 300)),
                    due_date=day + timedelta(days=10)))
            ContentRequest.objects.bulk_create(requests)
            events = []
            for request in requests:
                for verb, before, after, hours in STEPS:
                    n = len(events) + start_index * 100 + low * 10
                    events.append(AuditEvent(
                        verb=verb, target_type="workflows.contentrequest",
                        target_id=str(request.pk), subject_type="workflows.contentrequest",
                        subject_id=str(request.pk), request=request, from_state=before,
                        to_state=after, prev_hash="x", hash=f"bench-{start_index}-{n}",
                        created_at=request.submitted_at + timedelta(
                            hours=hours + rng.randint(0, 4))))
            AuditEvent.objects.bulk_create(events, batch_size=2000)


def _median_ms(fn, runs=5) -> float:
    fn()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        fn()
        times.append((time.perf_counter() - began) * 1000)
    return round(statistics.median(times), 1)


def _old_walk(slice_):
    """What ``time_in_state`` did before the facts: every stay read into Python."""
    from collections import defaultdict

    from django.db.models import DurationField, ExpressionWrapper, F, Window
    from django.db.models.functions import Lead

    from audit.models import AuditEvent
    from reports.indicators.flow import TERMINAL
    from reports.indicators.stats import median

    following = Window(Lead("created_at"), partition_by=[F("request_id")],
                       order_by=[F("created_at").asc(), F("pk").asc()])
    stays = (AuditEvent.objects.filter(request_id__in=slice_.published().values("pk"))
             .exclude(to_state="").order_by().annotate(left_at=following)
             .filter(left_at__isnull=False)
             .annotate(stay=ExpressionWrapper(F("left_at") - F("created_at"),
                                              output_field=DurationField()))
             .values_list("to_state", "stay"))
    durations = defaultdict(list)
    for state, stay in stays:
        if state not in TERMINAL:
            durations[state].append(stay.total_seconds() / 86400)
    return {state: median(values) for state, values in durations.items()}


def _row(name, value, unit, target, **extra):
    return {"name": name, "value": value, "unit": unit, "peer": None, "peer_value": None,
            "ratio": None, "target": target, **extra}


def run() -> list[dict]:
    if WORK.exists() and not os.environ.get("BENCH_USE_DATABASE_URL"):
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True, exist_ok=True)
    _env()
    from datetime import date

    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    from org.models import User
    from pauta.demo import seed_demo
    from reports.facts.fold import catch_up
    from reports.indicators import REGISTRY, compute_all
    from reports.indicators.context import Context
    from reports.slices import Slice

    url = reverse("reports:dashboard")
    call_command("migrate", verbosity=0)
    seed_demo(out=lambda line: None, history=False)
    year = Slice(start=date(2024, 1, 1), end=date(2024, 12, 31))
    made = 0
    rows = []
    client = Client()
    client.force_login(User.objects.get(username="helena.gestora"))
    for size in SIZES:
        _fill(size - made, made + 1)
        made = size
        began = time.perf_counter()
        catch_up()
        fold = round(time.perf_counter() - began, 1)
        old = _median_ms(lambda: _old_walk(year))
        new = _median_ms(lambda: REGISTRY["time_in_state"].compute(Context(year)))
        whole = _median_ms(lambda: compute_all(year))
        with override_settings(KPI_DASHBOARD_CACHE_SECONDS=0):
            page = _median_ms(lambda: client.get(url, {
                "start": "2024-01-01", "end": "2024-12-31"}))
        cached = _median_ms(lambda: client.get(url, {
            "start": "2024-01-01", "end": "2024-12-31"}), runs=20)
        rows += [
            _row("facts_catch_up_s", fold, "s", "linear in the new trail", n=size),
            _row("facts_time_in_state_walk_ms", old, "ms", "before the facts", n=size),
            _row("facts_time_in_state_ms", new, "ms", "flat in history length", n=size),
            _row("facts_compute_all_year_ms", whole, "ms", "flat in history length", n=size),
            _row("facts_dashboard_uncached_ms", page, "ms", "flat in history length", n=size),
            _row("facts_dashboard_cached_ms", cached, "ms", "<= 100 ms", n=size)]
    return rows


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
