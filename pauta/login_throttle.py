"""django-axes behind a reverse proxy: the client's address, and the lock-out page.

Behind the README's nginx every request comes from 127.0.0.1, so locking by username and
``REMOTE_ADDR`` let anyone lock any person out. The client's address is read from
``X-Forwarded-For`` only when the request comes from a trusted proxy (``TRUSTED_PROXIES``):
walking the header from the right, the first address that is not a trusted proxy is the
client. Entries to the left of it were written by the client and are never believed.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.shortcuts import render


@lru_cache(maxsize=8)
def _networks(trusted: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in trusted if item)


def _address(value: str):
    try:
        return ipaddress.ip_address(value.strip().split("%", 1)[0])
    except ValueError:
        return None


def _trusted(address) -> bool:
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    return address is not None and any(
        address.version == net.version and address in net for net in networks)


def client_ip(request) -> str:
    """The address of the client as the nearest untrusted hop saw it (AXES_CLIENT_IP_CALLABLE)."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not _trusted(_address(remote)):
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:  # not written by a proxy we trust: stop believing the header
            return remote
        if not _trusted(address):
            return str(address)
    return remote


def lockout_response(request, original_response=None, credentials=None):
    """The lock-out page in the site's layout, translated, with status 429."""
    cooloff = getattr(settings, "AXES_COOLOFF_TIME", None)
    minutes = max(1, round(float(cooloff) * 60)) if cooloff else None
    return render(request, "registration/locked_out.html",
                  {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
                  status=429)
