"""The clipping objects of the permission matrix and the every-page suite."""

from django.core.files.base import ContentFile

from clipping import ingest
from clipping.digest import digest_build
from clipping.models import Clip, ClipState, Source, Subscription, Tone
from pauta import clock
from press.models import Outlet


def clipping_world(linked=()) -> dict:
    """A clip in triage (with a scan), a source, today's digest and a subscriber's token; for
    each (campaign id, request id) of ``linked``, a kept clip linked to both, so the campaign's
    and the request's page show their repercussion panel."""
    outlet = Outlet.objects.order_by("pk").first()
    for n, (campaign_id, request_id) in enumerate(linked):
        Clip.objects.create(outlet=outlet, headline=f"Repercussão da matriz {n}",
                            url=f"https://diariodovale.example/matriz-{n}", tone=Tone.POSITIVE,
                            state=ClipState.KEPT, published_at=clock.now(),
                            campaign_id=campaign_id, request_id=request_id)
    item = ingest.Item(url="https://diariodovale.example/matriz", headline="Vale Verde na matriz",
                       text="A Prefeitura de Vale Verde aparece nesta reportagem de teste da "
                            "matriz de permissões, com texto suficiente para a impressão.")
    clip = ingest.take([item], outlet=outlet).clips[0]
    clip.file.save("pagina.pdf", ContentFile(b"%PDF-1.4 matriz"), save=True)
    return {"clip": clip.pk, "source": Source.objects.order_by("pk").first().pk,
            "digest": digest_build(clock.today()).pk,
            "token": Subscription.objects.order_by("pk").first().token}
