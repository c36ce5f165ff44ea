"""What a fault test checks, read through the ORM (SQLite or PostgreSQL, SqliteHuey or
Redis alike) and printed as JSON: the queued task names, the notification rows of an event,
a KPI export and the notifications of its requester."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pauta.settings")

import django  # noqa: E402

django.setup()

from huey.contrib.djhuey import HUEY  # noqa: E402

from notifications.models import Notification  # noqa: E402
from reports.models import KPIExport  # noqa: E402


def facts(event_id: int | None, export_id: int | None) -> dict:
    # Raw messages: this process has not imported the task modules (the consumer has).
    out = {"queued": sorted(HUEY.serializer.deserialize(item).name.split(".")[-1]
                            for item in HUEY.storage.enqueued_items())}
    if event_id:
        out["notifications"] = sorted(
            [n.recipient.email, n.email_state, n.emailed_at is not None, n.email_attempts]
            for n in Notification.objects.filter(event_id=event_id).select_related("recipient"))
    if export_id:
        job = KPIExport.objects.get(pk=export_id)
        out["export"] = {"status": job.status, "error": job.error, "file": bool(job.file)}
        out["told"] = list(Notification.objects.filter(recipient=job.requested_by)
                           .values_list("event__verb", "message"))
    return out


event, export = (int(a) if a != "-" else None for a in sys.argv[1:3])
print(json.dumps(facts(event, export)))
