"""The demo media bank: 150 small generated photos (Pillow) of the municipality's events, the
people shown and their consents (some expired, one withdrawn), albums (one public), and — with
the year of requests — a minor without a guardian's consent attached to a draft, so the
consent gate shows on that request.

Fast on purpose: 96 × 72 images, derivatives made inline, no queue; the tests' quick demo
(loaded once per worker and after each live-server test) files 16 photos, not 150. Safe to
run again.
"""

import io
import random
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, ImageDraw

from media import services
from media.models import Album, Asset, GivenBy, Person, Purpose, Rights
from pauta import clock

COUNT = 150
SIZE = (96, 72)
SUBJECTS = [
    ("Inauguração da UBS Jardim das Flores", "saúde, inauguração, UBS", "SMS"),
    ("Campanha de vacinação na praça", "saúde, vacinação", "SMS"),
    ("Volta às aulas na Escola Municipal Monteiro Lobato", "educação, escola", "SEMED"),
    ("Feira de ciências das escolas municipais", "educação, ciência", "SEMED"),
    ("Obras de drenagem na Avenida Central", "obras, drenagem", "SEMOB"),
    ("Entrega da ponte do Ribeirão Verde", "obras, ponte, inauguração", "SEMOB"),
    ("Festival de inverno no centro histórico", "cultura, festival", "SECULT"),
    ("Mutirão de limpeza do rio", "meio ambiente, voluntariado", "SEMMA"),
]
PEOPLE = [("Maria Aparecida Souza", False), ("José Carlos Lima", False),
          ("Ana Beatriz Rocha", False), ("Pedro Henrique Alves", False),
          ("Lucas Martins (aluno)", True), ("Sofia Ribeiro (aluna)", True),
          ("Helena Duarte", False), ("Rafael Gomes", False)]
DRAFT_TITLE = "Volta às aulas: fotos da recepção dos alunos"


def _image(n: int) -> bytes:
    rnd = random.Random(n)  # noqa: S311  (demo pictures, not secrets)
    image = Image.new("RGB", SIZE, tuple(rnd.randrange(40, 220) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(4):
        x, y = rnd.randrange(SIZE[0]), rnd.randrange(SIZE[1])
        draw.ellipse([x - 20, y - 14, x + 20, y + 14],
                     fill=tuple(rnd.randrange(256) for _ in range(3)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70)
    return out.getvalue()


def seed_media_small(out) -> None:
    """The tests' quick demo (``seed_demo(history=False)``): the same people and consents,
    16 photos instead of 150 (each photo costs ~9 ms of CPU with its derivatives)."""
    seed_media(out, count=16)


def seed_media(out, count: int = COUNT) -> None:
    from calendars.models import Event
    from org.models import Secretariat, User

    if Asset.objects.exists():
        out("media bank: already seeded")
        return
    editor = User.objects.get(username="diego.editor")
    today = clock.today()
    secretariats = {s.acronym: s for s in Secretariat.objects.all()}
    events = list(Event.objects.filter(kind__in=["inauguration", "public_event"])
                  .order_by("starts_at")[:8]) or [None]
    assets = []
    with clock.quiet(), transaction.atomic():
        for n in range(count):
            title, tags, acronym = SUBJECTS[n % len(SUBJECTS)]
            fields = {"title": f"{title} ({n // len(SUBJECTS) + 1})", "tags": tags,
                      "secretariat": secretariats.get(acronym) if acronym else None,
                      "credit": "Ascom / Prefeitura de Vale Verde",
                      "place": "Vale Verde", "event": events[n % len(events)],
                      "alt_text": title,
                      "public": n % 5 == 0}
            if n % 25 == 7:
                fields.update(rights=Rights.THIRD_PARTY, credit="Agência Foto Regional",
                              rights_terms="Uso em redes sociais por um ano.",
                              rights_purposes=[Purpose.SOCIAL],
                              rights_until=today + timedelta(days=200))
            elif n % 25 == 13:
                fields.update(rights=Rights.CC, licence="by-sa", credit="Wikimedia Commons")
            assets.append(services._file_asset(by=editor, data=_image(n), name=f"foto-{n:03}.jpg",
                                               fields=fields, derive_now=True))
        people = {}
        for name, minor in PEOPLE:
            birth = today - timedelta(days=365 * (10 if minor else 35) + 40)
            people[name] = services.person_create(by=editor, name=name, birth_date=birth)
        names = list(people)
        for n, asset in enumerate(assets[:60]):
            services.asset_tag(asset=asset, person=people[names[n % len(names)]], by=editor)
        _consents(editor, people, today)
        public = services.album_create(by=editor, title="Obras entregues em " + str(today.year),
                                       description="As obras que a prefeitura entregou.",
                                       public=True)
        services.album_add(album=public, assets=[a for a in assets if "Obras" in a.title
                                                 or "ponte" in a.title], by=editor)
        school = services.album_create(by=editor, title="Escolas municipais")
        services.album_add(album=school, assets=[a for a in assets if "Escola" in a.title
                                                 or "escolas" in a.title], by=editor)
    out(f"media bank: {len(assets)} assets, {len(people)} people, "
        f"{Album.objects.count()} albums")


def _consents(editor, people, today) -> None:
    def give(name, *, days_ago=200, expires_in=None, guardian="", purposes=None):
        return services.consent_record(
            person=people[name], by=editor, purposes=purposes or [
                Purpose.INSTITUTIONAL, Purpose.SOCIAL, Purpose.PRINT],
            given_on=today - timedelta(days=days_ago),
            expires_on=today + timedelta(days=expires_in) if expires_in is not None else None,
            given_by=GivenBy.GUARDIAN if guardian else GivenBy.PERSON, guardian_name=guardian,
            scope="Fotos e vídeos de eventos da prefeitura.")

    give("Maria Aparecida Souza")
    give("José Carlos Lima", expires_in=-10)  # expired ten days ago
    give("Ana Beatriz Rocha", expires_in=15)  # ends soon
    give("Pedro Henrique Alves", purposes=[Purpose.SOCIAL])
    give("Sofia Ribeiro (aluna)", guardian="Carla Ribeiro", expires_in=300)
    give("Helena Duarte", days_ago=400, expires_in=-30)  # expired
    withdrawn = give("Rafael Gomes")
    services.consent_withdraw(consent=withdrawn, by=editor, on=today - timedelta(days=5),
                              note="Solicitação do titular por e-mail.")
    # Lucas Martins (aluno), a minor, has no consent at all: the gate shows on the draft.


def seed_media_draft(out) -> None:
    """With the year of requests: a draft of SEMED using a photo of a minor without consent."""
    from org.models import Secretariat, User
    from workflows import services as ws
    from workflows.models import ContentRequest

    if ContentRequest.objects.filter(title=DRAFT_TITLE).exists():
        return
    kid = Person.objects.filter(name="Lucas Martins (aluno)").first()
    if kid is None:
        return
    photo = kid.assets.order_by("pk").first()
    requester = User.objects.get(username="bruno.educacao")
    editor = User.objects.get(username="diego.editor")
    with clock.quiet(), transaction.atomic():
        draft = ws.request_create(by=requester, secretariat=Secretariat.objects.get(
            acronym="SEMED"), kind="news", title=DRAFT_TITLE,
            brief="Divulgar a recepção dos alunos no primeiro dia de aula.",
            desired_date=clock.today() + timedelta(days=7))
        with photo.file.open("rb") as fh:  # the requester attaches it: it goes to the library
            ws.attachment_add(request=draft, by=requester, alt_text=photo.alt_text,
                              uploaded=SimpleUploadedFile("recepcao.jpg", fh.read(),
                                                          "image/jpeg"))
        for use in draft.media_uses.select_related("asset"):
            services.asset_tag(asset=use.asset, person=kid, by=editor)  # the team tags him
    out(f"media bank: draft #{draft.pk} uses a photo of a minor without a guardian's consent")
