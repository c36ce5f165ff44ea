"""manage.py kpi_rebuild [--chunk 500]: recompute the KPI facts from the raw audit trail
(stays, per-day counts, published requests, assignments, the business-day calendar)."""

import time

from django.core.management.base import BaseCommand, CommandError

from reports.facts.fold import CHUNK, rebuild


class Command(BaseCommand):
    help = ("Rebuild the KPI facts (stays in each state, per-day counts, published requests, "
            "assignments, the business-day calendar) from the raw audit trail and requests, a "
            "chunk of requests (then a month of days) per transaction. Idempotent: running it "
            "twice leaves the same rows; the dashboard keeps working meanwhile.")

    def add_arguments(self, parser):
        parser.add_argument("--chunk", type=int, default=CHUNK,
                            help=f"requests recomputed per transaction (default {CHUNK})")

    def handle(self, *args, chunk, verbosity, **options):
        if chunk < 1:
            raise CommandError("--chunk must be at least 1")
        began, shown = time.monotonic(), [0.0]

        def progress(done: int, top: int, what: str = "requests") -> None:
            now = time.monotonic()
            if verbosity and (done >= top or now - shown[0] >= 1):
                shown[0] = now
                share = 100 * done // top if top else 100
                self.stdout.write(f"requests up to #{done} of #{top} ({share}%)"
                                  if what == "requests" else
                                  f"daily counts: {done} of {top} days ({share}%)")

        found = rebuild(chunk=chunk, progress=progress)
        self.stdout.write(self.style.SUCCESS(
            f"KPI facts rebuilt: {found['stays']} stays, {found['published']} published "
            f"requests, {found['assigned']} assignments and {found['counts']} daily counts "
            f"({found['days']} days) of requests up to "
            f"#{found['requests_up_to']}, audit trail read up to event #{found['head']} "
            f"(+{found['folded_after']} folded after), {time.monotonic() - began:.1f} s"))
