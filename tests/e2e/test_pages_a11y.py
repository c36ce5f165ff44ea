"""Every main page passes axe-core (WCAG 2.1 A/AA) and can be used from the keyboard."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# One demo person per role, plus the superuser who holds none.
ROLE_USERS = [
    "ana.saude",  # requester
    "diego.editor",  # editor
    "fernanda.chefe",  # approver
    "gustavo.juridico",  # legal reviewer
    "helena.gestora",  # manager
    "igor.auditor",  # auditor
    "admin",  # no role, staff
]


@pytest.mark.django_db
def test_login_page_passes_axe(live_server, page, axe_check):
    page.goto(f"{live_server.url}/login/")
    expect(page.locator("html")).to_have_attribute("lang", "pt-br")
    axe_check(page)


@pytest.mark.django_db
def test_login_error_passes_axe(live_server, page, axe_check, demo):
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "ana.saude")
    page.fill("#id_password", "not-the-password")
    page.press("#id_password", "Enter")
    expect(page.locator("[role=alert]")).to_be_visible()
    axe_check(page)


@pytest.mark.parametrize("username", ROLE_USERS)
def test_home_passes_axe_for_each_role(live_server, page, login, axe_check, demo, username):
    login(page, username)
    assert page.url == f"{live_server.url}/"
    expect(page.locator("h1")).to_contain_text("Olá")
    axe_check(page)


@pytest.mark.django_db
def test_accessibility_statement_is_public_linked_and_passes_axe(live_server, page, axe_check):
    page.goto(f"{live_server.url}/login/")
    page.locator("footer a[href='/acessibilidade/']").click()
    page.wait_for_url(f"{live_server.url}/acessibilidade/")
    expect(page.locator("main h1")).not_to_be_empty()
    expect(page.locator("main")).to_contain_text("WCAG 2.1")
    expect(page.locator("main a[href^='mailto:']")).to_have_count(1)
    axe_check(page)


def test_language_switch_through_the_header_form(live_server, page, login, demo):
    login(page, "ana.saude")
    menu = page.locator("header .language-menu")
    menu.locator("button[data-toggle=dropdown]").click()  # the DS dropdown in the header
    menu.get_by_role("menuitem", name="English").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main h1")).to_contain_text("Hello")

    # Remembered on the person: a fresh browser context signs in and still sees English.
    page.context.clear_cookies()
    login(page, "ana.saude")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    menu.locator("button[data-toggle=dropdown]").click()
    menu.get_by_role("menuitem", name="Português (Portugal)").click()
    expect(page.locator("html")).to_have_attribute("lang", "pt-pt")


def _focused(page) -> dict:
    return page.evaluate(
        """() => { const el = document.activeElement; const style = getComputedStyle(el);
        return {tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name'),
                cls: el.className, href: el.getAttribute('href'),
                outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth)}; }"""
    )


def test_keyboard_only_login(live_server, page, demo):
    from pauta.demo import DEMO_PASSWORD

    page.goto(f"{live_server.url}/login/")
    page.keyboard.press("Tab")
    first = _focused(page)
    assert first["href"] == "#main-content", f"the skip link must be the first Tab stop: {first}"
    # visible when focused (the design system's br-skiplink)
    expect(page.locator(".br-skiplink a[href='#main-content']")).to_be_in_viewport()
    assert first["outline"] != "none" and first["outlineWidth"] > 0, "no visible focus"

    page.keyboard.press("Enter")  # skip the header: focus moves to <main>
    page.keyboard.press("Tab")
    field = _focused(page)
    assert field["name"] == "username", f"after the skip link, Tab must reach the form: {field}"
    assert field["outline"] != "none", "the username field shows no focus indicator"
    page.keyboard.type("diego.editor")
    page.keyboard.press("Tab")
    assert _focused(page)["name"] == "password"
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")

    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator("#role-editor")).to_have_count(1)
