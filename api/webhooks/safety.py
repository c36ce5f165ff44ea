"""Refuse webhook URLs that would make Pauta call into its own network (SSRF): only global
unicast addresses are allowed."""

import http.client
import ipaddress
import socket
import urllib.request
from urllib.parse import urlsplit

import urllib3
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


# DNS rebinding: ``refusal`` resolves the host, then the HTTP library resolves it again to
# connect, and a hostile DNS server can answer a public address the first time and 127.0.0.1
# the second. So the address actually connected to is checked too, on the socket, before a
# byte is sent (TLS included): a refused peer closes the connection with ``RefusedPeer``.


class RefusedPeer(OSError):
    """The connection reached an address that is not public (caught as a network error)."""


def _check_peer(sock, host: str, *, allowed_hosts, allow_private) -> None:
    if allow_private or (host or "").lower() in {h.lower() for h in allowed_hosts}:
        return
    peer = sock.getpeername()[0]
    if is_refused(peer):
        sock.close()
        raise RefusedPeer(f"{host} connected to a non-public address ({peer})")


def guarded_opener(*handlers, allow_private=lambda: False) -> urllib.request.OpenerDirector:
    """``urllib.request.build_opener(*handlers)`` whose HTTP(S) connections refuse a peer
    that is not public (``allow_private()`` is read at each connection: a setting)."""

    def guarded(base):
        class Connection(base):
            def connect(self):
                create = self._create_connection

                def checked(address, *args, **kwargs):
                    sock = create(address, *args, **kwargs)
                    _check_peer(sock, self.host, allowed_hosts=(),
                                allow_private=allow_private())
                    return sock

                self._create_connection = checked
                try:
                    super().connect()
                finally:
                    self._create_connection = create
        return Connection

    http_class = guarded(http.client.HTTPConnection)
    https_class = guarded(http.client.HTTPSConnection)

    class HTTPHandler(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(http_class, req)

    class HTTPSHandler(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(https_class, req, context=self._context,
                                check_hostname=self._check_hostname)

    return urllib.request.build_opener(*handlers, HTTPHandler, HTTPSHandler)


def guarded_pool(*, allowed_hosts=(), **kwargs) -> urllib3.PoolManager:
    """A ``urllib3.PoolManager`` whose connections refuse a peer that is not public, unless
    the URL's host is in ``allowed_hosts`` (the clipping fetch and the proof of publication)."""

    def guarded(base):
        class Connection(base):
            def _new_conn(self):
                sock = super()._new_conn()
                _check_peer(sock, self.host, allowed_hosts=allowed_hosts, allow_private=False)
                return sock
        return Connection

    class HTTPPool(urllib3.HTTPConnectionPool):
        ConnectionCls = guarded(urllib3.connection.HTTPConnection)

    class HTTPSPool(urllib3.HTTPSConnectionPool):
        ConnectionCls = guarded(urllib3.connection.HTTPSConnection)

    pool = urllib3.PoolManager(**kwargs)
    pool.pool_classes_by_scheme = {"http": HTTPPool, "https": HTTPSPool}
    return pool
