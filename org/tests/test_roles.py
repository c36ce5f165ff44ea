from django.contrib.auth.models import Group

from org.roles import ROLES, sync_roles


def test_every_role_group_exists_with_its_permissions(db):
    for role in ROLES:
        group = Group.objects.get(name=role.group)
        have = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert set(role.permissions) <= have, role.key


def test_requester_has_no_model_wide_secretariat_permission(db):
    group = Group.objects.get(name="Requester")
    assert not group.permissions.filter(codename="view_secretariat").exists()


def test_sync_roles_is_idempotent_and_keeps_manual_additions(db):
    from django.contrib.auth.models import Permission

    editor = Group.objects.get(name="Editor")
    extra = Permission.objects.get(codename="view_membership")
    editor.permissions.add(extra)
    before = Group.objects.count()
    sync_roles()
    sync_roles()
    assert Group.objects.count() == before
    assert editor.permissions.filter(pk=extra.pk).exists()


def _post_migrate(plan=("a migration",)):
    """What ``migrate`` does after migrating: Django's post_migrate, once per app."""
    from django.apps import apps
    from django.core.management.sql import emit_post_migrate_signal

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default", plan=list(plan),
                             apps=apps)


def test_roles_sync_once_per_migrate_after_every_apps_permissions(db, monkeypatch):
    """post_migrate comes once per app (27 of them): the roles sync once, on the last one,
    and by then the permissions of every app — the last one's too — exist again."""
    from django.contrib.auth.models import Permission

    from org import roles

    calls = []
    sync = roles.sync_roles
    monkeypatch.setattr(roles, "sync_roles", lambda apps: (calls.append(apps), sync(apps)))
    # Permissions gone from the database (an app's first migrate creates them): one of an app
    # in the middle of INSTALLED_APPS, one of the last app.
    Permission.objects.filter(content_type__app_label="clipping", codename="view_clip").delete()
    Permission.objects.filter(content_type__app_label="media", codename="view_asset").delete()
    assert not Group.objects.get(name="Editor").permissions.filter(
        codename__in=["view_clip", "view_asset"]).exists()

    _post_migrate()

    assert len(calls) == 1
    for role in ROLES:
        group = Group.objects.get(name=role.group)
        have = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert set(role.permissions) <= have, role.key
    editor = Group.objects.get(name="Editor").permissions
    assert editor.filter(content_type__app_label="clipping", codename="view_clip").exists()
    assert editor.filter(content_type__app_label="media", codename="view_asset").exists()


def test_roles_do_not_sync_when_nothing_was_migrated(db, monkeypatch):
    from org import roles

    calls = []
    monkeypatch.setattr(roles, "sync_roles", lambda apps: calls.append(apps))
    _post_migrate(plan=())
    assert calls == []
