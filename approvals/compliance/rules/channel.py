"""Channel limits and required elements (constraints from plans.Channel)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from approvals.compliance.models import Severity
from approvals.compliance.registry import Rule, register
from approvals.compliance.text import fold, phrase_pattern, to_plain


@register
class TextLength(Rule):
    code = "channel.length"
    family = "channel"
    title = gettext_lazy("Text length per channel")
    basis = gettext_lazy("Channel constraints of the Communication Plan.")
    default_severity = Severity.BLOCKER

    def check(self, ctx, cfg):
        for unit in ctx.units:
            limit = unit.channel.max_text_length
            if unit.field != "body" or not limit or len(unit.text) <= limit:
                continue
            yield self.finding(
                ctx, cfg, unit=unit, key="length",
                message=_("The text has %(n)d characters; %(channel)s allows %(max)d.")
                % {"n": len(unit.text), "channel": unit.channel.name, "max": limit},
                suggestion=_("Cut %(over)d characters.") % {"over": len(unit.text) - limit})


@register
class ImageRequired(Rule):
    code = "channel.image"
    family = "channel"
    title = gettext_lazy("Image required by the channel")
    basis = gettext_lazy("Channel constraints of the Communication Plan.")
    default_severity = Severity.WARNING

    def check(self, ctx, cfg):
        if any(a.is_image for a in ctx.media):
            return
        for channel in ctx.channels:
            if channel.image_required:
                yield self.finding(
                    ctx, cfg, channel=channel, field_name="attachment", key="image",
                    message=_("%(channel)s needs an image and the request has none.")
                    % {"channel": channel.name},
                    suggestion=_("Attach an image with its alternative text."))


@register
class AltText(Rule):
    code = "channel.alt_text"
    family = "channel"
    title = gettext_lazy("Alternative text on every image")
    basis = gettext_lazy("Lei 13.146/2015 (Lei Brasileira de Inclusão) art. 63; eMAG; WCAG 1.1.1.")
    default_severity = Severity.BLOCKER
    default_params = {"min_length": 5}

    def check(self, ctx, cfg):
        for attachment in ctx.media:
            if attachment.is_image and len(attachment.alt_text.strip()) < cfg.param("min_length"):
                yield self.finding(
                    ctx, cfg, field_name="attachment", key=f"alt:{attachment.pk}",
                    message=_("The image “%(name)s” has no alternative text.")
                    % {"name": attachment.original_name},
                    suggestion=_("Describe what the image shows, in one or two sentences."))


@register
class Captions(Rule):
    code = "channel.captions"
    family = "channel"
    title = gettext_lazy("Captions on video")
    basis = gettext_lazy("Lei 13.146/2015 art. 67; channel constraints of the Communication Plan.")
    default_severity = Severity.WARNING
    default_params = {"markers": ["[CC]", "legendado", "legendada", "com legendas"]}

    def check(self, ctx, cfg):
        has_video = ctx.material.is_video or any(
            a.content_type.startswith("video/") for a in ctx.media)
        if not has_video:
            return
        markers = [fold(m) for m in cfg.param("markers")]
        for publication in ctx.texts:
            if not publication.channel.captions_required:
                continue
            text = fold(f"{publication.title} {publication.body} {publication.excerpt}")
            if not any(m in text for m in markers):
                yield self.finding(
                    ctx, cfg, channel=publication.channel, field_name="body", key="captions",
                    message=_("%(channel)s requires captions on video; the text does not say "
                              "the video is captioned.") % {"channel": publication.channel.name},
                    suggestion=_("Caption the video and say so in the text (e.g. “[CC]” or "
                                 "“vídeo legendado”)."))


@register
class Signature(Rule):
    code = "channel.signature"
    family = "channel"
    title = gettext_lazy("Required signature or hashtag")
    basis = gettext_lazy("Brand manual; channel constraints of the Communication Plan.")
    default_severity = Severity.WARNING

    def check(self, ctx, cfg):
        for publication in ctx.texts:
            wanted = publication.channel.signature_required.strip()
            if not wanted or not publication.body:
                continue
            pattern = phrase_pattern(wanted)  # whole hashtag or words: #ValeVerdeAvança
            if pattern and not pattern.search(fold(to_plain(publication.body).text)):
                yield self.finding(
                    ctx, cfg, channel=publication.channel, field_name="body", key="signature",
                    message=_("The text for %(channel)s lacks the required “%(sig)s”.")
                    % {"channel": publication.channel.name, "sig": wanted},
                    suggestion=_("End the text with “%(sig)s”.") % {"sig": wanted})
