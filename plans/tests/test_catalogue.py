"""The channel and audience pages: permissions, writes through services, validation, compliance."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from approvals.compliance.selectors import findings_for
from audit.models import AuditEvent
from org.models import Secretariat
from org.tests.factories import UserFactory
from plans import services
from plans.forms import PlanActionForm
from plans.models import Audience, Channel, PlanAction
from plans.tests.factories import AudienceFactory, ChannelFactory, PlanActionFactory
from workflows.models import Publication
from workflows.tests.factories import ContentRequestFactory

pytestmark = pytest.mark.django_db

CHANNEL = {"code": "tiktok", "name": "TikTok", "max_text_length": "150",
           "signature_required": "#ValeVerde"}


def _login(client, role):
    user = UserFactory(roles=[role])
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return user


def _url(name, kind="channels", pk=None):
    return reverse(f"plans:{name}", kwargs={"kind": kind, **({"pk": pk} if pk else {})})


@pytest.mark.parametrize("kind", ["channels", "audiences"])
def test_team_reads_the_lists_requester_does_not(client, kind):
    _login(client, "editor")
    assert client.get(_url("catalogue_list", kind)).status_code == 200
    client.logout()
    _login(client, "requester")
    assert client.get(_url("catalogue_list", kind)).status_code == 403


@pytest.mark.parametrize("role", ["editor", "requester", "approver"])
def test_only_the_manager_writes(client, role):
    _login(client, role)
    channel = ChannelFactory(code="radio-x", name="Rádio X")
    assert client.get(_url("catalogue_create")).status_code == 403
    assert client.post(_url("catalogue_create"), CHANNEL).status_code == 403
    assert client.get(_url("catalogue_edit", pk=channel.pk)).status_code == 403
    assert client.post(_url("catalogue_edit", pk=channel.pk),
                       {**CHANNEL, "name": "Outro"}).status_code == 403
    assert client.post(_url("catalogue_active", pk=channel.pk),
                       {"active": "0"}).status_code == 403
    assert client.post(_url("catalogue_delete", pk=channel.pk)).status_code == 403
    channel.refresh_from_db()
    assert (channel.name, channel.active) == ("Rádio X", True)
    assert not Channel.objects.filter(code="tiktok").exists()
    page = client.get(_url("catalogue_list")).content.decode()
    assert _url("catalogue_create") not in page
    assert _url("catalogue_edit", pk=channel.pk) not in page


def test_manager_creates_edits_deactivates_and_reactivates_a_channel(client):
    manager = _login(client, "manager")
    assert _url("catalogue_create") in client.get(_url("catalogue_list")).content.decode()
    response = client.post(_url("catalogue_create"), CHANNEL)
    assert response.status_code == 302, response.content.decode()
    channel = Channel.objects.get(code="tiktok")
    assert (channel.max_text_length, channel.signature_required) == (150, "#ValeVerde")
    event = AuditEvent.objects.filter(target_type="plans.channel",
                                      target_id=str(channel.pk)).get()
    assert (event.verb, event.actor) == ("channel_create", manager)

    # the code is fixed once created: a posted one is ignored
    client.post(_url("catalogue_edit", pk=channel.pk),
                {**CHANNEL, "code": "other", "name": "TikTok Vale Verde", "image_required": "on",
                 "max_text_length": ""})
    channel.refresh_from_db()
    assert (channel.code, channel.name, channel.image_required, channel.max_text_length) == (
        "tiktok", "TikTok Vale Verde", True, None)
    change = AuditEvent.objects.filter(verb="channel_change", target_id=str(channel.pk)).get()
    assert change.payload["changes"]["image_required"] == [False, True]

    client.post(_url("catalogue_active", pk=channel.pk), {"active": "0"})
    channel.refresh_from_db()
    assert not channel.active
    form = PlanActionForm(instance=PlanAction(plan=PlanActionFactory().plan))
    assert channel not in form.fields["channels"].queryset
    client.post(_url("catalogue_active", pk=channel.pk), {"active": "1"})
    channel.refresh_from_db()
    assert channel.active
    verbs = list(AuditEvent.objects.filter(target_type="plans.channel", target_id=str(channel.pk))
                 .order_by("pk").values_list("verb", flat=True))
    assert verbs == ["channel_create", "channel_change", "channel_deactivate", "channel_activate"]


def test_manager_creates_an_audience_and_deletes_it_while_unused(client):
    _login(client, "manager")
    client.post(_url("catalogue_create", "audiences"), {"code": "conselhos", "name": "Conselhos"})
    audience = Audience.objects.get(code="conselhos")
    page = client.get(_url("catalogue_edit", "audiences", audience.pk)).content.decode()
    assert _url("catalogue_delete", "audiences", audience.pk) in page
    response = client.post(_url("catalogue_delete", "audiences", audience.pk))
    assert response.url == _url("catalogue_list", "audiences")
    assert not Audience.objects.filter(code="conselhos").exists()
    assert AuditEvent.objects.filter(verb="audience_delete", payload__code="conselhos").exists()


def test_one_in_use_is_deactivated_not_deleted(client):
    _login(client, "manager")
    audience = AudienceFactory(code="lideres", name="Líderes")
    PlanActionFactory(audiences=[audience])
    page = client.get(_url("catalogue_edit", "audiences", audience.pk)).content.decode()
    assert _url("catalogue_delete", "audiences", audience.pk) not in page
    assert "cannot be deleted; deactivate it instead" in page
    response = client.post(_url("catalogue_delete", "audiences", audience.pk), follow=True)
    assert "is in use" in response.content.decode()
    assert Audience.objects.filter(pk=audience.pk).exists()
    assert not AuditEvent.objects.filter(verb="audience_delete").exists()


@pytest.mark.parametrize("data, field, message", [
    ({**CHANNEL, "code": "PORTAL"}, "code", "There is already a channel with the code"),
    ({**CHANNEL, "max_text_length": "0"}, "max_text_length", "must be a positive whole number"),
    ({**CHANNEL, "max_text_length": "-20"}, "max_text_length", "must be a positive whole number"),
    ({**CHANNEL, "code": "tem espaço"}, "code", "letters, numbers, underscores or hyphens"),
    ({**CHANNEL, "name": ""}, "name", "This field is required."),
])
def test_validation_errors_are_shown_and_nothing_is_written(client, data, field, message):
    _login(client, "manager")
    before = Channel.objects.count()
    response = client.post(_url("catalogue_create"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in " ".join(errors[field])
    assert message in response.content.decode().replace("&#x27;", "'")
    assert Channel.objects.count() == before


def test_duplicate_audience_code_message():
    from plans.forms import AudienceForm

    AudienceFactory(code="imprensa")
    with translation.override("en"):
        form = AudienceForm({"code": "Imprensa", "name": "Outra"})
        assert not form.is_valid()
        assert form.errors["code"] == ["There is already an audience with the code “Imprensa”."]


def test_service_validates_too_and_writes_nothing_when_the_audit_fails(monkeypatch):
    manager = UserFactory(roles=["manager"])
    with pytest.raises(ValidationError) as error:
        services.catalogue_save(instance=Channel(code="x2", name="X", max_text_length=0),
                                by=manager)
    assert "max_text_length" in error.value.message_dict
    channel = ChannelFactory(code="mural", name="Mural")

    def broken(**kwargs):
        raise RuntimeError("audit store down")

    monkeypatch.setattr(services, "record", broken)
    with pytest.raises(RuntimeError):
        services.catalogue_save(instance=Channel(code="novo", name="Novo"), by=manager)
    with pytest.raises(RuntimeError):
        channel.name, channel.image_required = "Mural 2", True
        services.catalogue_save(instance=channel, by=manager)
    with pytest.raises(RuntimeError):
        services.catalogue_set_active(instance=channel, active=False, by=manager)
    assert not Channel.objects.filter(code="novo").exists()
    assert Channel.objects.filter(pk=channel.pk).values_list(
        "name", "image_required", "active").get() == ("Mural", False, True)


@pytest.mark.parametrize("kind, factory", [("channels", ChannelFactory),
                                           ("audiences", AudienceFactory)])
def test_lists_take_a_fixed_number_of_queries(client, kind, factory,
                                              django_assert_max_num_queries):
    _login(client, "manager")
    made = [factory() for _ in range(25)]
    PlanActionFactory(**{kind: made[:5]})
    with django_assert_max_num_queries(10):  # one reads the list, whatever its size
        response = client.get(_url("catalogue_list", kind))
    rows = {row.pk: row.in_use for row in response.context["rows"]}
    assert rows[made[0].pk] and not rows[made[-1].pk]


def test_a_channel_constraint_changed_on_the_page_reaches_the_compliance_check(client, demo):
    _login(client, "manager")
    client.post(_url("catalogue_create"), {"code": "mural-digital", "name": "Mural digital"})
    channel = Channel.objects.get(code="mural-digital")
    request = ContentRequestFactory(secretariat=Secretariat.objects.get(acronym="SMS"),
                                    requester=demo["ana.saude"])
    request.channels.add(channel)
    Publication.objects.create(request=request, channel=channel, title="Aviso",
                               body="Vacinação no sábado.")

    def findings():
        return {f.rule for f in findings_for(request) if f.channel == channel}

    assert not findings() & {"channel.image", "channel.length", "channel.signature"}
    response = client.post(_url("catalogue_edit", pk=channel.pk), {
        "name": "Mural digital", "image_required": "on", "max_text_length": "10",
        "signature_required": "#ValeVerde"})
    assert response.status_code == 302
    assert {"channel.image", "channel.length", "channel.signature"} <= findings()
