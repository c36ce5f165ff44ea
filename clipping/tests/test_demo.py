"""The demo's clipping: the seeders on top of the tests' small demo produce today's daily
clipping, a PDF stored on its Digest that reads back with the kept clips' headlines."""

import io
import re

from pypdf import PdfReader

from clipping import digest as daily
from clipping.demo import seed_clipping, seed_clips
from clipping.models import Clip, ClipState, Digest, Source
from pauta import clock
from press.models import Outlet


def test_the_demo_produces_todays_daily_clipping_pdf(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.LANGUAGE_CODE = "pt-br"
    seed_clipping(lambda line: None)  # idempotent: already part of every seed
    seed_clips(lambda line: None)
    assert Outlet.objects.count() >= 8 and Source.objects.count() >= 8
    assert Clip.objects.filter(guid__startswith="demo-").count() == 300
    digest = Digest.objects.get(day=clock.today())
    assert digest.pdf and digest.clip_count >= 12  # this morning's twelve, maybe more
    expected = list(daily.clips_for(clock.today()).values_list("headline", flat=True))
    assert len(expected) == digest.clip_count
    this_morning = Clip.objects.filter(guid__in=[f"demo-{n}" for n in range(12)])
    assert set(this_morning.values_list("state", flat=True)) == {ClipState.KEPT}
    assert set(this_morning.values_list("headline", flat=True)) <= set(expected)
    with digest.pdf.open("rb") as stored:
        reader = PdfReader(io.BytesIO(stored.read()))
    text = re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))
    for headline in expected:
        assert headline in text
    discarded = Clip.objects.filter(guid__startswith="demo-").exclude(state=ClipState.KEPT)
    assert discarded.exists()
    assert not any(h in text for h in discarded.values_list("headline", flat=True)
                   if h not in expected)
    seed_clips(lambda line: None)  # run twice: nothing added
    assert Clip.objects.filter(guid__startswith="demo-").count() == 300
