"""Load run: gunicorn with 2 workers on 127.0.0.1, a fixed number of requests per page.

Builds a throw-away SQLite database under bench/work/load (the demo municipality with its
year of history), starts ``gunicorn pauta.wsgi --workers 2``, and sends ``BENCH_LOAD_REQUESTS``
requests (default 500) per target from ``BENCH_LOAD_CONCURRENCY`` threads (default 8), each
request on a new connection (stdlib ``http.client``: no load tool to install). Reports
throughput (req/s), error count (anything but 200, or no answer) and latency median/p90.

``gunicorn()`` and ``load_rows()`` are shared: ``bench_history.py`` runs the same load on the
generated history.
"""

import http.client
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work" / "load"
REQUESTS = int(os.environ.get("BENCH_LOAD_REQUESTS", "500"))
CONCURRENCY = int(os.environ.get("BENCH_LOAD_CONCURRENCY", "8"))
WORKERS = 2
# (name, username or None, path); "{token}" is the feed's secret token.
TARGETS = [
    ("feed", None, "/feeds/{token}.ics"),
    ("home_editor", "diego.editor", "/"),
    ("inbox_editor", "diego.editor", "/requests/?view=mine"),
    ("list_all_approver", "fernanda.chefe", "/requests/?view=all"),
    # The manager's KPI dashboard (reports/): every indicator of the year so far.
    ("dashboard_manager", "helena.gestora", "/reports/"),
]
ENV = {
    "DATA_DIR": str(WORK), "DEBUG": "false", "DEMO_MODE": "true", "SECRET_KEY": "bench-only",
    "ALLOWED_HOSTS": "127.0.0.1,testserver", "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false", "CSRF_COOKIE_SECURE": "false", "AXES_ENABLED": "false",
    "HUEY_IMMEDIATE": "true", "LOG_LEVEL": "WARNING", "STATIC_FROM_APPS": "true",
    "DATABASE_URL": f"sqlite:///{WORK / 'load.sqlite3'}",
    "DJANGO_SETTINGS_MODULE": "pauta.settings",
}


def _setup() -> dict:
    """Migrate, load the demo with history; return the feed token and session cookies."""
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    os.environ.pop("REDIS_URL", None)
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from calendars.services import feed_create
    from org.models import User
    from pauta.demo import seed_demo

    call_command("migrate", verbosity=0)
    seed_demo(out=lambda line: None, history=True)
    _feed, token = feed_create(by=None, system=True, owner=User.objects.get(
        username="diego.editor"), name="Bench")
    cookies = {}
    for username in {user for _name, user, _path in TARGETS if user}:
        client = Client()
        client.force_login(User.objects.get(username=username))
        cookies[username] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"token": token, "cookies": cookies, "cookie_name": settings.SESSION_COOKIE_NAME}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port, path, headers):
    started = time.perf_counter()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        conn.close()
        ok = response.status == 200
    except (OSError, http.client.HTTPException):
        ok = False
    return ok, (time.perf_counter() - started) * 1000


def _wait_ready(port, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited before answering")
        if _get(port, "/health/", {})[0]:
            return
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer within {timeout}s")


def _load(port, path, headers, *, requests=REQUESTS, concurrency=CONCURRENCY) -> dict:
    with ThreadPoolExecutor(concurrency) as pool:
        # Warm every worker, not one: ``concurrency`` requests at once, so while one sync
        # worker is busy with the page the others take the next ones. A worker's caches are
        # its own without Redis (a dashboard's figures in locmem): with one request of warm-up
        # the run measured the other worker's first, uncached dashboard (at 50,000 requests,
        # 0.7 s of a one-second run), which the uncached rows measure on their own.
        list(pool.map(lambda _n: _get(port, path, headers), range(concurrency)))
        started = time.perf_counter()
        results = list(pool.map(lambda _n: _get(port, path, headers), range(requests)))
    elapsed = time.perf_counter() - started
    latencies = sorted(ms for _ok, ms in results)
    return {"rps": round(requests / elapsed, 1), "errors": sum(not ok for ok, _ms in results),
            "median_ms": round(statistics.median(latencies), 1),
            "p90_ms": round(latencies[int(len(latencies) * 0.9) - 1], 1)}


@contextmanager
def gunicorn(env: dict, workers: int = WORKERS):
    """``gunicorn pauta.wsgi`` with ``workers`` workers on a free loopback port, under
    ``env`` (on top of this process's environment); yields the port once it answers."""
    port = _free_port()
    binary = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(binary), "pauta.wsgi", "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning"], cwd=ROOT, env={**os.environ, **env},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_ready(port, process)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def load_rows(port, targets, *, cookie_name, cookies, prefix="load", requests=REQUESTS,
              concurrency=CONCURRENCY, workers=WORKERS, target="> 20 req/s on 2 workers",
              **common) -> list[dict]:
    """``requests`` requests per (name, username or None, path) target: a req/s row and an
    errors row each, with ``common`` extra keys."""
    rows = []
    for name, username, path in targets:
        headers = {"Host": "127.0.0.1"}
        if username:
            headers["Cookie"] = f"{cookie_name}={cookies[username]}"
        result = _load(port, path, headers, requests=requests, concurrency=concurrency)
        extra = {"requests": requests, "concurrency": concurrency, "workers": workers,
                 "median_ms": result["median_ms"], "p90_ms": result["p90_ms"], **common}
        rows.append({"name": f"{prefix}_{name}_rps", "value": result["rps"], "unit": "req/s",
                     "peer": None, "peer_value": None, "ratio": None, "target": target, **extra})
        rows.append({"name": f"{prefix}_{name}_errors", "value": result["errors"],
                     "unit": "errors", "peer": None, "peer_value": None, "ratio": None,
                     "target": "0", **extra})
    return rows


def run() -> list[dict]:
    data = _setup()
    targets = [(name, user, path.format(token=data["token"])) for name, user, path in TARGETS]
    with gunicorn(ENV) as port:
        return load_rows(port, targets, cookie_name=data["cookie_name"],
                         cookies=data["cookies"])


if __name__ == "__main__":
    for row in run():
        print(row)
