"""The library: upload and derive (thumbnail, web size, GPS gone — read back with Pillow's
EXIF reader), EXIF facts, duplicates, refusals, search, private files, a 200-file batch."""

import io
import json
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from audit.models import AuditEvent
from media import selectors, services
from media.models import Asset, DeriveState, Kind, Rights, UploadBatch
from media.tests.images import gps_of, jpeg, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _read(field) -> bytes:
    with field.open("rb") as fh:
        return fh.read()


def _file(by, data, name="foto.jpg", capture=None, **fields):
    with capture(execute=True):
        asset = services.asset_create(by=by, uploaded=upload(data, name), **fields)
    return Asset.objects.get(pk=asset.pk)


def test_upload_makes_thumbnail_and_web_size_without_the_location(
        demo, django_capture_on_commit_callbacks):
    original = jpeg(1, size=(2400, 1800))
    assert gps_of(original), "the test image carries a GPS block"
    asset = _file(demo["diego.editor"], original, "Inauguração da UBS.jpg",
                  django_capture_on_commit_callbacks, tags="saúde, inauguração")
    assert asset.derive_state == DeriveState.DONE and asset.kind == Kind.PHOTO
    assert asset.had_gps and asset.camera == "Canon EOS R6"
    assert timezone.localtime(asset.taken_at).strftime("%Y-%m-%d %H:%M") == "2026-03-14 10:30"
    assert (asset.width, asset.height) == (2400, 1800)
    assert asset.title == "Inauguração da UBS"
    thumb, web = _read(asset.thumbnail), _read(asset.web)
    assert max(Image.open(io.BytesIO(thumb)).size) == 320
    assert max(Image.open(io.BytesIO(web)).size) == 1600
    for derived in (thumb, web):
        assert gps_of(derived) == {}  # Pillow's EXIF reader finds no GPS block
        exif = Image.open(io.BytesIO(derived)).getexif()
        assert exif.get(0x010F) == "Canon"  # the camera stays
    # the original is kept as sent, inside Pauta
    assert gps_of(_read(asset.file))
    assert AuditEvent.objects.filter(verb="media_asset_create",
                                     target_id=str(asset.pk)).exists()


def test_the_same_file_twice_is_a_duplicate_and_a_smaller_copy_looks_alike(
        demo, django_capture_on_commit_callbacks):
    by, capture = demo["diego.editor"], django_capture_on_commit_callbacks
    first = _file(by, jpeg(5), capture=capture)
    second = _file(by, jpeg(5), "copia.jpg", capture=capture)
    assert second.duplicate_of == first and second.sha256 == first.sha256
    image = Image.open(io.BytesIO(jpeg(5)))
    out = io.BytesIO()
    image.resize((320, 240)).save(out, "JPEG", quality=60)
    smaller = _file(by, out.getvalue(), "menor.jpg", capture=capture)
    assert smaller.duplicate_of is None  # not the same bytes…
    assert first in services.similar(smaller)  # …but the same picture
    other = _file(by, jpeg(77), "outra.jpg", capture=capture)
    assert other not in services.similar(first)


@pytest.mark.parametrize("data, name, message", [
    (b"<html><script>alert(1)</script></html>", "foto.jpg", "not accepted"),
    (b"", "vazio.jpg", "empty"),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 200, "quebrada.jpg", "cannot be read"),
])
def test_a_bad_file_is_refused_with_a_reason_and_nothing_is_kept(demo, data, name, message):
    before = Asset.objects.count()
    with pytest.raises(ValidationError) as error, translation.override("en"):
        services.asset_create(by=demo["diego.editor"], uploaded=upload(data, name))
    assert message in " ".join(error.value.messages)
    assert Asset.objects.count() == before


def test_requesters_cannot_upload_or_browse(demo, client):
    from pauta.lifecycle import NotAllowed

    with pytest.raises(NotAllowed):
        services.asset_create(by=demo["ana.saude"], uploaded=upload(jpeg(1)))
    client.force_login(demo["ana.saude"])
    assert client.get(reverse("media:library")).status_code == 403


def test_search_by_words_and_filters(demo, django_capture_on_commit_callbacks):
    from org.models import Secretariat

    by, capture = demo["diego.editor"], django_capture_on_commit_callbacks
    sms = Secretariat.objects.get(acronym="SMS")
    a = _file(by, jpeg(10), "a.jpg", capture, title="Vacinação na escola",
              tags="saúde, vacina", secretariat=sms)
    b = _file(by, jpeg(11), "b.jpg", capture, title="Obras da ponte",
              description="Ponte nova sobre o rio", rights=Rights.CC, licence="by")
    mine = {a, b}  # the demo's photos are in the library too

    def found(**data):
        return set(selectors.search(data)) & mine

    assert found(q="vacina") == {a}
    assert found(q="ponte rio") == {b}
    assert found(q="VACINAÇÃO escola") == {a}
    assert found(secretariat=sms) == {a}
    assert found(rights=Rights.CC) == {b}
    assert found(kind=Kind.PHOTO) == {a, b}
    person = services.person_create(by=by, name="Maria Souza")
    services.asset_tag(asset=b, person=person, by=by)
    assert list(selectors.search({"person": person})) == [b]
    day = a.taken_at.date()
    assert a in selectors.search({"date_from": day, "date_to": day})
    assert a not in selectors.search({"date_from": day + timedelta(days=1)})


def test_search_page_answers_bad_filters_without_error(demo, client):
    client.force_login(demo["diego.editor"])
    response = client.get(reverse("media:library"), {"date_from": "0001-99-99",
                                                      "person": "99999999999999999999"})
    assert response.status_code == 200


def test_files_leave_only_through_the_checked_views(demo, client,
                                                    django_capture_on_commit_callbacks):
    asset = _file(demo["diego.editor"], jpeg(3), capture=django_capture_on_commit_callbacks)
    thumb = reverse("media:asset_file", args=[asset.pk, "thumbnail"])
    original = reverse("media:asset_file", args=[asset.pk, "original"])
    public = reverse("media:public_file", args=[asset.pk, "web"])
    client.force_login(demo["fernanda.chefe"])  # reads the library, does not edit it
    response = client.get(thumb)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert gps_of(b"".join(response.streaming_content)) == {}
    assert client.get(original).status_code == 403
    client.force_login(demo["diego.editor"])
    assert client.get(original).status_code == 200
    client.logout()
    assert client.get(public).status_code == 404  # not public, in no public album
    asset.public = True
    asset.save()
    album = services.album_create(by=demo["diego.editor"], title="Obras", public=True)
    services.album_add(album=album, assets=[asset], by=demo["diego.editor"])
    response = client.get(public)
    assert response.status_code == 200
    assert gps_of(b"".join(response.streaming_content)) == {}
    assert client.get(reverse("media:public_file", args=[asset.pk, "original"])).status_code \
        == 404


def test_a_200_file_batch_is_a_job_with_progress(demo, client,
                                                 django_capture_on_commit_callbacks):
    """200 files in one batch: 197 photos (one sent twice), a web page and an empty file."""
    by = demo["diego.editor"]
    files = [upload(jpeg(i, size=(64, 48)), f"evento-{i:03}.jpg") for i in range(197)]
    files.append(upload(jpeg(0, size=(64, 48)), "evento-000-de-novo.jpg"))
    files.append(upload(b"<html></html>", "pagina.jpg"))
    files.append(upload(b"", "vazio.jpg"))
    client.force_login(by)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        batch = services.batch_start(by=by, uploads=files, defaults={"credit": "Ascom",
                                                                     "tags": "evento"})
    status = client.get(reverse("media:batch_status", args=[batch.pk])).json()
    assert status == {**status, "total": 200, "done": 0, "percent": 0, "finished": False}
    for callback in queued:  # the job (huey, immediate in tests)
        callback()
    status = client.get(reverse("media:batch_status", args=[batch.pk])).json()
    assert status["finished"] and status["percent"] == 100
    assert (status["done"], status["failed"], status["duplicates"]) == (198, 2, 1)
    batch.refresh_from_db()
    assert batch.state == UploadBatch.State.DONE and not batch.items.exists()
    assert {e["name"] for e in batch.errors} == {"pagina.jpg", "vazio.jpg"}
    assets = Asset.objects.filter(batch=batch)
    assert assets.count() == 198
    assert set(assets.values_list("credit", flat=True)) == {"Ascom"}
    page = client.get(reverse("media:batch", args=[batch.pk]))
    assert page.status_code == 200 and "pagina.jpg" in page.content.decode()
    # somebody else's batch is not theirs to follow
    client.force_login(demo["fernanda.chefe"])
    assert client.get(reverse("media:batch_status", args=[batch.pk])).status_code == 404


def test_the_page_sends_a_batch_in_parts(demo, client, django_capture_on_commit_callbacks):
    """What upload.js does: a first part opens the batch, the last part closes it."""
    client.force_login(demo["diego.editor"])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("media:upload"), {
            "files": [upload(jpeg(i, size=(64, 48)), f"p{i}.jpg") for i in range(3)],
            "rights": "own", "parts": "more"})
    assert first.status_code == 200, first.content
    body = first.json()
    batch = UploadBatch.objects.get(pk=body["batch"])
    assert batch.receiving and batch.state == UploadBatch.State.RUNNING
    with django_capture_on_commit_callbacks(execute=True):
        last = client.post(body["add"], {"files": [upload(jpeg(9, size=(64, 48)), "p9.jpg")],
                                         "last": "1"})
    assert last.status_code == 200
    batch.refresh_from_db()
    assert (batch.total, batch.done, batch.state) == (4, 4, UploadBatch.State.DONE)
    closed = client.post(body["add"], {"files": [upload(jpeg(8), "late.jpg")], "last": "1"})
    assert closed.status_code == 400 and "complete" in json.dumps(closed.json())
    client.force_login(demo["fernanda.chefe"])
    assert client.post(body["add"], {"files": [upload(jpeg(8))]}).status_code == 404


def test_upload_page_files_everything_in_one_post_without_javascript(
        demo, client, django_capture_on_commit_callbacks):
    client.force_login(demo["diego.editor"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("media:upload"), {
            "files": [upload(jpeg(i, size=(64, 48)), f"n{i}.jpg") for i in range(2)],
            "rights": "third_party", "rights_terms": ""})
    assert response.status_code == 200  # terms are required for third-party material
    assert "Write the terms" in response.content.decode() or Asset.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("media:upload"), {
            "files": [upload(jpeg(i, size=(64, 48)), f"n{i}.jpg") for i in range(2)],
            "rights": "own"})
    assert response.status_code == 302
    batch = UploadBatch.objects.latest("pk")
    assert response["Location"] == reverse("media:batch", args=[batch.pk])
    assert batch.done == 2


def test_the_search_offers_only_the_events_that_have_assets(
        demo, client, django_capture_on_commit_callbacks):
    from calendars.models import Event
    from media.forms import SearchForm

    event, other = Event.objects.order_by("pk")[:2]
    asset = _file(demo["diego.editor"], jpeg(12), "e.jpg", django_capture_on_commit_callbacks,
                  event=event)
    choices = set(SearchForm().fields["event"].queryset)
    assert event in choices and other not in choices
    assert choices == set(Event.objects.filter(assets__isnull=False))
    client.force_login(demo["diego.editor"])
    page = client.get(reverse("media:library"), {"event": event.pk})
    assert page.status_code == 200 and list(page.context["page"]) == [asset]
    # An event no asset belongs to is not a choice: the form says so, the page still answers.
    page = client.get(reverse("media:library"), {"event": other.pk})
    assert page.status_code == 200 and page.context["form"].errors["event"]
