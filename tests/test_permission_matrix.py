"""Every URL pattern × every demo role × an object of an own and of another secretariat.

``MATRIX`` holds the expected answer of each cell: ``Y`` (the page or action is served: 2xx,
304, or a redirect that is not to the login page) or ``N`` (401, 403, 404, or a redirect to the
login page). Each URL's row has one pair per role, in ``ROLES`` order: the first letter for
the "own" object, the second for the "other" one (see ``tests/permission_world.py``).

A URL pattern without a row fails ``test_every_url_has_a_row``: whoever adds a URL decides
who may reach it. The Django admin is one row for all its patterns: staff only.
Each row is its own test (``test_permission_matrix[<url name>]``), so xdist spreads them; the
objects are built once per module (``world``). Run with ``PERMISSION_MATRIX_PRINT=1 -s`` to
print the observed rows (to write a new one).
"""

import os
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from pauta import clock
from press.release_files import file_token
from tests.permission_world import SUBJECTS, build_world, png

ROLES = list(SUBJECTS)  # anon requester editor approver legal manager auditor admin


@dataclass(frozen=True)
class Row:
    expect: str  # one pair per role, e.g. "NN YN YY YY NN YY YY YY"
    method: str = "GET"
    kwargs: object = None  # (world, username, own) -> URL kwargs
    data: object = None  # (world, username, own) -> POST data
    query: str = ""
    json: bool = False


def _req(field):
    return lambda w, u, own: {"pk": getattr(w.scope(own), field)}


def _checked(field, kind="requests"):  # a compliance page: /compliance/<kind>/<pk>/
    return lambda w, u, own: {"kind": kind, "pk": getattr(w.scope(own), field)}


def _in(*fields):
    return lambda w, u, own: {name: getattr(w.scope(own), f) for name, f in fields}


def _plan(**extra):
    return lambda w, u, own: {"pk": w.plan, **extra}


def _first_outlet():
    from press.models import Outlet

    return Outlet.objects.order_by("pk").values_list("pk", flat=True).first()


def _api(body):
    return lambda w, u, own: body


def _channel(w, u, own):
    return {"kind": "channels", "pk": w.scope(own).channel}


def _revision(w, u, own):
    from publishing.models import Revision

    return {"pk": Revision.objects.filter(publication__request_id=w.scope(own).request)
            .order_by("number").values_list("pk", flat=True).first()}
def _evidence(w, u, own):
    from publishing.models import TakedownEvidence
    from workflows.models import Publication

    publication = Publication.objects.filter(request_id=w.scope(own).request).first()
    evidence, _new = TakedownEvidence.objects.get_or_create(
        publication=publication, defaults={"cause": "blackout", "mode": "manual",
                                           "url": "https://portal.example/noticia"})
    return {"pk": evidence.pk}


def _publication(w, u, own):  # the approved request's piece (its take-down may be set)
    return {"pk": w.scope(own).approved_piece}


def _media(name, **extra):
    """The media bank's object ``name`` (both columns: the library is the team's, not a
    secretariat's); ``extra`` values naming another object (``person_pk="person"``) are
    replaced by its pk."""
    return lambda w, u, own: {"pk": w.media[name], **{
        k: w.media.get(v, v) for k, v in extra.items()}}


def _soon(w, u, own):
    return {"start": (clock.now() + timedelta(days=3)).replace(microsecond=0).isoformat()}


ALL, SIGNED_IN, STAFF = "YY " * 8, "NN " + "YY " * 7, "NN " * 7 + "YY"
CLIP_READERS, CLIP_ANALYST = "NN NN YY YY NN YY YY YY", STAFF


def _clipping(key):
    return lambda w, u, own: {"pk": w.clipping[key]}
# Roles:      anon requester editor approver legal manager auditor admin
MATRIX = {
    "home": Row(SIGNED_IN),
    "health": Row(ALL),
    "accessibility": Row(ALL),
    "brand_css": Row(ALL),
    "login": Row(ALL),
    "logout": Row(ALL, "POST"),
    "javascript-catalog": Row(ALL),
    "org:set_language": Row(ALL, "POST", data=lambda w, u, own: {"language": "en"}),
    "plans:list": Row("NN NN YY YY YY YY YY YY"),
    "plans:create": Row("NN NN NN NN NN YY NN YY", "POST",
                        data=lambda w, u, own: {"year": clock.today().year + 4, "title": "P"}),
    "plans:import": Row("NN NN NN NN NN YY NN YY"),
    "plans:template": Row("NN NN YY YY YY YY YY YY"),
    "plans:detail": Row("NN NN YY YY YY YY YY YY", kwargs=_plan()),
    "plans:export": Row("NN NN YY YY YY YY YY YY", kwargs=_plan()),
    "plans:transition": Row("NN NN NN NN NN YY NN YY", "POST",
                            kwargs=lambda w, u, own: {"pk": w.approved_plan, "verb": "close"}),
    "plans:entity_create": Row("NN NN NN NN NN YY NN YY", kwargs=_plan(kind="objective")),
    "plans:entity_edit": Row("NN NN NN NN NN YY NN YY",
                             kwargs=lambda w, u, own: {"pk": w.plan, "kind": "objective",
                                                       "entity_pk": w.objective}),
    "plans:entity_delete": Row("NN NN NN NN NN YY NN YY", "POST",
                               kwargs=lambda w, u, own: {"pk": w.plan, "kind": "objective",
                                                         "entity_pk": w.objective}),
    # Channels and audiences: the team reads them, the manager changes them (the channel is in
    # use, so "delete" answers with a redirect and a message: served, nothing deleted).
    "plans:catalogue_list": Row("NN NN YY YY YY YY YY YY", kwargs=lambda w, u, own: {
        "kind": "audiences"}),
    "plans:catalogue_create": Row("NN NN NN NN NN YY NN YY", kwargs=lambda w, u, own: {
        "kind": "channels"}),
    "plans:catalogue_edit": Row("NN NN NN NN NN YY NN YY", kwargs=_channel),
    "plans:catalogue_active": Row("NN NN NN NN NN YY NN YY", "POST", kwargs=_channel,
                                  data=lambda w, u, own: {"active": "0"}),
    "plans:catalogue_delete": Row("NN NN NN NN NN YY NN YY", "POST", kwargs=_channel),
    "workflows:list": Row(SIGNED_IN),
    "workflows:create": Row(SIGNED_IN),
    "workflows:detail": Row("NN YN YY YY NN YY YY YY", kwargs=_req("request")),
    "workflows:edit": Row("NN YN NN NN NN NN NN NN", kwargs=_req("draft")),
    "workflows:action": Row("NN YN NN NN NN NN NN NN", "POST",
                            kwargs=lambda w, u, own: {"pk": w.scope(own).request,
                                                      "action": "withdraw"}),
    "workflows:publication": Row("NN NN YY NN NN NN NN NN",
                                 kwargs=_in(("pk", "request"), ("channel_pk", "channel"))),
    "workflows:attach": Row("NN NN YY NN NN NN NN NN", "POST", kwargs=_req("request"),
                            data=lambda w, u, own: {"file": png(), "alt_text": "Logo"}),
    "workflows:attachment": Row("NN YN YY YY NN YY YY YY",
                                kwargs=_in(("pk", "request"), ("attachment_pk", "attachment"))),
    # The team's workload: the team, the head of communication (approver), KPI readers.
    "workflows:workload": Row("NN NN YY YY NN YY YY YY"),
    "workflows:decide": Row("NN YN NN NN NN NN NN NN",
                            kwargs=_in(("pk", "review"), ("step_pk", "step"))),
    "notifications:list": Row(SIGNED_IN),
    "notifications:read": Row("NN YN YN YN YN YN YN YN", "POST",
                              kwargs=lambda w, u, own: {"pk": w.note(u, own)}),
    "notifications:read_all": Row(SIGNED_IN, "POST"),
    "notifications:digest": Row(SIGNED_IN, "POST"),
    "calendars:calendar": Row(SIGNED_IN),
    "calendars:data": Row(SIGNED_IN, query="start=2026-01-01T00:00:00Z&end=2027-01-01T00:00:00Z"),
    "calendars:move": Row("NN NN YY NN NN NN NN YY", "POST", json=True,
                          kwargs=_req("approved_piece"), data=_soon),
    # Dragging a planned piece (the request in production) proposes a new desired date: the
    # team (and the administrator), on any request it sees.
    "calendars:propose_date": Row("NN NN YY NN NN NN NN YY", "POST", json=True,
                                  kwargs=_req("request"), data=lambda w, u, own: {
                                      "start": (clock.today() + timedelta(days=20)).isoformat()}),
    "calendars:event_list": Row(SIGNED_IN),
    "calendars:event_create": Row("NN NN YY NN NN NN NN YY"),
    "calendars:event_import": Row("NN NN YY NN NN NN NN YY"),
    "calendars:event_detail": Row("NN YN YY YY YY YY YY YY", kwargs=_req("event")),
    "calendars:event_edit": Row("NN NN YY NN NN NN NN YY", kwargs=_req("event")),
    "calendars:event_remove": Row("NN NN YY NN NN NN NN YY", "POST", kwargs=_req("event")),
    # Whoever acts for some secretariat may ask coverage of an event they see.
    # An event's production tasks: event managers; the owner (diego.editor) ticks his off.
    "calendars:event_task_add": Row("NN NN YY NN NN NN NN YY", "POST", kwargs=_req("event")),
    "calendars:event_checklist": Row("NN NN YY NN NN NN NN YY", "POST", kwargs=_req("event")),
    "calendars:event_task_assign": Row("NN NN YY NN NN NN NN YY", "POST",
                                       kwargs=_in(("pk", "event"), ("task_pk", "task"))),
    "calendars:event_task_done": Row("NN NN YY NN NN NN NN YY", "POST",
                                     kwargs=_in(("pk", "event"), ("task_pk", "task"))),
    "calendars:event_task_request": Row("NN NN YY NN NN NN NN YY", "POST",
                                        kwargs=_in(("pk", "event"), ("task_pk", "task"))),
    # Guests and authorities (personal data): event managers keep the list; the team that
    # sees the whole calendar reads it and prints the protocol order.
    "calendars:event_guest_add": Row("NN NN YY NN NN NN NN YY", "POST", kwargs=_req("event"),
                                     data=lambda w, u, own: {"new-guest-name": "Nova",
                                                             "new-guest-precedence": "4"}),
    "calendars:event_guest_edit": Row("NN NN YY NN NN NN NN YY", "POST",
                                      kwargs=_in(("pk", "event"), ("guest_pk", "guest"))),
    "calendars:event_guest_remove": Row("NN NN YY NN NN NN NN YY", "POST",
                                        kwargs=_in(("pk", "event"), ("guest_pk", "guest"))),
    "calendars:event_guests_erase": Row("NN NN YY NN NN NN NN YY", "POST", kwargs=_req("event")),
    "calendars:event_guests_invite": Row("NN NN YY NN NN NN NN YY", "POST",
                                         kwargs=_req("event")),
    "calendars:event_protocol": Row("NN NN YY YY YY YY YY YY", kwargs=_req("event")),
    # A guest's RSVP page: no login, the signed token is the key (anonymous visitors too).
    "rsvp": Row(ALL, kwargs=lambda w, u, own: {"token": w.scope(own).guest_token}),
    "calendars:event_coverage": Row("NN YN YY YY YY YY NN NN", kwargs=_req("event")),
    # The team's absences: the head of communication (approver) and the manager record
    # anyone's; an editor only their own ("own": diego.editor's, "other": elisa.editora's).
    "calendars:absences": Row("NN NN YY YY NN YY NN YY"),
    "calendars:absence_edit": Row("NN NN YN YY NN YY NN YY",
                                  kwargs=lambda w, u, own: {"pk": w.absence(own)}),
    "calendars:absence_remove": Row("NN NN YN YY NN YY NN YY", "POST",
                                    kwargs=lambda w, u, own: {"pk": w.absence(own)}),
    "calendars:feeds": Row(SIGNED_IN),
    "calendars:feed_edit": Row("NN YN YN YN YN YN YN YN",
                               kwargs=lambda w, u, own: {"pk": w.feed(u, own)}),
    "calendars:feed_rotate": Row("NN YN YN YN YN YN YN YN", "POST",
                                 kwargs=lambda w, u, own: {"pk": w.feed(u, own)}),
    "calendars:feed_revoke": Row("NN YN YN YN YN YN YN YN", "POST",
                                 kwargs=lambda w, u, own: {"pk": w.feed(u, own)}),
    # The secret token is the permission: whoever holds it reads the feed.
    "feeds:ics": Row(ALL, kwargs=lambda w, u, own: {"token": w.token(u, own)}),
    # Offered to approvers and managers (and administrators); the code page and turning it
    # off answer everyone signed in (nothing to do without a device).
    "twofactor:setup": Row("NN NN NN YY NN YY NN YY"),
    # A new phone: offered to the same people (without a device it sends them to enrol).
    "twofactor:replace": Row("NN NN NN YY NN YY NN YY"),
    "twofactor:verify": Row(SIGNED_IN),
    "twofactor:disable": Row(SIGNED_IN, "POST"),
    # --- Added after the merge (campaigns, compliance, KPIs, API, news) -----------------
    # The traceability JSON feeds the request form's plan-action picker: everyone signed in.
    "plans:open_actions": Row("NN YY YY YY YY YY YY YY"),
    "plans:commitment_create": Row("NN NN NN NN NN YY NN YY", "POST",
                                   kwargs=lambda w, u, own: {"pk": w.approved_plan}),
    "plans:commitment_delete": Row("NN NN NN NN NN YY NN YY", "POST", kwargs=lambda w, u, own: {
        "pk": w.approved_plan, "commitment_pk": w.commitment}),
    "campaigns:list": Row("NN YY YY YY YY YY YY YY"),
    "campaigns:create": Row("NN YY YY YY YY YY YY YY"),
    "campaigns:spend": Row("NN YY YY YY YY YY YY YY",
                           kwargs=lambda w, u, own: {"year": clock.today().year}),
    # Campaigns: the requester side is the campaign's secretariat; legal only when routed.
    "campaigns:detail": Row("NN YN YY YY NN YY YY YY", kwargs=_req("campaign")),
    "campaigns:edit": Row("NN YN NN NN NN NN NN NN", kwargs=_req("campaign")),
    "campaigns:action": Row("NN YN NN NN NN NN NN NN", "POST", kwargs=lambda w, u, own: {
        "pk": w.scope(own).campaign, "action": "submit"}),
    # Its first pending step is the secretariat head's validation (the requester side).
    "campaigns:decide": Row("NN YN NN NN NN NN NN NN",
                            kwargs=_in(("pk", "campaign_review"), ("step_pk", "campaign_step"))),
    # Staff ideas: everyone signed in reads, proposes, supports; the team triages.
    "ideas:list": Row(SIGNED_IN),
    "ideas:create": Row(SIGNED_IN),
    "ideas:detail": Row(SIGNED_IN, kwargs=lambda w, u, own: {"pk": w.idea}),
    "ideas:attachment": Row(SIGNED_IN, kwargs=lambda w, u, own: {
        "pk": w.idea, "attachment_pk": w.idea_file}),
    "ideas:action": Row("NN NN YY YY NN NN NN YY", "POST", kwargs=lambda w, u, own: {
        "pk": w.idea, "action": "study"}),
    # Turning an accepted idea into a request: whoever may file requests for a secretariat
    # (the team for DICOM, its own; the auditor and the administrator file none).
    "ideas:make_request": Row("NN YY YY YY YY YY NN NN",
                              kwargs=lambda w, u, own: {"pk": w.accepted_idea}),
    # Turning it into a campaign: the same people (campaigns are filed for one's secretariats).
    # Turning it into an action of the plan in draft: whoever edits the plan (the world's
    # plans: is one in draft?).
    "ideas:make_plan_action": Row("NN NN NN NN NN YY NN YY",
                                  kwargs=lambda w, u, own: {"pk": w.accepted_idea}),
    "ideas:make_campaign": Row("NN YY YY YY YY YY NN NN",
                               kwargs=lambda w, u, own: {"pk": w.accepted_idea}),
    # Surveys: the team and the manager build them, the approver approves, auditors read;
    # anyone answers an open public survey.
    "surveys:list": Row("NN NN YY YY NN YY YY YY"),
    "surveys:create": Row("NN NN YY NN NN YY NN YY"),
    "surveys:detail": Row("NN NN YY YY NN YY YY YY", kwargs=lambda w, u, own: {"pk": w.survey}),
    "surveys:edit": Row("NN NN YY NN NN YY NN YY",
                        kwargs=lambda w, u, own: {"pk": w.draft_survey}),
    "surveys:action": Row("NN NN YY NN NN YY NN YY", "POST", kwargs=lambda w, u, own: {
        "pk": w.draft_survey, "action": "submit"}),
    # The decision page of the head of communication's step: the approvers only.
    "surveys:decide": Row("NN NN NN YY NN NN NN NN", kwargs=lambda w, u, own: {
        "pk": w.review_survey, "step_pk": w.survey_step}),
    "surveys:results": Row("NN NN YY YY NN YY YY YY",
                           kwargs=lambda w, u, own: {"pk": w.survey}),
    "surveys:export": Row("NN NN YY YY NN YY YY YY", kwargs=lambda w, u, own: {"pk": w.survey}),
    "surveys:yearly": Row("NN NN YY YY NN YY YY YY", kwargs=lambda w, u, own: {"pk": w.survey}),
    "surveys:export_csv": Row("NN NN YY YY NN YY YY YY",
                              kwargs=lambda w, u, own: {"pk": w.survey}),
    "surveys:answer": Row(ALL, kwargs=lambda w, u, own: {"slug": w.survey_slug}),
    # The published results of a survey: anyone, without signing in (no free text shown).
    "surveys:public_results": Row(ALL, kwargs=lambda w, u, own: {
        "slug": w.published_survey_slug}),
    "compliance:findings": Row("NN YN YY YY YY YY YY YY", kwargs=_checked("request")),
    "compliance:check": Row("NN NN YY YY YY NN NN YY", "POST", kwargs=_checked("request")),
    "compliance:override": Row("NN NN NN YY YY NN NN YY", "POST",
                               kwargs=_checked("request")),
    "compliance:blackout": Row("NN NN YY YY YY NN NN YY"),
    # The media bank: the team's library (requesters do not browse it); people and consents
    # for who keeps them (editors) and the auditor; the public gallery for everybody.
    "media:library": Row("NN NN YY YY YY YY YY YY"),
    "media:upload": Row("NN NN YY NN NN NN NN YY"),
    "media:batch": Row("NN NN YY NN NN NN NN YY", kwargs=_media("batch")),
    "media:batch_status": Row("NN NN YY NN NN NN NN YY", kwargs=_media("batch")),
    "media:batch_add": Row("NN NN YY NN NN NN NN NN", "POST", kwargs=_media("batch"),
                           data=lambda w, u, own: {"files": png("mais.png"), "last": "1"}),
    "media:asset": Row("NN NN YY YY YY YY YY YY", kwargs=_media("asset")),
    "media:asset_edit": Row("NN NN YY NN NN NN NN YY", kwargs=_media("asset")),
    "media:asset_file": Row("NN NN YY YY YY YY YY YY",
                            kwargs=_media("asset", variant="thumbnail")),
    "media:tag": Row("NN NN YY NN NN NN NN YY", "POST", kwargs=_media("asset"),
                     data=lambda w, u, own: {"tag-person": w.media["person"]}),
    "media:untag": Row("NN NN YY NN NN NN NN YY", "POST",
                       kwargs=_media("asset", person_pk="person")),
    # Attach and remove: the request's assigned editor (as for its attachments).
    "media:attach": Row("NN NN YY NN NN NN NN NN", "POST", kwargs=_media("asset"),
                        data=lambda w, u, own: {"attach-request": w.scope(own).request,
                                                "attach-purpose": "social"}),
    "media:album_add": Row("NN NN YY NN NN NN NN YY", "POST", kwargs=_media("asset"),
                           data=lambda w, u, own: {"album-album": w.media["album"]}),
    "media:detach": Row("NN NN YY NN NN NN NN NN", "POST", kwargs=_media("use")),
    # the request form's picker: library readers, and requesters for their secretariat's assets
    "media:picker_search": Row("NN YY YY YY YY YY YY YY", query="q=matriz"),
    "media:picker_thumb": Row("NN YY YY YY YY YY YY YY", kwargs=_media("asset")),
    "media:take_down": Row("NN NN YY NN NN NN NN YY", "POST", kwargs=_req("request")),
    "media:flag_resolve": Row("NN NN YY NN NN NN NN YY", "POST", kwargs=_media("flag"),
                              data=lambda w, u, own: {"note": "Foto trocada."}),
    "media:albums": Row("NN NN YY YY YY YY YY YY"),
    "media:album": Row("NN NN YY YY YY YY YY YY", kwargs=_media("album")),
    "media:people": Row("NN NN YY NN NN NN YY YY"),
    "media:person_create": Row("NN NN YY NN NN NN NN YY"),
    "media:person": Row("NN NN YY NN NN NN YY YY", kwargs=_media("person")),
    "media:consent_create": Row("NN NN YY NN NN NN NN YY", kwargs=_media("person")),
    "media:consent_action": Row("NN NN YY NN NN NN NN YY", "POST",
                                kwargs=_media("consent", action="withdraw"),
                                data=lambda w, u, own: {"on": clock.today().isoformat()}),
    "media:consent_document": Row("NN NN YY NN NN NN YY YY", kwargs=_media("consent")),
    "media:gallery": Row(ALL),
    "media:gallery_album": Row(ALL, kwargs=_media("album")),
    "media:public_file": Row(ALL, kwargs=_media("asset", variant="web")),
    "reports:dashboard": Row("NN YY YY YY YY YY YY YY"),
    "reports:export": Row("NN YY YY YY YY YY YY YY"),
    # KPIs: requesters see their own secretariats only; view_kpis roles see everything.
    "reports:export_status": Row("NN YN NN YY NN YY YY YY", kwargs=_req("export")),
    "reports:export_download": Row("NN YN NN YY NN YY YY YY", kwargs=_req("export")),
    "reports:subscription": Row("NN NN NN YY NN YY YY YY", "POST",
                                data=lambda w, u, own: {"active": "1"}),
    "news:feed": Row("YY YY YY YY YY YY YY YY"),
    # publishing: a text's history is read by whoever sees the request; the editor restores.
    "publishing:revisions": Row("NN YN YY YY NN YY YY YY",
                                kwargs=_in(("pk", "request"), ("channel_pk", "channel"))),
    "publishing:revision": Row("NN YN YY YY NN YY YY YY", kwargs=_revision),
    "publishing:restore": Row("NN NN YY NN NN NN NN NN", "POST", kwargs=_revision),
    # take-downs: whoever may take pieces down sees the checklist and confirms; the team
    # schedules a piece's take-down (an empty date clears it).
    "publishing:checklist": Row("NN NN YY NN NN NN NN YY"),
    "publishing:takedown_confirm": Row("NN NN YY NN NN NN NN YY", "POST", kwargs=_evidence),
    "publishing:expiry": Row("NN NN YY NN NN NN NN YY", "POST", kwargs=_publication),
    # The public news page; one piece's page only once published (the approved one is not).
    "public_news:list": Row(ALL),
    "public_news:item": Row("NN " * 8, kwargs=lambda w, u, own: {
        "pk": w.scope(own).approved_piece}),
    "news:secretariat_feed": Row("YY YY YY YY YY YY YY YY", kwargs=lambda w, u, own: {
        "acronym": "SMS" if own else "SEMED"}),
    "api-schema": Row("YY YY YY YY YY YY YY YY"),
    "api-docs": Row("YY YY YY YY YY YY YY YY"),
    "api:tokens": Row("NN YY YY YY YY YY YY YY"),
    "api:token_revoke": Row("NN YN YN YN YN YN YN YN", "POST",
                            kwargs=lambda w, u, own: {"pk": w.api_token(u, own)}),
    # API actions on a request in production: most moves are refused by its state (409)
    # for everyone; what remains is who may comment, assign, write the text, withdraw.
    # Indicator definitions hold no data; values follow the dashboard's scope (reports.permissions).
    "v1:indicator-list": Row("NN YY YY YY YY YY YY YY"),
    "v1:indicator-values": Row("NN YY YY YY YY YY YY YY"),
    "v1:request-list": Row("NN YY YY YY YY YY YY YY"),
    "v1:request-detail": Row("NN YN YY YY NN YY YY YY", kwargs=_req("request")),
    "v1:request-submit": Row("NN YN NN NN NN NN NN NN", "POST", kwargs=_req("draft")),
    "v1:request-accept": Row("NN NN NN NN NN NN NN NN",
                             "POST", kwargs=_req("request"), data=_api({})),
    "v1:request-assign": Row("NN NN YY NN NN NN NN YY", "POST", kwargs=_req("request"),
                             data=_api({"assignee": "diego.editor"})),
    "v1:request-return_for_info": Row("NN NN NN NN NN NN NN NN", "POST", kwargs=_req("request"),
                                      data=_api({"question": "Onde?"})),
    "v1:request-answer_info": Row("NN NN NN NN NN NN NN NN", "POST", kwargs=_req("request"),
                                  data=_api({"answer": "Aqui"})),
    "v1:request-reject": Row("NN NN NN NN NN NN NN NN", "POST", kwargs=_req("request"),
                             data=_api({"reason": "promotion"})),
    "v1:request-withdraw": Row("NN YN NN NN NN NN NN NN",
                               "POST", kwargs=_req("request"), data=_api({})),
    "v1:request-send_to_review": Row("NN NN NN NN NN NN NN NN", "POST", kwargs=_req("request")),
    "v1:request-schedule": Row("NN NN NN NN NN NN NN NN",
                               "POST", kwargs=_req("request"), data=_api({})),
    "v1:request-publish": Row("NN NN NN NN NN NN NN NN",
                              "POST", kwargs=_req("request"), data=_api({})),
    "v1:request-archive": Row("NN NN NN NN NN NN NN NN", "POST", kwargs=_req("request")),
    "v1:request-rate": Row("NN NN NN NN NN NN NN NN",
                           "POST", kwargs=_req("request"), data=_api({"score": 5})),
    "v1:request-comment": Row("NN YN YY YY NN NN NN YY", "POST", kwargs=_req("request"),
                              data=_api({"body": "Comentário"})),
    "v1:request-text": Row("NN NN YY NN NN NN NN NN", "POST", kwargs=_req("request"),
                           data=_api({"channel": "portal", "title": "T", "body": "B"})),
    "v1:request-decide": Row("NN YN NN NN NN NN NN NN",
                             "POST", kwargs=_in(("pk", "review"), ("step_id", "step")),
                             data=_api({"outcome": "approve"})),
    "v1:decision-list": Row("NN YY YY YY YY YY YY YY"),
    "v1:decision-detail": Row("NN YN YY YY NN YY YY YY", kwargs=_req("decision")),
    "v1:publication-list": Row("NN YY YY YY YY YY YY YY"),
    "v1:publication-detail": Row("NN YN YY YY NN YY YY YY", kwargs=_req("approved_piece")),
    "v1:event-list": Row("NN YY YY YY YY YY YY YY"),
    "v1:event-detail": Row("NN YN YY YY YY YY YY YY", kwargs=_req("event")),
    "v1:media-asset-list": Row("NN NN YY YY YY YY YY YY"),
    "v1:media-asset-detail": Row("NN NN YY YY YY YY YY YY", kwargs=_media("asset")),
    "v1:media-album-list": Row("NN NN YY YY YY YY YY YY"),
    "v1:media-album-detail": Row("NN NN YY YY YY YY YY YY", kwargs=_media("album")),
    "v1:plan-list": Row("NN NN YY YY YY YY YY YY"),
    "v1:plan-detail": Row("NN NN YY YY YY YY YY YY",
                          kwargs=lambda w, u, own: {"pk": w.approved_plan}),
    "v1:plan-action-list": Row("NN NN YY YY YY YY YY YY"),
    "v1:plan-action-detail": Row("NN NN YY YY YY YY YY YY",
                                 kwargs=lambda w, u, own: {"pk": w.plan_action}),
    # The press desk's read-only API: press officers and the readers of every inquiry.
    "v1:press-inquiry-list": Row("NN NN NN YY NN YY YY YY"),
    "v1:press-inquiry-detail": Row("NN NN NN YY NN YY YY YY", kwargs=_req("inquiry")),
    "v1:press-outlet-list": Row("NN NN NN YY NN YY YY YY"),
    "v1:press-outlet-detail": Row("NN NN NN YY NN YY YY YY",
                                  kwargs=lambda w, u, own: {"pk": _first_outlet()}),
    # The whole audit trail and its exports: auditors (audit.view_auditevent) and admins.
    "audit:trail": Row("NN NN NN NN NN NN YY YY"),
    "audit:export_csv": Row("NN NN NN NN NN NN YY YY"),
    "audit:export_xlsx": Row("NN NN NN NN NN NN YY YY"),
    # Clipping: the team and report readers see clips; the clipping analyst (and admin) acts.
    "clipping:list": Row(CLIP_READERS),
    "clipping:enter": Row(CLIP_ANALYST),
    "clipping:detail": Row(CLIP_READERS, kwargs=_clipping("clip")),
    "clipping:action": Row(CLIP_ANALYST, "POST", kwargs=lambda w, u, own: {
        "pk": w.clipping["clip"], "action": "discard"}),
    "clipping:file": Row(CLIP_READERS, kwargs=_clipping("clip")),
    "clipping:repercussion": Row(CLIP_READERS),
    "clipping:sources": Row(CLIP_READERS),
    "clipping:source_edit": Row(CLIP_ANALYST, kwargs=_clipping("source")),
    "clipping:source_check": Row(CLIP_ANALYST, "POST", kwargs=_clipping("source")),
    "clipping:terms": Row(CLIP_READERS),
    "clipping:digests": Row(CLIP_READERS),
    "clipping:digest_build": Row(CLIP_ANALYST, "POST"),
    "clipping:digest_pdf": Row(CLIP_READERS, kwargs=_clipping("digest")),
    "clipping:subscribe": Row(CLIP_ANALYST, "POST", data=lambda w, u, own: {
        "name": "Matriz", "email": "matriz@example.org"}),
    # The e-mail's link: the token is the permission.
    "clipping:unsubscribe": Row(ALL, kwargs=lambda w, u, own: {"token": w.clipping["token"]}),
    # --- The press desk (issue 18) ------------------------------------------------------
    # Press officers (elisa.editora in the demo; here only the admin holds the permission,
    # the matrix's editor has none) run the desk; approvers, managers and auditors read every
    # inquiry; the secretariat concerned reads its own once forwarded and gives the facts.
    "press:inbox": Row("NN NN NN YY NN YY YY YY"),
    "press:create": Row("NN NN NN NN NN NN NN YY"),
    "press:detail": Row("NN YN NN YY NN YY YY YY", kwargs=_req("inquiry")),
    "press:edit": Row("NN NN NN NN NN NN NN YY", kwargs=_req("inquiry")),
    "press:action": Row("NN YN NN NN NN NN NN NN", "POST", kwargs=lambda w, u, own: {
        "pk": w.scope(own).inquiry, "action": "facts"},
        data=lambda w, u, own: {"facts": "Dados da secretaria."}),
    "press:decide": Row("NN NN NN YY NN NN NN NN",
                        kwargs=_in(("pk", "inquiry_review"), ("step_pk", "inquiry_step"))),
    # Media contacts are personal data: press officers and auditors only.
    "press:contacts": Row("NN NN NN NN NN NN YY YY"),
    "press:contact": Row("NN NN NN NN NN NN YY YY",
                         kwargs=lambda w, u, own: {"pk": w.journalist}),
    "press:contact_create": Row("NN NN NN NN NN NN NN YY"),
    "press:contact_edit": Row("NN NN NN NN NN NN NN YY",
                              kwargs=lambda w, u, own: {"pk": w.journalist}),
    "press:contact_action": Row("NN NN NN NN NN NN NN YY", "POST", kwargs=lambda w, u, own: {
        "pk": w.journalist, "action": "opt_out"}),
    "press:outlets": Row("NN NN NN NN NN NN YY YY"),
    "press:outlet_create": Row("NN NN NN NN NN NN NN YY"),
    "press:outlet_edit": Row("NN NN NN NN NN NN NN YY",
                             kwargs=lambda w, u, own: {"pk": _first_outlet()}),
    "press:import": Row("NN NN NN NN NN NN NN YY"),
    "press:distribution_create": Row("NN NN NN NN NN NN NN YY"),
    "press:distribution": Row("NN NN NN NN NN NN YY YY",
                              kwargs=lambda w, u, own: {"pk": w.distribution}),
    "press:distribution_action": Row("NN NN NN NN NN NN NN YY", "POST", kwargs=lambda w, u, own: {
        "pk": w.distribution, "action": "test"}),
    # The JSON the distribution page polls: whoever reads the distribution.
    "press:distribution_status": Row("NN NN NN NN NN NN YY YY",
                                     kwargs=lambda w, u, own: {"pk": w.distribution}),
    # A release's file behind a signed link (here for no file of the release: 404 for all;
    # press/tests/test_distribution_extras.py serves a real one without an account).
    "press:release_file": Row("NN " * 8, kwargs=lambda w, u, own: {
        "token": file_token(w.distribution, 0)}),
    # The signed link in each e-mail is the permission: whoever holds it may opt out.
    "press:unsubscribe": Row(ALL, kwargs=lambda w, u, own: {"token": w.unsubscribe}),
    # The public press room: releases, their feed and the answers on record, for everyone.
    "press_room:list": Row(ALL),
    "press_room:answers": Row(ALL),
    "press_feed:feed": Row(ALL),
    "admin:*": Row(STAFF),
}


def url_names():
    """Every named URL pattern, with its namespace ("admin:*" stands for the admin)."""
    def walk(resolver, namespace):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
                yield from walk(pattern, inner if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern):
                yield f"{namespace}:{pattern.name}" if namespace else str(pattern.name)

    names = set()
    for name in walk(get_resolver(), None):
        names.add("admin:*" if name.startswith("admin:") else name)
    return names


def test_every_url_has_a_row():
    missing = sorted(url_names() - set(MATRIX))
    assert not missing, ("URL patterns with no row in tests/test_permission_matrix.py "
                         f"MATRIX (say who may reach them): {missing}")
    assert not set(MATRIX) - url_names(), "rows for URLs that no longer exist"


def _verdict(response) -> str:
    if response.status_code in (401, 403, 404, 405):
        return "N"
    if response.status_code in (301, 302, 303):
        location = response["Location"]
        return "N" if "login/?next=" in location else "Y"
    assert response.status_code < 500, response.status_code
    return "N" if response.status_code >= 400 else "Y"


def _call(client, name, row, world, username, own):
    url = reverse(name, kwargs=row.kwargs(world, username, own) if row.kwargs else None)
    if row.query:
        url = f"{url}?{row.query}"
    data = row.data(world, username, own) if row.data else {}
    with transaction.atomic():  # every cell starts from the same objects
        if row.method == "GET":
            response = client.get(url)
        elif row.json:
            response = client.post(url, data, content_type="application/json")
        else:
            response = client.post(url, data)
        transaction.set_rollback(True)
    return _verdict(response)


def _admin_urls():
    from django.contrib import admin

    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        meta = model._meta
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    return urls


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo people and the matrix's objects, built once per module (so once per xdist
    worker) inside a transaction rolled back at the end; each row's test runs in a savepoint
    inside it, so every row starts from the same objects."""
    from django.test import override_settings

    from org.models import User
    from pauta.demo import seed_demo

    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("matrix-media"))
    with django_db_blocker.unblock(), media, transaction.atomic():
        if not User.objects.filter(username="ana.saude").exists():  # a live server flushed it
            seed_demo(out=lambda line: None, history=False)
        people = {u.username: u for u in User.objects.all()}
        yield build_world(people), people
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(MATRIX))
def test_permission_matrix(name, world):
    """One row: the URL answered as expected for every role, on the own and the other object."""
    world, people = world
    row = MATRIX[name]
    cells = []
    for username in SUBJECTS.values():
        client = Client()
        if username:
            client.force_login(people[username])
        if name == "admin:*":
            verdicts = {_verdict(client.get(url)) for url in _admin_urls()}
            assert len(verdicts) == 1, (username, verdicts)
            cells.append(verdicts.pop() * 2)
        else:
            cells.append("".join(_call(client, name, row, world, username, own)
                                 for own in (True, False)))
    if os.environ.get("PERMISSION_MATRIX_PRINT"):
        print(f"\n{name:28} {' '.join(cells)}")
    wrong = [f"{name}: {role} (own, other) expected {want}, got {got}"
             for role, got, want in zip(ROLES, cells, row.expect.split(), strict=True)
             if got != want]
    assert not wrong, "\n".join(wrong)
