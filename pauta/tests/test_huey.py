"""huey: immediate in tests, and a real round trip through the configured storage."""

import os

import pytest
from huey.contrib.djhuey import HUEY

from pauta import tasks


def test_tests_run_huey_in_immediate_mode():
    assert HUEY.immediate is True
    assert tasks.echo("olá")() == "olá"


def test_heartbeat_is_visible_to_the_health_check(client, db, settings, tmp_path):
    settings.AUDIT_CHECKPOINT_DIR = tmp_path  # no verification recorded yet
    tasks.heartbeat()
    stamp = tasks.last_heartbeat()
    assert stamp
    body = client.get("/health/").json()
    assert body.pop("holidays_until")  # the horizon's last holiday (docs/calendars.md)
    assert body == {"status": "ok", "database": "ok", "static": "ok", "holidays": "ok",
                    "huey_heartbeat": stamp, "audit_verified_at": None, "audit_intact": None}


@pytest.fixture
def queued_huey():
    """The configured storage (SqliteHuey file, or Redis when REDIS_URL is set), not memory."""
    HUEY.immediate = False
    HUEY.flush()
    yield HUEY
    HUEY.flush()
    HUEY.immediate = True


def test_task_round_trip_through_the_real_queue(queued_huey):
    expected = "RedisStorage" if os.environ.get("REDIS_URL") else "SqliteStorage"
    assert type(queued_huey.storage).__name__ == expected
    result = tasks.echo({"pauta": 1})
    assert queued_huey.pending_count() == 1
    message = queued_huey.dequeue()  # what the consumer does
    queued_huey.execute(message)
    assert result.get() == {"pauta": 1}
    assert queued_huey.pending_count() == 0
