"""The huey consumer of the fault tests: e-mail to an outbox file (``tests.faults.outbox``).

Environment: ``FAULT_WORKERS`` (default 1), ``FAULT_OUTBOX``, ``FAULT_STALL`` (pause in the
first e-mail, see ``outbox.py``) and ``FAULT_EXPORT_STALL`` (a file written when a KPI export
starts writing its workbook; the worker then hangs there until the consumer is killed).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pauta.settings")
os.environ["EMAIL_BACKEND"] = "tests.faults.outbox.OutboxBackend"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from reports import services as report_services  # noqa: E402
from tests.faults.outbox import stall_once  # noqa: E402

_write_workbook = report_services.write_workbook


def write_workbook(slice_, out, progress=None):
    stall_once(os.environ.get("FAULT_EXPORT_STALL"))
    return _write_workbook(slice_, out, progress)


report_services.write_workbook = write_workbook
call_command("run_huey", workers=int(os.environ.get("FAULT_WORKERS", "1")),
             worker_type="thread", periodic=False)
