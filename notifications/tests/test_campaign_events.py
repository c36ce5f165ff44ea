"""Campaign events notify the right people (in-app and e-mail, in their language) and fire
signed webhooks whose text comes from the verb registry."""

import json

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from api.models import Webhook, WebhookDelivery
from api.tests.test_webhooks import Receiver
from api.webhooks import signing
from audit import registry
from audit.models import AuditEvent
from notifications.models import Notification
from org.models import User
from workflows import services_campaigns as cs
from workflows.tests.test_campaigns import decide_all, make_campaign


def _names(verb, campaign):
    event = AuditEvent.objects.filter(verb=verb, subject_id=str(campaign.pk)).latest("pk")
    return event, set(Notification.objects.filter(event=event)
                      .values_list("recipient__username", flat=True))


def _team():
    return set(User.objects.filter(groups__name="Editor", is_active=True)
               .values_list("username", flat=True))


def test_submitted_campaign_tells_the_team_in_their_language(
        demo, django_capture_on_commit_callbacks):
    ana = demo["ana.saude"]
    campaign = make_campaign(ana)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cs.campaign_submit(campaign=campaign, by=ana)
    event, names = _names("campaign_submit", campaign)
    assert names == _team()
    joana = Notification.objects.get(event=event, recipient__username="joana.lisboa")  # pt-PT
    diego = Notification.objects.get(event=event, recipient__username="diego.editor")  # pt-BR
    assert joana.message == "Nova campanha “Vacinação contra a gripe” de SMS."
    assert diego.message == "Nova campanha “Vacinação contra a gripe” de SMS."
    assert diego.link == f"/campaigns/{campaign.pk}/"
    subjects = [m.subject for m in mail.outbox if "Vacinação contra a gripe" in m.subject]
    assert len(subjects) == len(names)
    body = next(m.body for m in mail.outbox if m.to == [demo["diego.editor"].email])
    assert "Abrir a campanha:" in body and f"/campaigns/{campaign.pk}/" in body


def test_approval_steps_reach_their_deciders_and_sign_off_the_requesting_side(
        demo, django_capture_on_commit_callbacks):
    from approvals.models import ApprovalStep
    from approvals.selectors import deciders_of

    ana, diego = demo["ana.saude"], demo["diego.editor"]
    campaign = cs.campaign_submit(campaign=make_campaign(ana), by=ana)
    with django_capture_on_commit_callbacks(execute=True):
        campaign = cs.campaign_send_to_approval(campaign=campaign, by=diego)
    steps = ApprovalStep.objects.filter(campaign=campaign, status="pending")
    expected = {u.username for s in steps for u in deciders_of(s)} - {"diego.editor"}
    _event, names = _names("campaign_send_to_approval", campaign)
    assert expected and names == expected
    with django_capture_on_commit_callbacks(execute=True):
        campaign = decide_all(campaign, demo)
    assert campaign.state == "approved"
    event, names = _names("campaign_approve", campaign)
    assert "ana.saude" in names and "diego.editor" in names
    assert "fernanda.chefe" not in names or event.actor_id == demo["fernanda.chefe"].pk
    ana.language = "en"
    ana.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        cs.campaign_start(campaign=campaign, by=diego)
    event, names = _names("campaign_start", campaign)
    assert "ana.saude" in names and "diego.editor" not in names  # never the actor
    note = Notification.objects.get(event=event, recipient=ana)
    assert note.message == "Campaign “Vacinação contra a gripe” has started."
    assert any(m.subject == "[Pauta] Campaign “Vacinação contra a gripe” has started."
               for m in mail.outbox if m.to == [ana.email])


def test_campaign_webhooks_are_signed_and_carry_the_registry_sentence(
        demo, settings, django_capture_on_commit_callbacks):
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    target = Receiver([])
    try:
        Webhook.objects.create(name="Site", url=target.url, secret="s3cr3t",
                               events=["campaign.submitted", "campaign.cancelled"])
        ana = demo["ana.saude"]
        campaign = make_campaign(ana)
        with django_capture_on_commit_callbacks(execute=True):
            cs.campaign_submit(campaign=campaign, by=ana)
        with django_capture_on_commit_callbacks(execute=True):
            cs.campaign_cancel(campaign=campaign, by=ana, reason="Sem verba.")
    finally:
        target.close()
    assert len(target.received) == 2
    (headers, body), (cancel_headers, cancel_body) = target.received
    assert signing.verify("s3cr3t", headers[signing.TIMESTAMP_HEADER], body,
                          headers[signing.SIGNATURE_HEADER])
    payload = json.loads(body)
    event = AuditEvent.objects.get(pk=payload["audit_event"])
    with translation.override(settings.LANGUAGE_CODE):
        assert payload["text"] == registry.describe(event)
    assert payload["event"] == headers[signing.EVENT_HEADER] == "campaign.submitted"
    assert payload["campaign"]["id"] == campaign.pk and payload["verb"] == "campaign_submit"
    assert payload["text"] == "Ana Ribeiro enviou a campanha."
    cancelled = json.loads(cancel_body)
    assert cancelled["event"] == "campaign.cancelled"
    assert cancelled["campaign"]["state"] == "cancelled"
    assert "Sem verba." in cancelled["text"]
    assert WebhookDelivery.objects.filter(status="delivered").count() == 2


def test_webhook_event_names_come_from_the_registry(demo, settings):
    from api.admin import WebhookForm

    settings.WEBHOOKS_ALLOW_PRIVATE = True

    names = registry.webhook_names()
    assert {"submitted", "approved", "scheduled", "published", "withdrawn",
            "campaign.submitted", "campaign.approved", "campaign.started",
            "campaign.closed", "campaign.cancelled", "campaign.rejected"} <= set(names)
    form = WebhookForm()
    assert [c for c, _label in form.fields["events"].choices] == names
    hook = Webhook(name="x", url="https://example.org/h", secret="k", events=["nonsense"])
    with pytest.raises(ValidationError) as error:
        hook.clean()
    assert "nonsense" in str(error.value.message_dict["events"])
    Webhook(name="y", url="https://example.org/h", secret="k",
            events=["campaign.closed", "submitted"]).clean()
