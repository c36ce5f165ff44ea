"""``event_recorded``: sent once per audit event, after the transaction that wrote it commits.

Receivers (notifications, webhooks) get ``event`` (an ``AuditEvent``) and ``verb`` (its
registered ``Verb``, or None when the code is not registered). Nothing is sent for generated
history (inside ``pauta.clock.travel``).
"""

from django.dispatch import Signal

event_recorded = Signal()
