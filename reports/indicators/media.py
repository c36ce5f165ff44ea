"""The media bank (media/): assets filed, assets used by what was published, consents about
to expire, and requests the consent gate stopped. Assets are counted by their secretariat,
uses and gate findings by the request's; consents belong to people, not secretariats, so
their figure is for those who see every secretariat (an unscoped, unfiltered slice)."""

from datetime import timedelta

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from approvals.compliance.models import FindingRecord
from media.models import Asset, AssetUse, Consent, ConsentState, Kind
from pauta import clock
from reports.indicators.base import COUNT, Point, Result, indicator

SECTION = _("Media bank")
EXPIRY_DAYS = 30
GATE_BLOCKERS = {"media.consent": _("No consent"),
                 "media.minor_guardian": _("Minor without a guardian's consent"),
                 "media.third_party_rights": _("Third-party rights")}


def _assets(slice_):
    qs = Asset.objects.all()
    if slice_.scope is not None:
        qs = qs.filter(secretariat_id__in=slice_.scope)
    if slice_.secretariat_id:
        qs = qs.filter(secretariat_id=slice_.secretariat_id)
    return qs.order_by()


@indicator("media_assets_added", section=SECTION, unit=COUNT, chart="doughnut",
           additive=True, name=_("Assets added to the media bank"),
           definition=_("Photos, videos, audio and documents filed in the media bank in the "
                        "period (uploads and request attachments), by kind; counted by the "
                        "asset's secretariat."))
def media_assets_added(ctx) -> Result:
    low, high = ctx.slice.bounds()
    counts = dict(_assets(ctx.slice).filter(created_at__gte=low, created_at__lt=high)
                  .values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    series = [Point(str(label), counts[value]) for value, label in Kind.choices
              if counts.get(value)]
    return Result(sum(counts.values()), None, series)


@indicator("media_assets_used", section=SECTION, unit=COUNT, additive=True,
           name=_("Media bank assets used in publications"),
           definition=_("Distinct media bank assets attached to the requests of the slice "
                        "published in the period."))
def media_assets_used(ctx) -> Result:
    low, high = ctx.slice.bounds()
    published = ctx.slice.requests().filter(state__in=("published", "archived"),
                                            published_at__gte=low, published_at__lt=high)
    value = (AssetUse.objects.filter(request__in=published.values("pk"))
             .values("asset").distinct().count())
    return Result(value, None)


@indicator("media_consents_expiring", section=SECTION, unit=COUNT, better="lower",
           name=_("Image consents expiring in 30 days"),
           definition=_("Consents in force today that end within the next 30 days (whatever "
                        "the period chosen): renew them or stop using the images. Only for "
                        "those who see every secretariat."))
def media_consents_expiring(ctx) -> Result:
    if ctx.slice.scope is not None or ctx.slice.secretariat_id:
        return Result(None, None)
    today = clock.today()
    value = Consent.objects.filter(state=ConsentState.VALID, expires_on__gte=today,
                                   expires_on__lte=today + timedelta(days=EXPIRY_DAYS)).count()
    return Result(value, None)


@indicator("media_gate_blocked_requests", section=SECTION, unit=COUNT, additive=True,
           better="lower", name=_("Requests stopped by the consent gate"),
           definition=_("Requests of the slice whose compliance checks in the period found a "
                        "media bank blocker: a person shown without a valid consent, a minor "
                        "without a guardian's consent, or third-party material outside its "
                        "terms."))
def media_gate_blocked_requests(ctx) -> Result:
    low, high = ctx.slice.bounds()
    findings = FindingRecord.objects.filter(rule__in=GATE_BLOCKERS, severity="blocker",
                                            run__created_at__gte=low, run__created_at__lt=high)
    if ctx.slice.filters_requests:
        findings = findings.filter(request__in=ctx.slice.requests().values("pk"))
    pairs = set(findings.values_list("rule", "request_id").order_by().distinct())  # one query
    series = [Point(str(label), n) for rule, label in GATE_BLOCKERS.items()
              if (n := sum(1 for r, _request in pairs if r == rule))]
    return Result(len({request for _rule, request in pairs}), None, series)
