"""Personal API tokens: create (shown once), revoke, look up by hash."""

import hashlib
import hmac
import secrets

from django.db import transaction
from django.utils.translation import gettext as _

from api import permissions as perms
from api.models import ApiToken
from audit.services import record
from pauta import clock
from workflows.errors import TransitionRefused
from workflows.services import ensure

PREFIX = "pauta_"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def token_create(*, by, name: str) -> tuple[ApiToken, str]:
    """Make a token for the acting person; returns it and its secret text (shown once)."""
    ensure(perms.can_create_token(by))
    name = (name or "").strip()
    if not name:
        raise TransitionRefused({"name": _("Give the token a name, e.g. the system using it.")})
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=by, name=name[:100], prefix=secret[:12],
                                    token_hash=hash_token(secret))
    record(by=by, verb="api_token_create", target=token, payload={"name": token.name})
    return token, secret


@transaction.atomic
def token_revoke(*, token: ApiToken, by) -> ApiToken:
    """Revoke for good: the next call with it answers 401."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    ensure(perms.can_manage_token(by, token))
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
        record(by=by, verb="api_token_revoke", target=token)
    return token


def token_user(secret: str):
    """(user, token) for a live token of an active person, else None."""
    digest = hash_token(secret)
    token = (ApiToken.objects.select_related("user")
             .filter(token_hash=digest, revoked_at__isnull=True).first())
    if token is None or not hmac.compare_digest(token.token_hash, digest):
        return None
    if not token.user.is_active:
        return None
    return token.user, token


def token_touch(token: ApiToken) -> None:
    """Remember the last use (at most once a minute, so reads stay reads)."""
    now = clock.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
