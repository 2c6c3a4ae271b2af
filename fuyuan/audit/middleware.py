"""Record every permission denial in the audit trail; establish the client's address once, from trusted proxies only."""

import functools
import ipaddress

from django.conf import settings
from django.core.exceptions import PermissionDenied

from .services import record_event


class PermissionDeniedAuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            user = request.user if request.user.is_authenticated else None
            record_event("permission_denied", request=request, actor=user, target=user)
        return None


class ClientAddressMiddleware:
    """The client's address, trusted from X-Forwarded-For only when the peer is one of TRUSTED_PROXIES.

    Runs first: REMOTE_ADDR becomes the validated client address (what auditlog, axes and the audit trail
    read), the socket's peer is kept in META["FUYUAN_PEER_ADDR"], and the forwarded header is removed so
    that nothing downstream can read an unchecked value. A forged or malformed header is ignored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    @property
    def proxies(self):
        return _networks(tuple(settings.TRUSTED_PROXIES))

    def __call__(self, request):
        peer = _valid_ip(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"
        forwarded = request.META.pop("HTTP_X_FORWARDED_FOR", "")
        request.META.pop("HTTP_X_REAL_IP", None)
        request.META["FUYUAN_PEER_ADDR"] = peer
        request.META["REMOTE_ADDR"] = self.client(peer, forwarded)
        return self.get_response(request)

    def client(self, peer, forwarded):
        """Walk the forwarded chain from the nearest hop; the first address not a trusted proxy is the client."""
        if not self._trusted(peer):
            return peer
        for hop in reversed([h.strip() for h in forwarded.split(",")[:20]]):
            address = _valid_ip(hop)
            if address is None:
                return peer  # a malformed chain proves nothing beyond the proxy itself
            if not self._trusted(address):
                return address
        return peer

    def _trusted(self, address):
        ip = ipaddress.ip_address(address)
        return any(ip in network for network in self.proxies)


@functools.cache
def _networks(proxies):
    return [ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip()]


def _valid_ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None
