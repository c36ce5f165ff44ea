"""Proof of publication: fetch a published address, keep a snapshot, compare it with the seal.

After a publication is recorded with an address (by a person or a connector) a huey job
fetches the page (public hosts only, every redirect checked, unless the host is listed in
``PUBLISHING_PROOF_ALLOWED_HOSTS``), keeps a ``Snapshot`` (status, time, SHA-256 of the bytes,
the HTML capped to ``HTML_KEEP`` characters, the extracted text) and compares the page's text
with the sealed one. The comparison is normalised (HTML stripped, entities decoded, Unicode
NFKC, case folded, punctuation dropped, whitespace collapsed) and measured as **containment**:
the share of the approved text's words (title and text) found on the page in the same order
(``difflib.SequenceMatcher`` matching blocks over the word lists), taken over the page's main
text (trafilatura) or its whole text, whichever contains more. At or above
``PUBLISHING_PROOF_MIN_CONTAINMENT`` the page matches; below, it is divergent. A 404 or 410
is a page gone; any other failure is "could not be read". A verdict that changes from the
previous check is written to the audit trail (which notifies the editor and the approvers).
"""

import hashlib
import html as html_lib
import re
import time
import unicodedata
from datetime import timedelta
from difflib import SequenceMatcher
from urllib.parse import urljoin

import trafilatura
import urllib3
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from api.webhooks import safety
from audit.services import record
from pauta import clock
from publishing.models import Snapshot, Verdict
from publishing.seal import current_seal
from workflows.models import Publication

MAX_BYTES = 2 * 1024 * 1024   # read at most this much of a page (the hash covers it)
HTML_KEEP = 256 * 1024        # characters of HTML kept in the snapshot
MAX_REDIRECTS = 5
USER_AGENT = "Pauta-Proof/1.0"
GONE = (404, 410)
LIVE_STATES = ("published", "archived")
VERBS = {Verdict.DIVERGENT: "publication_divergent", Verdict.GONE: "publication_gone",
         Verdict.MATCH: "publication_verified"}


class FetchError(Exception):
    """The page could not be read; ``str()`` is one translated sentence."""


def check_host(url: str) -> None:
    """Refuse anything but http(s) to a public (or explicitly allowed) host."""
    reason = safety.refusal(url, allowed_hosts=settings.PUBLISHING_PROOF_ALLOWED_HOSTS)
    if reason == safety.SCHEME:
        raise FetchError(_("Use an http or https URL."))
    if reason == safety.UNRESOLVED:
        raise FetchError(_("The host of this URL cannot be resolved."))
    if reason == safety.PRIVATE:
        raise FetchError(_("This address is not public; Pauta only reads published pages "
                           "at public addresses."))


def fetch(url: str) -> tuple[int, bytes, str]:
    """GET ``url``: (final status, body bytes read, final address). Error statuses are
    answered, not raised: a 404 is evidence too."""
    timeout = settings.PUBLISHING_PROOF_TIMEOUT
    deadline = time.monotonic() + timeout
    pool = safety.guarded_pool(allowed_hosts=settings.PUBLISHING_PROOF_ALLOWED_HOSTS, retries=False,
                              timeout=urllib3.Timeout(connect=timeout, read=timeout))
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            check_host(url)
            response = pool.request("GET", url, headers={"User-Agent": USER_AGENT},
                                    redirect=False, preload_content=False)
            try:
                location = response.headers.get("Location")
                if response.status in (301, 302, 303, 307, 308) and location:
                    url = urljoin(url, location)
                    continue
                chunks, size = [], 0
                for chunk in response.stream(16384):
                    chunks.append(chunk[:MAX_BYTES - size])
                    size += len(chunk)
                    if size >= MAX_BYTES or time.monotonic() > deadline:
                        break
                return response.status, b"".join(chunks), url
            finally:
                response.release_conn()
        raise FetchError(_("Too many redirects."))
    except urllib3.exceptions.TimeoutError as exc:
        raise FetchError(_("The page took too long to answer.")) from exc
    except urllib3.exceptions.HTTPError as exc:
        raise FetchError(_("The page could not be reached.")) from exc
    finally:
        pool.clear()


_TAGS = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>|<[^>]+>", re.S | re.I)
_NOT_WORD = re.compile(r"[^\w]+")


def normalise(text: str) -> list[str]:
    """The words of ``text`` as compared: tags stripped, entities decoded, NFKC, case folded,
    punctuation and whitespace dropped."""
    text = html_lib.unescape(_TAGS.sub(" ", text or ""))
    text = unicodedata.normalize("NFKC", text).casefold()
    return [w for w in _NOT_WORD.split(text) if w]


def containment(expected: list[str], page: list[str]) -> float:
    """The share of ``expected``'s words found on ``page`` in the same order (1.0: all)."""
    if not expected:
        return 1.0
    matcher = SequenceMatcher(None, expected, page, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(expected)


def approved_text(publication) -> tuple[str, str]:
    """(title + text as approved, the seal's digest): the sealed channel's content, or the
    publication's own text when the request was approved before seals existed."""
    seal = current_seal(publication.request)
    sealed = (seal.content.get("channels", {}).get(publication.channel.code)
              if seal is not None else None)
    if sealed is not None:
        return f"{sealed.get('title', '')}\n{sealed.get('body', '')}", seal.digest
    return f"{publication.title}\n{publication.body}", ""


def page_text(raw_html: str) -> tuple[str, str]:
    """(main text by trafilatura, whole text of the page)."""
    try:
        main = trafilatura.extract(raw_html, include_comments=False, favor_recall=True) or ""
    except Exception:  # noqa: BLE001 - a page trafilatura cannot parse still has its text
        main = ""
    return main, html_lib.unescape(_TAGS.sub(" ", raw_html))


def snapshot_take(publication, *, purpose: str = Snapshot.Purpose.PROOF,
                  url: str = "") -> Snapshot:
    """Fetch the publication's address now and keep what it served."""
    url = url or publication.url
    fields = {"publication": publication, "purpose": purpose, "url": url,
              "fetched_at": clock.now()}
    try:
        status, body, _final = fetch(url)
    except FetchError as error:
        return Snapshot.objects.create(verdict=Verdict.UNREACHABLE, error=str(error)[:300],
                                       **fields)
    raw = body.decode("utf-8", errors="replace")
    fields.update(status_code=status, content_hash=hashlib.sha256(body).hexdigest(),
                  html=raw[:HTML_KEEP])
    if status in GONE:
        return Snapshot.objects.create(verdict=Verdict.GONE, **fields)
    if status >= 400:
        return Snapshot.objects.create(
            verdict=Verdict.UNREACHABLE, error=_("The page answered HTTP %(code)s.") % {
                "code": status}, **fields)
    main, whole = page_text(raw)
    expected, digest = approved_text(publication)
    words = normalise(expected)
    share = max(containment(words, normalise(main)), containment(words, normalise(whole)))
    verdict = (Verdict.MATCH if share >= settings.PUBLISHING_PROOF_MIN_CONTAINMENT
               else Verdict.DIVERGENT)
    return Snapshot.objects.create(verdict=verdict, text=(main or whole)[:HTML_KEEP],
                                   containment=round(share, 4), seal_digest=digest, **fields)


def latest(publication, purpose: str = Snapshot.Purpose.PROOF) -> Snapshot | None:
    return publication.snapshots.filter(purpose=purpose).first()


def proof_check(publication_pk: int) -> Snapshot | None:
    """The job: check one live publication's page; tell people when the verdict changed."""
    publication = (Publication.objects.select_related("channel", "request")
                   .filter(pk=publication_pk).first())
    if (publication is None or not publication.url or publication.published_at is None
            or publication.cancelled_at is not None
            or publication.request.state not in LIVE_STATES):
        return None
    previous = latest(publication)
    snapshot = snapshot_take(publication)
    changed = previous is None or previous.verdict != snapshot.verdict
    verb = VERBS.get(snapshot.verdict)
    if verb and changed:  # a page that stays divergent is not announced every day
        with transaction.atomic():
            record(by=None, verb=verb, target=publication.request, payload={
                "channel": publication.channel.code, "url": snapshot.url,
                "status": snapshot.status_code, "snapshot": snapshot.pk,
                "containment": snapshot.containment, "seal": snapshot.seal_digest})
    return snapshot


def on_transition(*, request, verb: str, by, event, context) -> None:
    """``AFTER_TRANSITION`` hook: once a publication is recorded, check its pages."""
    if verb != "publish" or not clock.is_news():
        return  # history written by the demo or a clock travel is not fetched
    from publishing.tasks import proof_run

    # After commit the addresses are written (request_publish saves them after the move).
    transaction.on_commit(lambda pk=request.pk: proof_run_for_request(pk, proof_run))


def proof_run_for_request(request_pk: int, task) -> None:
    for pk in Publication.objects.filter(request_id=request_pk, cancelled_at__isnull=True,
                                         published_at__isnull=False).exclude(
            url="").values_list("pk", flat=True):
        task(pk)


def due_for_recheck(now=None):
    """Live publications at an address whose last proof is older than the re-check period
    (or that have none)."""
    from django.db.models import Max, Q

    now = now or clock.now()
    limit = now - timedelta(hours=settings.PUBLISHING_PROOF_RECHECK_HOURS)
    return (Publication.objects.filter(request__state__in=LIVE_STATES, cancelled_at__isnull=True,
                                       published_at__isnull=False).exclude(url="")
            .annotate(last=Max("snapshots__fetched_at",
                               filter=Q(snapshots__purpose=Snapshot.Purpose.PROOF)))
            .filter(Q(last__isnull=True) | Q(last__lte=limit)).order_by("pk"))


def recheck_live() -> int:
    """The periodic job: fetch again every live piece due for a re-check."""
    count = 0
    for pk in due_for_recheck().values_list("pk", flat=True):
        if proof_check(pk) is not None:
            count += 1
    return count
