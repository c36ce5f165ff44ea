"""The request page's publishing panels: the seal, where each piece went out (its proof,
take-down and expiry), and the changes since the last round."""

from django import template
from django.db.models import OuterRef, Subquery

from publishing import permissions as perms
from publishing.forms import ExpiryForm
from publishing.models import Expiry, Snapshot, TakedownEvidence
from publishing.revisions import changes_since_last_round, describe_field
from publishing.seal import current_seal

register = template.Library()


@register.inclusion_tag("publishing/_panels.html", takes_context=True)
def publishing_panels(context, request_obj):
    user = context["request"].user
    if not perms.can_view_history(user, request_obj):
        return {"visible": False}
    return {"visible": True, "object": request_obj, "seal": current_seal(request_obj),
            "changes": changes_since_last_round(request_obj),
            "publications": with_evidence(user, request_obj),
            "request": context["request"], "csrf_token": context.get("csrf_token")}


def with_evidence(user, request_obj) -> list:
    """The request's publications, each with its latest page snapshot, its latest take-down
    evidence, its pending scheduled take-down and what the person may do about them."""
    proofs = Snapshot.objects.filter(publication=OuterRef("pk"),
                                     purpose=Snapshot.Purpose.PROOF).order_by("-fetched_at",
                                                                              "-pk")
    takedowns = TakedownEvidence.objects.filter(publication=OuterRef("pk")).order_by(
        "-requested_at", "-pk")
    publications = list(request_obj.publications.select_related("channel").annotate(
        proof_pk=Subquery(proofs.values("pk")[:1]),
        takedown_pk=Subquery(takedowns.values("pk")[:1])))
    snapshots = Snapshot.objects.in_bulk([p.proof_pk for p in publications if p.proof_pk])
    evidence = TakedownEvidence.objects.select_related("snapshot", "confirmed_by").in_bulk(
        [p.takedown_pk for p in publications if p.takedown_pk])
    expiries = {e.publication_id: e for e in Expiry.objects.filter(
        publication__in=publications, done_at__isnull=True)}
    for pub in publications:
        pub.request = request_obj
        pub.proof = snapshots.get(pub.proof_pk)
        pub.takedown = evidence.get(pub.takedown_pk)
        if pub.takedown is not None:
            pub.takedown.publication = pub
        pub.expiry_pending = expiries.get(pub.pk)
        pub.can_confirm = (pub.takedown is not None and pub.takedown.status != "done"
                           and not (pub.takedown.mode == "connector"
                                    and pub.takedown.status == "waiting")
                           and perms.can_confirm_takedown(user, pub.takedown))
        pub.expiry_form = (ExpiryForm(publication=pub) if perms.can_set_expiry(user, pub)
                           else None)
    return publications


@register.inclusion_tag("publishing/_changes_panel.html", takes_context=True)
def publishing_changes(context, request_obj):
    """The changes since the last approval round alone (the decision page shows them)."""
    user = context["request"].user
    if not perms.can_view_history(user, request_obj):
        return {"changes": None}
    return {"object": request_obj, "changes": changes_since_last_round(request_obj)}


@register.filter
def field_label(name: str) -> str:
    return describe_field(name)
