"""Verify the audit trail's hash chain; exit 1 naming the first bad row."""

from django.core.management.base import BaseCommand, CommandError

from audit.chain import verify_chain
from audit.models import AuditEvent


class Command(BaseCommand):
    help = "Check that no audit event was edited or deleted (hash chain)."

    def handle(self, *args, **options):
        problem = verify_chain()
        if problem is not None:
            pk, reason = problem
            raise CommandError(f"audit event #{pk}: {reason}", returncode=1)
        self.stdout.write(self.style.SUCCESS(
            f"Audit trail intact: {AuditEvent.objects.count()} events."))
