"""manage.py import_ics FILE --kind holiday: import an ICS file into one event kind."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from calendars.imports import ImportRejected, import_ics
from calendars.models import EventKind, Visibility


class Command(BaseCommand):
    help = "Import the events of an ICS file into one kind (idempotent by UID)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--kind", required=True, choices=EventKind.values)
        parser.add_argument("--visibility", default=Visibility.PUBLIC, choices=Visibility.values)
        parser.add_argument("--secretariat", help="acronym of the owning secretariat")

    def handle(self, *args, **options):
        from org.models import Secretariat

        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        secretariat = None
        if options["secretariat"]:
            secretariat = Secretariat.objects.filter(acronym=options["secretariat"]).first()
            if secretariat is None:
                raise CommandError(f"unknown secretariat {options['secretariat']}")
        try:
            result = import_ics(data=path.read_bytes(), kind=options["kind"], by=None,
                                source=path.name, visibility=options["visibility"],
                                secretariat=secretariat, system=True)
        except ImportRejected as error:
            for line, reason in error.problems:
                self.stderr.write(f"{path.name}:{line}: {reason}")
            raise CommandError("file rejected, nothing imported") from error
        for line, title, reason in result.refused:
            self.stderr.write(f"{path.name}:{line}: {title}: not imported: {reason}")
        self.stdout.write(f"{result.created} created, {result.updated} updated, "
                          f"{result.unchanged} unchanged, {result.skipped} skipped, "
                          f"{len(result.refused)} refused")
