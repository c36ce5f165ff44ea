"""On CI a missing tool fails the run: Chromium for the browser tests is never silently absent."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NO_CHROMIUM = "/nonexistent/chromium"


def bare_env(**extra) -> dict:
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    return {**env, **extra}


def ensure_chromium(tmp_path, **extra):
    """scripts/ensure-chromium.sh with Chromium absent and an apt-get that cannot install."""
    fake = tmp_path / "bin"
    fake.mkdir()
    for tool in ("apt-get", "sudo"):
        (fake / tool).write_text("#!/bin/sh\nexit 100\n")
        (fake / tool).chmod(0o755)
    env = bare_env(PAUTA_CHROMIUM=NO_CHROMIUM, **extra)
    env["PATH"] = f"{fake}:{env['PATH']}"
    return subprocess.run(["bash", "scripts/ensure-chromium.sh"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60, check=False)


def test_ensure_chromium_fails_on_ci_when_it_cannot_install(tmp_path):
    result = ensure_chromium(tmp_path, CI="true")
    assert result.returncode == 1
    assert "ERROR:" in result.stderr and "CI=true needs the browser tests" in result.stderr


def test_ensure_chromium_only_warns_outside_ci(tmp_path):
    result = ensure_chromium(tmp_path)
    assert result.returncode == 0
    assert "WARNING:" in result.stdout and "browser tests will be skipped" in result.stdout


def run_browser_test(**extra):
    test = "tests/e2e/test_journey.py::test_request_goes_from_filing_to_a_fetched_feed"
    env = bare_env(PAUTA_CHROMIUM=NO_CHROMIUM, **extra)
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", test],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
                          check=False)


def test_browser_tests_fail_on_ci_without_chromium():
    result = run_browser_test(CI="true")
    assert result.returncode == 1, result.stdout
    assert "1 error" in result.stdout and "skipped" not in result.stdout
    assert f"CI=true: no Chromium at {NO_CHROMIUM}" in result.stdout


def test_browser_tests_skip_without_chromium_outside_ci():
    result = run_browser_test(CI="false")
    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout
