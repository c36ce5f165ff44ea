"""The public gallery shows only assets the consent gate clears for public use (checked at
every read), marking an asset public is refused when it is not cleared, and the most used."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from media import selectors, services
from media.models import Asset, GivenBy, Purpose, Rights
from media.tests.images import jpeg, upload
from org.models import Secretariat
from pauta import clock
from plans.models import Channel
from workflows import services as ws

pytestmark = pytest.mark.django_db
TODAY = clock.today()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def editor(demo):
    return demo["diego.editor"]


def photo(editor, capture, n, **fields):
    with capture(execute=True):
        made = services.asset_create(by=editor, uploaded=upload(jpeg(n)), **fields)
    return Asset.objects.get(pk=made.pk)


@pytest.fixture
def album(editor):
    return services.album_create(by=editor, title="Escolas", public=True)


def child(editor):
    return services.person_create(by=editor, name="Ana Clara",
                                  birth_date=TODAY - timedelta(days=9 * 365))


def give(editor, person, *, guardian, purposes=(Purpose.INSTITUTIONAL,)):
    return services.consent_record(
        person=person, by=editor, purposes=list(purposes),
        given_on=TODAY - timedelta(days=10),
        given_by=GivenBy.GUARDIAN if guardian else GivenBy.PERSON,
        guardian_name="Marta Lima" if guardian else "")


def shown(client, album):
    response = client.get(reverse("media:gallery_album", args=[album.pk]))
    assert response.status_code == 200
    return {a.pk for a in response.context["page"]}


def test_a_minor_without_a_guardians_consent_is_not_in_the_gallery(
        demo, client, editor, album, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    plain = photo(editor, capture, 1, title="Fachada", public=True)
    minor = photo(editor, capture, 2, title="Recepção dos alunos", public=True)
    services.album_add(album=album, assets=[plain, minor], by=editor)
    ana = child(editor)
    services.asset_tag(asset=minor, person=ana, by=editor)  # tagged after being marked public
    give(editor, ana, guardian=False)  # her own signature: not enough for a minor
    url = reverse("media:public_file", args=[minor.pk, "web"])
    assert shown(client, album) == {plain.pk}
    assert client.get(url).status_code == 404
    assert client.get(reverse("media:public_file", args=[minor.pk, "thumbnail"])).status_code \
        == 404
    gallery = client.get(reverse("media:gallery"))
    assert [a.pk for a in dict(gallery.context["albums"])[album]] == [plain.pk]
    # a guardian's consent for social networks only does not cover the gallery either
    give(editor, ana, guardian=True, purposes=(Purpose.SOCIAL,))
    assert shown(client, album) == {plain.pk}
    guardian = give(editor, ana, guardian=True)  # institutional publication, by her mother
    assert shown(client, album) == {plain.pk, minor.pk}
    assert client.get(url).status_code == 200
    # withdrawn later: out of the gallery at once, nothing else to do
    services.consent_withdraw(consent=guardian, by=editor, note="A mãe pediu.")
    assert shown(client, album) == {plain.pk}
    assert client.get(url).status_code == 404
    client.force_login(editor)  # the asset page tells the team why
    page = client.get(reverse("media:asset", args=[minor.pk])).content.decode()
    assert "the public gallery does not show it today" in page
    assert "Ana Clara, a minor, has no consent signed by a parent or guardian" in page
    assert "the public gallery does not show it today" not in client.get(
        reverse("media:asset", args=[plain.pk])).content.decode()


def test_an_expired_consent_and_third_party_terms_keep_an_asset_out(
        demo, client, editor, album, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    adult_photo = photo(editor, capture, 3, title="Feira", public=True)
    agency = photo(editor, capture, 4, title="Ponte", public=True, rights=Rights.THIRD_PARTY,
                   rights_purposes=[Purpose.INSTITUTIONAL],
                   rights_until=TODAY + timedelta(days=30))
    services.album_add(album=album, assets=[adult_photo, agency], by=editor)
    rita = services.person_create(by=editor, name="Rita Moraes", birth_date=date(1980, 5, 1))
    services.asset_tag(asset=adult_photo, person=rita, by=editor)
    consent = give(editor, rita, guardian=False)
    assert shown(client, album) == {adult_photo.pk, agency.pk}
    type(consent).objects.filter(pk=consent.pk).update(expires_on=TODAY - timedelta(days=1))
    Asset.objects.filter(pk=agency.pk).update(rights_until=TODAY - timedelta(days=1))
    assert shown(client, album) == set()
    assert client.get(reverse("media:public_file", args=[agency.pk, "web"])).status_code == 404


def test_marking_an_uncleared_asset_public_is_refused_with_the_reason(
        demo, client, editor, django_capture_on_commit_callbacks):
    asset = photo(editor, django_capture_on_commit_callbacks, 5, title="Recepção")
    ana = child(editor)
    services.asset_tag(asset=asset, person=ana, by=editor)
    with pytest.raises(ValidationError) as refused:
        services.asset_update(asset=asset, by=editor, public=True)
    assert "Ana Clara, a minor, has no consent signed by a parent or guardian" in str(
        refused.value)
    assert Asset.objects.get(pk=asset.pk).public is False
    client.force_login(editor)
    form = client.get(reverse("media:asset_edit", args=[asset.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(public="on", rights=Rights.OWN, taken_at="")
    response = client.post(reverse("media:asset_edit", args=[asset.pk]), data, follow=True)
    assert response.status_code == 200
    assert "cannot be cleared for public use" in response.content.decode()
    assert Asset.objects.get(pk=asset.pk).public is False
    give(editor, ana, guardian=True)
    assert services.asset_update(asset=asset, by=editor, public=True).public is True
    assert Asset.objects.get(pk=asset.pk).public is True


def test_most_used_orders_by_uses_then_newest_and_leaves_out_the_unused(
        demo, editor, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    a, b, c, unused = (photo(editor, capture, n, title=t)
                       for n, t in ((6, "A"), (7, "B"), (8, "C"), (9, "D")))
    requests = []
    for n in range(3):
        request = ws.request_create(by=demo["ana.saude"],
                                    secretariat=Secretariat.objects.get(acronym="SMS"),
                                    kind="news", title=f"Pauta {n}", brief="b",
                                    channels=Channel.objects.filter(code="portal"))
        request = ws.request_submit(request=request, by=demo["ana.saude"])
        requests.append(ws.request_accept(request=request, by=editor))
    for asset, count in ((a, 1), (b, 3), (c, 1)):
        for request in requests[:count]:
            services.asset_attach(asset=asset, request=request, by=editor)
    used = selectors.most_used()
    assert [x.pk for x in used] == [b.pk, c.pk, a.pk]  # 3 uses; then 1 each, newest first
    assert [x.use_count for x in used] == [3, 1, 1]
    assert unused.pk not in {x.pk for x in used}
    assert [x.pk for x in selectors.most_used(limit=2)] == [b.pk, c.pk]


def test_the_album_list_is_paginated(client, editor):
    from media import views
    from media.models import Album

    for n in range(views.ALBUMS_PER_PAGE + 2):
        services.album_create(by=editor, title=f"Álbum {n:02d}", public=True)
    services.album_create(by=editor, title="Álbum interno", public=False)
    public = list(Album.objects.filter(public=True).order_by("title", "pk")
                  .values_list("title", flat=True))
    assert len(public) > views.ALBUMS_PER_PAGE

    first = client.get(reverse("media:gallery"))
    second = client.get(reverse("media:gallery"), {"page": 2})
    beyond = client.get(reverse("media:gallery"), {"page": "x"})

    assert [a.title for a, _assets in first.context["albums"]] == public[:views.ALBUMS_PER_PAGE]
    assert [a.title for a, _assets in second.context["albums"]] == public[views.ALBUMS_PER_PAGE:]
    assert "Álbum interno" not in first.content.decode() + second.content.decode()
    assert "?page=2" in first.content.decode()
    assert beyond.status_code == 200 and beyond.context["page"].number == 1
