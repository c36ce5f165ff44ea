"""TOTP two-factor sign-in: enrol with a QR code, the code after the password, the requirement."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent

PASSWORD = "pauta-demo"


def code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def wait_out_throttle(device):
    """django-otp slows down guessing (1 s, 2 s, 4 s… after failures); skip the wait."""
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0,
                                                   throttling_failure_timestamp=None)


def sign_in(client, username):
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]


@pytest.fixture
def enrolled(demo):
    device = TOTPDevice.objects.create(user=demo["fernanda.chefe"], name="Pauta", confirmed=True)
    return device


def test_approver_enrols_with_the_qr_code(client, demo):
    client.force_login(demo["fernanda.chefe"])
    page = client.get(reverse("twofactor:setup"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html  # made here, no outside service
    device = TOTPDevice.objects.get(user=demo["fernanda.chefe"])
    assert not device.confirmed
    wrong = client.post(reverse("twofactor:setup"), {"token": "000000"})
    assert wrong.status_code == 200 and not TOTPDevice.objects.get(pk=device.pk).confirmed
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # guessing is slowed down
    wait_out_throttle(device)
    done = client.post(reverse("twofactor:setup"), {"token": code(device), "next": "/requests/"})
    assert done.status_code == 302 and done["Location"] == "/requests/"
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert AuditEvent.objects.filter(verb="two_factor_enrol", actor=demo["fernanda.chefe"]).exists()
    assert client.get(reverse("home")).status_code == 200  # this session is verified


def test_requesters_are_not_offered_two_factor(client, demo):
    client.force_login(demo["ana.saude"])
    assert client.get(reverse("twofactor:setup")).status_code == 403
    assert not TOTPDevice.objects.filter(user=demo["ana.saude"]).exists()


def test_enrolled_person_needs_the_code_after_the_password(client, enrolled):
    sign_in(client, "fernanda.chefe")
    home = client.get("/requests/")
    assert home.status_code == 302
    assert home["Location"] == f"{reverse('twofactor:verify')}?next=%2Frequests%2F"
    assert client.get(reverse("admin:index")).status_code == 302  # the admin too
    page = client.get(home["Location"])
    assert page.status_code == 200
    wrong = client.post(home["Location"], {"token": "000000", "next": "/requests/"})
    assert wrong.status_code == 200
    assert client.get("/requests/").status_code == 302  # still not verified
    wait_out_throttle(enrolled)
    ok = client.post(reverse("twofactor:verify"), {"token": code(enrolled), "next": "/requests/"})
    assert ok.status_code == 302 and ok["Location"] == "/requests/"
    assert client.get("/requests/").status_code == 200


def test_a_used_code_is_refused_the_second_time(client, enrolled):
    token = code(enrolled)
    sign_in(client, "fernanda.chefe")
    assert client.post(reverse("twofactor:verify"), {"token": token}).status_code == 302
    client.logout()
    sign_in(client, "fernanda.chefe")
    assert client.post(reverse("twofactor:verify"), {"token": token}).status_code == 200


def test_people_without_a_device_sign_in_as_before(client, demo):
    sign_in(client, "helena.gestora")
    assert client.get(reverse("home")).status_code == 200


def test_required_setting_sends_approvers_and_managers_to_enrol(client, demo, settings):
    settings.TWO_FACTOR_REQUIRED = True
    for username in ("fernanda.chefe", "helena.gestora"):
        client.force_login(demo[username])
        response = client.get(reverse("home"))
        assert response.status_code == 302, username
        assert response["Location"].startswith(reverse("twofactor:setup")), username
    client.force_login(demo["ana.saude"])  # requesters are not concerned
    assert client.get(reverse("home")).status_code == 200


def test_turning_it_off_only_when_not_required(client, demo, enrolled, settings):
    client.force_login(demo["fernanda.chefe"])
    session = client.session
    from django_otp import DEVICE_ID_SESSION_KEY

    session[DEVICE_ID_SESSION_KEY] = enrolled.persistent_id
    session.save()
    settings.TWO_FACTOR_REQUIRED = True
    assert client.post(reverse("twofactor:disable")).status_code == 403
    assert TOTPDevice.objects.filter(pk=enrolled.pk).exists()
    settings.TWO_FACTOR_REQUIRED = False
    wait_out_throttle(enrolled)  # turning it off asks for a fresh code of the device
    assert client.post(reverse("twofactor:disable"),
                       {"current_token": code(enrolled)}).status_code == 302
    assert not TOTPDevice.objects.filter(user=demo["fernanda.chefe"]).exists()


def test_administrators_manage_devices_in_the_admin(client, demo, enrolled):
    client.force_login(demo["admin"])  # no device of their own: no code asked
    page = client.get(reverse("admin:otp_totp_totpdevice_changelist"))
    assert page.status_code == 200
    assert "fernanda.chefe" in page.content.decode() or "Fernanda" in page.content.decode()


def test_people_without_a_device_cost_no_device_lookup_per_page(client, demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sign_in(client, "ana.saude")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    assert not [q for q in queries if "otp_totp_totpdevice" in q["sql"]]


def test_a_device_enrolled_keeps_asking_for_the_code_on_every_page(client, demo, enrolled):
    sign_in(client, "fernanda.chefe")
    for _ in range(2):
        response = client.get(reverse("home"))
        assert response.status_code == 302 and reverse("twofactor:verify") in response["Location"]
