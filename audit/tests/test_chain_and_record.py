"""The audit app: ``record`` (subject, chain, broadcast after commit) and the moved model."""

import hashlib
import hmac
import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection

from audit import registry
from audit.chain import verify_chain
from audit.models import AuditEvent
from audit.selectors import events_for
from audit.services import record, subject_of
from audit.signals import event_recorded
from pauta import clock
from plans.models import Plan
from workflows.tests.factories import ContentRequestFactory, PublicationFactory


def _pre_subject_hash(event) -> str:
    """The hash as the chain computed it before subjects existed (no "subject" key)."""
    from audit import chain

    row = chain._as_row(event)
    data = json.loads(chain._canonical(row))
    data.pop("subject", None)
    canonical = json.dumps(data, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
    return hmac.new(chain.audit_key("chain"), canonical.encode(), hashlib.sha256).hexdigest()


def test_model_keeps_the_workflows_table(db):
    assert AuditEvent._meta.db_table == "workflows_auditevent"
    assert AuditEvent._meta.app_label == "audit"
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert "workflows_auditevent" in tables and "audit_auditevent" not in tables


def test_subject_is_the_request_of_a_publication_and_shows_on_its_timeline(demo):
    publication = PublicationFactory()
    event = record(by=demo["diego.editor"], verb="draft_text", target=publication,
                   payload={"channel": publication.channel.code})
    assert (event.subject_type, event.subject_id) == ("workflows.contentrequest",
                                                      str(publication.request_id))
    assert event.request_id == publication.request_id
    assert event in events_for(publication.request)
    # Same subject as every event had before subjects: the hash is the old one, unchanged.
    assert event.hash == _pre_subject_hash(event)
    assert verify_chain() is None


def test_an_explicit_subject_is_hashed_and_tampering_with_it_shows(demo):
    plan = Plan.objects.order_by("pk").first() or Plan.objects.create(year=2031, title="P")
    request = ContentRequestFactory()
    event = record(by=demo["helena.gestora"], verb="plan_entity_change", target=request,
                   subject=plan, payload={"entity": "objective", "code": "O1"})
    assert (event.subject_type, event.subject_id) == ("plans.plan", str(plan.pk))
    assert event.hash != _pre_subject_hash(event)  # the subject is part of the hash
    assert list(events_for(plan).filter(pk=event.pk)) == [event]
    AuditEvent.objects.filter(pk=event.pk).update(subject_id=str(request.pk),
                                                  subject_type="workflows.contentrequest")
    problem = verify_chain()
    assert problem is not None and problem[0] == event.pk


def test_subject_rule(demo):
    request = ContentRequestFactory()

    class Owned:
        def audit_subject(self):
            return request

    assert subject_of(request) is request
    assert subject_of(PublicationFactory(request=request)).pk == request.pk
    assert subject_of(Owned()) is request


def test_broadcast_after_commit_only_and_never_for_generated_history(
        demo, django_capture_on_commit_callbacks):
    heard = []

    def receiver(sender, event, verb, **kwargs):
        heard.append((event.verb, verb.code if verb else None))

    event_recorded.connect(receiver)
    try:
        request = ContentRequestFactory()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            record(by=demo["ana.saude"], verb="update", target=request)
        assert heard == [] and callbacks  # nothing before the commit
        for callback in callbacks:  # the broadcast (and pauta.txmemo's no-op marker)
            callback()
        assert heard == [("update", "update")]
        with django_capture_on_commit_callbacks(execute=True) as callbacks, \
                clock.travel(clock.now()):
            record(by=demo["ana.saude"], verb="update", target=request)
        assert len(heard) == 1  # generated history: not broadcast, even after commit
    finally:
        event_recorded.disconnect(receiver)


def test_unknown_verb_describes_without_its_code(demo):
    event = record(by=demo["ana.saude"], verb="some_future_verb", target=ContentRequestFactory())
    assert "some_future_verb" not in registry.describe(event)


def test_a_code_claimed_by_two_lifecycles_is_refused():
    known = registry.get("submit")
    with pytest.raises(ValueError):
        registry.register(registry.Verb("submit", "x", known.describe,
                                        subject_kind="plans.plan"))
