"""The fault tests' e-mail backend: one line per e-mail in ``FAULT_OUTBOX`` (address and
Message-ID), and a pause on the first e-mail while ``FAULT_STALL`` is set.

``FAULT_STALL`` names a file: the first send to get there creates it (atomically, so with
several workers only one pauses) and then hangs, mid-task, until the consumer is killed.
"""

import os
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


def stall_once(path: str | None) -> None:
    """Pause for good if this is the first caller to reach ``path`` (the test kills us)."""
    if not path:
        return
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return
    time.sleep(300)


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        for message in email_messages:
            stall_once(os.environ.get("FAULT_STALL"))
            with Path(os.environ["FAULT_OUTBOX"]).open("a", encoding="utf-8") as outbox:
                outbox.write(f"{message.to[0]} {message.extra_headers.get('Message-ID')}\n")
        return len(email_messages)
