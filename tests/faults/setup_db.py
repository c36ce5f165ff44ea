"""Prepare a fault test's database and queue.

``setup_db.py``: migrate, the demo people and one submitted request (its notification task
waits in the queue; nothing consumes it yet); prints the submission's event id.
``setup_db.py export``: on a prepared database, one background KPI export by the manager
(its task waits in the queue); prints the export's id.
"""

import os
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pauta.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402


def prepare():
    call_command("migrate", verbosity=0)
    from org.models import Secretariat, User
    from pauta.demo import seed_demo
    from workflows import services

    seed_demo(out=lambda line: None, history=False)
    ana = User.objects.get(username="ana.saude")
    request = services.request_create(by=ana, kind="news", title="Vacinação", brief="b",
                                      secretariat=Secretariat.objects.get(acronym="SMS"))
    request = services.request_submit(request=request, by=ana)
    return request.events.get(verb="submit").pk


def export():
    from org.models import User
    from reports.services import export_start
    from reports.slices import Slice

    with transaction.atomic():
        job = export_start(by=User.objects.get(username="helena.gestora"),
                           slice_=Slice(start=date(2026, 1, 1), end=date(2026, 12, 31)))
    return job.pk


print(export() if sys.argv[1:] == ["export"] else prepare())
