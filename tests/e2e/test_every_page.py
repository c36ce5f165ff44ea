"""Every page of every role at 1366 and 390 px: zero axe violations, no sideways scroll.

The pages are the permission matrix's ``GET`` rows that answer the role (``tests/page_list.py``),
opened on the matrix's objects (``tests/permission_world.py``). The objects are built once per
module and committed, and one browser context per role signs in once, so the suite runs in a few
minutes; the database is not flushed between tests (see ``_live_server_helper``), only once
at the module's end, when the demo is loaded again.

Each visit leaves a screenshot in ``test-results/every-page/``. The README's four screenshots
are taken on the full demo by ``make screenshots`` (``scripts/screenshots.py``), not here.

A page that fails in an area another branch is rebuilding is marked ``xfail(strict=True)`` in
``KNOWN`` with the problem: it fails loudly once it is fixed, so the mark is removed then.
"""

from pathlib import Path

import pytest

from tests.e2e.conftest import AXE_FILE, AXE_TAGS, format_violations, settle, track_requests
from tests.page_list import page_url, role_pages
from tests.permission_world import SUBJECTS

pytestmark = pytest.mark.browser

WIDTHS = (1366, 390)
HEIGHT = 900
ROOT = Path(__file__).resolve().parents[2]
# page -> (the roles it fails for at 390 px, the problem): pages that still scroll sideways on
# a phone (none today; a new entry needs a reason and is an expected failure, strict).
_PHONE: dict[str, tuple[str, str]] = {}
KNOWN: dict[tuple[str, str, int], str] = {
    (role, name, 390): reason for name, (roles, reason) in _PHONE.items() for role in roles.split()}


def _params():
    params = []
    for role, name in role_pages():
        if name == "login" and role != "anon":
            continue  # a signed-in person is sent on; the sign-in page is the visitor's
        for width in WIDTHS:
            marks = []
            if (role, name, width) in KNOWN:
                marks.append(pytest.mark.xfail(strict=True, reason=KNOWN[role, name, width]))
            params.append(pytest.param(role, name, width, marks=marks,
                                       id=f"{role}-{name}-{width}"))
    return params


@pytest.fixture(autouse=True)
def _live_server_helper(request, django_db_blocker):
    """Stands in for pytest-django's fixture of this name, which makes every live-server test
    transactional (a flush after each). Here the database stays as ``server`` built it; the
    server thread reads it while the test drives the browser."""
    live = request.getfixturevalue("live_server")
    live._live_server_modified_settings.enable()
    with django_db_blocker.unblock():
        yield
    live._live_server_modified_settings.disable()


@pytest.fixture(scope="module")
def server(django_db_setup, live_server, django_db_blocker, tmp_path_factory):
    """The live server on the matrix objects, built once and committed; at the end the
    database is flushed and the demo loaded again, as the other tests expect it."""
    from django.core.management import call_command
    from django.test import override_settings

    from conftest import _load_demo
    from org.models import User
    from tests.permission_world import build_world

    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("every-page-media"))
    with django_db_blocker.unblock(), media:
        if not User.objects.filter(username="ana.saude").exists():  # a live server flushed it
            _load_demo()
        world = build_world({u.username: u for u in User.objects.all()})
        try:
            yield live_server, world
        finally:
            call_command("flush", interactive=False, verbosity=0)
            _load_demo()


@pytest.fixture(scope="module")
def sessions(browser, browser_context_args, server):
    """role -> a page in that role's browser context, signed in once."""
    from pauta.demo import DEMO_PASSWORD

    live, _world = server
    opened, contexts = {}, []

    def session(role):
        if role in opened:
            return opened[role]
        context = browser.new_context(**browser_context_args)
        contexts.append(context)
        page = context.new_page()
        track_requests(page)
        problems = []
        page.on("pageerror", lambda error: problems.append(f"JS error: {error}"))
        page.on("console", lambda msg: problems.append(f"console: {msg.text}")
                if msg.type == "error" and "Content Security Policy" in msg.text else None)
        if SUBJECTS[role]:
            page.goto(f"{live.url}/login/")
            form = page.locator("main form[action='/login/']")
            form.locator("input[name=username]").fill(SUBJECTS[role])
            form.locator("input[name=password]").fill(DEMO_PASSWORD)
            form.locator("button[type=submit]").click()
            page.wait_for_load_state()
            assert not page.url.startswith(f"{live.url}/login/"), f"{role} could not sign in"
        opened[role] = (page, problems)
        return opened[role]

    yield session
    for context in contexts:
        context.close()


def _axe(page, base_url):
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_FILE.read_text(encoding="utf-8"))
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    return page.evaluate("(options) => axe.run(document, options)", options)["violations"]


def _shot_path(role, name, width) -> Path:
    slug = name.replace(":", "-")
    return ROOT / "test-results" / "every-page" / f"{role}-{slug}-{width}.png"


@pytest.mark.parametrize(("role", "name", "width"), _params())
def test_every_page(role, name, width, server, sessions):
    live, world = server
    page, problems = sessions(role)
    problems.clear()
    page.set_viewport_size({"width": width, "height": HEIGHT})
    response = page.goto(f"{live.url}{page_url(name, world, role)}")
    assert response is not None and response.ok, f"{name}: {response and response.status}"
    assert "text/html" in response.headers.get("content-type", ""), (
        f"{name} is not a page: add it to NOT_PAGES in tests/page_list.py")
    settle(page)
    path = _shot_path(role, name, width)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    overflow = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    violations = _axe(page, live.url)
    failures = []
    if overflow[0] > overflow[1]:
        failures.append(f"scrolls sideways: {overflow[0]} px wide in a {overflow[1]} px window")
    if violations:
        failures.append(f"{len(violations)} axe violation(s):\n{format_violations(violations)}")
    failures += problems
    assert not failures, f"{role} {name} at {width} px ({page.url}):\n" + "\n".join(failures)
