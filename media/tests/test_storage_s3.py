"""The media bank on an S3 API: moto's standalone server (moto[server], in its own virtualenv
made by scripts/ensure-moto.sh), the storage of ``MEDIA_STORAGE=s3`` (media/storage.py).
Upload, derive and serve go through it; the objects are read back from the bucket."""

import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.core.files.storage import storages
from django.test import override_settings
from django.urls import reverse

from media import services
from media.models import Asset, DeriveState
from media.storage import S3CompatibleStorage
from media.tests.images import gps_of, jpeg, upload

ROOT = Path(__file__).resolve().parents[2]
BUCKET = "pauta-media"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def moto_url():
    found = subprocess.run([str(ROOT / "scripts" / "ensure-moto.sh")], capture_output=True,
                           text=True, timeout=900, check=False)
    assert found.returncode == 0, f"moto[server] could not be installed: {found.stderr[-2000:]}"
    server = found.stdout.strip().splitlines()[-1]
    port = _free_port()
    proc = subprocess.Popen([server, "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("moto_server did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def s3(moto_url):
    options = {"bucket": BUCKET, "endpoint_url": moto_url, "access_key": "testing",
               "secret_key": "testing", "region": "us-east-1"}
    S3CompatibleStorage(**options, create_bucket=True)
    config = {"default": {"BACKEND": "media.storage.S3CompatibleStorage", "OPTIONS": options},
              "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with override_settings(STORAGES=config):
        storages._storages = {}
        storages._backends = None
        yield storages["default"]
    storages._storages = {}
    storages._backends = None


@pytest.mark.django_db
def test_upload_derive_and_serve_through_an_s3_api(s3, demo, client,
                                                   django_capture_on_commit_callbacks):
    # Asset's FileFields use the default storage: Asset.file.storage is resolved lazily.
    assert isinstance(s3, S3CompatibleStorage)
    with django_capture_on_commit_callbacks(execute=True):
        made = services.asset_create(by=demo["diego.editor"], uploaded=upload(jpeg(21)),
                                     title="Praça reformada")
    asset = Asset.objects.get(pk=made.pk)
    assert asset.derive_state == DeriveState.DONE, asset.derive_error
    names = {o.name for o in s3.driver.list_container_objects(s3.driver.get_container(BUCKET))}
    assert {asset.file.name, asset.thumbnail.name, asset.web.name} <= names
    original = s3._read(asset.file.name)
    assert gps_of(original)  # kept as sent
    assert gps_of(s3._read(asset.web.name)) == {}
    assert gps_of(s3._read(asset.thumbnail.name)) == {}
    client.force_login(demo["fernanda.chefe"])
    response = client.get(reverse("media:asset_file", args=[asset.pk, "web"]))
    assert response.status_code == 200
    assert gps_of(b"".join(response.streaming_content)) == {}
    # A second web server sees the same library: a fresh storage object reads the file.
    other = S3CompatibleStorage(bucket=BUCKET, endpoint_url=s3.driver.connection.host and
                                f"http://{s3.driver.connection.host}:{s3.driver.connection.port}",
                                access_key="testing", secret_key="testing")
    assert other.exists(asset.thumbnail.name)
