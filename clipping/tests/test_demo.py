"""The demo's clipping: the seeders on top of the tests' small demo produce today's daily
clipping, a PDF stored on its Digest that reads back with the kept clips' headlines."""

import io
import re

from pypdf import PdfReader

from clipping import digest as daily
from clipping.demo import FEEDS, seed_clipping, seed_clips
from clipping.models import Clip, ClipState, Digest, Source, medium_of
from pauta import clock
from press.models import Outlet


def test_the_demo_produces_todays_daily_clipping_pdf(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.LANGUAGE_CODE = "pt-br"
    seed_clipping(lambda line: None)  # idempotent: already part of every seed
    seed_clips(lambda line: None)
    # One list of outlets: the 8 sources are on the press desk's demo outlets, no name twice.
    from press.demo import OUTLETS as DESK_OUTLETS

    desk = {row[0] for row in DESK_OUTLETS}
    demo_sources = Source.objects.filter(url__in=[
        Outlet.objects.get(name=name).website + feed for name, feed in FEEDS])
    assert demo_sources.count() == 8
    assert set(demo_sources.values_list("outlet__name", flat=True)) <= desk
    names = [name.casefold() for name in Outlet.objects.values_list("name", flat=True)]
    assert len(names) == len(set(names)) and desk <= set(Outlet.objects.values_list(
        "name", flat=True))
    assert Outlet.objects.filter(name__in=desk, journalists__isnull=False).exists()
    clips = Clip.objects.filter(guid__startswith="demo-")
    assert clips.count() == 300
    assert set(clips.values_list("outlet__name", flat=True)) <= desk
    assert all(clip.outlet.audience > 0 and clip.medium == medium_of(clip.outlet)
               for clip in clips.select_related("outlet")[:50])
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
