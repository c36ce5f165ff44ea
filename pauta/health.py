"""What ``/health/`` checks: the database answers and every page can find its static files.

Production serves the hashed files of ``collectstatic`` through the manifest storage; without
the manifest (never collected, deleted, or a failed ``collectstatic``) every page that names
a static file fails, so the check reports that before a person meets it. Development, the demo
and the tests (``STATIC_FROM_APPS``) serve straight from the apps' static folders.
"""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.db import DatabaseError, connection
from django.utils.translation import gettext as _

# The asset base.html links on every page: if it cannot be served, no page can.
CORE_ASSETS = ("pauta/pauta.css",)


def database_problem() -> str | None:
    """A sentence saying why the database does not answer, or None when it does."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return _("The database does not answer.")
    return None


def static_problem() -> str | None:
    """A sentence saying why pages cannot find their static files, or None when they can."""
    if settings.STATIC_FROM_APPS:
        missing = [name for name in CORE_ASSETS if not finders.find(name)]
        if missing:
            return _("The static file %(name)s is in no app's static folder.") % {
                "name": missing[0]}
        return None
    storage = staticfiles_storage
    if not isinstance(storage, ManifestFilesMixin):
        return None  # plain storage: files are served under their own names
    if not storage.exists(storage.manifest_name):
        return _("The static files manifest %(path)s is missing: run collectstatic.") % {
            "path": storage.path(storage.manifest_name)}
    # The manifest this process loaded at start is the one its pages use.
    for name in CORE_ASSETS:
        hashed = storage.hashed_files.get(name)
        if not hashed or not storage.exists(hashed):
            return _("The static file %(name)s is not in the collected static files: "
                     "run collectstatic and restart the server.") % {"name": name}
    return None


# The rolling horizon keeps about 24 months; less than 12 means the nightly job stopped.
HOLIDAY_HORIZON_MIN_DAYS = 365


def holidays_configured() -> bool:
    """Whether the installation has a built-in holiday calendar (a country or local holidays).

    Without one (``HOLIDAYS_COUNTRY=""``, no ``LOCAL_HOLIDAYS``) the SLA clock counts only the
    holiday events entered by people, which may run out or not exist at all: nothing to check."""
    return bool(settings.HOLIDAYS_COUNTRY or settings.LOCAL_HOLIDAYS)


def holidays_problem(until) -> str | None:
    """A sentence saying the SLA clock's holidays run out within a year, or None (also when no
    holiday calendar is configured: see ``holidays_configured``)."""
    from pauta import clock

    if not holidays_configured():
        return None
    if until is None or (until - clock.today()).days < HOLIDAY_HORIZON_MIN_DAYS:
        return _("The holidays of the SLA clock run out in less than 12 months.")
    return None
