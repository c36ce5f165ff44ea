"""Models of the workflows app, one module per topic."""

from workflows.models.process import ContentRequestProcess
from workflows.models.requests import (
    Assignment,
    Attachment,
    Comment,
    ContentRequest,
    OfflineReason,
    Publication,
    RequestKind,
    RequestState,
)
from workflows.models.sla import Holiday, LeadTimeStandard

__all__ = [
    "Assignment", "Attachment", "Comment", "ContentRequest",
    "ContentRequestProcess", "Holiday", "OfflineReason",
    "LeadTimeStandard", "Publication", "RequestKind", "RequestState",
]
