"""The pages, the dashboard, feeds, export, audit verification, one lifecycle and a load run on
a realistic history (issue 22).

Builds the history with ``bench/history.py`` (templates played through the services, then
replayed, then one campaign of 30 pieces) at ``BENCH_HISTORY_N`` requests (10,000), and with
``BENCH_SCALE=50000`` again at 50,000; each row carries ``n``, ``database`` and, at the larger
size, ``growth`` (value at the larger N / value at 10k). SQLite under bench/work/history, or
$DATABASE_URL with BENCH_USE_DATABASE_URL=1 (flushed first).

Rows (``history_<name>_…``): the KPI dashboard for the last year, the whole history (three
years), one secretariat's year and the default (year to date), each warm (its indicators
cached) and ``uncached`` (the cache cleared before each sample); every list and inbox page
(``PAGES``); the request with the longest timeline; the campaign with the most pieces (30);
the calendar's month JSON at the month with the most pieces; ``export_kpis`` for the year
with the most requests in a child process (seconds, peak RSS added); ``verify_audit``; a
gunicorn load run (``bench_load.gunicorn``, 2 workers, loopback, ``BENCH_HISTORY_LOAD_REQUESTS``
requests per page); the editor's ICS feed cold, warm and after one ``publication_reschedule``;
one request's lifecycle through the services (the steps of ``test_lifecycle_queries.life``).

    BENCH_HISTORY_N=2000 .venv/bin/python bench/bench_history.py   # a quick size
"""

import importlib.util
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "work" / "history"
N = int(os.environ.get("BENCH_HISTORY_N", "10000"))
SCALE = int(os.environ.get("BENCH_SCALE", "0"))
REPEAT = 7
COLD = 3  # samples of an uncached dashboard (the cache cleared before each)
LOAD_REQUESTS = int(os.environ.get("BENCH_HISTORY_LOAD_REQUESTS", "100"))
PAGES = [  # (name, username, url): every list and inbox page, as someone who sees it
    ("dashboard_manager", "helena.gestora", "/reports/"),
    ("list_all_approver", "fernanda.chefe", "/requests/?view=all"),
    ("list_secretariat_requester", "ana.saude", "/requests/?view=secretariat"),
    ("inbox_requester", "ana.saude", "/requests/?view=mine"),
    ("inbox_approver", "fernanda.chefe", "/requests/?view=mine"),
    ("team_queue_editor", "diego.editor", "/requests/?view=queue"),
    ("my_tasks_editor", "diego.editor", "/requests/?view=mine"),
    ("workload_editor", "diego.editor", "/requests/workload/"),
    ("home_editor", "diego.editor", "/"),
    ("home_requester", "ana.saude", "/"),
    ("campaign_list", "fernanda.chefe", "/campaigns/"),
    ("calendar_page_editor", "diego.editor", "/calendar/"),
    ("event_list_editor", "diego.editor", "/calendar/events/"),
    ("press_inbox_press_officer", "elisa.editora", "/press/"),
    ("press_contacts_press_officer", "elisa.editora", "/press/contacts/"),
    ("clipping_list_editor", "diego.editor", "/clipping/"),
    ("idea_list_editor", "diego.editor", "/ideas/"),
    ("survey_list_editor", "diego.editor", "/surveys/"),
    ("plan_list_manager", "helena.gestora", "/plans/"),
    ("media_library_editor", "diego.editor", "/media-bank/"),
    ("notification_list_editor", "diego.editor", "/notifications/"),
    ("takedown_checklist_editor", "diego.editor", "/publishing/takedowns/"),
    ("absence_list_editor", "diego.editor", "/calendar/absences/"),
    ("audit_trail_auditor", "igor.auditor", "/audit/"),
]


def _bench_module(stem: str):
    """A module of bench/ loaded by path (bench/ is kept off sys.path, see ``_setup``)."""
    spec = importlib.util.spec_from_file_location(f"bench_{stem}_by_path", BENCH / f"{stem}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _history():
    return _bench_module("history")


def _setup(n: int):
    # bench/ off sys.path: a bench module must never shadow an app (bench/plans.py did, now
    # bench/query_plans.py)
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH]
    if str(ROOT) not in sys.path:  # run as a script: the project's apps (run.py sets it)
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pauta.settings")
    work = WORK / str(n)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    os.environ.update({
        "DATA_DIR": str(work), "DEBUG": "true", "DEMO_MODE": "true", "HUEY_IMMEDIATE": "true",
        "ALLOWED_HOSTS": "testserver", "SECURE_SSL_REDIRECT": "false", "AXES_ENABLED": "false",
        "AUDIT_CHECKPOINT_DIR": str(work / "checkpoints"), "LOG_LEVEL": "WARNING",
        # the notifications of the lifecycle rows: not printed among the results
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"})
    if not os.environ.get("BENCH_USE_DATABASE_URL"):
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    if os.environ.get("BENCH_USE_DATABASE_URL"):
        _drop_tables()
    else:  # a second size: a new SQLite file
        connections.close_all()
        settings.DATABASES["default"]["NAME"] = str(work / "db.sqlite3")
    call_command("migrate", verbosity=0)
    from pauta.demo import seed_demo

    seed_demo(out=lambda line: None, history=False)
    return _history().generate(n=n, templates=40, out=lambda line: None)


def _drop_tables():
    """Empty $DATABASE_URL's database down to no table, so ``migrate`` builds it as on a new
    SQLite file. ``flush`` is not enough: it also deletes what the data migrations wrote (the
    compliance rules' configuration, the inclusive-language terms, the allowed domains), and
    the history would then have other findings than on SQLite (rules on their code defaults,
    no vocabulary term, no allowed domain). Each size runs this in turn on the one database
    (the larger size in a child, after the smaller has been measured). Never the CI's ``test``
    database."""
    from django.db import connection

    name = connection.settings_dict["NAME"]
    if connection.vendor != "postgresql" or name in ("test", "postgres", "template0",
                                                     "template1"):
        raise SystemExit(f"BENCH_USE_DATABASE_URL: a scratch PostgreSQL database, not {name!r} "
                         f"({connection.vendor})")
    tables = connection.introspection.table_names()
    if tables:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE {} CASCADE".format(
                ", ".join(connection.ops.quote_name(table) for table in tables)))


def _time(client, url, *, cold=False):
    """(warm median ms, queries, first ms); ``cold``: the median of ``COLD`` samples with the
    cache cleared before each instead (the dashboard's indicators are cached per facts)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    start = time.perf_counter()
    assert client.get(url).status_code == 200, url
    first = (time.perf_counter() - start) * 1000
    samples = []
    for _ in range(COLD if cold else REPEAT):
        if cold:
            cache.clear()
        start = time.perf_counter()
        client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return round(statistics.median(samples), 1), len(queries), round(first, 1)


def _row(name, value, unit, target, **extra):
    return {"name": name, "value": value, "unit": unit, "peer": None, "peer_value": None,
            "ratio": None, "target": target, **extra}


def _page_rows(name, username, url, common, *, cold=False, **extra):
    from django.test import Client

    from org.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    ms, queries, first = _time(client, url)
    rows = [_row(f"history_{name}_median_ms", ms, "ms", "<= 100 ms at 50,000", url=url,
                 first_ms=first, **extra, **common),
            _row(f"history_{name}_queries", queries, "queries", "independent of N", url=url,
                 **extra, **common)]
    if cold:
        ms, _queries, _first = _time(client, url, cold=True)
        rows.append(_row(f"history_{name}_uncached_median_ms", ms, "ms",
                         "<= 100 ms at 50,000; at 50k <= 1.2 x at 10k", url=url, **extra,
                         **common))
    return rows


def _dashboards():
    """(name, url) of the KPI dashboard for the last year, the whole history (at most the
    three years the form allows) and one secretariat's year."""
    from datetime import timedelta
    from urllib.parse import urlencode

    from django.db.models import Min
    from django.utils import timezone

    from org.models import Secretariat
    from pauta import clock
    from reports.forms import MAX_DAYS
    from workflows.models import ContentRequest

    today = clock.today()
    year = {"start": (today - timedelta(days=364)).isoformat(), "end": today.isoformat()}
    first = ContentRequest.objects.aggregate(m=Min("submitted_at"))["m"]
    since = max(timezone.localdate(first), today - timedelta(days=MAX_DAYS)) if first else \
        today - timedelta(days=MAX_DAYS)
    sms = Secretariat.objects.get(acronym="SMS").pk
    return [("dashboard_year", f"/reports/?{urlencode(year)}"),
            ("dashboard_three_years", "/reports/?" + urlencode(
                {"start": since.isoformat(), "end": today.isoformat()})),
            ("dashboard_secretariat_year", f"/reports/?{urlencode({**year, 'secretariat': sms})}")]


def _busiest_month():
    """[start, end) of the month with the most pieces out (published, or else scheduled)."""
    import datetime as dt
    from collections import Counter

    from django.utils import timezone

    from workflows.models import Publication

    months = Counter(timezone.localtime(published or scheduled).strftime("%Y-%m")
                     for published, scheduled in Publication.objects.filter(
                         scheduled_at__isnull=False).values_list("published_at", "scheduled_at"))
    month, pieces = months.most_common(1)[0]
    first = dt.date.fromisoformat(f"{month}-01")
    after = (first + dt.timedelta(days=32)).replace(day=1)
    return [timezone.make_aware(dt.datetime.combine(day, dt.time())) for day in (first, after)], \
        pieces


def _calendar_rows(common):
    from urllib.parse import urlencode

    from django.test import Client

    from org.models import User

    (start, end), pieces = _busiest_month()
    url = "/calendar/data.json?" + urlencode({"start": start.isoformat(),
                                              "end": end.isoformat()})
    client = Client()
    client.force_login(User.objects.get(username="diego.editor"))
    items = len(client.get(url).json())
    ms, queries, first = _time(client, url)
    extra = {"url": url, "pieces": pieces, "items": items, **common}
    return [_row("history_calendar_month_json_busiest_median_ms", ms, "ms", "<= 100 ms",
                 first_ms=first, **extra),
            _row("history_calendar_month_json_busiest_queries", queries, "queries",
                 "independent of the number of pieces", **extra)]


def _feed_rows(common):
    """The editor's ICS feed: cold (fragments and caches gone), warm, and rebuilt after one
    publication is moved through ``publication_reschedule``."""
    from datetime import timedelta

    from django.core.cache import cache
    from django.core.exceptions import ValidationError
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from calendars import feeds
    from calendars.models import Event, PublicationFragment
    from calendars.selectors import feed_publications
    from calendars.services import feed_create
    from org.models import User
    from workflows.models import Publication
    from workflows.services import publication_reschedule

    diego = User.objects.get(username="diego.editor")
    feed, token = feed_create(by=None, system=True, owner=diego, name="Bench history")
    url = reverse("feeds:ics", args=[token])
    client = Client()

    def get():
        start = time.perf_counter()
        response = client.get(url)
        assert response.status_code == 200, url
        return (time.perf_counter() - start) * 1000, response

    cold = []
    for _ in range(COLD):
        PublicationFragment.objects.all().delete()
        Event.objects.update(ics_fragment="")
        cache.clear()
        feeds.memo.clear()
        feeds.fragments.clear()
        cold.append(get()[0])
    _ms, response = get()
    events = response.content.count(b"BEGIN:VEVENT")
    warm = statistics.median(get()[0] for _ in range(REPEAT))
    movable = list(feed_publications(feed).filter(
        published_at__isnull=True, cancelled_at__isnull=True, request__state="scheduled",
        scheduled_at__gt=timezone.now() + timedelta(hours=2)).order_by("pk")[:20])
    changed = []
    for n, publication in enumerate(movable):
        if len(changed) == 5:
            break
        try:
            moved = publication_reschedule(
                publication=Publication.objects.get(pk=publication.pk), by=diego,
                scheduled_at=publication.scheduled_at + timedelta(minutes=5 * (n + 1)))
        except ValidationError:  # a gate refused the new date (TransitionRefused is one)
            continue
        ms, response = get()
        assert f"SEQUENCE:{moved.sequence}".encode() in response.content
        changed.append(ms)
    extra = {"events": events, **common}
    rows = [_row("history_feed_cold_ms", round(statistics.median(cold), 1), "ms",
                 "fragments rebuilt: linear in the feed's pieces", **extra),
            _row("history_feed_warm_ms", round(warm, 2), "ms", "<= 20 ms", **extra)]
    if changed:
        rows.append(_row("history_feed_after_one_change_ms", round(statistics.median(changed), 1),
                         "ms", "<= 100 ms at 50,000", changes=len(changed), **extra))
    return rows


EXPORT = """
import json, sys, time
from pathlib import Path
import django
django.setup()
from django.core.management import call_command
from django.db import connection


def vm(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1]) / 1024


connection.ensure_connection()
baseline = vm("VmRSS")
started = time.perf_counter()
call_command("export_kpis", year=int(sys.argv[1]), output=sys.argv[2])
print("RESULT" + json.dumps({"seconds": time.perf_counter() - started,
                             "peak_rss_mb": vm("VmHWM"), "baseline_rss_mb": baseline}))
"""


def _child_env(work: Path) -> dict:
    """This process's settings for a child (a command, gunicorn) on the same database."""
    from django.conf import settings

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "DJANGO_SETTINGS_MODULE": "pauta.settings", "SECRET_KEY": settings.SECRET_KEY}
    if not os.environ.get("BENCH_USE_DATABASE_URL"):
        env["DATABASE_URL"] = f"sqlite:///{work / 'db.sqlite3'}"
    return env


def _export_rows(work: Path, common):
    """``manage.py export_kpis`` for the year with the most requests, in a child process: its
    time and the peak resident memory it adds over Django loaded."""
    import json
    import subprocess
    from collections import Counter

    from django.utils import timezone

    from workflows.models import ContentRequest

    years = Counter(timezone.localtime(moment).year for moment in ContentRequest.objects
                    .filter(submitted_at__isnull=False).values_list("submitted_at", flat=True))
    year, requests = years.most_common(1)[0]
    out = work / f"kpis-{year}.xlsx"
    child = subprocess.run([sys.executable, "-c", EXPORT, str(year), str(out)], cwd=ROOT,
                           env=_child_env(work), capture_output=True, text=True, check=True)
    result = json.loads(child.stdout.rsplit("RESULT", 1)[1])
    extra = {"year": year, "year_requests": requests, "size_kb": out.stat().st_size // 1024,
             **common}
    return [_row("history_export_kpis_year_s", round(result["seconds"], 2), "s",
                 "<= 5 s at 50,000", **extra),
            _row("history_export_kpis_year_peak_rss_added_mb",
                 round(result["peak_rss_mb"] - result["baseline_rss_mb"], 1), "MB", "<= 64 MB",
                 peak_rss_mb=round(result["peak_rss_mb"], 1),
                 baseline_rss_mb=round(result["baseline_rss_mb"], 1), **extra)]


def _clear_day():
    """10:00 on the first weekday from the day after tomorrow that no official mourning or
    electoral blackout touches (the replay leaves copies of the demo's mourning days around)."""
    import datetime as dt

    from django.utils import timezone

    from calendars.models import Event, EventKind
    from pauta import clock

    day = clock.today() + dt.timedelta(days=2)
    while True:
        start = timezone.make_aware(dt.datetime.combine(day, dt.time()))
        touched = Event.objects.filter(
            kind__in=[EventKind.MOURNING, EventKind.BLACKOUT],
            starts_at__lt=start + dt.timedelta(days=2), ends_at__gt=start - dt.timedelta(days=1))
        if day.weekday() < 5 and not touched.exists():
            return start + dt.timedelta(hours=10)
        day += dt.timedelta(days=1)


def _lifecycle_rows(common):
    """One request's life through the services on the history: its queries, once, and the
    median time of three more (each on its own day: two pieces at one time would collide)."""
    import datetime as dt
    from contextlib import contextmanager, nullcontext

    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from org.models import User
    from workflows.tests.test_lifecycle_queries import life

    people = {u.username: u for u in User.objects.all()}
    per_step: dict[str, int] = {}

    @contextmanager
    def counted(name):
        reset_queries()  # a full query log (9,000 entries after the generation) counts 0
        with CaptureQueriesContext(connection) as queries:
            yield
        per_step[name] = per_step.get(name, 0) + len(queries)

    when = _clear_day()
    assert life(people, counted, when).state == "published"
    samples = []
    for n in range(1, 4):
        start = time.perf_counter()
        life(people, lambda _name: nullcontext(), when + dt.timedelta(hours=n))
        samples.append((time.perf_counter() - start) * 1000)
    return [_row("history_lifecycle_queries", sum(per_step.values()), "queries",
                 "<= 150", steps=per_step, **common),
            _row("history_lifecycle_median_ms", round(statistics.median(samples), 1), "ms",
                 "independent of N", **common)]


def _load_rows(work: Path, common, longest):
    """gunicorn (2 workers, loopback) on the history: dashboard, inbox, list and detail."""
    from django.conf import settings
    from django.test import Client

    from org.models import User

    load = _bench_module("bench_load")
    targets = [("dashboard_manager", "helena.gestora", "/reports/"),
               ("inbox_editor", "diego.editor", "/requests/?view=mine"),
               ("list_all_approver", "fernanda.chefe", "/requests/?view=all"),
               ("request_detail_long", "fernanda.chefe", f"/requests/{longest}/")]
    cookies = {}
    for username in {user for _name, user, _path in targets}:
        client = Client()
        client.force_login(User.objects.get(username=username))
        cookies[username] = client.cookies[settings.SESSION_COOKIE_NAME].value
    env = {**_child_env(work), **{k: v for k, v in load.ENV.items()
                                  if k not in ("DATA_DIR", "DATABASE_URL", "SECRET_KEY")},
           "DATA_DIR": str(work)}
    if not os.environ.get("BENCH_USE_DATABASE_URL"):
        env["DATABASE_URL"] = f"sqlite:///{work / 'db.sqlite3'}"
    with load.gunicorn(env) as port:
        rows = load.load_rows(port, targets, cookie_name=settings.SESSION_COOKIE_NAME,
                              cookies=cookies, prefix="history_load", requests=LOAD_REQUESTS,
                              target="dashboard >= 100 req/s on 2 workers", **common)
    return rows


def measure(n: int, made: dict) -> list[dict]:
    from django.db import connection

    from audit.anchor import verify_audit
    from audit.models import AuditEvent
    from campaigns.models import Campaign
    from workflows.models import ContentRequest

    work = WORK / str(n)
    common = {"n": made["requests"], "database": connection.vendor}
    rows = [_row("history_generate_s", made["total_s"], "s", "a few minutes at 50,000",
                 templates_s=made["templates_s"], replay_s=made["replay_s"],
                 campaign_s=made.get("campaign_s"),
                 audit_rows=made["rows"].get("audit.auditevent"),
                 tasks=made["rows"].get("viewflow.task"), **common)]
    longest = max(ContentRequest.objects.order_by("-pk")[:400], key=lambda r: r.events.count())
    campaign = max(Campaign.objects.order_by("-pk")[:12], key=lambda c: c.pieces.count())
    for name, url in _dashboards():
        rows += _page_rows(name, "helena.gestora", url, common, cold=True)
    for name, username, url in PAGES:
        rows += _page_rows(name, username, url, common, cold=name == "dashboard_manager")
    rows += _page_rows("request_detail_long", "fernanda.chefe", f"/requests/{longest.pk}/",
                       common, events=longest.events.count())
    rows += _page_rows("campaign_detail", "fernanda.chefe", f"/campaigns/{campaign.pk}/",
                       common, pieces=campaign.pieces.count())
    rows += _calendar_rows(common)
    rows += _export_rows(work, common)
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
    rows += _load_rows(work, common, longest.pk)
    # Last: these write (a feed, rescheduled pieces, four new requests).
    rows += _feed_rows(common)
    rows += _lifecycle_rows(common)
    return rows


def merge_growth(small: list[dict], big: list[dict]) -> list[dict]:
    """The larger size's rows with ``growth``: value at the larger N / value at the smaller, on
    the row of the same name; ``None`` when the smaller size has no such row or a value of 0
    or ``None`` (errors: 0 at both), or the larger has no number."""
    values = {row["name"]: row["value"] for row in small}
    merged = []
    for row in big:
        before, after = values.get(row["name"]), row["value"]
        growth = round(after / before, 2) if before and after is not None else None
        merged.append({**row, "growth": growth})
    return merged


def _size(n: int) -> list[dict]:
    """Build and measure one size; the first row (``history_generate_s``) also gets
    ``size_s``, the seconds the whole size took (set-up, generation and measures)."""
    started = time.perf_counter()
    rows = measure(n, _setup(n))
    rows[0]["size_s"] = round(time.perf_counter() - started, 1)
    return rows


CHILD = """
import json, sys
sys.path.insert(0, sys.argv[1])
import bench_history as b
print("ROWS" + json.dumps(b._size(b.N), default=str))
"""


def run() -> list[dict]:
    rows = _size(N)
    if SCALE and SCALE > N:
        # a second size in the same process would keep Django's caches: run it in a child, on
        # a new SQLite file or, with BENCH_USE_DATABASE_URL, on the same database emptied again
        # (this process is done with it)
        import json
        import subprocess

        from django.db import connections

        connections.close_all()
        child = subprocess.run([sys.executable, "-c", CHILD, str(BENCH)], stdout=subprocess.PIPE,
                               text=True, check=True, cwd=ROOT,
                               env={**os.environ, "BENCH_HISTORY_N": str(SCALE),
                                    "BENCH_SCALE": "0"})
        rows += merge_growth(rows, json.loads(child.stdout.rsplit("ROWS", 1)[1]))
    return rows


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2, default=str))
