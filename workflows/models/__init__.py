"""Models of the workflows app, one module per topic."""

from workflows.models.audit import AuditEvent
from workflows.models.campaigns import (
    Campaign,
    CampaignState,
    PublicitySpendLimit,
    SpendEntry,
    SpendKind,
)
from workflows.models.notifications import EmailState, Notification
from workflows.models.process import ContentRequestProcess
from workflows.models.requests import (
    Assignment,
    Attachment,
    Comment,
    ContentRequest,
    Publication,
    RequestKind,
    RequestState,
)
from workflows.models.sla import Holiday, LeadTimeStandard

__all__ = [
    "Assignment", "Attachment", "AuditEvent", "Campaign", "CampaignState", "Comment",
    "ContentRequest", "EmailState", "PublicitySpendLimit", "SpendEntry", "SpendKind",
    "ContentRequestProcess", "Holiday",
    "LeadTimeStandard", "Notification", "Publication", "RequestKind", "RequestState",
]
