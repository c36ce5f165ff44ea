"""Fault tests: a real huey consumer killed mid-task (SIGTERM and SIGKILL, 1 and 2 workers).

A consumer subprocess (``huey_consumer.py``, e-mail to an outbox file) is paused at a known
point — the first notification e-mail, or a KPI export writing its workbook — and killed.
A second consumer is then started with short timeouts (2 s) for the sweepers that run when a
consumer starts. Afterwards every editor has one notification and exactly one e-mail (one
outbox line, a stable Message-ID); a SIGKILLed export is failed with a message to its
requester. Every wait is bounded.

SQLite + SqliteHuey by default (the database is seeded once and copied per test); with
``DATABASE_URL`` on PostgreSQL the tests use a database ``<name>_faults`` on that server, and
with ``REDIS_URL`` a RedisHuey queue under a name of their own — there too seeded once per
worker and copied per test (a template database, the waiting tasks copied to the new queue).
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from conftest import postgres_database

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
EDITORS = sorted(f"{name}@valeverde.example.gov.br"
                 for name in ["diego.editor", "elisa.editora", "joana.lisboa"])
SHORT = {"NOTIFICATION_EMAIL_TIMEOUT": "2", "KPI_EXPORT_HEARTBEAT_TIMEOUT": "2"}
LONG = {"NOTIFICATION_EMAIL_TIMEOUT": "600", "KPI_EXPORT_HEARTBEAT_TIMEOUT": "600"}


def _wait(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def _script(env, name, *args) -> str:
    done = subprocess.run([sys.executable, str(HERE / name), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.split("\n")[-2]


def _base_env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "REDIS_URL", "HUEY_NAME", "EMAIL_BACKEND")}
    env.update({"DATA_DIR": str(tmp_path), "HUEY_IMMEDIATE": "false", "DEMO_MODE": "true",
                "DEBUG": "false", "SECRET_KEY": "fault-test",
                "FAULT_OUTBOX": str(tmp_path / "outbox.txt")})
    return env


@pytest.fixture(scope="session")
def sqlite_seed(tmp_path_factory):
    """One seeded SQLite database + SqliteHuey queue, copied by each test (seeding is slow)."""
    seed = tmp_path_factory.mktemp("fault-seed")
    env = {**_base_env(seed), "DATABASE_URL": f"sqlite:///{seed / 'db.sqlite3'}"}
    return seed, int(_script(env, "setup_db.py"))


def _redis_queue_copy(url: str, source: str, target: str) -> None:
    """The waiting tasks (queue and schedule) of huey ``source`` also waiting in ``target``."""
    from huey import RedisHuey

    src, dst = RedisHuey(source, url=url).storage, RedisHuey(target, url=url).storage
    items = src.conn.lrange(src.queue_key, 0, -1)
    if items:
        dst.conn.rpush(dst.queue_key, *items)
    scheduled = src.conn.zrange(src.schedule_key, 0, -1, withscores=True)
    if scheduled:
        dst.conn.zadd(dst.schedule_key, dict(scheduled))


@pytest.fixture(scope="session")
def postgres_seed(tmp_path_factory):
    """One seeded PostgreSQL database (and its queue: Redis under a name of its own, or the
    SqliteHuey file) per worker; each test gets a copy (``CREATE DATABASE … TEMPLATE``)
    instead of migrating and seeding again."""
    database, redis = os.environ["DATABASE_URL"], os.environ.get("REDIS_URL", "")
    seed = tmp_path_factory.mktemp("fault-seed-pg")
    name = (urlsplit(database).path.lstrip("/") + "_faults_seed"
            + os.environ.get("PYTEST_XDIST_WORKER", ""))
    env = _base_env(seed)
    if redis:
        env.update(REDIS_URL=redis, HUEY_NAME=f"pauta-faults-seed-{uuid.uuid4().hex[:8]}")
    postgres_database(database, name, create=True)
    env["DATABASE_URL"] = urlunsplit(urlsplit(database)._replace(path=f"/{name}"))
    try:
        yield name, seed, env.get("HUEY_NAME", ""), int(_script(env, "setup_db.py"))
    finally:
        postgres_database(database, name, create=False)
        if redis:
            from huey import RedisHuey

            RedisHuey(env["HUEY_NAME"], url=redis).storage.flush_all()


@pytest.fixture
def world(tmp_path, request):
    """The environment of the consumers, seeded: ``(env, submission event id)``."""
    env = _base_env(tmp_path)
    database, redis = os.environ.get("DATABASE_URL", ""), os.environ.get("REDIS_URL", "")
    if redis:
        env.update(REDIS_URL=redis, HUEY_NAME=f"pauta-faults-{uuid.uuid4().hex[:8]}")
    if database.startswith(("postgres://", "postgresql://")):
        name = (urlsplit(database).path.lstrip("/") + "_faults"
                + os.environ.get("PYTEST_XDIST_WORKER", ""))
        template, seed, seed_queue, event_id = request.getfixturevalue("postgres_seed")
        postgres_database(database, name, create=True, template=template)
        env["DATABASE_URL"] = urlunsplit(urlsplit(database)._replace(path=f"/{name}"))
        request.addfinalizer(lambda: postgres_database(database, name, create=False))
        if redis:
            _redis_queue_copy(redis, seed_queue, env["HUEY_NAME"])
        else:
            for file in seed.iterdir():
                if file.name.startswith("huey.sqlite3"):
                    shutil.copy(file, tmp_path / file.name)
    else:
        if redis:
            pytest.skip("the SQLite seed is copied with its SqliteHuey queue, not Redis")
        seed, event_id = request.getfixturevalue("sqlite_seed")
        for file in seed.iterdir():
            if file.name.startswith(("db.sqlite3", "huey.sqlite3")):
                shutil.copy(file, tmp_path / file.name)
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    yield env, event_id
    if redis:
        from huey import RedisHuey

        RedisHuey(env["HUEY_NAME"], url=redis).storage.flush_all()


def _facts(env, event_id=None, export_id=None) -> dict:
    return json.loads(_script(env, "inspect_db.py", str(event_id or "-"), str(export_id or "-")))


def _consumer(env, workers, **extra):
    return subprocess.Popen([sys.executable, str(HERE / "huey_consumer.py")], cwd=ROOT,
                            env={**env, "FAULT_WORKERS": str(workers), **extra},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _stop(process, sig):
    if process.poll() is None:
        process.send_signal(sig)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
        raise


def _outbox(env) -> list[list[str]]:
    path = Path(env["FAULT_OUTBOX"])
    return [line.split() for line in path.read_text().splitlines()] if path.exists() else []


def _run_killed_then_restarted(env, workers, sig, stall_var, stall_name, done,
                               paused=lambda: True, restart=SHORT):
    """Consumer 1 pauses at the hook (and until ``paused()``) and gets ``sig``; consumer 2
    (``restart`` timeouts) runs until ``done()``."""
    stall = Path(env["DATA_DIR"]) / stall_name
    first = _consumer(env, workers, **LONG, **{stall_var: str(stall)})
    try:
        _wait(stall.exists, 120, "the consumer to reach the pause")
        _wait(paused, 120, "the other worker to finish its tasks")
    finally:
        _stop(first, sig)
    time.sleep(2.5)  # past the shortened timeouts the second consumer starts with
    second = _consumer(env, workers, **restart)
    try:
        _wait(done, 120, "the restarted consumer to finish the work")
    finally:
        _stop(second, signal.SIGINT)  # graceful


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_consumer_killed_mid_notification_notifies_and_emails_each_editor_once(
        world, workers, sig):
    env, event_id = world
    # Waiting: the creation's notification task (nobody to tell) and the submission's.
    # One: the submission's. The creation tells nobody (its verb has no recipients in the
    # registry), so since the kernel it queues nothing. The KPI facts' catch-up
    # (reports.facts.hooks: one per burst of audit events after commit) waits too.
    assert _facts(env)["queued"] == ["facts_catch_up", "notify_event"]

    def finished():
        facts = _facts(env, event_id)
        return (not facts["queued"] and len(facts["notifications"]) == 3
                and all(state == "sent" for _e, state, _at, _n in facts["notifications"]))

    def others_sent():  # with 2 workers the second one sends the other two meanwhile
        rows = _facts(env, event_id)["notifications"]
        return sum(state == "sent" for _e, state, _at, _n in rows) == 2 * (workers - 1)

    _run_killed_then_restarted(env, workers, sig, "FAULT_STALL", "stalled", finished,
                               paused=others_sent)
    facts = _facts(env, event_id)
    assert [row[:3] for row in facts["notifications"]] == [[e, "sent", True] for e in EDITORS]
    # The paused e-mail was claimed once before the kill and once after it.
    assert sorted(n for *_r, n in facts["notifications"]) == [1, 1, 2]
    outbox = _outbox(env)
    assert sorted(address for address, _id in outbox) == EDITORS  # one e-mail each
    assert len({message_id for _a, message_id in outbox}) == 3
    assert all(f".{event_id}." in message_id for _a, message_id in outbox)


def test_consumer_sigkilled_mid_export_leaves_a_failed_job_and_a_message(world):
    env, event_id = world
    export_id = int(_script(env, "setup_db.py", "export"))

    def failed():
        facts = _facts(env, export_id=export_id)
        return facts["export"]["status"] == "failed" and not facts["queued"]

    _run_killed_then_restarted(env, 2, signal.SIGKILL, "FAULT_EXPORT_STALL", "export-stalled",
                               failed)
    facts = _facts(env, export_id=export_id)
    assert facts["export"]["file"] is False and "worker lost" in facts["export"]["error"]
    told = [message for verb, message in facts["told"] if verb == "export_failed"]
    assert len(told) == 1 and str(export_id) in told[0]  # wording: test_export_watchdog.py


def test_consumer_sigtermed_mid_export_runs_it_again(world):
    env, _event_id = world
    export_id = int(_script(env, "setup_db.py", "export"))

    def done():
        facts = _facts(env, export_id=export_id)
        return facts["export"]["status"] in ("done", "failed") and not facts["queued"]

    # Restarted within the heartbeat timeout: the re-queued task builds the workbook.
    _run_killed_then_restarted(env, 2, signal.SIGTERM, "FAULT_EXPORT_STALL", "export-stalled",
                               done, restart=LONG)
    facts = _facts(env, export_id=export_id)
    assert facts["export"] == {"status": "done", "error": "", "file": True}
    assert not [m for verb, m in facts["told"] if verb == "export_failed"]
