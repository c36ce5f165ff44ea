"""Press-release distribution: a published press release e-mailed to media contacts.

``distribution_create`` prepares the message from the release's published text;
``distribution_test_send`` sends one copy to the press officer; ``distribution_start`` writes
one ``Delivery`` row per contact the filters reach (never an opted-out, forgotten or
address-less one) and queues the job; ``distribution_run`` (the huey job) claims each pending
row (``pending → sending``, a conditional update), sends it outside any transaction and marks
it ``sent`` or ``failed`` — so a retry or a second worker sends nobody twice. Each e-mail
is HTML and text, with the link to the release and the recipient's own unsubscribe link
(``List-Unsubscribe`` too).
"""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from audit.services import record
from pauta import clock
from pauta.lifecycle import TransitionRefused, ensure, service
from press import bounces
from press import permissions as perms
from press.models import Delivery, Distribution, DistributionList, Journalist
from press.release_files import file_links
from press.selectors import distribution_recipients, fold_city

SALT = "press.unsubscribe"
BATCH = 200


def unsubscribe_token(journalist_pk: int) -> str:
    return signing.dumps(journalist_pk, salt=SALT)


def journalist_of_token(token: str) -> Journalist | None:
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return Journalist.objects.filter(pk=pk).first()


def unsubscribe_url(journalist_pk: int) -> str:
    return settings.SITE_URL + reverse("press:unsubscribe", args=[unsubscribe_token(journalist_pk)])


def releasable(request) -> bool:
    return request.kind == "press_release" and request.state in ("published", "archived")


def clean_cities(cities) -> list[str]:
    """The cities asked for, trimmed, each once (compared without case or accents)."""
    kept = {}
    for city in cities or ():
        city = " ".join(str(city).split())[:100]
        if fold_city(city):
            kept.setdefault(fold_city(city), city)
    return list(kept.values())


@service
def distribution_create(*, by, request, beats: str = "", outlet_types=(), reaches=(),
                        cities=()):
    """Prepare the e-mail of a published press release for the contacts the filters reach."""
    ensure(perms.can_edit_contacts(by))
    if not releasable(request):
        raise TransitionRefused(_("Only a published press release can be distributed."))
    publication = (request.publications.filter(cancelled_at__isnull=True)
                   .exclude(body="").order_by("-published_at", "pk").first())
    if publication is None:
        raise TransitionRefused(_("The press release has no published text."))
    distribution = Distribution.objects.create(
        request=request, subject=publication.title or request.title, body=publication.body,
        link=publication.url, beats=beats, outlet_types=list(outlet_types),
        reaches=list(reaches), cities=clean_cities(cities), created_by=by)
    record(by=by, verb="distribution_create", target=distribution,
           payload={"request": request.pk})
    return distribution


@service
def distribution_list_save(*, by, name: str, beats: str = "", outlet_types=(), reaches=(),
                           cities=()):
    """Save a distribution's filters under a name, to be chosen again."""
    ensure(perms.can_edit_contacts(by))
    name = name.strip()
    if not name:
        raise TransitionRefused(_("Give the saved list a name."))
    if DistributionList.objects.filter(name__iexact=name).exists():
        raise TransitionRefused(_("A saved list already has this name."))
    saved = DistributionList.objects.create(name=name, beats=beats, created_by=by,
                                            outlet_types=list(outlet_types),
                                            reaches=list(reaches),
                                            cities=clean_cities(cities))
    record(by=by, verb="distribution_list_save", target=saved)
    return saved


def recipients_of(distribution):
    beats = [b.strip() for b in distribution.beats.split(",") if b.strip()]
    return distribution_recipients(beats=beats, outlet_types=distribution.outlet_types,
                                   reaches=distribution.reaches, cities=distribution.cities)


def message(distribution, *, to: str, journalist_pk: int | None,
            files=None) -> EmailMultiAlternatives:
    """The e-mail (text and HTML) in the installation's language, the release's attachments
    as signed links (``files``: ``release_files.file_links``, computed once per run)."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {"distribution": distribution, "brand": settings.BRAND_NAME,
                   "unit": settings.BRAND_UNIT,
                   "files": file_links(distribution) if files is None else files,
                   "unsubscribe": unsubscribe_url(journalist_pk) if journalist_pk else ""}
        text = render_to_string("press/email/release.txt", context)
        html = render_to_string("press/email/release.html", context)
        subject = distribution.subject
    headers = {"Message-ID": f"<press-distribution-{distribution.pk}-{journalist_pk or 'test'}"
                             f"@{settings.DEFAULT_FROM_EMAIL.rsplit('@', 1)[-1].strip('> ')}>"}
    if journalist_pk:
        headers["List-Unsubscribe"] = f"<{context['unsubscribe']}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    sender = settings.DEFAULT_FROM_EMAIL
    if journalist_pk and bounces.verp_enabled():
        # The envelope sender names the delivery (VERP): a bounce comes back to it.
        headers["From"] = sender
        sender = bounces.verp_address(distribution.pk, journalist_pk)
    mail = EmailMultiAlternatives(subject, text, sender, [to], headers=headers)
    mail.attach_alternative(html, "text/html")
    return mail


@service
def distribution_test_send(*, distribution, by) -> None:
    """Send one copy to the press officer first (no unsubscribe link, nothing recorded per
    recipient)."""
    ensure(perms.can_edit_contacts(by))
    if not by.email:
        raise TransitionRefused(_("Your account has no e-mail address for the test."))
    message(distribution, to=by.email, journalist_pk=None).send()
    Distribution.objects.filter(pk=distribution.pk).update(test_sent_at=clock.now())
    record(by=by, verb="distribution_test", target=distribution)


@service
def distribution_start(*, distribution, by) -> Distribution:
    """Write one delivery per contact and queue the job (after a test send, once)."""
    distribution = Distribution.objects.select_for_update().get(pk=distribution.pk)
    ensure(perms.can_edit_contacts(by))
    if distribution.status != Distribution.Status.DRAFT:
        raise TransitionRefused(_("This distribution was already started."))
    if distribution.test_sent_at is None:
        raise TransitionRefused(_("Send the test e-mail to yourself first."))
    rows = [Delivery(distribution=distribution, journalist_id=pk, email=email)
            for pk, email in recipients_of(distribution).values_list("pk", "email")]
    if not rows:
        raise TransitionRefused(_("No contact matches these filters."))
    Delivery.objects.bulk_create(rows, batch_size=1000)
    distribution.status, distribution.total = Distribution.Status.SENDING, len(rows)
    distribution.started_at = clock.now()
    distribution.save(update_fields=["status", "total", "started_at"])
    record(by=by, verb="distribution_start", target=distribution,
           payload={"recipients": len(rows)})
    if clock.is_news():
        from press.tasks import run_distribution

        transaction.on_commit(lambda: run_distribution(distribution.pk))
    return distribution


def distribution_run(distribution_pk: int) -> dict:
    """The job: send every pending delivery once; returns the counts of this run."""
    distribution = Distribution.objects.select_related("request").get(pk=distribution_pk)
    files = file_links(distribution)
    counts = {"sent": 0, "failed": 0}
    while True:
        batch = list(Delivery.objects.filter(distribution=distribution,
                                             status=Delivery.Status.PENDING)
                     .values_list("pk", "journalist_id", "email")[:BATCH])
        if not batch:
            break
        for pk, journalist_pk, email in batch:
            if not Delivery.objects.filter(pk=pk, status=Delivery.Status.PENDING).update(
                    status=Delivery.Status.SENDING):
                continue  # another worker has it
            opted = Journalist.objects.filter(pk=journalist_pk).exclude(
                opted_out_at=None).exists()
            try:
                if opted:  # unsubscribed after the list was made
                    raise ValueError(_("The contact opted out before the e-mail was sent."))
                message(distribution, to=email, journalist_pk=journalist_pk,
                        files=files).send()
            except Exception as exc:  # noqa: BLE001 — each failure is recorded on its row
                Delivery.objects.filter(pk=pk).update(status=Delivery.Status.FAILED,
                                                      error=str(exc)[:300])
                counts["failed"] += 1
            else:
                Delivery.objects.filter(pk=pk).update(status=Delivery.Status.SENT,
                                                      sent_at=clock.now())
                counts["sent"] += 1
    if not Delivery.objects.filter(distribution=distribution, status__in=(
            Delivery.Status.PENDING, Delivery.Status.SENDING)).exists():
        Distribution.objects.filter(pk=distribution.pk, status=Distribution.Status.SENDING
                                    ).update(status=Distribution.Status.SENT,
                                             finished_at=clock.now())
    return counts


def progress(distribution) -> dict:
    from django.db.models import Count

    counts = dict(distribution.deliveries.values_list("status").annotate(n=Count("pk"))
                  .values_list("status", "n"))
    done = counts.get("sent", 0) + counts.get("failed", 0) + counts.get("bounced", 0)
    total = distribution.total or 0
    return {"sent": counts.get("sent", 0), "failed": counts.get("failed", 0),
            "bounced": counts.get("bounced", 0),
            "waiting": counts.get("pending", 0) + counts.get("sending", 0), "total": total,
            "percent": round(100 * done / total) if total else 0}
