"""The "Repercussion" panel on a campaign's and a request's page (one include; campaigns and
workflows import nothing of clipping), its one query, and the clip list it links to."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from campaigns.tests.test_services import make_campaign
from clipping.models import Clip, ClipState
from clipping.templatetags.repercussion import repercussion_of
from pauta import clock
from press.models import Outlet

pytestmark = pytest.mark.django_db


def _clip(outlet, n, tone, state=ClipState.KEPT, **links):
    return Clip.objects.create(outlet=outlet, headline=f"Matéria {n}", tone=tone, state=state,
                               published_at=clock.now(), url=f"https://j.example/{n}", **links)


@pytest.fixture
def campaign_with_clips(demo):
    campaign = make_campaign(demo["ana.saude"], pieces=2)
    piece = campaign.pieces.first()
    diario = Outlet.objects.create(name="Diário Teste", type="portal", audience=1000)
    radio = Outlet.objects.create(name="Rádio Teste", type="portal", audience=500)
    _clip(diario, 1, "positive", campaign=campaign)
    _clip(diario, 2, "positive", request=piece)  # through its piece
    _clip(radio, 3, "negative", campaign=campaign, request=piece)  # both: counted once
    _clip(radio, 4, "neutral", campaign=campaign)
    _clip(radio, 5, "negative", state=ClipState.DISCARDED, campaign=campaign)  # not kept
    return campaign, piece


def test_the_numbers_of_a_campaign_and_of_its_piece(campaign_with_clips):
    campaign, piece = campaign_with_clips
    found = repercussion_of(campaign)
    row = found["row"]
    assert (row.clips, row.positive, row.neutral, row.negative) == (4, 2, 1, 1)
    assert (row.positive_share, row.negative_share, row.outlets, row.reach) == (50, 25, 2, 3000)
    assert found["outlets"] == [("Diário Teste", 2), ("Rádio Teste", 2)]
    assert found["url"] == f"/clipping/?state=kept&campaign={campaign.pk}"
    row = repercussion_of(piece)["row"]
    assert (row.clips, row.positive, row.negative, row.reach) == (2, 1, 1, 1500)
    other = campaign.pieces.exclude(pk=piece.pk).get()
    assert repercussion_of(other) is None  # no kept clip: no panel
    with CaptureQueriesContext(connection) as queries:
        repercussion_of(campaign)
    assert len(queries) == 1


def test_the_pages_show_the_panel_to_the_team_only(demo, campaign_with_clips):
    campaign, piece = campaign_with_clips
    editor = Client()
    editor.force_login(demo["diego.editor"])
    page = editor.get(f"/campaigns/{campaign.pk}/").content.decode()
    assert 'id="repercussion-h"' in page and "4 kept clips in the press." in page
    assert "50% positive, 25% neutral, 25% negative" in page
    assert f'href="/clipping/?state=kept&amp;campaign={campaign.pk}"' in page
    page = editor.get(f"/requests/{piece.pk}/").content.decode()
    assert 'id="repercussion-h"' in page and "2 kept clips in the press." in page
    other = campaign.pieces.exclude(pk=piece.pk).get()
    assert 'id="repercussion-h"' not in editor.get(f"/requests/{other.pk}/").content.decode()
    # The requester sees her campaign and request, never clipping.
    requester = Client()
    requester.force_login(demo["ana.saude"])
    for url in (f"/campaigns/{campaign.pk}/", f"/requests/{piece.pk}/"):
        response = requester.get(url)
        assert response.status_code == 200
        assert 'id="repercussion-h"' not in response.content.decode()


def test_the_clip_list_filtered_by_campaign_or_request(demo, campaign_with_clips):
    campaign, piece = campaign_with_clips
    editor = Client()
    editor.force_login(demo["diego.editor"])

    def headlines(query):
        response = editor.get(f"/clipping/?{query}")
        assert response.status_code == 200
        return sorted(re.findall(r">(Matéria \d)</a>", response.content.decode()))

    assert headlines(f"state=kept&campaign={campaign.pk}") == [f"Matéria {n}" for n in (1, 2, 3, 4)]
    assert headlines(f"state=kept&request={piece.pk}") == ["Matéria 2", "Matéria 3"]
    assert headlines(f"state=discarded&campaign={campaign.pk}") == ["Matéria 5"]
    page = editor.get(f"/clipping/?state=kept&campaign={campaign.pk}").content.decode()
    assert f'href="?state=discarded&amp;campaign={campaign.pk}"' in page
    # Malformed or unknown ids: no filter error, no 500.
    for query in ("campaign=abc", "campaign=99999999999999", "request=-1", "request=999999"):
        assert editor.get(f"/clipping/?state=kept&{query}").status_code == 200


def test_the_panel_costs_the_same_queries_for_1_clip_as_for_20(demo, campaign_with_clips):
    campaign, piece = campaign_with_clips
    editor = Client()
    editor.force_login(demo["diego.editor"])
    urls = (f"/campaigns/{campaign.pk}/", f"/requests/{piece.pk}/")

    def counts():
        measured = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert editor.get(url).status_code == 200
            measured.append(len(queries))
        return measured

    before = counts()
    for n in range(20):
        outlet = Outlet.objects.create(name=f"Outro {n}", type="portal", audience=10)
        _clip(outlet, 10 + n, "neutral", campaign=campaign, request=piece)
    assert counts() == before
    assert "and 17 more" in editor.get(urls[0]).content.decode()  # 22 outlets, 5 named
