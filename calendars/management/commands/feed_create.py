"""manage.py feed_create USERNAME --name N [filters]: create a feed and print its URL."""

from django.core.management.base import BaseCommand, CommandError

from calendars.links import feed_links
from calendars.models import EventKind
from calendars.services import feed_create


class Command(BaseCommand):
    help = "Create a calendar feed for a user and print its URL (the token is shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", required=True)
        parser.add_argument("--secretariat", action="append", default=[], help="acronym (repeat)")
        parser.add_argument("--kind", action="append", default=[], choices=EventKind.values)
        parser.add_argument("--channel", action="append", default=[], help="channel code (repeat)")
        parser.add_argument("--no-publications", action="store_true")
        parser.add_argument("--public", action="store_true")

    def handle(self, *args, **options):
        from django.core.exceptions import PermissionDenied

        from org.models import Secretariat, User
        from plans.models import Channel

        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {options['username']}")
        secretariats = list(Secretariat.objects.filter(acronym__in=options["secretariat"]))
        channels = list(Channel.objects.filter(code__in=options["channel"]))
        if len(secretariats) != len(set(options["secretariat"])):
            raise CommandError("unknown secretariat acronym")
        if len(channels) != len(set(options["channel"])):
            raise CommandError("unknown channel code")
        try:
            _feed, token = feed_create(
                by=user, name=options["name"], secretariats=secretariats, kinds=options["kind"],
                channels=channels, include_publications=not options["no_publications"],
                public=options["public"])
        except PermissionDenied as error:
            raise CommandError(str(error)) from error
        self.stdout.write(feed_links(token)["https"])
