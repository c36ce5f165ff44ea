"""Filing a request with the keyboard alone, and the request pages pass axe-core."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FOCUSED = """() => { const el = document.activeElement;
  return {tag: el.tagName.toLowerCase(), type: el.type || null, name: el.getAttribute('name'),
          value: el.value ?? null, options: el.options ? el.options.length : 0}; }"""


def test_requester_files_a_request_with_the_keyboard_only(
    live_server, page, login, axe_check, demo
):
    login(page, "ana.saude")
    page.goto(f"{live_server.url}/requests/new/")
    axe_check(page)
    page.locator("main").focus()  # as after the skip link

    seen, channel_checked = [], False
    for _ in range(80):
        page.keyboard.press("Tab")
        el = page.evaluate(FOCUSED)
        seen.append(el["name"] or el["tag"])
        if el["name"] in ("secretariat", "kind") and el["options"] > 1 and not el["value"]:
            page.keyboard.press("ArrowDown")  # the first real choice
        elif el["name"] == "title":
            page.keyboard.type("Campanha de vacinação de inverno")
        elif el["name"] == "brief":
            page.keyboard.type("Divulgar as datas e os postos de vacinação contra a gripe.")
        elif el["name"] == "channels" and not channel_checked:
            page.keyboard.press("Space")
            channel_checked = True
        elif el["name"] == "submit":
            page.keyboard.press("Enter")
            break
    else:
        pytest.fail(f"Tab never reached the submit button; Tab stops: {seen}")

    page.wait_for_url(re.compile(rf"{re.escape(live_server.url)}/requests/\d+/$"))
    expect(page.locator("main h1")).to_contain_text("Campanha de vacinação de inverno")
    axe_check(page)

    from workflows.models import ContentRequest

    created = ContentRequest.objects.get(title="Campanha de vacinação de inverno")
    assert created.state == "submitted"
    assert created.channels.count() == 1


def test_request_list_passes_axe(live_server, page, login, axe_check, demo):
    login(page, "diego.editor")
    page.goto(f"{live_server.url}/requests/")
    expect(page.locator("main h1")).to_be_visible()
    axe_check(page)
