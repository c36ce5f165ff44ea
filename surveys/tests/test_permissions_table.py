"""``surveys.approve_survey`` is gone: surveys are approved through the approvals engine's
steps, so no role holds a survey permission that nothing checks."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from org.roles import ROLES
from surveys.models import Survey

migration = importlib.import_module("surveys.migrations.0008_drop_approve_survey")


def test_no_role_lists_it():
    assert not [role.key for role in ROLES if "surveys.approve_survey" in role.permissions]


@pytest.mark.django_db
def test_the_migration_deletes_a_legacy_grant(demo):
    legacy = Permission.objects.create(
        content_type=ContentType.objects.get_for_model(Survey), codename="approve_survey",
        name="Can approve and open surveys")
    approver = Group.objects.get(name="Approver")
    approver.permissions.add(legacy)

    migration.drop(apps, None)

    assert not Permission.objects.filter(codename="approve_survey").exists()
    assert not approver.permissions.filter(codename="approve_survey").exists()
    assert approver.permissions.filter(codename="view_survey").exists()
