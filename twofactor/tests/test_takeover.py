"""A stolen password must not take over the second factor (issue 13, item 1).

A session with only the password of a person who has a confirmed device reaches neither the
enrol page nor any page behind the second factor; replacing or removing the device needs a
verified session and a fresh code of the current device; a key half-enrolled by someone else
is never shown to, nor confirmed in, another session; administrators' removals are audited.
"""

import re

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent
from twofactor.middleware import NO_DEVICE
from twofactor.tests.test_twofactor import code, sign_in, wait_out_throttle


def fresh(device):
    """Let the next code of ``device`` count as new (as 30 seconds later) and skip throttling."""
    wait_out_throttle(device)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    device.refresh_from_db()
    return code(device)


@pytest.fixture
def victim(demo):
    return TOTPDevice.objects.create(user=demo["fernanda.chefe"], name="Pauta", confirmed=True)


def verified_client(client, device):
    sign_in(client, device.user.username)
    assert client.post(reverse("twofactor:verify"), {"token": fresh(device)}).status_code == 302
    return client


def shown_key(page) -> str:
    return re.search(r"<code>([A-Z2-7 ]+)</code>", page.content.decode()).group(1)


def test_password_only_session_cannot_enrol_over_the_victims_device(client, victim):
    sign_in(client, "fernanda.chefe")
    verify_url = reverse("twofactor:verify")
    for url in (reverse("twofactor:setup"), reverse("twofactor:replace")):
        page = client.get(url)
        assert page.status_code == 302 and page["Location"].startswith(verify_url), url
        posted = client.post(url, {"token": "123456", "current_token": "123456"})
        assert posted.status_code == 302 and posted["Location"].startswith(verify_url), url
    assert client.post(reverse("twofactor:disable"), {"current_token": "123456"}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=victim.user)) == [victim]  # no new key was made
    assert TOTPDevice.objects.get(pk=victim.pk).confirmed
    for url in ("/", "/requests/", reverse("admin:index"), "/api/v1/requests/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert response.status_code == 403 or response["Location"].startswith(verify_url), url


def test_a_session_that_skipped_the_device_lookup_is_still_refused_the_enrol_page(client, victim):
    """A session marked "no device" (signed in before the device existed) cannot enrol."""
    sign_in(client, "fernanda.chefe")
    session = client.session
    session[NO_DEVICE] = True
    session.save()
    for url in (reverse("twofactor:setup"), reverse("twofactor:replace")):
        page = client.get(url)
        assert page.status_code == 302, url
        assert page["Location"].startswith(reverse("twofactor:verify")), url
    off = client.post(reverse("twofactor:disable"), {"current_token": fresh(victim)})
    assert off.status_code == 302 and off["Location"].startswith(reverse("twofactor:verify"))
    assert list(TOTPDevice.objects.filter(user=victim.user)) == [victim]


def test_a_key_half_enrolled_elsewhere_is_neither_shown_nor_confirmed_here(client, demo):
    from django.test import Client

    attacker, owner = Client(), client
    sign_in(attacker, "helena.gestora")
    attacker_key = shown_key(attacker.get(reverse("twofactor:setup")))
    pending = TOTPDevice.objects.get(user=demo["helena.gestora"], confirmed=False)
    sign_in(owner, "helena.gestora")
    assert shown_key(owner.get(reverse("twofactor:setup"))) != attacker_key
    wrong = owner.post(reverse("twofactor:setup"), {"token": fresh(pending)})
    assert wrong.status_code == 200  # the attacker's code does not confirm the owner's device
    assert not TOTPDevice.objects.filter(user=demo["helena.gestora"], confirmed=True).exists()
    session = attacker.session  # an unconfirmed device never counts as verified
    session[DEVICE_ID_SESSION_KEY] = pending.persistent_id
    session.save()
    assert TOTPDevice.objects.get(pk=pending.pk).confirmed is False
    assert attacker.get(reverse("twofactor:replace")).status_code == 302


def test_replacing_the_device_needs_a_fresh_code_of_the_current_one(client, victim):
    verified_client(client, victim)
    page = client.get(reverse("twofactor:replace"))
    assert page.status_code == 200
    new = TOTPDevice.objects.get(user=victim.user, confirmed=False)
    refused = client.post(reverse("twofactor:replace"),
                          {"current_token": "000000", "token": fresh(new)})
    assert refused.status_code == 200
    assert TOTPDevice.objects.get(pk=victim.pk).confirmed
    assert not TOTPDevice.objects.get(pk=new.pk).confirmed
    done = client.post(reverse("twofactor:replace"),
                       {"current_token": fresh(victim), "token": fresh(new)})
    assert done.status_code == 302
    assert list(TOTPDevice.objects.filter(user=victim.user)) == [new]
    assert TOTPDevice.objects.get(pk=new.pk).confirmed
    assert AuditEvent.objects.filter(verb="two_factor_remove", target_id=str(victim.pk)).exists()
    assert AuditEvent.objects.filter(verb="two_factor_enrol", target_id=str(new.pk)).exists()
    assert client.get(reverse("home")).status_code == 200  # verified by the new device now


def test_turning_it_off_needs_a_fresh_code_of_the_device(client, victim):
    verified_client(client, victim)
    refused = client.post(reverse("twofactor:disable"), {"current_token": "000000"})
    assert refused.status_code == 200
    assert TOTPDevice.objects.filter(pk=victim.pk).exists()
    done = client.post(reverse("twofactor:disable"), {"current_token": fresh(victim)})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=victim.user).exists()
    assert AuditEvent.objects.filter(verb="two_factor_remove", target_id=str(victim.pk)).exists()


def test_administrators_remove_devices_audited_but_never_add_or_read_keys(client, demo, victim):
    client.force_login(demo["admin"])
    assert client.get(reverse("admin:otp_totp_totpdevice_add")).status_code == 403
    change = client.get(reverse("admin:otp_totp_totpdevice_change", args=[victim.pk]))
    assert change.status_code == 200 and victim.key not in change.content.decode()
    assert client.get(f"/admin/otp_totp/totpdevice/{victim.pk}/config/").status_code != 200
    client.post(reverse("admin:otp_totp_totpdevice_delete", args=[victim.pk]), {"post": "yes"})
    assert not TOTPDevice.objects.filter(pk=victim.pk).exists()
    event = AuditEvent.objects.get(verb="two_factor_remove", target_id=str(victim.pk))
    assert event.actor == demo["admin"] and event.payload["by_administrator"] is True
