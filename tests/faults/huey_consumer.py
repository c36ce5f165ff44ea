"""The huey consumer of the fault test, with ``send_mail`` replaced by an outbox file.

Environment: ``FAULT_OUTBOX`` (one line per e-mail sent: the address) and, for the run that
is killed, ``FAULT_STALL`` (a file written when the first e-mail is being sent; the worker
then hangs there, mid-task, until the consumer is stopped).
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pauta.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from notifications import services as notifications  # noqa: E402


def send_mail(subject, body, sender, recipients):
    stall = os.environ.get("FAULT_STALL")
    if stall:
        Path(stall).write_text(recipients[0])
        time.sleep(300)  # killed here
    with open(os.environ["FAULT_OUTBOX"], "a", encoding="utf-8") as outbox:
        outbox.write(f"{recipients[0]}\n")
    return 1


notifications.send_mail = send_mail
call_command("run_huey", workers=1, worker_type="thread", periodic=False)
