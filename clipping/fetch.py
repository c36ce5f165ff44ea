"""Outbound HTTP for clipping sources: public hosts only, timeouts, conditional GET.

Every hop (the URL and each redirect) is checked by the project's SSRF guard
(``api.webhooks.safety``): only global unicast addresses, unless the host is listed in
``CLIPPING_FETCH_ALLOWED_HOSTS`` (an intranet outlet; the loopback server of the tests).
A whole fetch, body included, must finish within ``CLIPPING_FETCH_TIMEOUT`` seconds, so a
source that trickles bytes is cut off too; bodies over ``MAX_BYTES`` are refused.
"""

import time
from dataclasses import dataclass, field
from urllib.parse import urljoin

import urllib3
from django.conf import settings
from django.utils.translation import gettext as _

from api.webhooks import safety

MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = "Pauta-Clipping/1.0 (+https://github.com/pauta)"


class FetchError(Exception):
    """A fetch that failed; ``str()`` is one translated sentence for the source's status."""


@dataclass
class Fetched:
    url: str
    status: int
    body: bytes = b""
    headers: dict = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def check_host(url: str) -> None:
    """Raise FetchError unless ``url`` is http(s) to an allowed or a public host."""
    reason = safety.refusal(url, allowed_hosts=settings.CLIPPING_FETCH_ALLOWED_HOSTS)
    if reason == safety.SCHEME:
        raise FetchError(_("Use an http or https URL."))
    if reason == safety.UNRESOLVED:
        raise FetchError(_("The host of this URL cannot be resolved."))
    if reason == safety.PRIVATE:
        raise FetchError(_("This URL points to an address that is not public; sources may "
                           "only be fetched from public addresses."))


def _read(response, deadline: float) -> bytes:
    chunks, size = [], 0
    for chunk in response.stream(16384):
        size += len(chunk)
        if size > MAX_BYTES:
            raise FetchError(_("The page is larger than 5 MB."))
        if time.monotonic() > deadline:
            raise FetchError(_("The source took too long to answer."))
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(url: str, *, etag: str = "", last_modified: str = "",
          timeout: float | None = None) -> Fetched:
    """GET ``url`` (conditionally when ``etag``/``last_modified`` are given)."""
    timeout = settings.CLIPPING_FETCH_TIMEOUT if timeout is None else timeout
    deadline = time.monotonic() + timeout
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    pool = safety.guarded_pool(allowed_hosts=settings.CLIPPING_FETCH_ALLOWED_HOSTS, retries=False,
                              timeout=urllib3.Timeout(connect=timeout, read=timeout))
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            check_host(url)
            response = pool.request("GET", url, headers=headers, redirect=False,
                                    preload_content=False)
            try:
                if response.status in (301, 302, 303, 307, 308) and response.headers.get(
                        "Location"):
                    url = urljoin(url, response.headers["Location"])
                    continue
                if response.status == 304:
                    return Fetched(url, 304, headers=dict(response.headers))
                if response.status >= 400:
                    raise FetchError(_("The server answered with the error %(status)s.")
                                     % {"status": response.status})
                body = _read(response, deadline)
                return Fetched(url, response.status, body, dict(response.headers))
            finally:
                response.release_conn()
        raise FetchError(_("Too many redirects."))
    except urllib3.exceptions.TimeoutError as exc:
        raise FetchError(_("The source took too long to answer.")) from exc
    except urllib3.exceptions.HTTPError as exc:
        raise FetchError(_("The source could not be reached.")) from exc
    finally:
        pool.clear()
