"""The request page's proof, take-down and expiry evidence, and the manual take-down list,
at 1366 and 390 px: zero axe violations, no sideways scroll (``PAUTA_SCREENSHOTS=1`` keeps
screenshots in /tmp). The approved requests carry an override: its tag wraps on a phone."""

import os

import pytest

pytestmark = pytest.mark.browser


def _evidence(demo):
    from pauta import clock
    from publishing.models import Snapshot, TakedownEvidence
    from publishing.tests.helpers import approved, when
    from workflows import services

    url = "https://portal.valeverde.example/noticias/campanha-de-vacinacao-contra-a-gripe-2026"
    request = approved(demo, body="Vacine-se nas unidades de saúde da rede municipal.")
    request = services.request_schedule(request=request, by=demo["diego.editor"],
                                        when={p.pk: when() for p in request.publications.all()})
    pub = request.publications.get()
    services.request_publish(request=request, by=demo["diego.editor"], urls={pub.pk: url})
    Snapshot.objects.create(publication=pub, url=url, status_code=200, verdict="divergent",
                            containment=0.41, content_hash="a" * 64, text="Outro texto")
    gone = Snapshot.objects.create(publication=pub, url=url, status_code=404, verdict="gone",
                                   purpose="takedown")
    TakedownEvidence.objects.create(publication=pub, cause="blackout", mode="manual", url=url,
                                    status="done", done_at=clock.now(),
                                    confirmed_by=demo["diego.editor"], snapshot=gone)
    other = approved(demo, body="Campanha de vacinação nas escolas.")
    other = services.request_schedule(request=other, by=demo["diego.editor"],
                                      when={p.pk: when() for p in other.publications.all()})
    opub = other.publications.get()
    services.request_publish(request=other, by=demo["diego.editor"], urls={opub.pk: url + "-2"})
    TakedownEvidence.objects.create(publication=opub, cause="expiry", mode="manual",
                                    url=url + "-2", by=demo["diego.editor"])
    return request, other


@pytest.mark.parametrize("width", [1366, 390])
def test_evidence_pages_fit_and_pass_axe(live_server, page, login, axe_check, demo, width):
    request, other = _evidence(demo)
    page.set_viewport_size({"width": width, "height": 900})
    login(page, "diego.editor")
    for path in (f"/requests/{request.pk}/", f"/requests/{other.pk}/",
                 "/publishing/takedowns/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
        if os.environ.get("PAUTA_SCREENSHOTS"):
            name = path.strip("/").replace("/", "-")
            page.screenshot(path=f"/tmp/proof-{name}-{width}.png", full_page=True)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{path} at {width}px scrolls sideways ({scroll_width}px)"
        axe_check(page)
    page.goto(f"{live_server.url}/publishing/takedowns/")
    assert page.locator("table.table-cards tbody tr").count() == 1
