"""The clipping objects of the permission matrix and the every-page suite."""

from django.core.files.base import ContentFile

from clipping import ingest
from clipping.digest import digest_build
from clipping.models import Outlet, Source, Subscription
from pauta import clock


def clipping_world() -> dict:
    """A clip in triage (with a scan), a source, today's digest and a subscriber's token."""
    outlet = Outlet.objects.order_by("pk").first()
    item = ingest.Item(url="https://diariodovale.example/matriz", headline="Vale Verde na matriz",
                       text="A Prefeitura de Vale Verde aparece nesta reportagem de teste da "
                            "matriz de permissões, com texto suficiente para a impressão.")
    clip = ingest.take([item], outlet=outlet).clips[0]
    clip.file.save("pagina.pdf", ContentFile(b"%PDF-1.4 matriz"), save=True)
    return {"clip": clip.pk, "source": Source.objects.order_by("pk").first().pk,
            "digest": digest_build(clock.today()).pk,
            "token": Subscription.objects.order_by("pk").first().token}
