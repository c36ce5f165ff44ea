"""Prepare the fault test's database: the demo people and one submitted request.

The submission's notification task goes into the (SqliteHuey) queue; nothing consumes it yet.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pauta.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)

from org.models import Secretariat, User  # noqa: E402
from pauta.demo import seed_demo  # noqa: E402
from workflows import services  # noqa: E402

seed_demo(out=lambda line: None, history=False)
ana = User.objects.get(username="ana.saude")
request = services.request_create(by=ana, secretariat=Secretariat.objects.get(acronym="SMS"),
                                  kind="news", title="Vacinação", brief="b")
request = services.request_submit(request=request, by=ana)
print(request.events.get(verb="submit").pk)
