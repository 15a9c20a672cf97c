"""A site's SSO secret: made once, shown to its operator, rotated with 30 days of overlap.

The site's backend signs its users' tokens with it (HS256), so the server must read it back:
it is kept sealed (core/sealing.py), never in clear, so a database dump alone reveals nothing.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from widget import storage
from widget.core.sealing import seal, unseal
from widget.storage.models import Site, utcnow

SEAL_PURPOSE = "sso-secret"
ROTATION_OVERLAP = timedelta(days=30)


@dataclass(frozen=True)
class SsoSecrets:
    """What the operator sees: the current secret and, during the overlap, the previous."""

    current: str
    created_at: datetime | None
    previous: str | None = None
    previous_until: datetime | None = None


def new_secret() -> str:
    return secrets.token_urlsafe(32)  # 256 bits: HS256 wants at least 32 bytes


def secrets_of(site: Site, now: datetime | None = None) -> SsoSecrets | None:
    """The site's secrets in clear (None before the first), for its operator."""
    if not site.sso_secret:
        return None
    now = now or utcnow()
    previous = None
    if site.sso_previous_secret and site.sso_previous_until and site.sso_previous_until > now:
        previous = unseal(SEAL_PURPOSE, site.sso_previous_secret)
    return SsoSecrets(
        unseal(SEAL_PURPOSE, site.sso_secret),
        site.sso_created_at,
        previous,
        site.sso_previous_until if previous else None,
    )


def ensure_secret(site: Site, rotate: bool = False) -> SsoSecrets:
    """The site's secrets, making the first one (or, with `rotate`, a new one whose
    predecessor stays valid for ROTATION_OVERLAP); commits when it changed something."""
    if site.sso_secret and not rotate:
        return secrets_of(site)  # type: ignore[return-value]
    now = utcnow()
    if site.sso_secret:
        site.sso_previous_secret = site.sso_secret
        site.sso_previous_until = now + ROTATION_OVERLAP
    site.sso_secret = seal(SEAL_PURPOSE, new_secret())
    site.sso_created_at = now
    storage.commit()
    return secrets_of(site, now)  # type: ignore[return-value]


def verification_keys(sealed: tuple[tuple[str, datetime | None], ...]) -> list[str]:
    """The secrets a token may be signed with now: each sealed one whose date has not passed."""
    now = utcnow()
    return [unseal(SEAL_PURPOSE, value) for value, until in sealed if until is None or until > now]
