"""Verify the audit trail against its latest checkpoint (or in full); exit 1 on tampering."""

from django.core.management.base import BaseCommand, CommandError

from audit.anchor import verify_audit


class Command(BaseCommand):
    help = ("Check that no audit event was edited, deleted or recomputed: from the latest "
            "checkpoint by default, the whole chain and every checkpoint with --full.")

    def add_arguments(self, parser):
        parser.add_argument("--full", action="store_true",
                            help="Re-hash every row and check every checkpoint on the way.")
        parser.add_argument("--no-checkpoint", action="store_true",
                            help="Do not write a new checkpoint after a successful run.")

    def handle(self, *args, **options):
        result = verify_audit(full=options["full"], write_checkpoint=not options["no_checkpoint"],
                              source="command")
        if result.warning:
            self.stderr.write(self.style.WARNING(f"Warning: {result.warning}."))
        if not result.ok:
            raise CommandError(result.problem, returncode=1)
        pinned = f" Checkpoint {result.checkpoint_seq} written." if result.checkpoint_seq else ""
        self.stdout.write(self.style.SUCCESS(
            f"Audit trail intact ({result.mode}): {result.count} events, "
            f"{result.walked} read.{pinned}"))
