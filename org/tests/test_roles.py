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
