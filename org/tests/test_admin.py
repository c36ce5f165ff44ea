"""Memberships edited in the admin grant and revoke scope through the services."""

from org import permissions
from org.models import Membership, User
from org.tests.factories import SecretariatFactory, UserFactory


def test_membership_added_and_moved_in_admin_updates_scope(admin_client, db):
    saude = SecretariatFactory(acronym="T-SMS")
    educacao = SecretariatFactory(acronym="T-SEMED")
    ana = UserFactory()
    response = admin_client.post("/admin/org/membership/add/", {
        "user": ana.pk, "secretariat": saude.pk, "role": "head"})
    assert response.status_code == 302, response.content
    assert permissions.can_act_for(User.objects.get(pk=ana.pk), saude)

    membership = Membership.objects.get(user=ana)
    response = admin_client.post(f"/admin/org/membership/{membership.pk}/change/", {
        "user": ana.pk, "secretariat": educacao.pk, "role": "head"})
    assert response.status_code == 302
    ana = User.objects.get(pk=ana.pk)
    assert not permissions.can_act_for(ana, saude)
    assert permissions.can_act_for(ana, educacao)

    response = admin_client.post(f"/admin/org/membership/{membership.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not permissions.can_act_for(User.objects.get(pk=ana.pk), educacao)


def test_admin_pages_render_translated(admin_client, db):
    SecretariatFactory(acronym="T-SMS")
    response = admin_client.get("/admin/org/secretariat/", HTTP_ACCEPT_LANGUAGE="pt-br")
    assert response.status_code == 200
    assert "Secretarias e unidades" in response.content.decode()
