"""Demo configuration of the compliance engine: Vale Verde's officials and domain and a
mourning day. The demo requests whose texts trigger every rule are the request lifecycle's
(``workflows.demo_compliance``).

Idempotent: officials, domains and events by natural key.
"""

import datetime as dt

from django.utils import timezone

from approvals.compliance.models import AllowedDomain, PublicOfficial
from pauta import clock

OFFICIALS = [
    ("Joaquim Albuquerque Neto", "Prefeito de Vale Verde",
     "Prefeito Joaquim\nJoaquinzão\n#JoaquimAlbuquerque",
     "Vale Verde nas mãos do Joaquim\n#TrabalhoDoJoaquim"),
    ("Marta Ribeiro Lins", "Vice-prefeita de Vale Verde", "Vice Marta\nMartinha", ""),
]


def seed_configuration() -> dt.date:
    """The officials, the allowed domain and the mourning day; returns that day."""
    for name, office, variants, slogans in OFFICIALS:
        PublicOfficial.objects.update_or_create(
            name=name, defaults={"office": office, "variants": variants, "slogans": slogans})
    AllowedDomain.objects.get_or_create(domain="valeverde.example.gov.br",
                                        defaults={"note": "Portal da Prefeitura"})
    return _mourning()


def _mourning() -> dt.date:
    from calendars.models import Event
    from calendars.services import save_event

    uid = "vv-luto-oficial-demo@pauta.demo"
    event = Event.objects.filter(uid=uid).first()
    if event is None:
        day = clock.today() + dt.timedelta(days=15)
        save_event(Event(uid=uid), {
            "kind": "mourning", "title": "Luto oficial de três dias (decreto municipal)",
            "starts_at": day, "ends_at": day + dt.timedelta(days=3), "all_day": True,
            "description": "", "location": "", "secretariat": None, "rrule": "",
            "status": "confirmed", "visibility": "internal"}, by=None, verb="calendar_demo_seed")
        return day
    return timezone.localdate(event.starts_at)
