"""The "checkable" protocol: the engine reads an object only through what its kind registered,
and the gate's verbs come from the kind's action registry."""

import dataclasses
from types import SimpleNamespace

import pytest

from approvals.compliance import checkable as registry
from approvals.compliance.checkable import Checkable, Material, by_slug, checkable_of
from approvals.compliance.gate import gate_levels
from approvals.compliance.models import Severity
from approvals.compliance.selectors import findings_for
from approvals.compliance.tests.conftest import rules_of
from pauta.actions import Action, Registry
from plans.models import Channel
from workflows.actions import ACTIONS
from workflows.models import ContentRequest


def test_the_request_lifecycle_registers_its_checkable():
    found = checkable_of(ContentRequest)
    assert found.model is ContentRequest and found.record_field == "request"
    assert by_slug("requests") is found and by_slug("nothing") is None
    assert found.actions is ACTIONS


def test_the_gated_verbs_come_from_the_action_registry():
    assert gate_levels(ContentRequest, "send_to_review") == (Severity.BLOCKER,)
    assert gate_levels(ContentRequest, "schedule") == (Severity.BLOCKER, Severity.WARNING)
    ungated = [a.verb for a in ACTIONS.actions() if not a.gated]
    assert "accept" in ungated and "publish" in ungated
    assert all(gate_levels(ContentRequest, verb) == () for verb in ungated)
    # A new lifecycle states it on its actions, nothing else: no table keyed by verb names.
    actions = Registry("pilot")
    actions.register(Action("send", None, lambda u, o: True, gated="blockers"))
    actions.register(Action("air", None, lambda u, o: True, gated="warnings"))
    actions.register(Action("note", None, lambda u, o: True))
    pilot = dataclasses.replace(checkable_of(ContentRequest), actions=actions)
    assert pilot.gate_levels("send") == (Severity.BLOCKER,)
    assert pilot.gate_levels("air") == (Severity.BLOCKER, Severity.WARNING)
    assert pilot.gate_levels("note") == () and pilot.gate_levels("unknown") == ()


@pytest.mark.django_db
def test_rules_read_only_the_material_the_kind_hands_over(make, monkeypatch):
    """Swap the request's material for texts that exist nowhere in the database: the rules
    find what is in them, so they read the protocol and not the request's own relations."""
    request = make("Texto sem problemas.")
    assert "personal_data.cpf" not in rules_of(request)
    channel = Channel.objects.get(code="x")
    text = SimpleNamespace(pk=987654, channel=channel, channel_id=channel.pk, title="",
                           body="Dúvidas com a Maria, CPF 529.982.247-25.", excerpt="",
                           scheduled_at=None)
    image = SimpleNamespace(pk=5, original_name="foto.png", content_type="image/png",
                            alt_text="", is_image=True, shows_minors=True,
                            consent_recorded=False)
    swapped = dataclasses.replace(
        checkable_of(ContentRequest),
        material=lambda obj: Material(texts=[text], channels=[channel], media=[image],
                                      kind="news", plan_action=None))
    monkeypatch.setitem(registry._REGISTRY, ContentRequest, swapped)
    findings = findings_for(request)
    rules = {f.rule for f in findings}
    assert {"personal_data.cpf", "channel.alt_text", "personal_data.minors",
            "plan.traceability"} <= rules
    cpf = next(f for f in findings if f.rule == "personal_data.cpf")
    assert cpf.publication_id == 987654 and cpf.channel == channel


def test_kind_choices_come_from_the_registered_kinds():
    from workflows.models import RequestKind

    assert set(RequestKind.values) <= {value for value, _label in registry.kind_choices()}


def test_a_kind_that_publishes_nothing_adds_nothing_to_the_blackout_view(monkeypatch):
    from approvals.compliance.selectors import blackout_items

    silent = Checkable(model=object, slug="silent", record_field="request",
                       material=lambda obj: Material([], [], []), can_view=lambda u, o: True,
                       is_open=lambda o: True, url=lambda o: "/")
    monkeypatch.setattr(registry, "_REGISTRY", {object: silent})
    window = SimpleNamespace(starts_at=None, ends_at=None)
    assert blackout_items(window) == []
