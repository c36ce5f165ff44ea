"""``manage.py import_plan FILE``: import a Communication Plan from XLSX (all or nothing)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from org.models import User
from plans.imports import plan_import
from plans.management.progress import ProgressBar
from plans.xlsx_import import ImportRejected


class Command(BaseCommand):
    help = "Import a Communication Plan from an XLSX file; nothing is written if a row is invalid."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path of the .xlsx file (layout in docs/plans.md)")
        parser.add_argument("--user", default=None,
                            help="username of the person importing (default: first superuser)")

    def handle(self, *args, file, user, **options):
        by = (User.objects.filter(username=user).first() if user
              else User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first())
        if by is None:
            raise CommandError(_("No such user; pass --user with an existing username."))
        progress = ProgressBar(self.stdout, _("Importing"))
        try:
            with open(file, "rb") as handle:
                plan = plan_import(source=handle, by=by, progress=progress)
        except FileNotFoundError as error:
            raise CommandError(str(error)) from None
        except ImportRejected as error:
            progress.finish()
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(_("%(count)s problem(s) found; nothing was imported.")
                               % {"count": len(error.problems)}) from None
        progress.finish()
        self.stdout.write(self.style.SUCCESS(
            _("Imported “%(title)s” (%(year)s): %(objectives)s objectives, %(actions)s actions, "
              "%(kpis)s KPI targets.") % {
                "title": plan.title, "year": plan.year, "objectives": plan.objectives.count(),
                "actions": plan.actions.count(), "kpis": plan.kpi_targets.count()}))
