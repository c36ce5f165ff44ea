"""manage.py export_kpis --year 2026 [--secretariat SMS] [--month 3] -o kpis.xlsx"""

import calendar
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from org.models import Secretariat
from reports.services import write_workbook
from reports.slices import Slice


class Command(BaseCommand):
    help = "Write the KPI workbook (summary, raw sheets, definitions) of a year to an XLSX file."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--month", type=int, help="only this month of the year (1-12)")
        parser.add_argument("--secretariat", help="acronym, e.g. SMS")
        parser.add_argument("-o", "--output", required=True, help="the .xlsx file to write")

    def handle(self, *args, year, month, secretariat, output, **options):
        if month and not 1 <= month <= 12:
            raise CommandError("--month goes from 1 to 12")
        start = date(year, month or 1, 1)
        end = date(year, 12, 31) if not month else date(
            year, month, calendar.monthrange(year, month)[1])
        secretariat_id = None
        if secretariat:
            found = Secretariat.objects.filter(acronym__iexact=secretariat).first()
            if found is None:
                raise CommandError(f"no secretariat with the acronym {secretariat!r}")
            secretariat_id = found.pk
        slice_ = Slice(start=start, end=end, secretariat_id=secretariat_id)
        write_workbook(slice_, output, progress=self._bar())
        self.stdout.write(self.style.SUCCESS(f"wrote {output} ({start} to {end})"))

    def _bar(self):
        """A progress bar on a terminal; silent when the output is a file or a pipe."""
        stream = self.stdout._out
        if not getattr(stream, "isatty", lambda: False)():
            return None

        def show(done, total):
            width = 40
            filled = width * done // total
            stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} rows")
            if done >= total:
                stream.write("\n")
            stream.flush()

        return show
