"""Settings come from the environment; production settings pass check --deploy."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "from huey.contrib.djhuey import HUEY; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], "
    "'name': str(s.DATABASES['default']['NAME']), 'tz': s.TIME_ZONE, "
    "'lang': s.LANGUAGE_CODE, 'debug': s.DEBUG, 'huey': type(HUEY).__name__, "
    "'immediate': HUEY.immediate, 'hosts': s.ALLOWED_HOSTS, 'ssl': s.SECURE_SSL_REDIRECT}))"
)


def run_with_env(extra: dict, *args: str):
    # A bare environment: only what the process needs to start, plus the case's variables.
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    env.update({"DJANGO_SETTINGS_MODULE": "pauta.settings", **extra})
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=False)


def probe(extra: dict) -> dict:
    result = run_with_env(extra, "-c", PROBE)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_defaults_are_the_embedded_demo(tmp_path):
    values = probe({"DEBUG": "true", "DATA_DIR": str(tmp_path)})
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(tmp_path / "pauta.sqlite3")
    assert values["tz"] == "America/Sao_Paulo"
    assert values["lang"] == "pt-br"
    assert values["huey"] == "SqliteHuey"
    assert values["immediate"] is False
    assert values["ssl"] is False


def test_environment_selects_postgresql_redis_and_zone(tmp_path):
    values = probe({
        "SECRET_KEY": "x" * 60, "DATA_DIR": str(tmp_path),
        "DATABASE_URL": "postgres://pauta:secret@db.internal:5432/pauta",
        "REDIS_URL": "redis://cache.internal:6379/2", "TIME_ZONE": "Europe/Lisbon",
        "LANGUAGE_CODE": "pt-pt", "ALLOWED_HOSTS": "pauta.example.pt,www.example.pt",
    })
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "pauta"
    assert values["huey"] == "RedisHuey"
    assert values["tz"] == "Europe/Lisbon"
    assert values["lang"] == "pt-pt"
    assert values["debug"] is False
    assert values["hosts"] == ["pauta.example.pt", "www.example.pt"]
    assert values["ssl"] is True


def test_secret_key_is_required_outside_debug(tmp_path):
    result = run_with_env({"DEBUG": "false", "DATA_DIR": str(tmp_path)}, "-c", PROBE)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_check_deploy_is_clean_with_production_environment(tmp_path):
    result = run_with_env({
        "SECRET_KEY": "k8Zq1-production-like-secret-" + "v" * 40, "DEBUG": "false",
        "ALLOWED_HOSTS": "pauta.valeverde.example.gov.br", "DATA_DIR": str(tmp_path),
        "AUDIT_HMAC_KEY": "Yw3v-production-like-audit-key-" + "a" * 40,
    }, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_check_deploy_warns_when_the_audit_key_falls_back_to_secret_key(tmp_path):
    result = run_with_env({
        "SECRET_KEY": "k8Zq1-production-like-secret-" + "v" * 40, "DEBUG": "false",
        "ALLOWED_HOSTS": "pauta.valeverde.example.gov.br", "DATA_DIR": str(tmp_path),
    }, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "workflows.W001" in result.stdout + result.stderr


def test_tests_hash_passwords_fast_and_production_keeps_pbkdf2(demo, tmp_path):
    assert demo["ana.saude"].password.startswith("md5$")  # conftest.FAST_PASSWORD_HASHERS
    result = run_with_env({"DEBUG": "true", "DATA_DIR": str(tmp_path)}, "-c",
                          "import django; django.setup(); from django.conf import settings; "
                          "print(settings.PASSWORD_HASHERS[0])")
    assert result.stdout.strip() == "django.contrib.auth.hashers.PBKDF2PasswordHasher"


def test_env_example_documents_every_variable():
    import re

    settings_source = (ROOT / "pauta" / "settings.py").read_text()
    used = set(re.findall(r'env\.\w+\(\s*"([A-Z_]+)"', settings_source))
    used |= set(re.findall(r'"([A-Z_]+)" in env', settings_source))
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert used, "no variables found: the pattern is wrong"
    assert used - documented == set()
