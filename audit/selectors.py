"""Reading the audit trail: the events of one subject's timeline."""

from django.db.models import QuerySet

from audit import registry
from audit.models import AuditEvent


def events_for(subject) -> QuerySet:
    """The events whose subject is ``subject`` (a request, a campaign, a plan…), oldest first."""
    kinds = registry.subject_kinds(subject._meta.label_lower)
    return (AuditEvent.objects.filter(subject_type__in=kinds,
                                      subject_id=str(subject.pk))
            .select_related("actor").order_by("pk"))
