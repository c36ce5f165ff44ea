"""Reads of the media bank: the library search, where an asset is used, the consent report."""

from django.db.models import Count, Q, QuerySet

from media.compliance import public_use_problems
from media.models import Asset, AssetUse, Kind, Person, Rights
from media.services import covered
from pauta import clock


def search(data: dict) -> QuerySet:
    """The library filtered by the search form's cleaned data (all terms must match)."""
    assets = Asset.objects.select_related("secretariat", "event")
    # Lower case: SQLite folds the case of ASCII letters only (PostgreSQL folds all).
    for word in (data.get("q") or "").lower().split()[:10]:
        assets = assets.filter(Q(title__icontains=word) | Q(description__icontains=word)
                               | Q(tags__icontains=word))
    for name in ("kind", "rights", "event", "secretariat"):
        if data.get(name):
            assets = assets.filter(**{name: data[name]})
    if data.get("person"):
        assets = assets.filter(person_tags__person=data["person"])
    if data.get("date_from"):
        assets = assets.filter(taken_at__date__gte=data["date_from"])
    if data.get("date_to"):
        assets = assets.filter(taken_at__date__lte=data["date_to"])
    return (assets.annotate(use_count=Count("uses", distinct=True)).distinct()
            .order_by("-created_at", "-pk"))


def pickable(user) -> QuerySet:
    """The assets ``user`` may choose in the request form's picker (``perms.can_pick``)."""
    from media import permissions as perms
    from org.permissions import secretariat_ids_for_action

    if perms.can_view_library(user):
        return Asset.objects.all()
    return Asset.objects.filter(secretariat_id__in=secretariat_ids_for_action(user))


def picker_search(user, q: str, limit: int = 24) -> list[Asset]:
    """The picker's search: every word in title, description or tags, newest first."""
    assets = pickable(user)
    for word in (q or "").lower().split()[:10]:
        assets = assets.filter(Q(title__icontains=word) | Q(description__icontains=word)
                               | Q(tags__icontains=word))
    return list(assets.order_by("-created_at", "-pk")[:limit])


def cleared_for_public(assets: QuerySet) -> QuerySet:
    """Of ``assets``, those the consent gate clears for public use today
    (``compliance.public_use_problems``): the ones showing nobody and not third-party need no
    look; the others are checked one by one, at read time."""
    doubtful = (assets.filter(Q(person_tags__isnull=False) | Q(rights=Rights.THIRD_PARTY))
                .distinct().prefetch_related("people__consents"))
    return assets.exclude(pk__in=[a.pk for a in doubtful if public_use_problems(a)])


def gallery_assets(album) -> QuerySet:
    """What the public gallery shows of an album: its photos marked cleared for public use,
    with their web sizes made, that the consent gate clears today."""
    return cleared_for_public(album.assets.filter(public=True, kind=Kind.PHOTO,
                                                  derive_state="done"))


def most_used(limit: int = 6) -> list[Asset]:
    return list(Asset.objects.annotate(use_count=Count("uses")).filter(use_count__gt=0)
                .order_by("-use_count", "-pk")[:limit])


def uses_of(asset) -> list[AssetUse]:
    """Where the asset is used: requests (with their campaign) and their publications."""
    return list(asset.uses.select_related("request__campaign", "request__secretariat")
                .prefetch_related("request__publications__channel", "flags"))


def consent_status(person, purpose: str, on=None) -> bool:
    return covered(person, purpose, on or clock.today())


def person_report(person: Person) -> dict:
    """A data-subject request: every asset showing the person, every use and publication of
    it, every consent and its state."""
    assets = list(person.assets.order_by("-taken_at", "-pk").prefetch_related(
        "uses__request__publications__channel", "uses__flags"))
    rows = []
    for asset in assets:
        for use in asset.uses.all():
            pubs = [p for p in use.request.publications.all() if p.cancelled_at is None]
            rows.append({"asset": asset, "use": use, "publications": pubs,
                         "covered": covered(person, use.purpose, clock.today())})
    return {"assets": assets, "uses": rows, "consents": list(person.consents.all())}


def request_uses(request) -> list[dict]:
    """The media bank assets of a request, with whether the people shown are cleared."""
    today = clock.today()
    rows = []
    for use in (AssetUse.objects.filter(request=request).select_related("asset")
                .prefetch_related("asset__people__consents", "flags__consent__person")):
        people = list(use.asset.people.all())
        missing = [p for p in people if not covered(p, use.purpose, today)]
        rows.append({"use": use, "people": people, "missing": missing,
                     "flags": list(use.flags.all())})
    return rows
