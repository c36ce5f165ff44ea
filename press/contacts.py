"""Every write on media contacts: outlets, journalists, LGPD erasure and opt-out.

Audit payloads carry ids and field names only, never a journalist's personal data, so
forgetting a contact leaves the trail anonymous without touching it.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from audit.services import record
from pauta import clock, lifecycle
from pauta.lifecycle import TransitionRefused, ensure, service
from press import permissions as perms
from press.models import AnswerMail, Journalist, LegalBasis, Outlet

JOURNALIST_FIELDS = ("name", "outlet", "beats", "email", "phone", "mobile",
                     "preferred_channel", "legal_basis", "source")


def email_hash(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode("utf-8")).hexdigest()


def _check_journalist(fields: dict, *, pk=None) -> None:
    if not (fields.get("name") or "").strip():
        raise TransitionRefused(_("Give the journalist's name."))
    if not (fields.get("source") or "").strip():
        raise TransitionRefused(_("Say where the contact's data came from (LGPD)."))
    if fields.get("legal_basis") not in LegalBasis.values:
        raise TransitionRefused(_("Choose the legal basis for keeping this contact."))
    email = (fields.get("email") or "").strip()
    if email:
        if Journalist.objects.filter(email__iexact=email).exclude(pk=pk).exists():
            raise TransitionRefused(_("Another contact already has this e-mail address."))
        if Journalist.objects.filter(forgotten_email_hash=email_hash(email)).exists():
            raise TransitionRefused(_("The person with this e-mail address asked to be "
                                      "forgotten; the contact cannot be added again."))


OUTLET_FIELDS = ("name", "type", "reach", "city", "website", "audience", "active")


def _check_outlet(outlet: Outlet) -> None:
    """One outlet per name, whatever its case or accents' case (compared in Python: SQLite's
    case-insensitive match folds ASCII only)."""
    folded = outlet.name.casefold()
    for name in Outlet.objects.exclude(pk=outlet.pk).values_list("name", flat=True):
        if name.strip().casefold() == folded:
            raise TransitionRefused(_("An outlet with this name already exists."))
    try:
        outlet.full_clean(validate_unique=False)
    except ValidationError as error:
        raise TransitionRefused(error.messages[0]) from error


@service
def outlet_create(*, by, name: str, type: str, reach: str, city: str = "", **fields) -> Outlet:
    """A media outlet of the press desk; clipping follows its coverage too."""
    ensure(perms.can_add_outlet(by))
    outlet = Outlet(name=name.strip(), type=type, reach=reach, city=city,
                    **{k: v for k, v in fields.items() if k in OUTLET_FIELDS})
    _check_outlet(outlet)
    outlet.save()
    record(by=by, verb="outlet_create", target=outlet)
    return outlet


@service
def outlet_update(*, by, outlet: Outlet, **fields) -> Outlet:
    """Change an outlet's details (its name stays unique); audited with the fields changed."""
    ensure(perms.can_edit_outlet(by, outlet))
    outlet = Outlet.objects.select_for_update().get(pk=outlet.pk)
    changed = []
    for name, value in fields.items():
        if name in OUTLET_FIELDS and getattr(outlet, name) != value:
            setattr(outlet, name, value.strip() if name == "name" else value)
            changed.append(name)
    if not changed:
        return outlet
    _check_outlet(outlet)
    outlet.save(update_fields=changed)
    record(by=by, verb="outlet_update", target=outlet, payload={"fields": changed})
    return outlet


@service
def journalist_create(*, by, **fields) -> Journalist:
    """Add a media contact, with the legal basis and the source of its data."""
    ensure(perms.can_edit_contacts(by))
    fields = {k: v for k, v in fields.items() if k in JOURNALIST_FIELDS}
    _check_journalist(fields)
    journalist = Journalist.objects.create(**fields)
    record(by=by, verb="journalist_create", target=journalist)
    return journalist


@service
def journalist_update(*, journalist: Journalist, by, **fields) -> Journalist:
    journalist = lifecycle.lock(journalist)
    ensure(perms.can_edit_journalist(by, journalist))
    unknown = set(fields) - set(JOURNALIST_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    merged = {name: getattr(journalist, name) for name in JOURNALIST_FIELDS} | fields
    _check_journalist(merged, pk=journalist.pk)
    changed = sorted(n for n, v in fields.items() if getattr(journalist, n) != v)
    for name, value in fields.items():
        setattr(journalist, name, value)
    journalist.save()
    record(by=by, verb="journalist_update", target=journalist, payload={"fields": changed})
    return journalist


@service
def journalist_opt_out(*, journalist: Journalist, by=None, system: bool = False) -> Journalist:
    """Keep the contact out of every distribution from now on (a press officer, or the
    journalist through an unsubscribe link: ``system``)."""
    journalist = lifecycle.lock(journalist)
    if not system:
        ensure(perms.can_edit_journalist(by, journalist))
    if journalist.opted_out_at is None:
        journalist.opted_out_at = clock.now()
        journalist.save(update_fields=["opted_out_at"])
        record(by=by, verb="journalist_opt_out", target=journalist,
               payload={"system": True} if system else None)
    return journalist


@service
def journalist_forget(*, journalist: Journalist, by) -> Journalist:
    """Erase the contact's personal data on request (LGPD art. 18; RGPD art. 17).

    The row stays, named "Forgotten contact #n", so its inquiries keep their history; the
    copies of answers e-mailed to the person lose the address; the audit trail never held
    the data. A hash of the e-mail keeps a later import from bringing the person back.
    """
    journalist = lifecycle.lock(journalist)
    ensure(perms.can_edit_journalist(by, journalist))
    if journalist.email:
        journalist.forgotten_email_hash = email_hash(journalist.email)
    journalist.name = ""
    journalist.email = journalist.phone = journalist.mobile = journalist.beats = ""
    journalist.source = ""
    journalist.forgotten_at = clock.now()
    journalist.opted_out_at = journalist.opted_out_at or journalist.forgotten_at
    journalist.save()
    AnswerMail.objects.filter(inquiry__journalist=journalist).update(to_address="")
    record(by=by, verb="journalist_forget", target=journalist)
    return journalist
