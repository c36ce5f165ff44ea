"""The media bank's read-only API: assets and albums for whoever reads the library, with the
library's filters; requesters and anonymous callers are refused; nothing writes."""

import pytest

from media import services
from media.models import Asset, Purpose
from media.tests.images import jpeg, upload
from org.models import Secretariat

ASSETS, ALBUMS = "/api/v1/media-assets/", "/api/v1/media-albums/"


@pytest.fixture
def library(demo, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    editor = demo["diego.editor"]
    with django_capture_on_commit_callbacks(execute=True):
        school = services.asset_create(
            by=editor, uploaded=upload(jpeg(31)), title="Pátio da escola Girassol",
            tags="escola, pátio", secretariat=Secretariat.objects.get(acronym="SEMED"),
            rights="third_party", rights_terms="Só redes sociais.",
            rights_purposes=[Purpose.SOCIAL])
        clinic = services.asset_create(by=editor, uploaded=upload(jpeg(32)),
                                       title="Fachada da UBS Girassol", tags="saúde")
    album = services.album_create(by=editor, title="Bairro Girassol", public=True)
    services.album_add(album=album, assets=[school], by=editor)
    person = services.person_create(by=editor, name="Lia Campos")
    services.asset_tag(asset=school, person=person, by=editor)
    return {"school": Asset.objects.get(pk=school.pk), "clinic": clinic, "album": album}


def test_library_readers_list_and_filter_assets(api_as, library):
    client = api_as("fernanda.chefe")  # an approver reads the library
    body = client.get(ASSETS, {"q": "girassol", "page_size": 100}).json()
    assert {r["id"] for r in body["results"]} == {library["school"].pk, library["clinic"].pk}
    row = client.get(f"{ASSETS}{library['school'].pk}/").json()
    assert row["title"] == "Pátio da escola Girassol" and row["tags"] == ["escola", "pátio"]
    assert row["secretariat"]["acronym"] == "SEMED" and row["rights_purposes"] == ["social"]
    assert row["people_count"] == 1 and row["albums"] == [library["album"].pk]
    assert row["thumbnail_url"].endswith(f"/media-bank/{library['school'].pk}/file/thumbnail/")
    assert "Lia Campos" not in str(row) and "file" not in row  # no people, no original
    secretariat = library["school"].secretariat_id
    only = client.get(ASSETS, {"q": "girassol", "secretariat": secretariat}).json()
    assert [r["id"] for r in only["results"]] == [library["school"].pk]
    rights = client.get(ASSETS, {"q": "girassol", "rights": "third_party"}).json()
    assert [r["id"] for r in rights["results"]] == [library["school"].pk]
    in_album = client.get(ASSETS, {"album": library["album"].pk}).json()
    assert [r["id"] for r in in_album["results"]] == [library["school"].pk]
    assert client.get(ASSETS, {"kind": "hologram"}).status_code == 400
    album = client.get(f"{ALBUMS}{library['album'].pk}/").json()
    assert album == {**album, "title": "Bairro Girassol", "public": True,
                     "assets": [library["school"].pk]}


def test_requesters_and_strangers_are_refused_and_nothing_writes(api_as, library, client):
    assert api_as("ana.saude").get(ASSETS).status_code == 403
    assert api_as("ana.saude").get(f"{ALBUMS}{library['album'].pk}/").status_code == 403
    assert client.get(ASSETS).status_code == 401
    editor = api_as("diego.editor")
    assert editor.post(ASSETS, {"title": "x"}, format="json").status_code == 405
    assert editor.delete(f"{ASSETS}{library['clinic'].pk}/").status_code == 405
    assert editor.get(f"{ASSETS}99999999/").status_code == 404
