"""Models of the workflows app, one module per topic."""

from workflows.models.campaigns import (
    Campaign,
    CampaignState,
    PublicitySpendLimit,
    SpendEntry,
    SpendKind,
)
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
    "Assignment", "Attachment", "Campaign", "CampaignState", "Comment",
    "ContentRequest", "PublicitySpendLimit", "SpendEntry", "SpendKind",
    "ContentRequestProcess", "Holiday",
    "LeadTimeStandard", "Publication", "RequestKind", "RequestState",
]
