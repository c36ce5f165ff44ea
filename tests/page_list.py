"""Every HTML page each role may open, derived from the permission matrix.

A page is a ``GET`` row of ``tests/test_permission_matrix.py`` ``MATRIX`` whose "own" cell is
``Y`` for the role, unless its URL answers something that is not a page for people (a file,
JSON, a feed, the API, the Django admin): those are listed in ``NOT_PAGES`` with the reason.
Used by the every-page browser suite (``tests/e2e/test_every_page.py``) and the words test
(``pauta/tests/test_words.py``), so a new page is visited by both as soon as it has a row.
"""

from django.urls import reverse

from tests.permission_world import SUBJECTS
from tests.test_permission_matrix import MATRIX, ROLES

NOT_PAGES = {
    "health": "JSON for the load balancer",
    "brand_css": "the municipality's colours as a stylesheet",
    "surveys:export": "an XLSX file",
    "ideas:attachment": "the attached file itself",
    "surveys:export_csv": "a CSV file",
    "surveys:yearly": "an XLSX file",
    "javascript-catalog": "the JavaScript translation catalogue",
    "plans:template": "an XLSX file",
    "plans:export": "an XLSX file",
    "plans:open_actions": "JSON for the request form",
    "workflows:attachment": "the attached file itself",
    "calendars:data": "JSON for the calendar",
    "feeds:ics": "an iCalendar feed",
    "campaigns:spend": "JSON for the campaign form",
    "reports:export": "an XLSX file",
    "reports:export_download": "an XLSX file",
    "news:feed": "an RSS feed",
    "news:secretariat_feed": "an RSS feed",
    "press_feed:feed": "the press room's Atom feed",
    "press:distribution_status": "JSON for the distribution's progress",
    "press:release_file": "a file of a distributed press release",
    "api-schema": "the OpenAPI schema",
    "api-docs": "Swagger UI, the API's reference (a vendored third-party page)",
    "audit:export_csv": "a CSV file",
    "audit:export_xlsx": "an XLSX file",
    "clipping:file": "the clip's scan, audio or video",
    "clipping:digest_pdf": "the daily clipping's PDF",
    "admin:*": "the Django admin (its own templates)",
    "media:batch_status": "JSON for the upload's progress",
    "media:picker_search": "JSON for the request form's asset picker",
    "media:picker_thumb": "a thumbnail for the request form's asset picker",
    "media:asset_file": "an image or file of the media bank",
    "media:public_file": "an image of the public gallery",
    "media:consent_document": "the scan of a signed consent",
}


def is_page(name: str) -> bool:
    return not name.startswith("v1:") and name not in NOT_PAGES


def pages_of(role: str) -> list[str]:
    """The URL names of the pages ``role`` may open (its own object), in MATRIX order."""
    column = ROLES.index(role)
    return [name for name, row in MATRIX.items()
            if row.method == "GET" and is_page(name)
            and row.expect.split()[column][0] == "Y"]


def role_pages() -> list[tuple[str, str]]:
    """(role, URL name) for every role, the signed-out visitor first."""
    return [(role, name) for role in ROLES for name in pages_of(role)]


def page_url(name: str, world, role: str) -> str:
    """The path of page ``name`` as ``role`` opens it, on the world's "own" objects."""
    row = MATRIX[name]
    username = SUBJECTS[role]
    url = reverse(name, kwargs=row.kwargs(world, username, True) if row.kwargs else None)
    return f"{url}?{row.query}" if row.query else url
