"""ICS feeds with 10,000 events: Pauta warm, after one change, 304 — against django-ical.

Runs in a throw-away SQLite database under bench/work/ (or DATABASE_URL if set). Server time
is measured around the Django test client (the whole middleware stack, no network).
Run alone: ``.venv/bin/python bench/bench_feeds.py`` (django-ical must be importable: the
harness puts it in bench/work/site; without it the peer rows are left out).
"""

import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVENTS = 10_000


def _setup() -> str:
    work = ROOT / "bench" / "work"
    work.mkdir(parents=True, exist_ok=True)
    data = tempfile.mkdtemp(prefix="feeds-", dir=work)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{data}/bench.sqlite3")
    os.environ.update({"DATA_DIR": data, "DEBUG": "false", "SECRET_KEY": "bench-only-key",
                       "ALLOWED_HOSTS": "testserver", "SECURE_SSL_REDIRECT": "false",
                       "AXES_ENABLED": "false", "LOG_LEVEL": "WARNING",
                       "STATIC_FROM_APPS": "true",
                       "DJANGO_SETTINGS_MODULE": "pauta.settings"})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return data


def _seed():
    from django.utils import timezone

    from calendars.models import Event, EventKind, Visibility
    from calendars.services import feed_create
    from org.models import User

    owner = User.objects.create(username="bench-owner", is_superuser=True, is_staff=True)
    start = timezone.now().replace(minute=0, second=0, microsecond=0)
    kinds = EventKind.values
    rows = []
    for n in range(EVENTS):
        begins = start + dt.timedelta(hours=7 * n)
        all_day = n % 5 == 0
        rows.append(Event(
            kind=kinds[n % len(kinds)], title=f"Evento municipal número {n} — inauguração",
            description="Descrição do evento, com vírgulas; e ponto e vírgula.\nSegunda linha.",
            location="Praça da Matriz, Centro", all_day=all_day,
            starts_at=begins, ends_at=begins + dt.timedelta(days=1 if all_day else 0, hours=2),
            rrule="FREQ=YEARLY" if n % 50 == 0 else "", visibility=Visibility.PUBLIC))
    Event.objects.bulk_create(rows, batch_size=1000)
    feed, token = feed_create(by=owner, name="Bench", include_publications=False)
    return owner, feed, token


def _time(call, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        begin = time.perf_counter()
        call()
        samples.append((time.perf_counter() - begin) * 1000)
    return statistics.median(samples)


def _peer_view(feed):
    try:
        from django_ical.views import ICalFeed
    except ImportError:
        return None
    from calendars.selectors import feed_events

    class PeerFeed(ICalFeed):
        product_id = "-//bench//django-ical//PT"
        timezone = "America/Sao_Paulo"
        file_name = "peer.ics"

        def items(self):
            return feed_events(feed).order_by("pk")

        def item_guid(self, item):
            return item.uid

        def item_title(self, item):
            return item.title

        def item_description(self, item):
            return item.description

        def item_link(self, item):
            return f"/calendar/events/{item.pk}/"

        def item_location(self, item):
            return item.location

        def item_start_datetime(self, item):
            return item.starts_at.date() if item.all_day else item.starts_at

        def item_end_datetime(self, item):
            return item.ends_at.date() if item.all_day else item.ends_at

        def item_updateddate(self, item):
            return item.updated_at

        def item_categories(self, item):
            return [item.get_kind_display()]

    return PeerFeed()


def run() -> list[dict]:
    data = _setup()
    try:
        return _measure()
    finally:
        import shutil

        from django.db import connections

        connections.close_all()
        shutil.rmtree(data, ignore_errors=True)


def _measure() -> list[dict]:
    from django.test import Client, RequestFactory
    from django.urls import reverse

    from calendars.models import Event
    from calendars.services import event_update

    owner, feed, token = _seed()
    client = Client()
    url = reverse("feeds:ics", args=[token])
    first = client.get(url)
    assert first.status_code == 200 and first.content.count(b"BEGIN:VEVENT") == EVENTS
    etag = first["ETag"]
    warm = _time(lambda: client.get(url), 30)
    not_modified = _time(lambda: client.get(url, HTTP_IF_NONE_MATCH=etag), 30)
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304

    pks = list(Event.objects.order_by("?").values_list("pk", flat=True)[:5])
    changed = []
    for n, pk in enumerate(pks):
        event_update(event=Event.objects.get(pk=pk), by=owner, title=f"Alterado {n}")
        begin = time.perf_counter()
        response = client.get(url)
        changed.append((time.perf_counter() - begin) * 1000)
        assert f"Alterado {n}".encode() in response.content
    after_change = statistics.median(changed)

    peer = _peer_view(feed)
    peer_ms = None
    if peer is not None:
        factory = RequestFactory()
        peer_ms = _time(lambda: peer(factory.get("/peer.ics")), 3)
    rows = [
        {"name": "feed_warm_ms", "value": round(warm, 2), "unit": "ms",
         "peer": "django-ical 1.9.2" if peer_ms else None,
         "peer_value": round(peer_ms, 1) if peer_ms else None,
         "ratio": round(warm / peer_ms, 4) if peer_ms else None,  # value / peer, as run.py
         "target": f"<= 20 ms and <= 0.02 x django-ical ({EVENTS:,} events)"},
        {"name": "feed_after_one_change_ms", "value": round(after_change, 1), "unit": "ms",
         "peer": None, "peer_value": None, "ratio": None, "target": "<= 500 ms"},
        {"name": "feed_304_ms", "value": round(not_modified, 2), "unit": "ms",
         "peer": None, "peer_value": None, "ratio": None,
         "target": "If-None-Match answered without building the calendar"},
    ]
    return rows


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
