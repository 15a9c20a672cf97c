"""The SSRF guard: which URLs an endpoint may have, and which addresses a delivery may reach.

Checked twice: the URL when an endpoint is added (https only, no address literal of a
private range), and the host's addresses at every delivery, resolved once; the delivery
then connects to an address that passed (transport.py), so a DNS answer that changes
between the check and the connection (rebinding) cannot send it elsewhere.
`WIDGET_WEBHOOK_ALLOW_PRIVATE=1` lifts both (a receiver on the same machine or network).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from widget.i18n import gettext as _

MAX_URL_LENGTH = 2048
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # a v4 address inside a v6 one, translated
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class Refused(ValueError):
    """A URL or an address a webhook may not reach; the message says why."""


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, 6to4, Teredo, NAT64), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def forbidden(ip: IPAddress) -> str | None:
    """Why a webhook may not reach this address (None: it is a public unicast address)."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None and (why := forbidden(inner)):
            return f"{why} inside {ip}"
    for name, test in (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("unspecified", ip.is_unspecified),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("not public", not ip.is_global),
    ):
        if test:
            return f"{ip} is a {name} address" if name != "not public" else f"{ip} is not public"
    return None


def check_url(url: str, allow_private: bool) -> str:
    """The endpoint URL as stored, or Refused saying what is wrong with it."""
    url = (url or "").strip()
    if not url or len(url) > MAX_URL_LENGTH:
        raise Refused(_("Give the endpoint's URL (at most {n} characters).", n=MAX_URL_LENGTH))
    if any(ord(c) < 33 or ord(c) == 127 for c in url):
        raise Refused(_("The URL may not contain spaces or control characters."))
    parts = urlsplit(url)
    schemes = ("https", "http") if allow_private else ("https",)
    if parts.scheme not in schemes:
        if allow_private:
            raise Refused(_("The URL must start with https:// or http://."))
        raise Refused(
            _(
                "The URL must start with https:// "
                "(http:// only with WIDGET_WEBHOOK_ALLOW_PRIVATE=1)."
            )
        )
    if parts.username is not None or parts.password is not None:
        raise Refused(_("Put no user name or password in the URL; the signature authenticates."))
    if parts.fragment:
        raise Refused(_("The URL may not have a #fragment."))
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number in range
    except ValueError as exc:
        raise Refused(_("The URL's port is not a valid number.")) from exc
    host = parts.hostname
    if not host:
        raise Refused(_("The URL names no host."))
    if not allow_private:
        if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
            raise Refused(_("{host} is not a public host name.", host=host))
        literal = _literal(host)
        if literal is not None and (why := forbidden(literal)):
            raise Refused(_("Refused: {reason}.", reason=why))
    return url


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return None


def resolve(host: str, port: int, allow_private: bool) -> list[str]:
    """The host's addresses a delivery may connect to, from one lookup; Refused when none.

    Every address is checked; any that is not public refuses the delivery (a host that
    answers with an internal address is not trusted with its other answers either).
    """
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise Refused(f"cannot resolve {host}: {exc}") from exc
    addresses = list(dict.fromkeys(str(answer[4][0]) for answer in answers))
    if not allow_private:
        for address in addresses:
            why = forbidden(ipaddress.ip_address(address.split("%", 1)[0]))
            if why:
                raise Refused(f"refused: {host} resolves to {address}: {why}")
    if not addresses:
        raise Refused(f"cannot resolve {host}: no address")
    return addresses
