"""Expand the holidays of the SLA clock up to the rolling horizon (idempotent).

The nightly huey job does the same; run it once after installing or upgrading, so the
business-day clock and /health/ have their holidays before the first night.
"""

from django.core.management.base import BaseCommand

from calendars.holidays import refresh_horizon


class Command(BaseCommand):
    help = "Expand the yearly and movable holidays up to the rolling horizon."

    def handle(self, *args, **options):
        until = refresh_horizon()
        self.stdout.write(f"holidays expanded until {until.isoformat()}")
