"""The test database after a transactional (live-server) test: the demo as loaded (root conftest).

On PostgreSQL the database is made again from the template copy taken after the demo was
loaded; on SQLite Django flushes it and ``demo`` loads the demo again (nothing to check here).
"""

import pytest
from django.db import connection


@pytest.mark.django_db(transaction=True)
def test_after_a_transactional_test_postgres_has_the_demo_back_as_loaded(demo):
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from django.test import TransactionTestCase
    from guardian.models import UserObjectPermission

    from org.models import User
    from org.permissions import secretariat_ids_for_action

    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps Django's flush after a transactional test")
    ana = demo["ana.saude"]
    acts_for = secretariat_ids_for_action(ana)
    assert acts_for  # the demo gives her secretariat (a django-guardian object permission)
    content_types = sorted(ContentType.objects.values_list("pk", "app_label", "model"))
    grants = UserObjectPermission.objects.count()
    # Committed (this test runs without a transaction around it):
    User.objects.filter(pk=ana.pk).update(username="changed.by.the.test")
    UserObjectPermission.objects.filter(user=ana).delete()
    Group.objects.create(name="Made by the test")
    assert not secretariat_ids_for_action(User.objects.get(pk=ana.pk))

    TransactionTestCase("run")._fixture_teardown()  # what pytest-django runs after the test

    again = User.objects.get(username="ana.saude")
    assert again.pk == ana.pk
    assert not Group.objects.filter(name="Made by the test").exists()
    assert sorted(ContentType.objects.values_list("pk", "app_label", "model")) == content_types
    assert UserObjectPermission.objects.count() == grants
    assert secretariat_ids_for_action(again) == acts_for  # guardian's caches agree with the rows
