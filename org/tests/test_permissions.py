"""Scope "own secretariats" through django-guardian object permissions."""

import pytest

from org import permissions
from org.models import Membership, User
from org.services import membership_delete, membership_save
from org.tests.factories import SecretariatFactory, UserFactory


@pytest.fixture
def saude(db):
    return SecretariatFactory(acronym="T-SMS", name="Secretaria Municipal de Saúde")


@pytest.fixture
def educacao(db):
    return SecretariatFactory(acronym="T-SEMED", name="Secretaria Municipal de Educação")


def fresh(user):
    # guardian and Django cache permissions on the user object: re-fetch after grants.
    return User.objects.get(pk=user.pk)


def test_requester_of_health_cannot_act_for_education(saude, educacao):
    ana = UserFactory(roles=["requester"], secretariats=[saude])
    ana = fresh(ana)
    assert permissions.can_act_for(ana, saude)
    assert not permissions.can_act_for(ana, educacao)
    assert list(permissions.secretariats_for_action(ana)) == [saude]
    assert list(permissions.visible_secretariats(ana)) == [saude]
    assert not permissions.can_see_secretariat(ana, educacao)


def test_acting_for_a_secretariat_covers_its_units(saude, educacao):
    vigilancia = SecretariatFactory(acronym="T-SMS-VS", parent=saude)
    nucleo = SecretariatFactory(acronym="T-SMS-VS-N", parent=vigilancia)
    ana = fresh(UserFactory(secretariats=[saude]))
    assert permissions.secretariat_ids_for_action(ana) == {saude.pk, vigilancia.pk, nucleo.pk}
    member_of_unit = fresh(UserFactory(secretariats=[vigilancia]))
    assert not permissions.can_act_for(member_of_unit, saude)
    assert permissions.can_act_for(member_of_unit, nucleo)


def test_inactive_secretariat_cannot_be_acted_for(saude):
    ana = fresh(UserFactory(secretariats=[saude]))
    saude.active = False
    saude.save()
    assert not permissions.can_act_for(ana, saude)
    assert list(permissions.secretariats_for_action(ana)) == []


def test_object_permission_does_not_imply_model_wide(saude):
    ana = fresh(UserFactory(secretariats=[saude]))
    assert ana.has_perm("org.act_for_secretariat", saude)
    assert not ana.has_perm("org.act_for_secretariat")
    assert not permissions.can_see_all_secretariats(ana)


def test_team_roles_see_every_secretariat(saude, educacao):
    for role in ("editor", "approver", "legal_reviewer", "manager", "auditor"):
        user = fresh(UserFactory(roles=[role]))
        assert permissions.can_see_all_secretariats(user), role
        assert set(permissions.visible_secretariats(user)) >= {saude, educacao}
        assert not permissions.can_act_for(user, saude), role


def test_removing_membership_removes_scope(saude):
    ana = UserFactory(secretariats=[saude])
    membership_delete(membership=Membership.objects.get(user=ana))
    assert not permissions.can_act_for(fresh(ana), saude)


def test_superuser_does_not_silently_act_for_every_secretariat(saude):
    root = fresh(UserFactory(is_superuser=True))
    assert not permissions.can_act_for(root, saude)


def test_anonymous_user_has_no_scope(saude, client):
    from django.contrib.auth.models import AnonymousUser

    assert permissions.secretariat_ids_for_action(AnonymousUser()) == set()
    assert not permissions.can_see_secretariat(AnonymousUser(), saude)


def test_membership_save_is_idempotent(saude):
    ana = UserFactory()
    membership_save(user=ana, secretariat=saude, role=Membership.Role.HEAD)
    membership_save(user=ana, secretariat=saude, role=Membership.Role.FOCAL_POINT)
    assert Membership.objects.get(user=ana).role == Membership.Role.FOCAL_POINT
