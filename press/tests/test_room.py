"""The public press room (/imprensa/): published press releases newest first with their
addresses, the Atom feed, and the answers on record without the journalist's personal data."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.test import Client

from org.models import Secretariat
from pauta import clock
from plans.models import Channel
from press.models import Inquiry, Journalist, Outlet
from workflows.models import ContentRequest, Publication

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def release(demo, title, *, days_ago, url="", kind="press_release", state="published"):
    request = ContentRequest.objects.create(
        secretariat=Secretariat.objects.get(acronym="SMS"), requester=demo["ana.saude"],
        kind=kind, title=title, brief="b", state=state)
    return Publication.objects.create(
        request=request, channel=Channel.objects.get(code="portal"), title=title, body="Texto.",
        url=url, published_at=clock.now() - timedelta(days=days_ago))


@pytest.fixture
def releases(demo):
    Publication.objects.all().delete()  # only this test's pieces (the demo has some)
    return [release(demo, "Vacinação começa segunda", days_ago=2,
                    url="https://valeverde.example.gov.br/imprensa/vacina"),
            release(demo, "Obras na ponte terminam", days_ago=1,
                    url="https://valeverde.example.gov.br/imprensa/ponte"),
            release(demo, "Nota impressa", days_ago=0),  # no address: nothing to link to
            release(demo, "Uma notícia", days_ago=0, kind="news",
                    url="https://valeverde.example.gov.br/noticias/x"),
            release(demo, "Release aprovado", days_ago=0, state="approved",
                    url="https://valeverde.example.gov.br/imprensa/cedo")]


def test_the_press_room_lists_published_releases_newest_first_with_their_address(releases):
    page = Client().get("/imprensa/")  # nobody signed in
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("Obras na ponte terminam") < html.index("Vacinação começa segunda")
    assert "https://valeverde.example.gov.br/imprensa/ponte" in html
    for absent in ("Nota impressa", "Uma notícia", "Release aprovado"):
        assert absent not in html
    assert 'href="/imprensa/feed.atom"' in html


def test_the_press_room_is_paginated(demo, releases):
    for n in range(25):
        release(demo, f"Release número {n}", days_ago=3 + n,
                url=f"https://valeverde.example.gov.br/imprensa/{n}")
    first = Client().get("/imprensa/").content.decode()
    second = Client().get("/imprensa/?page=2").content.decode()
    assert "Release número 17" in first and "Release número 18" not in first
    assert "Release número 18" in second and "Release número 24" in second
    assert Client().get("/imprensa/?page=banana").status_code == 200  # the first page


def test_the_feed_is_atom_of_the_releases(releases):
    response = Client().get("/imprensa/feed.atom")
    assert response.status_code == 200 and "atom" in response["Content-Type"]
    root = ET.fromstring(response.content)
    titles = [e.find(f"{ATOM}title").text for e in root.iter(f"{ATOM}entry")]
    assert titles == ["Obras na ponte terminam", "Vacinação começa segunda"]
    links = [e.find(f"{ATOM}link").get("href") for e in root.iter(f"{ATOM}entry")]
    assert links[0] == "https://valeverde.example.gov.br/imprensa/ponte"
    assert root.find(f"{ATOM}title").text == "Press releases"


def _answered(demo, *, on_record, state="sent", theme="Dengue no bairro Alto", days_ago=1):
    outlet = Outlet.objects.get_or_create(name="Jornal do Vale", defaults={"type": "newspaper"})[0]
    journalist = Journalist.objects.get_or_create(
        email="rita.segredo@jornal.example.com",
        defaults={"name": "Rita Segredo", "outlet": outlet, "phone": "+55 11 99999-1234",
                  "source": "cartão"})[0]
    return Inquiry.objects.create(
        journalist=journalist, outlet=outlet, secretariat=Secretariat.objects.get(acronym="SMS"),
        theme=theme, questions=f"Quantos casos de {theme}?", answer=f"Resposta sobre {theme}.",
        deadline=clock.now(), state=state, on_record=on_record,
        sent_at=clock.now() - timedelta(days=days_ago), registered_by=demo["elisa.editora"])


def test_answers_on_record_show_question_answer_and_outlet_but_no_personal_data(demo):
    _answered(demo, on_record=True, theme="Dengue", days_ago=2)
    _answered(demo, on_record=True, theme="Merenda", state="closed", days_ago=1)
    _answered(demo, on_record=False, theme="Sigilo")
    _answered(demo, on_record=True, theme="Rascunho", state="drafted")  # not answered yet
    page = Client().get("/imprensa/respostas/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Quantos casos de Dengue?" in html and "Resposta sobre Dengue." in html
    assert html.index("Merenda") < html.index("Dengue")  # the most recent answer first
    assert "Jornal do Vale" in html
    for absent in ("Sigilo", "Rascunho", "Rita Segredo", "rita.segredo", "99999"):
        assert absent not in html


def test_a_release_out_on_two_channels_is_one_entry(demo, releases):
    # The demo's releases go to the portal and to the press list: a journalist sees each once,
    # at the first address it was published at, on the page and in the feed.
    first = releases[1]
    Publication.objects.create(
        request=first.request, channel=Channel.objects.get(code="press"), title=first.title,
        body="Texto.", url="https://valeverde.example.gov.br/imprensa/ponte-lista",
        published_at=first.published_at + timedelta(minutes=5))
    html = Client().get("/imprensa/").content.decode()
    assert html.count("Obras na ponte terminam") == 1
    assert "https://valeverde.example.gov.br/imprensa/ponte" in html
    assert "ponte-lista" not in html
    feed = ET.fromstring(Client().get("/imprensa/feed.atom").content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles.count("Obras na ponte terminam") == 1
