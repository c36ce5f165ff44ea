"""Demo calendar: Brazilian holidays and commemorative dates, municipal events, campaign periods,
the 2028 municipal-election blackout window and one feed per role (the scheduled pieces come
from the workflows demo, which runs after this step).

Idempotent: events have fixed UIDs (the holidays come through the ICS importer, by UID).
"""

import datetime as dt

from django.utils import timezone
from django.utils.text import slugify

from calendars.checklists import checklist_apply
from calendars.holidays import refresh_horizon
from calendars.imports import import_ics
from calendars.models import ChecklistItem, Event, EventKind, EventStatus, Feed, Visibility
from calendars.services import feed_create, save_event
from pauta.demo import FIXTURES, load_fixture

ELECTION = dt.date(2028, 10, 1)  # municipal elections, first round
DEMO_FEEDS = {"diego.editor": "editor", "fernanda.chefe": "approver", "ana.saude": "requester",
              "helena.gestora": "manager", "igor.auditor": "auditor",
              "gustavo.juridico": "legal reviewer"}


def _upsert(uid: str, values: dict, *, keep: bool = False) -> None:
    event = Event.objects.filter(uid=uid).first()
    if event is not None and keep:
        return
    base = {"description": "", "location": "", "secretariat": None, "rrule": "",
            "status": EventStatus.CONFIRMED, "visibility": Visibility.PUBLIC, "all_day": True}
    save_event(event or Event(uid=uid), {**base, **values}, by=None, verb="calendar_demo_seed")


def _day(year: int, month_day: str) -> dt.date:
    month, day = map(int, month_day.split("-"))
    return dt.date(year, month, day)


# Earlier demos typed the Easter-based days per year as events; the built-in calendar
# (calendars/movable.py) computes them (Sexta-feira da Paixão a holiday, Carnaval and Corpus
# Christi pontos facultativos), so a re-seeded database removes those events.
TYPED_MOVABLE = ("br-paixao-de-cristo-", "br-carnaval-ponto-facultativo-",
                 "br-corpus-christi-ponto-facultativo-")


def _retire_typed_movable() -> None:
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from calendars.services import event_remove

    match = Q()
    for prefix in TYPED_MOVABLE:
        match |= Q(uid__startswith=prefix)
    typed = Event.objects.filter(match, uid__endswith="@pauta.demo", removed=False)
    editor = get_user_model().objects.filter(username="diego.editor").first()
    for event in typed if editor else ():
        event_remove(event=event, by=editor)


def _annual(data, secretariats, year) -> None:
    for month_day, title in data["commemorative"]:
        day = _day(year, month_day)
        _upsert(f"br-data-{slugify(title)[:60]}@pauta.demo",
                {"kind": EventKind.COMMEMORATIVE, "title": title, "starts_at": day,
                 "ends_at": day, "rrule": "FREQ=YEARLY"})
    for month_day, title in data["municipal_holidays"]:
        day = _day(year, month_day)
        _upsert(f"vv-feriado-{month_day}@pauta.demo",
                {"kind": EventKind.HOLIDAY, "title": title, "starts_at": day, "ends_at": day,
                 "rrule": "FREQ=YEARLY"})
    for first, last, title, acronym in data["campaigns"]:
        _upsert(f"vv-campanha-{slugify(title)}-{year}@pauta.demo",
                {"kind": EventKind.CAMPAIGN_PERIOD, "title": title,
                 "secretariat": secretariats.get(acronym), "starts_at": _day(year, first),
                 "ends_at": _day(year, last) + dt.timedelta(days=1)})


def _municipal(data, secretariats) -> None:
    today = timezone.localdate()
    for days, hour, hours, kind, title, location, acronym in data["municipal_events"]:
        start = timezone.make_aware(dt.datetime.combine(
            today + dt.timedelta(days=days), dt.time.fromisoformat(hour)))
        _upsert(f"vv-{slugify(title)[:60]}@pauta.demo",
                {"kind": kind, "title": title, "location": location, "all_day": False,
                 "secretariat": secretariats.get(acronym), "starts_at": start,
                 "ends_at": start + dt.timedelta(hours=hours),
                 "visibility": (Visibility.INTERNAL if kind == "service_order"
                                else Visibility.PUBLIC)},
                keep=True)


# The production checklist of inaugurations and service orders (owners: the demo's editors).
CHECKLIST = [
    (-14, "Cerimonial: roteiro e ordem de precedência das autoridades", "elisa.editora"),
    (-10, "Convites enviados às autoridades e à comunidade", "elisa.editora"),
    (-7, "Cobertura de foto e vídeo solicitada", "diego.editor"),
    (-5, "Acessibilidade: intérprete de Libras e rampa confirmados", "joana.lisboa"),
    (-3, "Autoridades confirmadas (lista de presença)", "elisa.editora"),
    (-2, "Palco, som e identidade visual conferidos no local", "joana.lisboa"),
    (-1, "Chamada para a imprensa enviada", "diego.editor"),
    (0, "Transmissão ao vivo nas redes sociais", "diego.editor"),
    (1, "Release pós-evento publicado com fotos", "diego.editor"),
]


def _checklists() -> None:
    from org.models import User

    people = {u.username: u for u in User.objects.filter(
        username__in={owner for *_rest, owner in CHECKLIST})}
    for kind in (EventKind.INAUGURATION, EventKind.SERVICE_ORDER):
        if ChecklistItem.objects.filter(kind=kind).exists():
            continue
        ChecklistItem.objects.bulk_create(
            ChecklistItem(kind=kind, title=title, offset_days=offset, owner=people.get(owner),
                          position=n) for n, (offset, title, owner) in enumerate(CHECKLIST))
    today = timezone.localdate()
    for event in Event.objects.filter(kind__in=[EventKind.INAUGURATION, EventKind.SERVICE_ORDER],
                                      starts_at__date__gte=today - dt.timedelta(days=30)):
        checklist_apply(event=event, by=None, system=True)


def _blackout() -> None:
    start = dt.date(ELECTION.year, ELECTION.month - 3, ELECTION.day)
    _upsert("vv-defeso-eleitoral-2028@pauta.demo", {
        "kind": EventKind.BLACKOUT, "title": "Período eleitoral — eleições municipais 2028",
        "description": ("Lei 9.504/1997, art. 73, VI, b: sem publicidade institucional nos três "
                        "meses anteriores ao pleito (1º turno em 01/10/2028), salvo as exceções "
                        "legais registradas pelo Jurídico. Em caso de 2º turno, estender até ele."),
        "starts_at": start, "ends_at": ELECTION + dt.timedelta(days=1),
        "visibility": Visibility.INTERNAL})


def _feeds(out) -> None:
    from calendars.links import feed_links
    from org.models import User

    for username, role in DEMO_FEEDS.items():
        user = User.objects.filter(username=username).first()
        name = f"Demo — {role}"
        if user is None or Feed.objects.filter(owner=user, name=name).exists():
            continue
        _feed, token = feed_create(by=None, system=True, owner=user, name=name)
        out(f"feed for {username} ({role}): {feed_links(token)['https']}")
    editor = User.objects.filter(username="diego.editor").first()
    public_name = "Agenda pública de Vale Verde"
    if editor and not Feed.objects.filter(public=True, name=public_name).exists():
        _feed, token = feed_create(by=None, system=True, owner=editor,
                                   name=public_name, public=True)
        out(f"public feed: {feed_links(token)['https']}")


def seed_calendar(out) -> None:
    from org.models import Secretariat

    year = timezone.localdate().year
    result = import_ics(data=(FIXTURES / "calendar_holidays.ics").read_bytes(),
                        kind=EventKind.HOLIDAY, by=None, source="calendar_holidays.ics",
                        system=True)
    data = load_fixture("calendar_events.json")
    secretariats = {s.acronym: s for s in Secretariat.objects.all()}
    _retire_typed_movable()
    _annual(data, secretariats, year)
    _municipal(data, secretariats)
    _checklists()
    _blackout()
    _feeds(out)
    refresh_horizon()
    out(f"calendar: {Event.objects.count()} events ({result.created} holidays imported)")
