"""The README's production steps, run as written: collectstatic, migrate, check --deploy, gunicorn.

Everything runs in subprocesses with a production environment (``DEBUG=false``, a real
secret, no ``STATIC_FROM_APPS``, the SQLite database and ``STATIC_ROOT`` in a temporary
folder), then ``/login/``, the stylesheet it links and ``/health/`` are fetched from gunicorn
as the proxy would ask (``X-Forwarded-Proto: https``). Removing the static files manifest
turns ``/health/`` unhealthy. ``test_readme_runs_these_steps`` keeps the README's commands
the ones run here.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
# The production block of README.md, with `{port}` where the README says 8001.
COLLECTSTATIC = ".venv/bin/python manage.py collectstatic --no-input"
MIGRATE = ".venv/bin/python manage.py migrate --no-input"
HOLIDAYS = ".venv/bin/python manage.py refresh_holidays"
CHECK = ".venv/bin/python manage.py check --deploy --fail-level WARNING"
GUNICORN = ".venv/bin/gunicorn pauta.wsgi --bind 127.0.0.1:{port} --workers 2"
STEPS = (COLLECTSTATIC, MIGRATE, HOLIDAYS, CHECK, GUNICORN)
TIMEOUT = 120  # seconds, for each step; the whole test takes about 20 s on an idle machine

pytestmark = pytest.mark.deploy


def production_env(tmp_path: Path) -> dict:
    """A bare production environment: nothing of the test run's (STATIC_FROM_APPS, the
    test database, Redis) leaks in."""
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    env.update({
        "SECRET_KEY": "k8Zq1-production-like-secret-" + "v" * 40, "DEBUG": "false",
        "ALLOWED_HOSTS": HOST, "CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
        "SITE_URL": f"https://{HOST}", "DATA_DIR": str(tmp_path / "var"),
        "STATIC_ROOT": str(tmp_path / "static"),
        # The README's export line: a dedicated audit key outside the database.
        "AUDIT_HMAC_KEY": "audit-key-kept-outside-the-database-" + "k" * 32,
        "AUDIT_CHECKPOINT_DIR": str(tmp_path / "audit"),
    })
    return env


def argv(step: str, **values) -> list[str]:
    """A README command line as arguments, run with this interpreter's virtualenv."""
    words = step.format(**values).split()
    return [str(BIN / Path(words[0]).name), *words[1:]]


def run_together(env: dict, *steps: str) -> None:
    """Run independent steps at once (two cores) and fail with the output of any that fails."""
    procs = [subprocess.Popen(argv(step), cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True) for step in steps]
    failures = []
    for step, proc in zip(steps, procs, strict=True):
        try:
            output, _ = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            output, _ = proc.communicate()
        if proc.returncode != 0 or "WARNING" in output:
            failures.append(f"$ {step}\n(exit {proc.returncode})\n{output}")
    assert not failures, "\n".join(failures)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def fetch(port: int, path: str) -> tuple[int, dict, str]:
    """GET through the front door as the TLS proxy forwards it (in English)."""
    request = urllib.request.Request(f"http://{HOST}:{port}{path}", headers={
        "X-Forwarded-Proto": "https", "Accept-Language": "en"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def wait_until_serving(port: int, server: subprocess.Popen, log: Path) -> None:
    """Until gunicorn listens; its workers load Django on their first request."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        assert server.poll() is None, f"gunicorn exited:\n{log.read_text()}"
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"gunicorn did not listen on {port}:\n{log.read_text()}")


@pytest.fixture
def gunicorn(tmp_path):
    """Start gunicorn on a free loopback port with ``env``; always stopped, within bounds."""
    servers = []

    def start(env: dict) -> int:
        port = free_port()
        log = tmp_path / "gunicorn.log"
        with log.open("w") as out:
            server = subprocess.Popen(argv(GUNICORN, port=port), cwd=ROOT, env=env,
                                      stdout=out, stderr=subprocess.STDOUT)
        servers.append(server)
        wait_until_serving(port, server, log)
        return port

    yield start
    for server in servers:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)


def test_production_deploy_serves_login_and_health(tmp_path, gunicorn):
    env = production_env(tmp_path)
    static_root = tmp_path / "static"
    run_together(env, COLLECTSTATIC, MIGRATE)
    manifest = static_root / "staticfiles.json"
    assert manifest.exists()
    assert not (static_root / "viewflow").exists(), "viewflow's frontend assets were collected"
    run_together(env, HOLIDAYS)
    run_together(env, CHECK)

    port = gunicorn(env)
    status, headers, page = fetch(port, "/login/")
    assert status == 200, page
    assert "Strict-Transport-Security" in headers
    stylesheet = re.search(r'href="(/static/pauta/pauta\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet, "the login page does not link the hashed stylesheet"
    status, headers, css = fetch(port, stylesheet.group(1))
    assert (status, headers["Content-Type"].split(";")[0]) == (200, "text/css")
    assert "immutable" in headers["Cache-Control"]  # WhiteNoise knows it for a hashed name
    assert css == (ROOT / "pauta" / "static" / "pauta" / "pauta.css").read_text()
    status, _, body = fetch(port, "/health/")
    assert status == 200, body
    assert '"status": "ok"' in body and '"static": "ok"' in body

    manifest.rename(tmp_path / "staticfiles.json.moved")
    status, _, body = fetch(port, "/health/")
    assert status == 503
    assert '"status": "unhealthy"' in body and '"static": "error"' in body
    assert "staticfiles.json is missing: run collectstatic." in body


def test_readme_runs_these_steps():
    readme = (ROOT / "README.md").read_text()
    block = readme.split("## Production", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    lines = [re.sub(r"\s+#.*$", "", line).strip() for line in block.splitlines()]
    for step in STEPS:
        assert step.format(port=8001) in lines, f"README's production steps lack: {step}"


def test_viewflow_frontend_is_not_installed():
    """Pauta uses viewflow's engine (``viewflow.workflow``) only: no viewflow page, template,
    static file or middleware is part of the site."""
    from django.contrib.staticfiles import finders

    assert "viewflow" not in settings.INSTALLED_APPS
    assert "viewflow.workflow" in settings.INSTALLED_APPS
    assert finders.find("viewflow/img/favicon.png") is None
    assert finders.find("viewflow/fonts/roboto/node_modules/roboto-fontface/css/roboto/"
                        "roboto-fontface.css") is None
    with pytest.raises(TemplateDoesNotExist):
        get_template("viewflow/base_page.html")
    assert not [m for m in settings.MIDDLEWARE if m.startswith("viewflow.")]
