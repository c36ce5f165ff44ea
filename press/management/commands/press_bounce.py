"""Record a distribution bounce: the mail server pipes a bounce message to it
(``| manage.py press_bounce``), or name the e-mail (``--message-id``) by hand."""

import sys

from django.core.management.base import BaseCommand

from press import bounces


class Command(BaseCommand):
    help = "Record a bounced press-release e-mail (a bounce message on stdin, or --message-id)."

    def add_arguments(self, parser):
        parser.add_argument("--message-id", default="",
                            help="The Message-ID of the e-mail that bounced.")
        parser.add_argument("--reason", default="", help="The mail server's diagnostic.")

    def handle(self, *args, **options):
        if options["message_id"]:
            found = bounces.MESSAGE_ID.search(options["message_id"])
            done = bool(found) and bounces.record_bounce(
                distribution_pk=int(found.group(1)), journalist_pk=int(found.group(2)),
                reason=options["reason"])
        else:
            done = bounces.bounce_from_message(sys.stdin.buffer.read(5 * 1024 * 1024))
        # Exit 0 either way: a mail server retries (and piles up) a message its pipe refused.
        self.stdout.write("bounce recorded" if done else "no distribution e-mail found")
