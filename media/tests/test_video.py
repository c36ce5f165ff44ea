"""Video poster frames and duration with Debian's ffmpeg (``scripts/ensure-ffmpeg.sh``, part of
``make test``): a one-second clip made here with ffmpeg's test source (and a recorded
location), filed like any upload; the job reads its duration and makes a thumbnail and a web
size from a frame, both JPEGs without any GPS block. Outside CI the test skips when ffmpeg is
missing and cannot be installed; under CI=true it fails instead."""

import io
import os
import shutil
import subprocess  # noqa: S404  (ffmpeg with fixed arguments, no shell)

import pytest
from django.urls import reverse
from PIL import Image

from media import imaging, services
from media.models import Asset, DeriveState, Kind
from media.tests.images import gps_of, upload

pytestmark = pytest.mark.django_db
FFMPEG = os.environ.get("PAUTA_FFMPEG") or shutil.which("ffmpeg") or "/usr/bin/ffmpeg"
ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _ffmpeg() -> str:
    if os.access(FFMPEG, os.X_OK) and imaging.ffmpeg_available():
        return FFMPEG
    if ON_CI:
        pytest.fail(f"ffmpeg/ffprobe ({FFMPEG}) missing; CI=true needs this test "
                    "(scripts/ensure-ffmpeg.sh installs it).")
    pytest.skip(f"ffmpeg ({FFMPEG}) is missing: run scripts/ensure-ffmpeg.sh")


def clip(tmp_path, seconds: int = 1) -> bytes:
    """A tiny MP4 (160×120, 10 fps) of ffmpeg's test pattern, with a location in its metadata."""
    out = tmp_path / "clip.mp4"
    subprocess.run([_ffmpeg(), "-v", "error", "-f", "lavfi", "-i",  # noqa: S603
                    f"testsrc=duration={seconds}:size=160x120:rate=10", "-pix_fmt", "yuv420p",
                    "-metadata", "location=-23.5475-046.6361/", "-y", str(out)],
                   check=True, capture_output=True, timeout=120)
    return out.read_bytes()


def test_video_gets_a_poster_frame_and_its_duration(demo, client, tmp_path,
                                                    django_capture_on_commit_callbacks):
    data = clip(tmp_path)
    assert b"loci" in data  # the clip carries a location (its ISO "loci" box)
    with django_capture_on_commit_callbacks(execute=True):
        made = services.asset_create(by=demo["diego.editor"],
                                     uploaded=upload(data, "entrega.mp4", "video/mp4"))
    asset = Asset.objects.get(pk=made.pk)
    assert asset.kind == Kind.VIDEO and asset.content_type == "video/mp4"
    assert asset.derive_state == DeriveState.DONE, asset.derive_error
    assert asset.duration == pytest.approx(1.0, abs=0.15)
    for field, box in (("thumbnail", imaging.THUMBNAIL), ("web", imaging.WEB)):
        with getattr(asset, field).open("rb") as fh:
            poster = fh.read()
        image = Image.open(io.BytesIO(poster))
        assert image.format == "JPEG" and image.size == (160, 120)  # never enlarged
        assert max(image.size) <= max(box)
        assert gps_of(poster) == {}
        assert b"loci" not in poster and b"earth" not in poster  # nor the clip's location
    # the frame is a picture of the clip, not a blank: the test pattern has many colours
    assert len(set(Image.open(io.BytesIO(poster)).convert("RGB").get_flattened_data())) > 50
    client.force_login(demo["fernanda.chefe"])  # reads the library: derivatives only
    page = client.get(reverse("media:asset", args=[asset.pk])).content.decode()
    assert reverse("media:asset_file", args=[asset.pk, "web"]) in page
    assert client.get(reverse("media:asset_file", args=[asset.pk, "thumbnail"])
                      ).status_code == 200


def test_a_damaged_video_has_no_preview_and_no_error(demo, tmp_path,
                                                     django_capture_on_commit_callbacks):
    data = clip(tmp_path)
    broken = data[:64] + b"\x00" * 2048  # an MP4 header, then nothing playable
    with django_capture_on_commit_callbacks(execute=True):
        made = services.asset_create(by=demo["diego.editor"],
                                     uploaded=upload(broken, "quebrado.mp4", "video/mp4"))
    asset = Asset.objects.get(pk=made.pk)
    assert asset.kind == Kind.VIDEO
    assert asset.derive_state == DeriveState.NONE and not asset.thumbnail


def test_audio_gets_its_duration(demo, tmp_path, django_capture_on_commit_callbacks):
    out = tmp_path / "hino.wav"
    subprocess.run([_ffmpeg(), "-v", "error", "-f", "lavfi", "-i",  # noqa: S603
                    "sine=frequency=440:duration=2", "-y", str(out)],
                   check=True, capture_output=True, timeout=120)
    with django_capture_on_commit_callbacks(execute=True):
        made = services.asset_create(by=demo["diego.editor"],
                                     uploaded=upload(out.read_bytes(), "hino.wav", "audio/x-wav"))
    asset = Asset.objects.get(pk=made.pk)
    assert asset.kind == Kind.AUDIO
    assert asset.duration == pytest.approx(2.0, abs=0.1)
    assert asset.derive_state == DeriveState.NONE and not asset.thumbnail
