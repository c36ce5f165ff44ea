"""Refuse webhook URLs that would make Pauta call into its own network (SSRF)."""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _is_private(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved
            or ip.is_multicast or ip.is_unspecified)


def resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise ValidationError(_("The host of this URL cannot be resolved.")) from exc
    return sorted({info[4][0] for info in infos})


def check_url(url: str) -> None:
    """Raise ValidationError unless ``url`` is http(s) to public addresses (or allowed)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError({"url": _("Use an http or https URL.")})
    if getattr(settings, "WEBHOOKS_ALLOW_PRIVATE", False):
        return
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        addresses = resolve(parts.hostname, port)
    except ValidationError as exc:
        raise ValidationError({"url": exc.messages}) from exc
    if not addresses or any(_is_private(a) for a in addresses):
        raise ValidationError({"url": _(
            "This URL points to a private, loopback or link-local address; webhooks may "
            "only call public addresses.")})
