"""A file attached on a request also goes to the library (issue: "uploaded on the request,
which then also goes to the library"). Off with ``MEDIA_FROM_ATTACHMENTS=false``."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError

log = logging.getLogger(__name__)


def attachment_to_library(sender, instance, created, raw=False, **kwargs):
    if not created or raw or not getattr(settings, "MEDIA_FROM_ATTACHMENTS", True):
        return
    from media import services

    try:
        services.asset_from_attachment(instance)
    except ValidationError as error:  # a type the library does not take (an office file)
        log.info("media: attachment %s stays on its request only: %s", instance.pk,
                 " ".join(error.messages))
    except OSError as error:  # its file cannot be read: the attachment is kept as it is
        log.warning("media: attachment %s could not be filed in the library: %s",
                    instance.pk, error)
