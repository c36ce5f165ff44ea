"""Organization: secretariats and units, people, memberships and roles."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "org"
    verbose_name = _("Organization")

    def ready(self):
        from org.roles import sync_roles_after_migrate
        from org.verbs import register_verbs

        register_verbs()

        # Permissions of apps migrated after org's data migration attach here.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="org.sync_roles")
