#!/usr/bin/env python3
"""The README's four screenshots, taken on the full demo municipality (``make screenshots``).

Seeds the demo with its year of history into a throw-away data directory (the same
``seed_demo`` as ``make run``: about four minutes), serves it with ``runserver`` on a free
loopback port, signs each person in through the login form in Debian's Chromium (pt-BR,
1366 px) and saves, in ``docs/screenshots/``:

- ``request.png``: the editor's page of a request in review (briefing, texts, timeline);
- ``decision.png``: the head of communication deciding that request's pending step (whole
  page: the buttons come after what is decided);
- ``calendar.png``: the editorial calendar of this month as the editor sees it;
- ``kpis.png``: the manager's KPI dashboard for this year.

The pages are chosen by asking the demo's database, never by fixed ids. ``PAUTA_SHOTS_DATA``
keeps the seeded data directory between runs (it is reused when it already has a database).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
PY = sys.executable
CHROMIUM = os.environ.get("PAUTA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
PASSWORD = "pauta-demo"
WIDTH, HEIGHT = 1366, 900
# Asked of the seeded demo (run by ``manage.py shell -c``): the request in review with the
# longest history that the head of communication can decide now, and its pending step.
PICK = """
from approvals.models import ApprovalStep
from org.models import User
from workflows.models import ContentRequest
from workflows.permissions import can_decide_step
from django.db.models import Count
chief = User.objects.get(username="fernanda.chefe")
for request in (ContentRequest.objects.filter(state="in_review")
                .annotate(n=Count("events")).order_by("-n", "pk")):
    steps = [step for step in ApprovalStep.objects.filter(request=request, status="pending")
             if can_decide_step(chief, step)]
    if steps:
        print(request.pk, steps[0].pk)
        break
"""


def _env(data: Path, url: str) -> dict:
    return {**os.environ, "DATA_DIR": str(data), "DEBUG": "true", "DEMO_MODE": "true",
            "SITE_URL": url, "HUEY_IMMEDIATE": os.environ.get("HUEY_IMMEDIATE", "true")}


def _manage(env: dict, *args: str, capture: bool = False) -> str:
    done = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True,  # noqa: S603
                          text=True, stdout=subprocess.PIPE if capture else None)
    return done.stdout or ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str, server: subprocess.Popen) -> None:
    for _ in range(240):
        if server.poll() is not None:
            raise SystemExit("the demo server stopped before answering")
        try:
            urllib.request.urlopen(f"{url}/login/", timeout=2)  # noqa: S310 (http on loopback)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the demo server did not answer on {url}")


def _shoot(url: str, shots: list[tuple[str, str, str, bool]]) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for file, username, path, full_page in shots:
                context = browser.new_context(locale="pt-BR", timezone_id="America/Sao_Paulo",
                                              viewport={"width": WIDTH, "height": HEIGHT})
                page = context.new_page()
                page.goto(f"{url}/login/")
                form = page.locator("main form[action='/login/']")
                form.locator("input[name=username]").fill(username)
                form.locator("input[name=password]").fill(PASSWORD)
                form.locator("[type=submit]").click()
                page.wait_for_load_state("networkidle")
                if page.url.startswith(f"{url}/login/"):
                    raise SystemExit(f"could not sign in as {username}")
                response = page.goto(f"{url}{path}")
                if response is None or not response.ok:
                    raise SystemExit(f"{path} answered {response and response.status}")
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(OUT / file), full_page=full_page)
                print(f"docs/screenshots/{file}: {username} at {path}")
                context.close()
        finally:
            browser.close()


def main() -> None:
    keep = os.environ.get("PAUTA_SHOTS_DATA")
    data = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="pauta-shots-"))
    data.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = _env(data, url)
    seeded = (data / "pauta.sqlite3").exists()
    _manage(env, "migrate", "--no-input", "-v", "0")  # a kept directory gets new migrations
    if not seeded:
        print(f"Seeding the demo in {data} (a few minutes)…")
        _manage(env, "seed_demo")
    answer = _manage(env, "shell", "-c", PICK, capture=True)
    picked = next((line.split() for line in answer.splitlines()
                   if re.fullmatch(r"\d+ \d+", line.strip())), [])
    if len(picked) != 2:
        raise SystemExit("the demo has no request in review that the head of communication "
                         "can decide")
    request, step = picked
    server = subprocess.Popen(  # noqa: S603
        [PY, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(url, server)
        OUT.mkdir(parents=True, exist_ok=True)
        _shoot(url, [
            ("request.png", "diego.editor", f"/requests/{request}/", False),
            ("decision.png", "fernanda.chefe", f"/requests/{request}/steps/{step}/",
             True),
            ("calendar.png", "diego.editor", "/calendar/", False),
            ("kpis.png", "helena.gestora", "/reports/", False),
        ])
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
