"""The media bank: the municipality's photos, videos, audio and documents, the people they
show and their consents; the consent gate of publication (``media.compliance``)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "media"
    verbose_name = _("Media bank")

    def ready(self):
        from django.db.models.signals import post_save

        from media import compliance, picker, signals, verbs
        from workflows.forms import REQUEST_FORM_PARTS

        verbs.register_verbs()
        compliance.register_rules()  # the consent gate, in the compliance engine's registry
        if picker.request_form_part not in REQUEST_FORM_PARTS:  # the request form's picker
            REQUEST_FORM_PARTS.append(picker.request_form_part)
        post_save.connect(signals.attachment_to_library, sender="workflows.Attachment",
                          dispatch_uid="media-attachment-to-library")
