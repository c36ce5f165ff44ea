"""Hand-built request histories with known answers (times are local, America/Sao_Paulo)."""

from datetime import date, datetime

from django.utils import timezone

from audit.services import record
from org.models import Secretariat
from pauta import clock
from workflows.models import ContentRequest


def at(text: str) -> datetime:
    """'2031-04-18 10:00' in the installation's time zone."""
    return timezone.make_aware(datetime.fromisoformat(text))


def make_request(requester, *, acronym="SMS", kind="news", state="published", submitted=None,
                 published=None, due: str | None = None, rating=None, reason="",
                 title="Pedido", **extra) -> ContentRequest:
    """A request written as is, with one audit event that names it (no state change): the
    KPI facts hear of requests through the audit trail, as they do of the services' writes;
    whatever the test changes on it before the facts are read is folded in then."""
    request = ContentRequest.objects.create(
        secretariat=Secretariat.objects.get(acronym=acronym), requester=requester, kind=kind,
        title=title, brief="Briefing.", state=state,
        submitted_at=at(submitted) if submitted else None,
        published_at=at(published) if published else None,
        due_date=date.fromisoformat(due) if due else None, rating=rating,
        rejection_reason=reason, created_at=at(submitted) if submitted else clock.now(),
        **extra)
    record(by=requester, verb="create", target=request)
    return request


def history(request, steps, actor=None) -> None:
    """Audit events for ``steps`` = [(when, verb, from_state, to_state), ...]."""
    for when, verb, from_state, to_state in steps:
        with clock.travel(at(when)):
            record(by=actor, verb=verb, target=request, from_state=from_state,
                   to_state=to_state)
