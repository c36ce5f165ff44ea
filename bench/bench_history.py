"""Pages, inbox, detail, campaign and audit verification on a realistic history (issue 22).

Builds the history with ``bench/history.py`` (templates played through the services, then
replayed) at ``BENCH_HISTORY_N`` requests (10,000), and with ``BENCH_SCALE=50000`` again at
50,000; each row carries ``n``, ``database`` and, at the larger size, ``growth`` (value at the
larger N / value at 10k). SQLite under bench/work/history, or $DATABASE_URL with
BENCH_USE_DATABASE_URL=1 (flushed first).
"""

import importlib.util
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
WORK = BENCH / "work" / "history"
N = int(os.environ.get("BENCH_HISTORY_N", "10000"))
SCALE = int(os.environ.get("BENCH_SCALE", "0"))
REPEAT = 7
PAGES = [  # (name, username, url)
    ("dashboard_manager", "helena.gestora", "/reports/"),
    ("list_all_approver", "fernanda.chefe", "/requests/?view=all"),
    ("list_secretariat_requester", "ana.saude", "/requests/?view=secretariat"),
    ("team_queue_editor", "diego.editor", "/requests/?view=queue"),
    ("my_tasks_editor", "diego.editor", "/requests/?view=mine"),
    ("home_editor", "diego.editor", "/"),
]


def _history():
    spec = importlib.util.spec_from_file_location("bench_history_generator",
                                                  BENCH / "history.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _setup(n: int):
    # bench/ off sys.path: a bench module must never shadow an app (bench/plans.py did, now
    # bench/query_plans.py)
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH]
    work = WORK / str(n)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    os.environ.update({
        "DATA_DIR": str(work), "DEBUG": "true", "DEMO_MODE": "true", "HUEY_IMMEDIATE": "true",
        "ALLOWED_HOSTS": "testserver", "SECURE_SSL_REDIRECT": "false", "AXES_ENABLED": "false",
        "AUDIT_CHECKPOINT_DIR": str(work / "checkpoints"), "LOG_LEVEL": "WARNING"})
    if not os.environ.get("BENCH_USE_DATABASE_URL"):
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    if not os.environ.get("BENCH_USE_DATABASE_URL"):  # a second size: a new SQLite file
        connections.close_all()
        settings.DATABASES["default"]["NAME"] = str(work / "db.sqlite3")
    call_command("migrate", verbosity=0)
    if os.environ.get("BENCH_USE_DATABASE_URL"):
        call_command("flush", interactive=False, verbosity=0)
    from pauta.demo import seed_demo

    seed_demo(out=lambda line: None, history=False)
    return _history().generate(n=n, templates=40, out=lambda line: None)


def _time(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(url).status_code == 200, url
    samples = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return round(statistics.median(samples), 1), len(queries)


def _row(name, value, unit, target, **extra):
    return {"name": name, "value": value, "unit": unit, "peer": None, "peer_value": None,
            "ratio": None, "target": target, **extra}


def measure(n: int, made: dict) -> list[dict]:
    from django.db import connection
    from django.test import Client

    from audit.anchor import verify_audit
    from audit.models import AuditEvent
    from campaigns.models import Campaign
    from org.models import User
    from workflows.models import ContentRequest

    common = {"n": made["requests"], "database": connection.vendor}
    rows = [_row("history_generate_s", made["total_s"], "s", "a few minutes at 50,000",
                 templates_s=made["templates_s"], replay_s=made["replay_s"],
                 audit_rows=made["rows"].get("audit.auditevent"),
                 tasks=made["rows"].get("viewflow.task"), **common)]
    longest = max(ContentRequest.objects.order_by("-pk")[:400], key=lambda r: r.events.count())
    campaign = max(Campaign.objects.order_by("-pk")[:12], key=lambda c: c.requests.count()) \
        if hasattr(Campaign, "requests") else Campaign.objects.order_by("-pk").first()
    pages = [*PAGES, ("request_detail_long", "fernanda.chefe", f"/requests/{longest.pk}/"),
             ("campaign_detail", "fernanda.chefe", f"/campaigns/{campaign.pk}/")]
    for name, username, url in pages:
        client = Client()
        client.force_login(User.objects.get(username=username))
        ms, queries = _time(client, url)
        rows.append(_row(f"history_{name}_median_ms", ms, "ms", "<= 100 ms at 50,000",
                         url=url, **common))
        rows.append(_row(f"history_{name}_queries", queries, "queries",
                         "independent of N", url=url, **common))
    count = AuditEvent.objects.count()
    start = time.perf_counter()
    assert verify_audit(full=True, write_checkpoint=True, source="command").ok
    full = time.perf_counter() - start
    start = time.perf_counter()
    assert verify_audit(full=False, write_checkpoint=True, source="command").ok
    incremental = time.perf_counter() - start
    rows.append(_row("history_verify_audit_full_per_100k_s", round(full / count * 1e5, 2), "s",
                     "linear, constant memory", audit_rows=count, **common))
    rows.append(_row("history_verify_audit_incremental_s", round(incremental, 3), "s",
                     "seconds at millions of rows", audit_rows=count, **common))
    return rows


def run() -> list[dict]:
    rows = measure(N, _setup(N))
    if SCALE and SCALE > N:
        # a second size in the same process would keep Django's caches: run it in a child
        import json
        import subprocess

        code = ("import json, sys; sys.path.insert(0, sys.argv[1]); import bench_history as b; "
                "print('ROWS' + json.dumps(b.measure(b.N, b._setup(b.N)), default=str))")
        child = subprocess.run([sys.executable, "-c", code, str(BENCH)], capture_output=True,
                               text=True, check=True,
                               env={**os.environ, "BENCH_HISTORY_N": str(SCALE),
                                    "BENCH_SCALE": "0"})
        big = json.loads(child.stdout.rsplit("ROWS", 1)[1])
        small = {row["name"]: row["value"] for row in rows}
        for row in big:
            if small.get(row["name"]):
                row["growth"] = round(row["value"] / small[row["name"]], 2)
        rows += big
    return rows


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2, default=str))
