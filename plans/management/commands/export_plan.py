"""``manage.py export_plan --year Y -o FILE``: export a Communication Plan as XLSX."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from plans.management.progress import ProgressBar
from plans.models import Plan
from plans.xlsx_layout import export_plan


class Command(BaseCommand):
    help = "Export the Communication Plan of a year as XLSX (or the empty template)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="year of the plan")
        parser.add_argument("-o", "--output", required=True, help="path of the .xlsx to write")
        parser.add_argument("--template", action="store_true",
                            help="write the empty template instead of a plan")

    def handle(self, *args, year, output, template, **options):
        plan = None
        if not template:
            if year is None:
                raise CommandError(_("Pass --year (or --template)."))
            plan = Plan.objects.filter(year=year).first()
            if plan is None:
                raise CommandError(_("There is no plan for %(year)s.") % {"year": year})
        progress = ProgressBar(self.stdout, _("Exporting"))
        export_plan(plan, output, progress=progress)
        progress.finish()
        self.stdout.write(self.style.SUCCESS(_("Written %(path)s.") % {"path": output}))
