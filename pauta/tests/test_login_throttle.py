"""Login lock-out behind the reverse proxy (issue 13, item 8): the client's address comes
through trusted proxies only, failures lock that address for that person, and the lock-out
page is the site's own."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from pauta.login_throttle import client_ip

PASSWORD = "pauta-demo"
PROXY = {"REMOTE_ADDR": "127.0.0.1"}  # the README's nginx on the same host


def via_proxy(address_list: str) -> dict:
    return {**PROXY, "HTTP_X_FORWARDED_FOR": address_list}


@pytest.mark.parametrize(("meta", "expected"), [
    (via_proxy("203.0.113.66"), "203.0.113.66"),
    # the client wrote the left part itself: only what the proxy appended counts
    (via_proxy("198.51.100.7, 203.0.113.66"), "203.0.113.66"),
    (via_proxy("junk, 203.0.113.66"), "203.0.113.66"),
    (via_proxy("203.0.113.66, 10.0.0.5"), "203.0.113.66"),  # a second trusted hop
    ({"REMOTE_ADDR": "127.0.0.1"}, "127.0.0.1"),
    (via_proxy("not-an-address"), "127.0.0.1"),
    # not from a trusted proxy: the header is ignored
    ({"REMOTE_ADDR": "192.0.2.9", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}, "192.0.2.9"),
    ({"REMOTE_ADDR": "::1", "HTTP_X_FORWARDED_FOR": "2001:db8::5"}, "2001:db8::5"),
])
def test_client_address_is_read_through_trusted_proxies_only(settings, meta, expected):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1", "10.0.0.0/8"]
    request = RequestFactory().get("/", **meta)
    assert client_ip(request) == expected


def test_without_trusted_proxies_the_header_is_never_believed(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(RequestFactory().get("/", **via_proxy("203.0.113.66"))) == "127.0.0.1"


def attempt(client, password, forwarded_for):
    return client.post(reverse("login"), {"username": "fernanda.chefe", "password": password},
                       **via_proxy(forwarded_for))


def test_an_attackers_failures_lock_only_the_attackers_address(client, demo, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        assert attempt(client, "wrong", "203.0.113.66").status_code == 200
    assert attempt(client, "wrong", "203.0.113.66").status_code == 429  # the third locks
    locked = attempt(client, PASSWORD, "203.0.113.66")
    assert locked.status_code == 429
    html = locked.content.decode()
    with translation.override(locked["Content-Language"]):
        assert gettext("Sign-in blocked for a while") in html
        assert ngettext("Try again in %(minutes)s minute.", "Try again in %(minutes)s minutes.",
                        30) % {"minutes": 30} in html
    assert '<main' in html and 'lang="' in html  # the site's layout, not a bare text reply
    # spoofing another address in the header does not escape the lock
    assert attempt(client, PASSWORD, "198.51.100.7, 203.0.113.66").status_code == 429
    # the approver, from their own address behind the same proxy, signs in
    assert attempt(client, PASSWORD, "198.51.100.7").status_code == 302
