"""Who sent a request, as the use cases need it: one value, built once by the handler."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from functools import cached_property

from .keys import keyed_hash

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def network_of(address: Address | None, prefix_v4: int, prefix_v6: int) -> str:
    """`address` truncated to its network, or "unknown" without an address."""
    if address is None:
        return "unknown"
    prefix = prefix_v4 if address.version == 4 else prefix_v6
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


@dataclass(frozen=True)
class Client:
    """The client of one request. Only `network` (truncated) and `key` (hashed) are stored.

    The derived values are worked out once per request (a post asks for each several times).
    """

    address: Address | None
    user_agent: str = ""
    referrer: str = ""
    # The language its messages are answered in (en or es).
    language: str = "en"
    # What the browser prefers (Accept-Language's best), for the external spam checker.
    browser_language: str = ""

    @cached_property
    def network(self) -> str:
        """The address truncated (IPv4 /24, IPv6 /48): all moderators ever see."""
        return network_of(self.address, 24, 48)

    @cached_property
    def limit_key(self) -> str:
        """Who a limit counts: one IPv4 address, or one IPv6 /64 (one subscriber)."""
        return network_of(self.address, 32, 64)

    @cached_property
    def key(self) -> str:
        """A keyed hash of `limit_key`, stored with each comment for exact limits."""
        return keyed_hash("client", self.limit_key)


def truncate_address(value: str | None) -> str:
    """Any written address (an import's) truncated exactly as a live client's is."""
    try:
        address = ipaddress.ip_address((value or "").strip())
    except ValueError:
        return "unknown"
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return network_of(address, 24, 48)
