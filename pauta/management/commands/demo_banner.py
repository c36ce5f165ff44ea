"""Print the banner of ``make run``: the URL, the sign-in page and the demo logins."""

from django.core.management.base import BaseCommand

from pauta.demo import demo_banner


class Command(BaseCommand):
    help = "Print where the demo runs and its logins (used by scripts/run-demo.sh)."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000",
                            help="The address the server answers on.")

    def handle(self, *args, **options):
        self.stdout.write(demo_banner(options["url"].rstrip("/")))
