"""Every registered verb reads as a whole translated sentence, and timelines show no codes.

- every verb × pt-BR, pt-PT, en: no raw code (verb, channel, rule, reason, outcome codes), no
  unfilled placeholder, and no English left in Portuguese (the sentence differs from the
  English one, or its msgid is translated in the catalogue);
- every ``record`` call site writes a registered verb;
- a request page whose timeline holds every kind of request event shows none of the codes.
"""

import re
from pathlib import Path

import pytest
from django.utils import translation

from audit import registry
from audit.models import AuditEvent
from audit.services import record
from ideas.models import Idea
from plans.models import Channel, Plan
from surveys.models import Survey

ROOT = Path(__file__).resolve().parents[1]
REASON, RULE, CHANNEL = "insufficient", "channel.signature", "portal"
PAGE = "https://www.valeverde.example/noticias/1"  # a published address (no code in it)
# What the services store in each verb's payload (codes where they store codes).
SAMPLES = {
    "reject": {"reason": REASON, "comment": "Falta o público-alvo."},
    "campaign_reject": {"reason": REASON},
    "decide": {"outcome": "request_changes", "comment": "Ajustar o título.", "step_id": 1},
    "campaign_decide": {"outcome": "reject", "reason": REASON, "comment": "Fora do plano."},
    "draft_text": {"channel": CHANNEL, "length": 120},
    "set_schedule": {"channel": CHANNEL, "to": "2031-05-02T10:00:00+00:00"},
    "reschedule": {"channel": CHANNEL, "from": "2031-05-01T10:00:00+00:00",
                   "to": "2031-05-02T10:00:00+00:00"},
    "compliance_check": {"blockers": 1, "warnings": 2, "trigger": "manual"},
    "compliance_override": {"rule": RULE, "severity": "warning", "reason": "Ciente.",
                            "legal_exception": "market_products", "channel": CHANNEL},
    "compliance_take_down": {"channel": CHANNEL, "window": "Eleições", "reason": "Lei."},
    "publication_divergent": {"channel": CHANNEL, "url": PAGE,
                              "status": 200, "containment": 0.42},
    "publication_gone": {"channel": CHANNEL, "url": PAGE, "status": 404},
    "publication_verified": {"channel": CHANNEL, "url": PAGE},
    "takedown_checklist": {"channel": CHANNEL, "url": PAGE,
                           "error": "The channel answered HTTP 500."},
    "takedown_done": {"channel": CHANNEL, "url": PAGE},
    "takedown_confirm": {"channel": CHANNEL, "url": PAGE},
    "takedown_still_online": {"channel": CHANNEL, "url": PAGE,
                              "status": 200},
    "expiry_set": {"channel": CHANNEL, "at": "2031-05-02T10:00:00+00:00"},
    "expiry_take_down": {"channel": CHANNEL, "at": "2031-05-02T10:00:00+00:00"},
    "return_for_info": {"question": "Qual é o público?"},
    "rate": {"rating": 5},
    "attach": {"name": "foto.jpg"},
    "open_stage": {"stage": 2},
    "campaign_open_stage": {"stage": 2},
    "remind": {"due_date": "2031-05-02"},
    "propose_date": {"from": "2031-05-01", "to": "2031-05-08"},
    "escalate": {"due_date": "2031-05-02", "sla_day": "2031-05-03"},
    "campaign_spend": {"amount": "1234.50", "kind": "paid_media"},
    "campaign_add_piece": {"request": 7},
    "campaign_cancel": {"reason": "Sem verba."},
    "campaign_return_to_draft": {"comment": "Detalhar o objetivo."},
    "plan_entity_change": {"entity": "planaction", "code": "A1"},
    "plan_commitment_record": {"action": "A1", "amount": "500.00"},
    "plan_import_create": {"objectives": 2, "actions": 3, "kpi_targets": 1},
    "audit_trail_export": {"format": "xlsx", "rows": 12},
    "calendar_checklist_apply": {"tasks": 9},
    "calendar_task_add": {"title": "Convites", "owner": None},
    "calendar_task_assign": {"title": "Convites", "due_date": "2031-05-02"},
    "calendar_task_done": {"title": "Convites"},
    "calendar_task_reopen": {"title": "Convites"},
    "idea_decline": {"reason": "Já existe."},
    "idea_comment": {"text": "Apoio."},
    "idea_make_request": {"request": 7, "requester": None},
    "idea_request_filed": {"idea": 3, "requester": None},
    "survey_create": {"questions": 3},
    "survey_update": {"questions": 3},
    "survey_return_to_draft": {"comment": "Pergunte a idade em faixas."},
    "approval_seal": {"digest": "ab12" * 16, "round": 1, "verified_on": "cd34" * 16},
    "reopen_review": {"seal": "ab12" * 16, "on": "schedule"},
    "revision_restore": {"channel": CHANNEL, "number": 1, "new": 3},
    "connector_call": {"channel": CHANNEL, "action": "schedule", "status": "scheduled",
                       "url": "https://valeverde.example/n/1"},
    "connector_failed": {"channel": CHANNEL, "action": "unpublish",
                         "error": "O canal respondeu HTTP 401."},
    "inquiry_register": {"deadline": "2031-05-02T17:00:00+00:00"},
    "inquiry_forward": {"note": "Até as 15h."},
    "inquiry_decide": {"outcome": "request_changes", "comment": "Mais curta.", "step_id": 1},
    "inquiry_open_stage": {"stage": 2},
    "inquiry_reject": {"reason": REASON},
    "inquiry_decline": {"reason": "Fora da competência."},
    "inquiry_no_position": {"reason": "Sem comentários."},
    "inquiry_on_record": {"on_record": True},
    "inquiry_overdue": {"deadline": "2031-05-02T17:00:00+00:00", "state": "with_secretariat"},
    "interview_propose": {"at": "2031-05-03T10:00:00+00:00", "spokesperson": 1},
    "inquiry_update": {"fields": ["deadline"]},
    "journalist_update": {"fields": ["beats"]},
    "distribution_start": {"recipients": 2000},
    "absence_record": {"person": "Elisa Lima", "kind": "vacation", "from": "2031-05-05",
                       "to": "2031-05-09"},
    "absence_change": {"person": "Elisa Lima", "kind": "training", "from": "2031-05-05",
                       "to": "2031-05-06", "was": {"person": "Elisa Lima", "kind": "vacation",
                                                   "from": "2031-05-05", "to": "2031-05-09"}},
    "absence_remove": {"person": "Elisa Lima", "kind": "leave", "from": "2031-05-05",
                       "to": "2031-05-09"},
}
CODES = (REASON, RULE, CHANNEL, "request_changes", "market_products", "paid_media", "(Approver)",
         "Approver", "%(", ")s")


def _sms_request(demo):
    from org.models import Secretariat
    from workflows import services

    return services.request_create(by=demo["ana.saude"], kind="news", title="Dengue",
                                   brief="b", secretariat=Secretariat.objects.get(acronym="SMS"))


def _event(verb, demo, request, campaign):
    """An unsaved event of ``verb`` on a demo object of its subject kind."""
    from press.models import Inquiry, Journalist, Outlet

    subjects = {"workflows.contentrequest": request, "campaigns.campaign": campaign,
                "workflows.campaign": campaign,
                "plans.plan": Plan.objects.first(), "plans.channel": Channel.objects.first(),
                "ideas.idea": Idea.objects.first(), "surveys.survey": Survey.objects.first(),
                "press.inquiry": Inquiry.objects.first(),
                "press.journalist": Journalist.objects.first(),
                "press.outlet": Outlet.objects.first()}
    subject = subjects.get(verb.subject_kind)
    subject_id = str(subject.pk) if subject is not None else "0"
    return AuditEvent(actor=demo["diego.editor"], verb=verb.code,
                      payload=SAMPLES.get(verb.code, {}),
                      target_type=verb.subject_kind, target_id=subject_id,
                      subject_type=verb.subject_kind, subject_id=subject_id,
                      request=request if verb.subject_kind == "workflows.contentrequest" else None)


@pytest.mark.parametrize("language", ["pt-br", "pt-pt"])
def test_every_verb_reads_translated_in_portuguese_and_without_codes(demo, language):
    from campaigns.tests.test_services import make_campaign

    campaign = make_campaign(demo["ana.saude"])
    request = _sms_request(demo)
    assert len(registry.verbs()) >= 80
    problems = []
    for verb in registry.verbs():
        event = _event(verb, demo, request, campaign)
        with translation.override("en"):
            english = [registry.describe(event), registry.notice(event)]
        with translation.override(language):
            portuguese = [registry.describe(event), registry.notice(event)]
        # A one-word code can be an English word ("comment"); compound codes never are.
        for sentence in (*portuguese, *(english if "_" in verb.code else ())):
            if re.search(rf"\b{verb.code}\b", sentence):
                problems.append(f"{verb.code}: its code in “{sentence}”")
        for sentence in (*english, *portuguese):
            if any(c in sentence for c in CODES):
                problems.append(f"{verb.code}: a raw code in “{sentence}”")
            if not sentence.rstrip("”").endswith((".", ")")):
                problems.append(f"{verb.code}: not a whole sentence: “{sentence}”")
        for en, pt in zip(english, portuguese, strict=True):
            if en == pt:
                problems.append(f"{verb.code}: untranslated in {language}: “{pt}”")
    assert not problems, "\n".join(problems)


def test_every_record_call_site_writes_a_registered_verb():
    codes = set()
    for path in ROOT.glob("*/**/*.py"):
        # Product code only: tests and the benchmarks write synthetic verbs of their own.
        if {".venv", "tests", "migrations", "bench"} & set(path.parts):
            continue
        text = path.read_text()
        # Campaign and plan lifecycle words are stored with their prefix (campaign_, plan_).
        prefix = {("campaigns", "services.py"): "campaign_",
                  ("ideas", "services.py"): "idea_",
                  ("clipping", "services.py"): "clip_",
                  ("press", "services.py"): "inquiry_",
                  ("surveys", "services.py"): "survey_"}.get(path.parts[-2:], "")
        if path.parts[-2:] == ("plans", "services.py"):
            prefix = "plan_"
        codes |= {prefix + c if prefix and not c.startswith(prefix) else c
                  for c in re.findall(r'\bverb ?= ?"([a-z_]+)"', text)}
    # Codes built from a lifecycle verb: plans, campaigns, ideas, the catalogue.
    codes |= {f"idea_{v}" for v in ("study", "accept", "decline", "complete")}
    codes |= {f"plan_{v}" for v in ("submit", "approve", "return_to_draft", "revise", "close")}
    codes |= {f"campaign_{v}" for v in ("submit", "return_to_draft", "send_to_approval",
                                        "approve", "reject", "request_changes", "start",
                                        "close", "cancel")}
    codes |= {f"{m}_{w}" for m in ("channel", "audience")
              for w in ("create", "change", "activate", "deactivate", "delete")}
    missing = sorted(c for c in codes if registry.get(c) is None)
    assert len(codes) > 70
    assert not missing, missing


def test_request_timeline_with_every_kind_of_event_shows_no_code(client, demo):
    request = _sms_request(demo)
    kinds = [v for v in registry.verbs() if v.subject_kind == "workflows.contentrequest"
             and v.code != "comment"]  # comments show as comments, with their text
    for verb in kinds:
        record(by=demo["fernanda.chefe"], verb=verb.code, target=request,
               payload=SAMPLES.get(verb.code, {}))
    client.force_login(demo["fernanda.chefe"])
    with translation.override("en"):
        html = client.get(f"/requests/{request.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    timeline = html[html.index('id="timeline-h"'):]
    timeline = timeline[:timeline.index("</ol>")]
    assert timeline.count("<li>") >= len(kinds)
    for verb in kinds:
        assert not re.search(rf"\b{verb.code}\b", timeline), verb.code
    for code in (REASON, RULE, "request_changes", "market_products", "(Approver)"):
        assert code not in timeline, code
    assert not re.search(rf"\b{CHANNEL}\b", timeline)  # the name "Portal da Prefeitura" shows
    assert "Portal da Prefeitura" in timeline
