"""Refuse webhook URLs that would make Pauta call into its own network (SSRF): only global
unicast addresses are allowed."""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# NAT64 (RFC 6052): 64:ff9b::a.b.c.d reaches the IPv4 address a.b.c.d through a gateway.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Deprecated IPv4-compatible addresses (::a.b.c.d); Python counts them as global.
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def _embedded_ipv4(ip):
    """The IPv4 address an IPv6 address stands for (mapped, 6to4, NAT64), if any."""
    if ip.version != 6:
        return None
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_refused(address: str) -> bool:
    """Anything but a global unicast address: private, loopback, link-local, shared (CGNAT,
    100.64.0.0/10), benchmarking, documentation, reserved, unspecified and multicast ranges,
    and IPv6 forms that carry such an IPv4 address (``::ffff:127.0.0.1``); Teredo too."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return True
    if ip.version == 6 and (ip.teredo or ip in _IPV4_COMPATIBLE):
        return True
    embedded = _embedded_ipv4(ip)
    if embedded is not None and is_refused(str(embedded)):
        return True
    return not ip.is_global or ip.is_multicast


def resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise ValidationError(_("The host of this URL cannot be resolved.")) from exc
    return sorted({info[4][0] for info in infos})


# Why a URL may not be fetched (``refusal``); each caller says it in its own words.
SCHEME, UNRESOLVED, PRIVATE = "scheme", "unresolved", "private"


def refusal(url: str, *, allowed_hosts=(), allow_private: bool = False) -> str | None:
    """Why Pauta may not call ``url`` (``SCHEME``: not http(s) with a host; ``UNRESOLVED``:
    its host has no address; ``PRIVATE``: an address that is not public), or None when it
    may: http(s) to a host in ``allowed_hosts``, to anything with ``allow_private``, else to
    public addresses only. The one check of the webhooks, the clipping fetch and the proof of
    publication."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return SCHEME
    if allow_private or parts.hostname.lower() in {h.lower() for h in allowed_hosts}:
        return None
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        addresses = resolve(parts.hostname, port)
    except ValidationError:
        return UNRESOLVED
    if not addresses or any(is_refused(a) for a in addresses):
        return PRIVATE
    return None


def check_url(url: str) -> None:
    """Raise ValidationError unless ``url`` is http(s) to public addresses (or allowed)."""
    reason = refusal(url, allow_private=getattr(settings, "WEBHOOKS_ALLOW_PRIVATE", False))
    if reason == SCHEME:
        raise ValidationError({"url": _("Use an http or https URL.")})
    if reason == UNRESOLVED:
        raise ValidationError({"url": _("The host of this URL cannot be resolved.")})
    if reason == PRIVATE:
        raise ValidationError({"url": _(
            "This URL points to an address that is not public (private, loopback, link-local, "
            "shared or reserved); webhooks may only call public addresses.")})
