"""Browser end-to-end fixtures: Debian's Chromium, the live server, login and axe-core.

Reusable in every test under tests/e2e/ (see docs/quality.md):

- ``login(page, username)`` signs a demo person in through the login form;
- ``axe_check(page)`` fails with a readable list of WCAG 2.1 A/AA violations;
- ``page`` fails a test whose page broke the Content-Security-Policy or threw a JS error;
- ``settle(page)`` waits until the page's own requests are done (not ``networkidle``'s
  fixed 500 ms after the last one);
- a failing test leaves a full-page screenshot in test-results/.
"""

import os
import re
import shutil
import time
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread, so Django's ORM (fixtures,
# assertions) would raise SynchronousOnlyOperation after a page opens. Tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

E2E_DIR = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("PAUTA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # root in containers and CI
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # the machines are offline: no phoning home
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# A test asset, not served by Pauta: injected into the page by the DevTools protocol (which
# the page's Content-Security-Policy does not govern).
AXE_FILE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"


ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
MISSING = (f"no Chromium at {CHROMIUM}: run scripts/ensure-chromium.sh "
           "(apt-get install chromium fonts-liberation) to run the browser tests")


def _is_browser_test(item) -> bool:
    return E2E_DIR in Path(item.path).parents or "browser" in item.keywords


def pytest_collection_modifyitems(config, items):
    """Skip the browser tests, with the reason, only where there is no Chromium at all and
    not on CI: under ``CI=true`` they fail instead (``pytest_runtest_setup``)."""
    if os.path.exists(CHROMIUM) or ON_CI:
        return
    skip = pytest.mark.skip(reason=MISSING)
    for item in items:
        if _is_browser_test(item):
            item.add_marker(skip)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """On CI a browser test without Chromium is an error, before any fixture is set up."""
    if ON_CI and _is_browser_test(item) and not os.path.exists(CHROMIUM):
        pytest.fail(f"CI=true: {MISSING}", pytrace=False)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium instead of a downloaded build; keeps --headed and --slowmo."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "pt-BR",
        "timezone_id": "America/Sao_Paulo",
        "viewport": {"width": 1280, "height": 800},
    }


def track_requests(page):
    """Keeps the page's requests in flight in ``page.pending`` for ``settle``."""
    page.pending = pending = set()
    # Playwright wants Python functions as handlers (not a set's bound builtin methods).
    page.on("request", lambda request: pending.add(request))
    page.on("requestfinished", lambda request: pending.discard(request))
    page.on("requestfailed", lambda request: pending.discard(request))


def settle(page, timeout=10.0, quiet=0.05):
    """Waits until the page has loaded, run its first frame and timers, and has had no request
    in flight for ``quiet`` seconds (the pages' scripts fetch their data right after load).

    Playwright's ``networkidle`` waits a fixed 500 ms after the last request on every visit:
    about 0.5 s of each visit's 0.9 s, 70 s of the manager's 138 visits; this waits 0.04 s.
    """
    page.wait_for_load_state("load")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)))")
    deadline = time.monotonic() + timeout
    quiet_since = None
    while time.monotonic() < deadline:
        if page.pending:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= quiet:
            return
        page.wait_for_timeout(25)
    pytest.fail(f"{page.url}: requests still in flight after {timeout} s: "
                + ", ".join(sorted(r.url for r in page.pending)))


def drag(page, source, target):
    """Drag like a person: FullCalendar's interaction plugin reads real mouse events, needs the
    piece under the pointer (in the viewport: mouse coordinates are the viewport's, and a
    drop below the fold is never delivered — a piece on a Saturday goes to the next week's
    row), a press, a move of more than its minimum distance, several moves over the day cells
    (it hit-tests each one) and the release over the target day."""
    from playwright.sync_api import expect

    source.evaluate("element => element.scrollIntoView({block: 'center'})")
    box, goal = source.bounding_box(), target.bounding_box()
    assert goal["y"] >= 0 and goal["y"] + goal["height"] / 2 < page.viewport_size["height"]
    start_x, start_y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(start_x, start_y)
    page.mouse.down()
    page.mouse.move(start_x + 10, start_y + 10, steps=5)
    page.mouse.move(goal["x"] + goal["width"] / 2, goal["y"] + goal["height"] / 2, steps=20)
    expect(page.locator(".fc-event-dragging").first).to_be_visible()  # the drag has started
    page.mouse.up()


@pytest.fixture
def page(page):
    """The pytest-playwright page, failing the test on a CSP violation or an uncaught JS error."""
    track_requests(page)
    problems = []
    page.on("pageerror", lambda error: problems.append(f"JS error: {error}"))
    page.on(
        "console",
        lambda msg: (
            problems.append(f"console: {msg.text}")
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    yield page
    assert not problems, "the page reported:\n" + "\n".join(problems)


@pytest.fixture
def login(live_server):
    """``login(page, username)``: sign in through the login form (django-axes sees a request)."""
    from pauta.demo import DEMO_PASSWORD

    def _login(page, username, password=DEMO_PASSWORD):
        page.goto(f"{live_server.url}/login/")
        form = page.locator("main form[action='/login/']")
        form.locator("input[name=username]").fill(username)
        form.locator("input[name=password]").fill(password)
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
        if page.url.startswith(f"{live_server.url}/login/"):
            alert = page.locator("[role=alert]")
            message = alert.inner_text() if alert.count() else "no error shown"
            pytest.fail(f"login as {username!r} failed: {message}")
        return page

    return _login


def format_violations(violations) -> str:
    """One readable block per axe violation: rule, impact, help, and each offending node."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']}"
            f" [{violation['helpUrl']}]"
        )
        for node in violation["nodes"][:10]:
            target = " ".join(str(part) for part in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    at {target}: {summary}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


@pytest.fixture
def axe_check(live_server):
    """``axe_check(page, context=None, disable=())``: zero WCAG 2.1 A/AA violations or fail.

    axe-core comes from ``tests/e2e/vendor`` (offline machines). ``context`` is an axe context
    (a CSS selector or ``{"exclude": [...]}``); ``disable`` lists rule ids to skip — each
    one needs a reason in the calling test.
    """

    def _check(page, context=None, disable=()):
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(AXE_FILE.read_text(encoding="utf-8"))
        options = {
            "runOnly": {"type": "tag", "values": AXE_TAGS},
            "resultTypes": ["violations"],
            "rules": {rule: {"enabled": False} for rule in disable},
        }
        result = page.evaluate(
            "([context, options]) => axe.run(context || document, options)", [context, options]
        )
        violations = result["violations"]
        assert not violations, (
            f"{len(violations)} WCAG 2.1 A/AA violation(s) on {page.url}:\n"
            + format_violations(violations)
        )
        return result

    return _check


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep a full-page screenshot of every failing browser test in test-results/."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    page = item.funcargs.get("page") if hasattr(item, "funcargs") else None
    if page is None or page.is_closed():
        return
    folder = Path(item.config.getoption("--output", default="test-results"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (re.sub(r"[^A-Za-z0-9_.-]+", "-", item.nodeid).strip("-") + ".png")
    try:
        page.screenshot(path=str(path), full_page=True)
    except Exception as error:  # noqa: BLE001 - a screenshot must never hide the real failure
        report.sections.append(("screenshot", f"could not save a screenshot: {error}"))
    else:
        report.sections.append(("screenshot", f"saved {path}"))
