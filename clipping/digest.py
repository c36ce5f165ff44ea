"""The daily clipping: on every working morning, the clips kept since the previous working
day, as a PDF (fpdf2: cover, summary by theme and tone, each clip) stored on the Digest and
as an e-mail (HTML and text) to the subscription list, each with its unsubscribe link.

The PDF uses the PDF core fonts (no font file to ship), which cover Latin-1: Portuguese is
written in full; typographic quotes and dashes are written as their plain forms.
"""

from collections import Counter
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from audit.services import record
from clipping.models import Clip, ClipState, Digest, Subscription, Tone
from pauta import clock
from workflows.models import Holiday

PLAIN = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-",
                       "…": "...", "•": "-", "\u00a0": " "})


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a holiday (the calendar's holidays, kept in Holiday)."""
    return day.weekday() < 5 and not Holiday.objects.filter(date=day).exists()


def previous_working_day(day: date) -> date:
    current = day - timedelta(days=1)
    for _i in range(30):
        if is_working_day(current):
            return current
        current -= timedelta(days=1)
    return day - timedelta(days=1)


def window(day: date) -> tuple[datetime, datetime]:
    """The clips of a digest: from the previous working day's midnight to this day's."""
    zone = timezone.get_default_timezone()
    start = datetime.combine(previous_working_day(day), time.min, tzinfo=zone)
    return start, datetime.combine(day, time.min, tzinfo=zone)


def clips_for(day: date):
    start, end = window(day)
    return (Clip.objects.filter(state=ClipState.KEPT, published_at__gte=start,
                                published_at__lt=end)
            .select_related("outlet").prefetch_related("themes").order_by("published_at"))


def summary(clips) -> dict:
    tones = Counter(clip.tone for clip in clips)
    themes = Counter(theme.name for clip in clips for theme in clip.themes.all())
    labels = dict(Tone.choices)
    return {"tones": [(str(labels[t]), tones.get(t, 0)) for t in Tone.values],
            "themes": themes.most_common()}


def _plain(text) -> str:
    return str(text or "").translate(PLAIN).encode("latin-1", "replace").decode("latin-1")


def _line(pdf, height, text, **options) -> None:
    """One paragraph across the page, then back to the left margin on the next line."""
    pdf.multi_cell(0, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, **options)


class _PDF(FPDF):
    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 8, _plain(f"{settings.BRAND_NAME} · {self.page_no()}"), align="C")


def render_pdf(day: date, clips: list) -> bytes:
    data = summary(clips)
    pdf = _PDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_title(_plain(_("Daily clipping")))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 22)
    pdf.ln(40)
    _line(pdf, 11, _plain(_("Daily clipping")), align="C")
    pdf.set_font("Helvetica", size=14)
    _line(pdf, 8, _plain(settings.BRAND_NAME), align="C")
    _line(pdf, 8, _plain(getattr(settings, "BRAND_UNIT", "")), align="C")
    pdf.ln(6)
    _line(pdf, 8, _plain(formats.date_format(day, "DATE_FORMAT")), align="C")
    _line(pdf, 8, _plain(_("%(count)s clips") % {"count": len(clips)}), align="C")

    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    _line(pdf, 9, _plain(_("Summary")))
    pdf.set_font("Helvetica", "B", 12)
    _line(pdf, 8, _plain(_("By tone")))
    pdf.set_font("Helvetica", size=11)
    for label, count in data["tones"]:
        _line(pdf, 6, _plain(f"{label}: {count}"))
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 12)
    _line(pdf, 8, _plain(_("By theme")))
    pdf.set_font("Helvetica", size=11)
    for name, count in data["themes"] or [(_("No theme"), len(clips))]:
        _line(pdf, 6, _plain(f"{name}: {count}"))
    tones = dict(Tone.choices)
    for clip in clips:
        pdf.ln(5)
        pdf.set_font("Helvetica", "B", 12)
        _line(pdf, 6, _plain(clip.headline))
        pdf.set_font("Helvetica", "I", 9)
        when = formats.date_format(timezone.localtime(clip.published_at), "SHORT_DATETIME_FORMAT")
        line = f"{clip.outlet.name} · {when} · {tones.get(clip.tone, '')}"
        if clip.page_or_programme:
            line += f" · {clip.page_or_programme}"
        _line(pdf, 5, _plain(line))
        pdf.set_font("Helvetica", size=10)
        if clip.excerpt:
            _line(pdf, 5, _plain(clip.excerpt))
        if clip.url:
            pdf.set_text_color(19, 81, 180)
            _line(pdf, 5, _plain(clip.url), link=clip.url)
            pdf.set_text_color(0, 0, 0)
    return bytes(pdf.output())


def digest_build(day: date, *, by=None) -> Digest:
    """Produce (or produce again, on demand) the digest of ``day``: its PDF is replaced."""
    with translation.override(settings.LANGUAGE_CODE):
        clips = list(clips_for(day))
        content = render_pdf(day, clips)
    with transaction.atomic():
        digest, _created = Digest.objects.select_for_update().get_or_create(day=day)
        old = digest.pdf.name if digest.pdf else ""
        digest.pdf.save(f"clipping-{day:%Y-%m-%d}.pdf", ContentFile(content), save=False)
        digest.clip_count, digest.generated_at = len(clips), clock.now()
        digest.save()
        record(by=by, verb="clip_digest", target=digest,
               payload={"day": day.isoformat(), "count": len(clips)})
    if old and old != digest.pdf.name:
        transaction.on_commit(lambda: digest.pdf.storage.delete(old))
    return digest


def digest_send(digest: Digest) -> int:
    """E-mail the digest to every active subscriber (one message each: its own link)."""
    clips = list(clips_for(digest.day))
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        data = summary(clips)
        subject = _("Daily clipping of %(day)s") % {
            "day": formats.date_format(digest.day, "DATE_FORMAT")}
        pdf = digest.pdf.read() if digest.pdf else None
        for subscription in Subscription.objects.filter(active=True):
            context = {"digest": digest, "clips": clips, "summary": data,
                       "brand": settings.BRAND_NAME, "subscription": subscription,
                       "unsubscribe": settings.SITE_URL + reverse(
                           "clipping:unsubscribe", args=[subscription.token])}
            message = EmailMultiAlternatives(
                subject, render_to_string("clipping/email/digest.txt", context),
                to=[subscription.email],
                headers={"List-Unsubscribe": f"<{context['unsubscribe']}>",
                         "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
            message.attach_alternative(render_to_string("clipping/email/digest.html", context),
                                       "text/html")
            if pdf:
                message.attach(f"clipping-{digest.day:%Y-%m-%d}.pdf", pdf, "application/pdf")
            message.send()
            sent += 1
    Digest.objects.filter(pk=digest.pk).update(sent_at=clock.now(), sent_to=sent)
    return sent


def daily_clipping(today: date | None = None) -> Digest | None:
    """The morning job: nothing on weekends and holidays; else build and send once."""
    today = today or clock.today()
    if not is_working_day(today):
        return None
    existing = Digest.objects.filter(day=today, sent_at__isnull=False).first()
    if existing:
        return existing
    digest = digest_build(today)
    digest_send(digest)
    digest.refresh_from_db()
    return digest
