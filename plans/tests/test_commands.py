import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from org.tests.factories import UserFactory
from plans.management.progress import ProgressBar
from plans.models import Plan
from plans.tests.factories import PlanActionFactory

pytestmark = pytest.mark.django_db

@pytest.fixture(autouse=True)
def _english():
    """These tests assert the English source messages (the default language is pt-BR)."""
    with translation.override("en"):
        yield


class TTY(io.StringIO):
    def isatty(self):
        return True


def test_export_then_import_from_the_command_line(tmp_path):
    user = UserFactory(roles=["manager"])
    action = PlanActionFactory()
    year, code = action.plan.year, action.code
    path = tmp_path / "plan.xlsx"
    out = io.StringIO()
    call_command("export_plan", "--year", str(year), "-o", str(path), stdout=out)
    assert path.exists() and "Written" in out.getvalue()
    action.delete()
    Plan.objects.get(year=year).objectives.all().delete()
    Plan.objects.filter(year=year).delete()
    out = io.StringIO()
    call_command("import_plan", str(path), "--user", user.username, stdout=out)
    assert Plan.objects.get(year=year).actions.get().code == code
    assert "1 actions" in out.getvalue()


def test_import_of_a_bad_file_lists_problems_and_fails(tmp_path):
    user = UserFactory(roles=["manager"])
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"nope")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_plan", str(path), "--user", user.username, stderr=err)
    assert "not a valid XLSX" in err.getvalue()


def test_export_of_a_missing_year_fails(tmp_path):
    with pytest.raises(CommandError):
        call_command("export_plan", "--year", "1999", "-o", str(tmp_path / "x.xlsx"))


def test_progress_bar_draws_on_a_tty_only():
    from django.core.management.base import OutputWrapper

    tty, pipe = TTY(), io.StringIO()
    for stream in (tty, pipe):
        bar = ProgressBar(OutputWrapper(stream), "Importing", width=10)
        bar(5, 10)
        bar.finish()
    assert "\rImporting [#####-----] 5/10" in tty.getvalue()
    assert pipe.getvalue() == ""
