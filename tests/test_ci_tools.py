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


def run_ci(tmp_path, make_exits: tuple[int, int]):
    """.ci/run with a fake make (exit codes per pass) and PostgreSQL and Redis answering."""
    fake = tmp_path / "bin"
    fake.mkdir(exist_ok=True)
    calls = tmp_path / "calls"
    (fake / "make").write_text(
        f'#!/bin/sh\necho "$@ HYPOTHESIS_PROFILE=$HYPOTHESIS_PROFILE" >> {calls}\n'
        f'[ "$1" = lint ] && exit 0\n'  # lint passes: the exit codes are the passes'
        f'[ "$1" = test ] && exit {make_exits[0]}\nexit {make_exits[1]}\n')
    (fake / "pg_isready").write_text("#!/bin/sh\nexit 0\n")
    (fake / "redis-cli").write_text("#!/bin/sh\necho PONG\n")
    for tool in fake.iterdir():
        tool.chmod(0o755)
    env = bare_env(CI_MAKE=str(fake / "make"))
    env["PATH"] = f"{fake}:{env['PATH']}"
    result = subprocess.run(["bash", ".ci/run"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60, check=False)
    return result, calls.read_text().splitlines()


def test_ci_runs_both_passes_on_two_workers_full_property_run_on_postgresql(tmp_path):
    result, calls = run_ci(tmp_path, (0, 0))
    assert result.returncode == 0, result.stdout + result.stderr
    assert calls == ["lint HYPOTHESIS_PROFILE=",
                     "test PYTEST_ARGS=-n 2 --dist worksteal --durations=15  "
                     "HYPOTHESIS_PROFILE=dev",
                     "test-only PYTEST_ARGS=-n 2 --dist worksteal --durations=15 "
                     "--ignore=tests/e2e/test_every_page.py  HYPOTHESIS_PROFILE=ci"]


def test_ci_fails_but_still_runs_pass_2_when_pass_1_collected_no_tests(tmp_path):
    result, calls = run_ci(tmp_path, (5, 0))  # pytest's 5: no tests collected
    assert result.returncode == 1
    assert len(calls) == 3  # lint, pass 1, pass 2
    assert "FAILED: pass 1: SQLite (exit 5)" in result.stderr


def test_ci_fails_when_pass_2_fails(tmp_path):
    result, _ = run_ci(tmp_path, (0, 1))
    assert result.returncode == 1
    assert "FAILED: pass 2: PostgreSQL + Redis (exit 1)" in result.stderr


def test_every_folder_with_tests_is_collected():
    # `make test` runs plain `pytest`, which collects only pyproject's testpaths: a folder of
    # tests left out of it would never run, on CI or anywhere.
    import tomllib

    testpaths = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"][
        "ini_options"]["testpaths"])
    skip = {".venv", "bench", "var", "node_modules", "staticfiles", "test-results"}
    with_tests = {path.relative_to(ROOT).parts[0] for path in ROOT.glob("*/**/test_*.py")
                  if path.relative_to(ROOT).parts[0] not in skip}
    assert with_tests - testpaths == set()
