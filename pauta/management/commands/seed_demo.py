"""Load the demo municipality (Prefeitura Municipal de Vale Verde); safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from pauta.demo import DEMO_PASSWORD, demo_logins, seed_demo


class Command(BaseCommand):
    help = "Load the demo municipality (idempotent). Only in demo mode: it sets known passwords."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true",
                            help="Do not print the demo logins.")
        parser.add_argument("--no-history", action="store_true",
                            help="Skip the year of demo requests.")

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError(_("seed_demo creates people with known passwords; "
                                 "it runs only with DEMO_MODE=true."))
        seed_demo(out=lambda line: self.stdout.write(f"  {line}"),
                  history=not options["no_history"])
        self.stdout.write(self.style.SUCCESS(_("Demo municipality loaded.")))
        if not options["quiet_logins"]:
            self.stdout.write(_("Demo logins (password for all: %(password)s):")
                              % {"password": DEMO_PASSWORD})
            for username, roles in demo_logins():
                self.stdout.write(f"  {username:<20} {roles}")
